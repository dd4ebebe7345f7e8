import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import renderer from './vite.renderer.config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * `npm run build`: the Electron app into out/ (main → out/main, preload → out/preload, renderer → out/renderer).
 * The renderer section reuses vite.renderer.config.ts (the browser-mode build) so both hosts ship the same bundle.
 */
export default defineConfig({
  main: {
    build: {
      lib: { entry: here('./electron/main/index.ts') },
      outDir: here('./out/main'),
    },
  },
  preload: {
    build: {
      // A sandboxed preload is not loaded by Node's module loader: it must be one self-contained CommonJS file
      // that requires nothing but 'electron'. package.json has "type": "module", hence the explicit .cjs name.
      lib: { entry: here('./electron/preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
      outDir: here('./out/preload'),
      externalizeDeps: false,
    },
  },
  renderer: {
    ...renderer,
    build: {
      ...renderer.build,
      outDir: here('./out/renderer'),
      // electron-vite leaves the renderer unminified by default; browser mode (plain vite build) minifies.
      minify: renderer.build?.minify ?? true,
      // electron-vite looks for <project>/src/renderer/index.html unless told; ours is renderer/index.html. The
      // chunking of the browser-mode build is kept.
      rolldownOptions: { ...renderer.build?.rolldownOptions, input: here('./renderer/index.html') },
    },
  },
});
