/**
 * Records at rest (issue: encryption at rest): what someone holding only a copy of the data folder can read, and
 * what the app does when a file was edited, swapped or rolled back outside it.
 */
import { readFile, readdir, stat, writeFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonParty } from '../../../electron/shared/domain';
import type { Workstation } from '../../../electron/main/services/workstation';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { acceptCase } from '../../../electron/main/services/decisions';
import { ADMIN_PASSWORD, SETUP, addAction, addStaff, call, callError, callRaw, makeTempDir, openWorkstation, recoveryKeyOf, removeDir, setUp, signInAs, signInFirst, storeFiles } from '../../fixtures/workstation';

let dir = '';
const opened: Workstation[] = [];
async function open(): Promise<Workstation> {
  const ws = await openWorkstation(dir);
  opened.push(ws);
  return ws;
}
beforeEach(async () => {
  dir = await makeTempDir('sealed-');
});
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close().catch(() => undefined);
  await removeDir(dir);
});

async function allFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(root)) {
    const full = path.join(root, name);
    if ((await stat(full)).isDirectory()) out.push(...(await allFiles(full)));
    else out.push(full);
  }
  return out;
}

/** A case with two parties' ID numbers and phones, a session statement, a draft, and an issued document. */
async function seeded() {
  const ws = await open();
  const admin = await setUp(ws);
  const setup = { recoveryKey: recoveryKeyOf(ws) };
  const input = roadTrafficCaseInput();
  const created = await call(ws, 'cases:create', input);
  await acceptCase(ws, { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' }, admin);
  await call(ws, 'documents:issue', { caseId: created.id, template: 'acceptance-register' });
  await call(ws, 'drafts:save', { data: { note: input.parties.map((p) => (p as PersonParty).idNumber ?? '').join(' ') } });
  const people = input.parties.filter((p): p is Extract<typeof p, { kind: 'person' }> => p.kind === 'person');
  return { ws, setup, admin, created, people };
}

describe('a copy of the data folder alone', () => {
  it('holds no ID number, phone, party name or amount in any file, and no key in clear', async () => {
    const { ws, setup, people, created } = await seeded();
    expect(setup.recoveryKey).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
    await ws.close();
    const needles = [...people.flatMap((p) => [p.idNumber, p.phone, p.name]), '86500', created.caseNumber, setup.recoveryKey!];
    const files = await allFiles(dir);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const bytes = await readFile(file);
      for (const needle of needles) expect(bytes.includes(Buffer.from(needle!)), `${path.relative(dir, file)} contains ${needle}`).toBe(false);
    }
    // The related-case lookup key (which would let ID numbers be brute-forced from the index) is sealed too.
    expect((await readFile(path.join(dir, 'index', 'identity.key'))).length).not.toBe(32);
  });

  it('opens locked: nothing of a case is served until a sign-in unwraps the key', async () => {
    const { ws, created } = await seeded();
    await ws.close();
    const again = await open();
    expect((await call(again, 'app:info')).setupRequired).toBe(false);
    expect(() => again.cases).toThrow(/请先登录/);
    await signInFirst(again);
    expect((await call(again, 'cases:get', { id: created.id })).record.caseNumber).toBe(created.caseNumber);
  });
});

describe('passwords and the recovery key', () => {
  it('a new person, a changed password and a reset password each unlock the data after a restart', async () => {
    const { ws } = await seeded();
    const clerk = await addStaff(ws, { name: '陈晓东', roles: ['clerk'] });
    await ws.close();
    // The clerk alone, first after a restart (a first password is replaced at once by the fixture).
    let again = await open();
    await signInAs(again, clerk.loginName);
    expect((await call(again, 'cases:list', { page: 1, pageSize: 5 })).total).toBe(1);
    await again.close();
    again = await open();
    await signInAs(again, clerk.loginName); // with the changed password now
    expect((await call(again, 'cases:list', { page: 1, pageSize: 5 })).total).toBe(1);
  });

  it('every password forgotten: the recovery key sets the administrator a new one and opens the data', async () => {
    const { ws, setup, created } = await seeded();
    await ws.close();
    const again = await open();
    const wrongKey = await callError(again, 'auth:recover', { recoveryKey: '0000-0000-0000-0000-0000-0000-0000-0000-0000', loginName: SETUP.loginName, newPassword: 'Hui-fu-mima-2026' });
    expect(wrongKey).toMatchObject({ code: 'SIGN_IN_FAILED', issues: [{ path: ['recoveryKey'] }] });
    const typo = setup.recoveryKey!.replace(/^./, (c) => (c === '7' ? '8' : '7'));
    expect((await callError(again, 'auth:recover', { recoveryKey: typo, loginName: SETUP.loginName, newPassword: 'Hui-fu-mima-2026' })).message).toMatch(/校验未通过/);
    const recovered = await call(again, 'auth:recover', { recoveryKey: setup.recoveryKey!.toLowerCase(), loginName: SETUP.loginName, newPassword: 'Hui-fu-mima-2026' });
    expect(recovered.staff.loginName).toBe(SETUP.loginName);
    expect((await call(again, 'cases:get', { id: created.id })).record.id).toBe(created.id);
    await again.close();
    // The old password is gone; the new one unlocks after a restart.
    const later = await open();
    expect((await callRaw(later, 'auth:sign-in', { loginName: SETUP.loginName, password: ADMIN_PASSWORD })).ok).toBe(false);
    expect((await callRaw(later, 'auth:sign-in', { loginName: SETUP.loginName, password: 'Hui-fu-mima-2026' })).ok).toBe(true);
    expect((await call(later, 'cases:list', { page: 1, pageSize: 5 })).total).toBe(1);
  });
});

describe('files changed outside the app', () => {
  it('an edited case file is reported by case number and the previous generation is used, never the edit', async () => {
    const { ws, created } = await seeded();
    const files = storeFiles(ws);
    await ws.close();
    const file = path.join(dir, 'cases', created.id, 'case.json');
    const bytes = await readFile(file);
    bytes[bytes.length - 30]! ^= 0x01;
    await writeFile(file, bytes);
    const again = await open();
    await signInFirst(again);
    const view = await call(again, 'cases:get', { id: created.id });
    expect(view.record.revision).toBe(2); // the generation before the document was issued
    const problems = (await call(again, 'app:info')).storeProblems;
    expect(problems).toEqual([expect.stringMatching(new RegExp(`${created.caseNumber.replace(/[（）]/g, '.')}.*未通过完整性校验.*恢复为上一版本`))]);
    // The edited bytes are kept aside, not lost.
    expect(await readdir(path.join(dir, 'quarantine'))).toHaveLength(1);
    void files;
  });

  it('a case file replaced by plain JSON (amount edited by hand) is refused the same way', async () => {
    const { ws, created } = await seeded();
    const files = storeFiles(ws);
    await ws.close();
    const file = path.join(dir, 'cases', created.id, 'case.json');
    const record = (await files.json(file)) as { dispute: { amount: string } };
    record.dispute.amount = '96500.00';
    await writeFile(file, JSON.stringify(record));
    const again = await open();
    await signInFirst(again);
    expect((await call(again, 'cases:get', { id: created.id })).record.dispute.amount).toBe('86500.00');
    expect((await call(again, 'app:info')).storeProblems).toHaveLength(1);
  });

  it("a case file swapped in from another case fails as that case's file", async () => {
    const { ws, created } = await seeded();
    const other = await call(ws, 'cases:create', roadTrafficCaseInput());
    await ws.close();
    await copyFile(path.join(dir, 'cases', other.id, 'case.json'), path.join(dir, 'cases', created.id, 'case.json'));
    const again = await open();
    await signInFirst(again);
    const view = await call(again, 'cases:get', { id: created.id });
    expect(view.record.id).toBe(created.id);
    expect((await call(again, 'app:info')).storeProblems.join()).toContain('未通过完整性校验');
  });

  it('an edited index is rebuilt from the case files and reported; an edited registry is rebuilt from the cases', async () => {
    const { ws, created } = await seeded();
    await ws.close();
    await writeFile(path.join(dir, 'index', 'snapshot.bin'), '{"version":6,"savedAt":"2026-05-01T00:00:00Z","summaries":[]}');
    await writeFile(path.join(dir, 'document-hashes.jsonl'), '{"sha256":"00","caseId":"x","documentId":"y"}\n');
    const again = await open();
    await signInFirst(again);
    expect((await call(again, 'cases:list', { page: 1, pageSize: 5 })).items.map((i) => i.id)).toEqual([created.id]);
    const doc = (await call(again, 'cases:get', { id: created.id })).record.documents[0]!;
    const pdf = await call(again, 'documents:file', { caseId: created.id, documentId: doc.id, format: 'pdf' });
    expect((await call(again, 'documents:verify', { pdfBase64: pdf.base64 })).match?.documentId).toBe(doc.id);
    const problems = (await call(again, 'app:info')).storeProblems.join('\n');
    expect(problems).toContain('案件索引未通过完整性校验');
    expect(problems).toContain('文书登记簿未通过完整性校验');
  });

  it('an audit line edited by hand: the case trail shows only what authenticates, and the case is named', async () => {
    const { ws, created } = await seeded();
    await ws.close();
    const file = path.join(dir, 'cases', created.id, 'audit.jsonl');
    const bytes = await readFile(file);
    bytes[bytes.length - 20]! ^= 0x04;
    await writeFile(file, bytes);
    const again = await open();
    await signInFirst(again);
    const events = await call(again, 'cases:audit', { id: created.id });
    expect(events.length).toBeGreaterThan(0);
    expect((await call(again, 'app:info')).storeProblems.join()).toContain(`案件${created.caseNumber}的办理记录（审计日志）未通过完整性校验`);
  });

  it('an audit log emptied outside the app is named on the case (every case has at least its registration entry)', async () => {
    const { ws, created } = await seeded();
    await ws.close();
    await writeFile(path.join(dir, 'cases', created.id, 'audit.jsonl'), '');
    const again = await open();
    await signInFirst(again);
    const view = await call(again, 'cases:get', { id: created.id });
    expect(view.integrity?.join()).toContain('办理记录（审计日志）为空');
  });

  it('an authentic older generation put back (kept from an earlier copy) does not match the trail and is named on the case', async () => {
    const { ws, created, admin } = await seeded();
    const file = path.join(dir, 'cases', created.id, 'case.json');
    const old = await readFile(file); // sealed revision 3 (registered, accepted, document issued)
    await addAction(ws, created.id, admin, 'DETAILS_UPDATED', '补充材料一');
    await addAction(ws, created.id, admin, 'DETAILS_UPDATED', '补充材料二');
    await ws.close();
    await writeFile(file, old);
    const again = await open();
    await signInFirst(again);
    const view = await call(again, 'cases:get', { id: created.id });
    expect(view.record.revision).toBe(3);
    expect(view.integrity).toEqual([expect.stringMatching(/文件为第3版，审计记录最后为第5版.*旧版本/)]);
  });

  it('the previous generation copied over the current one is said on the case, not passed over', async () => {
    const { ws, created } = await seeded();
    await ws.close();
    const file = path.join(dir, 'cases', created.id, 'case.json');
    await copyFile(`${file}.1`, file);
    const again = await open();
    await signInFirst(again);
    const view = await call(again, 'cases:get', { id: created.id });
    expect(view.record.revision).toBe(2);
    expect(view.integrity).toEqual([expect.stringMatching(/最近一次保存（第3版）未能确认写入，现显示第2版.*上一版本/)]);
  });
});
