import { randomBytes } from 'node:crypto';
import { type Page, expect } from '@playwright/test';
import type { AppServer } from '../app-server';

/** The first administrator every e2e spec creates at setup (she also does every kind of case work). */
export const E2E_ADMIN = { name: '王建国', loginName: 'wangjg', password: 'Qingshan-2026' } as const;

/**
 * An API call from the test, made as the person signed in at `page`'s tab (its cookie and tab id). A call the policy
 * table asks the password for (REAUTH_REQUIRED) gets the administrator's, like the renderer's modal would.
 */
export async function apiAs<T = unknown>(page: Page, server: AppServer, method: string, input?: unknown, password: string = E2E_ADMIN.password): Promise<T> {
  const post = async (m: string, i: unknown) => {
    const res = await page.request.post(`${server.origin}/api/${m}`, { headers: await server.apiHeaders(page), data: i === undefined ? {} : { input: i } });
    return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  };
  let body = await post(method, input);
  if (!body.ok && body.error?.code === 'REAUTH_REQUIRED') {
    const reauth = await post('auth:reauth', { password });
    expect(reauth.ok, `auth:reauth: ${JSON.stringify(reauth.error)}`).toBe(true);
    body = await post(method, input);
  }
  expect(body.ok, `${method}: ${JSON.stringify(body.error)}`).toBe(true);
  return body.value as T;
}

let reviewerCount = 0;
/**
 * 四眼审核 (on by default): the agreement drafted at `page` is approved by a second legal advisor, made by the
 * administrator and signed in on a tab of her own (a fresh tab id with the same browser cookie), through the API.
 */
export async function approveAsSecondAdvisor(page: Page, server: AppServer, caseId: string, revision: number): Promise<void> {
  const loginName = `reviewer${++reviewerCount}`;
  const first = 'Shencha-2026a';
  const password = 'Shencha-2026b';
  await apiAs(page, server, 'staff:create', { name: '郑审核', loginName, roles: ['legal_advisor'], password: first });
  const { cookie } = await server.apiHeaders(page);
  // A tab id of her own (32 hex digits, as the renderer makes them): her own connection, her own sign-in.
  const headers = { 'x-workstation-tab': randomBytes(16).toString('hex'), cookie: cookie! };
  const send = async (method: string, input: unknown) => {
    const res = await page.request.post(`${server.origin}/api/${method}`, { headers, data: { input } });
    return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
  };
  const post = async (method: string, input: unknown, current: string) => {
    let body = await send(method, input);
    // Approving asks her password again (the policy table's reauth), as the renderer's dialog would.
    if (!body.ok && body.error?.code === 'REAUTH_REQUIRED') {
      expect((await send('auth:reauth', { password: current })).ok).toBe(true);
      body = await send(method, input);
    }
    expect(body.ok, `${method}: ${JSON.stringify(body.error)}`).toBe(true);
    return body.value as { mustChangePassword?: boolean };
  };
  const signedIn = await post('auth:sign-in', { loginName, password: first }, first);
  if (signedIn.mustChangePassword) await post('auth:change-password', { currentPassword: first, newPassword: password }, first);
  await post('agreements:review', { caseId, revision, decision: 'approved', comment: '' }, password);
}
