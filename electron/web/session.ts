import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { WEB_EXCHANGE_PATH, WEB_TAB_HEADER } from '../shared/ipc/channels';
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { syncDir, tempNameFor } from '../main/storage/durable-fs';

/**
 * Browser mode's credentials. The address printed at launch carries a one-time code (`#token=…`); the page trades
 * it once (POST WEB_EXCHANGE_PATH) for a cookie that never appears in a URL. The cookie names the browser
 * (`browserId`), signed with a key kept in the data folder, so a page left open still works after a restart of the
 * server. Each tab adds its own random id (WEB_TAB_HEADER); the connection, and so the sign-in, is per tab:
 * `web:<browserId>#<tabId>` (see auth/sign-ins.ts deskOf).
 *
 * The renderer (renderer/src/api/web-bridge.ts) repeats these names; tests/main/web/ checks that they agree.
 */

export const WEB_COOKIE_NAME = 'workstation_browser';
/** The file in the data folder holding the cookie-signing key. */
export const SESSION_KEY_FILE = 'web-session.key';

/** 128 bits as 32 lower-case hex digits (the renderer makes it with crypto.getRandomValues). */
const TAB_ID = /^[0-9a-f]{32}$/;
const BROWSER_ID = /^[A-Za-z0-9_-]{22}$/;
/** A launch token given in MEDIATION_WEB_TOKEN must be at least this long. */
export const MIN_TOKEN_LENGTH = 16;
const KEY_BYTES = 32;

export function isTabId(value: unknown): value is string {
  return typeof value === 'string' && TAB_ID.test(value);
}

/**
 * The launch code for this process: MEDIATION_WEB_TOKEN when set (tests), else 24 random bytes. An empty or short
 * one is refused with a message in Chinese rather than letting a guessable code open the workstation.
 */
export function launchToken(fromEnv: string | undefined): { ok: true; token: string } | { ok: false; message: string } {
  if (fromEnv === undefined) return { ok: true, token: randomBytes(24).toString('base64url') };
  if (fromEnv.trim().length < MIN_TOKEN_LENGTH || /[\s#&]/.test(fromEnv)) {
    return { ok: false, message: `环境变量 MEDIATION_WEB_TOKEN 无效：启动码至少需要 ${MIN_TOKEN_LENGTH} 个字符，且不能含空白、# 或 &。请删除该变量（将自动生成随机启动码）或设置足够长的值。` };
  }
  return { ok: true, token: fromEnv };
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Launch codes of this process: each is good for one exchange, and a used one is never good again. */
export class LaunchCodes {
  private readonly valid: string[] = [];
  private readonly used = new Set<string>();

  constructor(first?: string) {
    if (first !== undefined) this.add(first);
  }

  add(code: string): void {
    if (code.length >= MIN_TOKEN_LENGTH && !this.used.has(code)) this.valid.push(code);
  }

  /** A fresh random code (e.g. to print for another browser once the first was used). */
  issue(): string {
    const code = randomBytes(24).toString('base64url');
    this.add(code);
    return code;
  }

  /** Uses a code up: true only the first time a valid code is given. */
  take(given: unknown): boolean {
    if (typeof given !== 'string' || given.length === 0 || given.length > 256) return false;
    // Compare against every code (constant time per code) before deciding.
    let found = -1;
    this.valid.forEach((code, i) => {
      if (equal(code, given)) found = i;
    });
    if (found < 0) return false;
    this.used.add(this.valid[found]!);
    this.valid.splice(found, 1);
    return true;
  }
}

/** Signs browser ids with the data folder's key. */
export class BrowserCookies {
  constructor(private readonly key: Buffer) {}

  private mac(browserId: string): string {
    return createHmac('sha256', this.key).update(`browser:${browserId}`).digest('base64url');
  }

  /** A new browser: its id and the cookie value naming it. */
  issue(): { browserId: string; value: string } {
    const browserId = randomBytes(16).toString('base64url');
    return { browserId, value: `${browserId}.${this.mac(browserId)}` };
  }

  /** The browser id in a request's Cookie header, or null when there is none or its signature is wrong. */
  browserIdFrom(cookieHeader: string | undefined): string | null {
    if (typeof cookieHeader !== 'string') return null;
    for (const part of cookieHeader.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0 || part.slice(0, eq).trim() !== WEB_COOKIE_NAME) continue;
      const value = part.slice(eq + 1).trim();
      const dot = value.indexOf('.');
      if (dot < 0) continue;
      const browserId = value.slice(0, dot);
      if (!BROWSER_ID.test(browserId)) continue;
      if (equal(this.mac(browserId), value.slice(dot + 1))) return browserId;
    }
    return null;
  }

  /** Set-Cookie: HttpOnly, SameSite=Strict, whole site, no Expires (gone when the browser closes). */
  static header(value: string): string {
    return `${WEB_COOKIE_NAME}=${value}; Path=/; HttpOnly; SameSite=Strict`;
  }
}

/**
 * The cookie-signing key, from `<dataDir>/web-session.key`, created on first use (owner-only, written to a temp
 * file, fsynced, renamed, directory fsynced). A missing, short or torn file is replaced: that only signs out the
 * browsers, which exchange a new launch code.
 */
export async function loadSessionKey(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, SESSION_KEY_FILE);
  try {
    const key = await fs.readFile(file);
    if (key.length === KEY_BYTES) return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(KEY_BYTES);
  const tmp = tempNameFor(file);
  const handle = await fs.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(key);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.unlink(tmp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.unlink(tmp).catch(() => undefined);
    throw error;
  }
  await syncDir(dataDir);
  return key;
}

