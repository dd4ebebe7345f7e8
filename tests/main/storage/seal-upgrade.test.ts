/**
 * A data folder from before encryption (records in clear, no keyring): the first administrator's sign-in makes the
 * key and the recovery key and seals the folder in place, file by file, with progress; an interrupted run resumes.
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSealed } from '../../../electron/main/crypto/sealing';
import { sealFolder } from '../../../electron/main/services/keys';
import type { Workstation } from '../../../electron/main/services/workstation';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { ADMIN_PASSWORD, SETUP, addStaff, call, callError, callRaw, makeTempDir, openWorkstation, removeDir, setUp, signInAs, storeFiles } from '../../fixtures/workstation';

let dir = '';
const opened: Workstation[] = [];
async function open(): Promise<Workstation> {
  const ws = await openWorkstation(dir);
  opened.push(ws);
  return ws;
}
beforeEach(async () => {
  dir = await makeTempDir('seal-upgrade-');
});
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close().catch(() => undefined);
  await removeDir(dir);
});

async function files(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(root)) {
    const full = path.join(root, name);
    if ((await stat(full)).isDirectory()) out.push(...(await files(full)));
    else out.push(full);
  }
  return out;
}

/** A folder as the version before encryption left it: the same records in clear, a settings file of version 3. */
async function plaintextFolder(): Promise<{ caseNumber: string; idNumber: string; clerkLogin: string }> {
  const ws = await open();
  await setUp(ws);
  const clerk = await addStaff(ws, { name: '陈晓东', roles: ['clerk'] });
  const input = roadTrafficCaseInput();
  const created = await call(ws, 'cases:create', input);
  await call(ws, 'drafts:save', { data: { note: '草稿' } });
  const sealedFiles = storeFiles(ws);
  await ws.close();
  for (const file of await files(dir)) {
    const bytes = await readFile(file);
    if (isSealed(bytes)) await writeFile(file, await sealedFiles.read(file));
  }
  const state = JSON.parse(await readFile(path.join(dir, 'workstation.json'), 'utf8')) as Record<string, unknown> & { credentials: Record<string, Record<string, unknown>> };
  for (const c of Object.values(state.credentials)) delete c.dataKey;
  delete state.keyring;
  await writeFile(path.join(dir, 'workstation.json'), JSON.stringify({ ...state, schemaVersion: 3 }));
  await writeFile(path.join(dir, 'workstation.json.1'), JSON.stringify({ ...state, schemaVersion: 3 }));
  return { caseNumber: created.caseNumber, idNumber: (input.parties[0] as { idNumber: string }).idNumber, clerkLogin: clerk.loginName };
}

describe('sealing a folder from before encryption', () => {
  it('only an administrator starts it; it seals every record with progress, shows the recovery key once, and the data reads as before', async () => {
    const { caseNumber, idNumber, clerkLogin } = await plaintextFolder();
    expect((await files(dir)).some((f) => f.endsWith('case.json'))).toBe(true);
    const ws = await open();
    // The clerk cannot start it.
    const refused = await callError(ws, 'auth:sign-in', { loginName: clerkLogin, password: 'Chushi-mima-01' });
    expect(refused).toMatchObject({ code: 'SIGN_IN_FAILED', message: expect.stringContaining('须先由中心管理员登录完成加密升级') });
    const signedIn = await call(ws, 'auth:sign-in', { loginName: SETUP.loginName, password: ADMIN_PASSWORD });
    expect(signedIn.recoveryKey).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
    const during = await call(ws, 'app:info');
    expect(during.dataSealing === null || during.dataSealing.total >= 0).toBe(true);
    await ws.whenSealed();
    expect((await call(ws, 'app:info')).dataSealing).toBeNull();
    const list = await call(ws, 'cases:list', { page: 1, pageSize: 5 });
    expect(list.items.map((i) => i.caseNumber)).toEqual([caseNumber]);
    expect((await call(ws, 'drafts:get'))?.data).toEqual({ note: '草稿' });
    // Nothing of a visitor in clear any more.
    for (const file of await files(dir)) expect((await readFile(file)).includes(Buffer.from(idNumber)), file).toBe(false);
    expect(ws.state.data.keyring?.sealedAt).toBeTruthy();
    // And the clerk, signing in after, gets a wrap of their own (the key is held).
    expect((await callRaw(ws, 'auth:sign-in', { loginName: clerkLogin, password: 'Chushi-mima-01' }, 'window-2')).ok).toBe(true);
  });

  it('an interrupted run (some files sealed, the rest in clear) resumes at the next administrator sign-in', async () => {
    const { caseNumber } = await plaintextFolder();
    // The first run: keys made and durable, then the process stops after sealing part of the folder.
    let ws = await open();
    await call(ws, 'auth:sign-in', { loginName: SETUP.loginName, password: ADMIN_PASSWORD });
    await ws.whenSealed();
    const key = ws.heldKey();
    await ws.close();
    // Put half of the files back in clear and the mark back to "not sealed" (as a crash midway leaves it).
    const sealedFiles = storeFiles(ws);
    // (The clean-close mark is not a record: the next open takes it away.)
    const records = (await files(dir)).filter((f) => /[\\/]cases[\\/]|[\\/]index[\\/]/.test(f) && !f.endsWith('closed-cleanly'));
    for (const [i, file] of records.entries()) if (i % 2 === 0) await writeFile(file, await sealedFiles.read(file));
    const state = JSON.parse(await readFile(path.join(dir, 'workstation.json'), 'utf8')) as { keyring: { sealedAt: string | null } };
    state.keyring.sealedAt = null;
    await writeFile(path.join(dir, 'workstation.json'), JSON.stringify(state));
    await writeFile(path.join(dir, 'workstation.json.1'), JSON.stringify(state));
    ws = await open();
    const again = await call(ws, 'auth:sign-in', { loginName: SETUP.loginName, password: ADMIN_PASSWORD });
    expect(again.recoveryKey).toBeUndefined(); // the key and the recovery key are the ones already made
    await ws.whenSealed();
    expect(ws.heldKey().equals(key)).toBe(true);
    expect((await call(ws, 'cases:list', { page: 1, pageSize: 5 })).items.map((i) => i.caseNumber)).toEqual([caseNumber]);
    for (const file of records) expect(isSealed(await readFile(file)), file).toBe(true);
    // Progress is reported file by file.
    const seen: number[] = [];
    await sealFolder(dir, key, (p) => seen.push(p.done));
    expect(seen.at(-1)).toBeGreaterThan(0);
  });
});
