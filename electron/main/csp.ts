/**
 * Content Security Policy for the renderer, the same in both hosts: only the app's own scripts, no eval, no
 * remote content; Mantine injects style tags, hence 'unsafe-inline' for styles only. `connect` lists where
 * API calls may go (browser mode posts to its own origin; Electron uses IPC and needs none).
 */
export function contentSecurityPolicy(connect: 'self' | 'none', opts: { forMetaTag?: boolean } = {}): string {
  const directives = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect === 'self' ? "'self'" : "'none'"}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ];
  // Browsers ignore (and log an error for) frame-ancestors in a <meta> tag; the hosts send it as a header.
  return (opts.forMetaTag ? directives.filter((d) => !d.startsWith('frame-ancestors')) : directives).join('; ');
}
