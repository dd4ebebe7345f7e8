import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The CSP meta in index.html is the production policy (script-src 'self', no inline scripts). Vite's dev server
 * needs an inline React-refresh preamble, so the meta is dropped when serving only; built output keeps it.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'mediation:dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

/**
 * The renderer bundle, shared by both hosts: Electron loads it from disk, browser mode serves it over http.
 * `base: './'` keeps every asset URL relative so that both work.
 */
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react(), devWithoutCsp()],
  build: {
    outDir: here('./out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    // Screens are loaded when first opened (renderer/src/app/pages.ts). Left to itself the bundler cut what the
    // screens share into dozens of tiny chunks (a screen took 28 requests); instead: what the first screen needs
    // (sign-in, setup, the layout) in the entry, the libraries and the app code the screens share in one chunk each,
    // and every screen's own code (with signature_pad for signing, pdf.js on its own) in its chunk.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'start', tags: ['$initial'], priority: 3 },
            { name: 'ui', test: (id: string) => /node_modules/.test(id) && !/pdfjs-dist|signature_pad/.test(id), priority: 2 },
            { name: 'shared', test: /renderer[\\/]src|electron[\\/]shared|templates/, minShareCount: 2, priority: 1 },
          ],
        },
      },
    },
  },
  // pdf.js's worker (renderer/src/lib/pdfjs.ts) is bundled as an ES module worker: a plain `.js` file next to the app
  // that both hosts serve as JavaScript (browser mode's server knows no `.mjs`) and the CSP's script-src 'self' allows.
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
