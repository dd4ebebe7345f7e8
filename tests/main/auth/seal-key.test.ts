/**
 * The seal key (issue: the seal key only for those who may seal): boxed to the people the policy table lets seal and
 * to the recovery key, opened only by a sealer's password for the one call it confirmed, handed on to new sealers by
 * whoever opens it, taken back from those who may no longer seal; no password or key in clear in the folder.
 */
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Staff } from '../../../electron/shared/domain';
import type { Workstation } from '../../../electron/main/services/workstation';
import { withSealKey } from '../../../electron/main/signing/seal-scope';
import { sealingCertificate } from '../../../electron/main/signing/sealing-certificate';
import { certificateOfP12 } from '../../../electron/main/signing/p12';
import { certificateDer, sha256Hex } from '../../../electron/main/signing/x509';
import { forgeP12 } from '../signing/helpers';
import { listCheckpoints } from '../../../electron/main/services/checkpoints';
import { chinaDateOf } from '../../../electron/shared/format/dates';
import { CHANGED_PASSWORD, STAFF_PASSWORD, addStaff, call, callError, callRaw, makeTempDir, openWorkstation, recoveryKeyOf, removeDir, setUp, signInAs } from '../../fixtures/workstation';

let dir: string;
let ws: Workstation;
let admin: Staff;

beforeEach(async () => {
  dir = await makeTempDir('seal-key-');
  ws = await openWorkstation(dir);
  admin = await setUp(ws);
});
afterEach(async () => {
  await ws.close();
  await removeDir(dir);
});

const holders = () => Object.keys(ws.state.data.keyring?.seal?.boxes ?? {}).sort();

/** Confirms `staff`'s password on `connection` and answers what that call may sign with (as dispatch would). */
async function confirmed(connection: string, password: string) {
  await call(ws, 'auth:reauth', { password }, connection);
  const current = ws.currentSignIn(connection)!;
  const grant = ws.signIns.consumeReauth(current.signIn);
  if (!grant) throw new Error('no fresh confirmation');
  return { staffId: current.staff.id, key: grant.sealKey };
}

async function files(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(root)) {
    const full = path.join(root, name);
    if ((await stat(full)).isDirectory()) out.push(...(await files(full)));
    else out.push(full);
  }
  return out;
}

