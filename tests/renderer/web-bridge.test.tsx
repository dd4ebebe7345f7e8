// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/main/csp';

// The bridge itself (one-time code, tab id, keepalive) is tested in tests/main/web/web-bridge.test.ts.
describe('renderer/index.html', () => {
  it('carries the Content-Security-Policy of the hosts (less frame-ancestors, which only works as a header)', () => {
    const html = readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy('self', { forMetaTag: true }));
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
