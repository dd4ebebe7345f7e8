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
  },
  // pdf.js's worker (renderer/src/lib/pdfjs.ts) is bundled as an ES module worker: a plain `.js` file next to the app
  // that both hosts serve as JavaScript (browser mode's server knows no `.mjs`) and the CSP's script-src 'self' allows.
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