describe('the seal key', () => {
  it('is made at the first signing, boxed to sealers and the recovery key only; the certificate key is nowhere in clear', async () => {
    const advisor = await addStaff(ws, { name: '王律师', roles: ['legal_advisor'] });
    const mediator = await addStaff(ws, { name: '李调解', roles: ['mediator'] });
    await signInAs(ws, advisor.loginName, 'desk-a');
    await signInAs(ws, mediator.loginName, 'desk-m');
    const held = await confirmed('desk-a', CHANGED_PASSWORD);
    expect(held.key).toBeNull(); // no seal key yet: the first signing makes it
    const cert = await withSealKey(held, () => sealingCertificate(ws));
    // the administrator (also 中心负责人/法律顾问 in the fixture's setup) and the advisor may seal; the mediator may not
    expect(holders()).toEqual(['recovery', `staff:${admin.id}`, `staff:${advisor.id}`].sort());
    expect(holders()).not.toContain(`staff:${mediator.id}`);

    const everything = await Promise.all((await files(dir)).map((f) => readFile(f)));
    for (const bytes of everything) {
      expect(bytes.includes(Buffer.from(cert.password))).toBe(false);
      expect(bytes.includes(cert.p12.subarray(0, 64))).toBe(false);
    }
    // outside a confirmed call nothing signs, whoever asks
    await expect(sealingCertificate(ws)).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    // a mediator's confirmed password opens nothing
    expect((await confirmed('desk-m', CHANGED_PASSWORD)).key).toBeNull();
  });

  it('a new sealer waits for a box, receives it when a holder next confirms, and loses it with the role', async () => {
    const first = await addStaff(ws, { name: '王律师', roles: ['legal_advisor'] });
    await signInAs(ws, first.loginName, 'desk-a');
    await withSealKey(await confirmed('desk-a', CHANGED_PASSWORD), () => sealingCertificate(ws));

    const second = await addStaff(ws, { name: '赵律师', roles: ['legal_advisor'] });
    await signInAs(ws, second.loginName, 'desk-b');
    const waiting = await confirmed('desk-b', CHANGED_PASSWORD);
    expect(waiting.key).toBeNull();
    await expect(withSealKey(waiting, () => sealingCertificate(ws))).rejects.toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('您尚未获得中心签章密钥') });

    // the first advisor confirms her password (for a seal): the key is handed on, audited by name
    expect((await confirmed('desk-a', CHANGED_PASSWORD)).key).not.toBeNull();
    expect(holders()).toContain(`staff:${second.id}`);
    const audit = await readFile(path.join(dir, 'audit', 'workstation.jsonl'), 'utf8');
    expect(audit).toContain('向赵律师发放中心签章密钥');
    const cert = await withSealKey(await confirmed('desk-b', CHANGED_PASSWORD), () => sealingCertificate(ws));
    expect(cert.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);

    // no longer an advisor: the box goes at once
    await call(ws, 'auth:reauth', { password: 'Yiwu-admin-2026' });
    await call(ws, 'staff:set-roles', { id: second.id, roles: ['mediator'] });
    expect(holders()).not.toContain(`staff:${second.id}`);
  });

  it('a changed password keeps the box; a reset one loses it until handed on; the recovery key hands it on', async () => {
    const advisor = await addStaff(ws, { name: '王律师', roles: ['legal_advisor'] });
    await signInAs(ws, advisor.loginName, 'desk-a');
    await withSealKey(await confirmed('desk-a', CHANGED_PASSWORD), () => sealingCertificate(ws));
    await call(ws, 'auth:change-password', { currentPassword: CHANGED_PASSWORD, newPassword: 'Wang-lvshi-2027' }, 'desk-a');
    expect((await confirmed('desk-a', 'Wang-lvshi-2027')).key).not.toBeNull();

    await call(ws, 'auth:reauth', { password: 'Yiwu-admin-2026' });
    await call(ws, 'staff:reset-password', { id: advisor.id, password: STAFF_PASSWORD });
    expect(holders()).not.toContain(`staff:${advisor.id}`);

    // every password forgotten: the administrator recovers with the safe's key, which hands the seal key on
    const recovered = await callRaw(ws, 'auth:recover', { recoveryKey: recoveryKeyOf(ws)!, loginName: 'zhouhy', newPassword: 'Huifu-mima-2026' }, 'desk-r');
    expect(recovered.ok).toBe(true);
    // the advisor's new pair exists from the reset: the recovery sign-in already boxed to it
    expect(holders()).toContain(`staff:${advisor.id}`);
    await call(ws, 'auth:sign-in', { loginName: advisor.loginName, password: STAFF_PASSWORD }, 'desk-a2');
    await call(ws, 'auth:change-password', { currentPassword: STAFF_PASSWORD, newPassword: 'Wang-lvshi-2028' }, 'desk-a2');
    expect((await confirmed('desk-a2', 'Wang-lvshi-2028')).key).not.toBeNull();
  });

  it('an administrator may import a certificate but holds no box; 出具签章文本 is refused to non-sealers by the table', async () => {
    const mediator = await addStaff(ws, { name: '李调解', roles: ['mediator'] });
    await signInAs(ws, mediator.loginName, 'desk-m');
    expect(await callError(ws, 'agreements:issue-signed', { caseId: crypto.randomUUID() }, 'desk-m')).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a certificate from before sealed keys is sealed at the next sign-in: no p12 or password left in clear', async () => {
    const certDir = path.join(dir, 'certificates');
    await mkdir(certDir, { recursive: true });
    const p12 = forgeP12({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2090-01-01T00:00:00Z'), password: 'legacy-pw-123', cn: 'Legacy Seal' });
    const der = certificateDer(certificateOfP12(p12, 'legacy-pw-123'));
    const record = { version: 1, fingerprintSha256: sha256Hex(der), subject: 'CN=Legacy Seal', notBefore: '2020-01-01T00:00:00.000Z', notAfter: '2090-01-01T00:00:00.000Z', source: 'imported', password: 'legacy-pw-123', p12Sha256: sha256Hex(p12), installationId: 'MW-00000000000000AA', savedAt: '2026-05-01T00:00:00.000Z' };
    await writeFile(path.join(certDir, 'center.p12'), p12);
    await writeFile(path.join(certDir, 'center.json'), JSON.stringify(record));
    const advisor = await addStaff(ws, { name: '王律师', roles: ['legal_advisor'] });
    await signInAs(ws, advisor.loginName, 'desk-a');
    expect(await readdir(certDir)).not.toContain('center.p12');
    for (const name of await readdir(certDir)) expect((await readFile(path.join(certDir, name))).includes(Buffer.from('legacy-pw-123')), name).toBe(false);
    const cert = await withSealKey(await confirmed('desk-a', CHANGED_PASSWORD), () => sealingCertificate(ws));
    expect(cert).toMatchObject({ subject: 'CN=Legacy Seal', fingerprintSha256: sha256Hex(der) });
  });
});

describe('workstation.json, authenticated', () => {
  it('a role added to oneself on disk is refused at the next unlock; the recovery key accepts the file, audited', async () => {
    const clerk = await addStaff(ws, { name: '陈登记', roles: ['clerk'] });
    await signInAs(ws, clerk.loginName, 'desk-c');
    const recoveryKey = recoveryKeyOf(ws)!;
    await ws.close();
    const file = path.join(dir, 'workstation.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as { staff: Staff[] };
    doc.staff.find((s) => s.id === clerk.id)!.roles = ['clerk', 'admin', 'legal_advisor'];
    await writeFile(file, JSON.stringify(doc));

    ws = await openWorkstation(dir);
    const refused = await callError(ws, 'auth:sign-in', { loginName: clerk.loginName, password: CHANGED_PASSWORD }, 'desk-c');
    expect(refused).toMatchObject({ code: 'SIGN_IN_FAILED', message: expect.stringContaining('未通过完整性校验') });
    expect(await callError(ws, 'auth:sign-in', { loginName: 'zhouhy', password: 'Yiwu-admin-2026' })).toMatchObject({ message: expect.stringContaining('未通过完整性校验') });

    const recovered = await callRaw(ws, 'auth:recover', { recoveryKey, loginName: 'zhouhy', newPassword: 'Huifu-mima-2026' });
    expect(recovered.ok ? null : recovered.error).toBeNull();
    const audit = await readFile(path.join(dir, 'audit', 'workstation.jsonl'), 'utf8');
    expect(audit).toContain('人员与设置文件未通过完整性校验，经恢复密钥确认后重新认证');
  });
});

describe('the day’s checkpoint at a sealer’s sign-in', () => {
  it('the first sign-in of a seal-key holder on a new day signs one; the next one that day does not', async () => {
    let now = '2026-05-01T09:30:00+08:00';
    await ws.close();
    await removeDir(dir);
    dir = await makeTempDir('seal-key-day-');
    ws = await openWorkstation(dir, { clock: { now: () => new Date(now), today: () => chinaDateOf(new Date(now).toISOString()) } });
    admin = await setUp(ws);
    const advisor = await addStaff(ws, { name: '王律师', roles: ['legal_advisor'] });
    await signInAs(ws, advisor.loginName, 'desk-a');
    // no seal key yet: nothing to sign with
    expect((await listCheckpoints(ws)).total).toBe(0);
    await withSealKey(await confirmed('desk-a', CHANGED_PASSWORD), () => sealingCertificate(ws));

    now = '2026-05-02T08:05:00+08:00';
    await call(ws, 'auth:sign-in', { loginName: advisor.loginName, password: CHANGED_PASSWORD }, 'desk-a');
    await waitForCheckpoint();
    const first = await listCheckpoints(ws);
    expect(first.checkpoints.map((c) => [c.reason, c.by.name])).toEqual([['daily', '王律师']]);
    await call(ws, 'auth:sign-in', { loginName: advisor.loginName, password: CHANGED_PASSWORD }, 'desk-b');
    await waitForCheckpoint();
    expect((await listCheckpoints(ws)).total).toBe(1);
  });
});

async function waitForCheckpoint(): Promise<void> {
  for (let i = 0; i < 200 && (await listCheckpoints(ws)).running; i++) await new Promise((r) => setTimeout(r, 25));
}
