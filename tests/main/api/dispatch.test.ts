import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POLICY } from '../../../electron/shared/policy/policy';
import { dispatch } from '../../../electron/main/api/dispatch';
import type { Workstation } from '../../../electron/main/services/workstation';
import type { PersonParty } from '../../../electron/shared/domain';
import { API_METHODS } from '../../../electron/shared/ipc/channels';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { errnoError, recordingFs } from '../../fixtures/fake-fs';
import { CONNECTION, SETUP, call, callError, caseFolders, makeTempDir, openWorkstation, removeDir, setUp, signInFirst } from '../../fixtures/workstation';

let dir: string;
let ws: Workstation;

beforeEach(async () => {
  dir = await makeTempDir('api-');
  ws = await openWorkstation(dir);
});
afterEach(async () => {
  await ws.close().catch(() => undefined);
  await removeDir(dir);
  delete (Object.prototype as Record<string, unknown>).polluted;
});

const total = async () => (await call(ws, 'cases:list', { page: 1, pageSize: 1 })).total;

describe('API boundary: validation', () => {
  it('rejects a wrong ID check digit at parties[0].idNumber with ID_CHECK_DIGIT, and stores nothing', async () => {
    await setUp(ws);
    await call(ws, 'cases:create', roadTrafficCaseInput());
    const sequenceBefore = await readFile(path.join(dir, 'sequence.json'), 'utf8');
    const foldersBefore = await caseFolders(dir);

    const input = roadTrafficCaseInput();
    const person = input.parties[0] as PersonParty;
    person.idNumber = person.idNumber.slice(0, 17) + (person.idNumber.endsWith('0') ? '1' : '0');
    const error = await callError(ws, 'cases:create', input);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues).toContainEqual(expect.objectContaining({ path: ['parties', 0, 'idNumber'], code: 'ID_CHECK_DIGIT' }));
    expect(error.message).toMatch(/校验位/);

    expect(await total()).toBe(1);
    expect(await caseFolders(dir)).toEqual(foldersBefore);
    expect(await readFile(path.join(dir, 'sequence.json'), 'utf8')).toBe(sequenceBefore);
    // No number was consumed: the next valid case is 0002.
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe('（2026）X调字第0002号');
  });

  it('reports every field problem with its path (a form can show them in place)', async () => {
    await setUp(ws);
    const input = roadTrafficCaseInput();
    (input.parties[1] as PersonParty).phone = '1234';
    input.dispute.disputeSubType = '噪音纠纷';
    input.dispute.amount = '12.345';
    const error = await callError(ws, 'cases:create', input);
    expect(error.issues?.map((i) => [i.path.join('.'), i.code])).toEqual(
      expect.arrayContaining([
        ['parties.1.phone', 'PHONE_FORMAT'],
        ['dispute.disputeSubType', 'SUBTYPE_MISMATCH'],
        ['dispute.amount', 'AMOUNT_FORMAT'],
      ]),
    );
    expect(await total()).toBe(0);
  });

  it.each([
    ['at the top level', (x: Record<string, unknown>) => void (x.extra = 1), []],
    ['in the dispute', (x: Record<string, unknown>) => void ((x.dispute as Record<string, unknown>).caseNumber = '（2026）X调字第9999号'), ['dispute']],
    ['in a party', (x: Record<string, unknown>) => void ((x.parties as Record<string, unknown>[])[0]!.isAdmin = true), ['parties', 0]],
    ['in an agent', (x: Record<string, unknown>) => void ((x.agents as Record<string, unknown>[])[0]!.revision = 7), ['agents', 0]],
  ])('rejects an unknown extra key %s with INVALID_INPUT', async (_label, mutate, at) => {
    await setUp(ws);
    const input = roadTrafficCaseInput() as unknown as Record<string, unknown>;
    mutate(input);
    const error = await callError(ws, 'cases:create', input);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues?.[0]?.path).toEqual(at);
    expect(await total()).toBe(0);
  });

  it.each([null, 'text', 42, [], [roadTrafficCaseInput()]])('rejects a non-object payload %j', async (payload) => {
    await setUp(ws);
    expect(await callError(ws, 'cases:create', payload)).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('rejects a payload for a method that takes none', async () => {
    expect(await callError(ws, 'app:info', { verbose: true })).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('cases:get: a malformed id is INVALID_INPUT, an unknown one NOT_FOUND', async () => {
    await setUp(ws);
    expect(await callError(ws, 'cases:get', { id: '../../workstation' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await callError(ws, 'cases:get', { id: '5f0c3c1e-6a4b-4c8e-9f0a-3b2c1d0e9f8a' })).toMatchObject({ code: 'NOT_FOUND', message: '未找到该案件' });
    expect(await callError(ws, 'cases:audit', { id: '5f0c3c1e-6a4b-4c8e-9f0a-3b2c1d0e9f8a' })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('API boundary: methods and authentication', () => {
  it.each(['cases:destroy', 'CASES:LIST', '', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 42, null, undefined, { method: 'cases:list' }])(
    'unknown method %j → UNKNOWN_METHOD',
    async (method) => {
      expect(await callError(ws, method, undefined)).toMatchObject({ code: 'UNKNOWN_METHOD' });
    },
  );

  const staffOnly = API_METHODS.filter((m) => POLICY[m].who !== 'public');

  it.each(staffOnly)('%s without sign-in → UNAUTHENTICATED (before its input is even looked at as valid)', async (method) => {
    await setUp(ws, 'admin-window');
    const payload: Record<string, unknown> = {
      'cases:create': roadTrafficCaseInput(),
      'cases:get': { id: '5f0c3c1e-6a4b-4c8e-9f0a-3b2c1d0e9f8a' },
      'cases:audit': { id: '5f0c3c1e-6a4b-4c8e-9f0a-3b2c1d0e9f8a' },
      'cases:list': { page: 1, pageSize: 20 },
      'staff:create': { name: '骆晓明', loginName: 'luoxm', roles: ['mediator'], password: 'Chushi-mima-01' },
      'settings:update': await call(ws, 'settings:get', undefined, 'admin-window'),
    };
    expect(await callError(ws, method, payload[method], 'other-window')).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a sign-in is per connection and ends with sign-out', async () => {
    await setUp(ws);
    expect(await callError(ws, 'cases:list', { page: 1, pageSize: 20 }, 'second-window')).toMatchObject({ code: 'UNAUTHENTICATED' });
    await call(ws, 'auth:sign-out');
    expect(await callError(ws, 'cases:list', { page: 1, pageSize: 20 })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await call(ws, 'auth:current')).toBeNull();
  });

  it('setup twice → ALREADY_SET_UP, and the first settings and staff stay', async () => {
    const admin = await setUp(ws);
    const again = await callError(ws, 'setup:complete', { ...SETUP, centerName: '另一个中心', adminName: '冒名者' }, 'other-window');
    expect(again.code).toBe('ALREADY_SET_UP');
    expect((await call(ws, 'settings:get')).centerName).toBe(SETUP.centerName);
    expect(await call(ws, 'staff:list')).toEqual([admin]);
    expect(await call(ws, 'auth:current', undefined, 'other-window')).toBeNull();
  });

  it('two setups racing from two windows: exactly one wins, one admin, one audit entry', async () => {
    const [a, b] = await Promise.all([
      dispatch(ws, 'window-a', 'setup:complete', { ...SETUP, adminName: '甲管理员' }),
      dispatch(ws, 'window-b', 'setup:complete', { ...SETUP, adminName: '乙管理员' }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ error: { code: 'ALREADY_SET_UP' } });
    expect(ws.state.data.staff).toHaveLength(1);
    const trail = (await readFile(path.join(dir, 'audit', 'workstation.jsonl'), 'utf8')).trim().split('\n');
    expect(trail.filter((l) => l.includes('"setup:complete"'))).toHaveLength(1);
  });

  it('a case cannot be registered before setup (nobody can be signed in)', async () => {
    expect(await callError(ws, 'cases:create', roadTrafficCaseInput())).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('API boundary: prototype pollution', () => {
  const hostile = [
    ['cases:list', '{"page":1,"pageSize":20,"__proto__":{"polluted":"yes"}}'],
    ['cases:list', '{"page":1,"pageSize":20,"constructor":{"prototype":{"polluted":"yes"}}}'],
    ['setup:complete', `{"centerName":"中心","committeeName":"委员会","caseNumberAbbr":"X","adminName":"甲","__proto__":{"polluted":"yes","roles":["admin"]}}`],
    ['auth:sign-in', '{"__proto__":{"loginName":"zhouhy","password":"x","polluted":"yes"}}'],
  ] as const;

  it.each(hostile)('%s with %s is rejected and Object.prototype stays clean', async (method, json) => {
    const setupFirst = method !== 'setup:complete';
    if (setupFirst) await setUp(ws);
    const payload = JSON.parse(json) as unknown; // as it arrives over IPC or HTTP: an own "__proto__" key
    const result = await dispatch(ws, CONNECTION, method, payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    if (!setupFirst) expect((await call(ws, 'app:info')).setupRequired).toBe(true);
  });

  it('a nested "__proto__" inside a case is rejected and nothing is stored', async () => {
    await setUp(ws);
    const json = JSON.stringify(roadTrafficCaseInput()).replace('"disputeType":"13"', '"disputeType":"13","__proto__":{"polluted":"yes"}');
    const payload = JSON.parse(json) as unknown;
    expect(await callError(ws, 'cases:create', payload)).toMatchObject({ code: 'INVALID_INPUT' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await total()).toBe(0);
  });
});

describe('API boundary: storage failures', () => {
  async function withFailingFs(match: (file: string) => boolean, code = 'ENOSPC', { signedIn = false } = {}) {
    await ws.close();
    const fs = recordingFs();
    let failing = !signedIn;
    fs.beforeOpen = (file) => {
      if (failing && match(file)) throw errnoError(code, 'open');
    };
    ws = await openWorkstation(dir, { fs });
    if (signedIn) {
      // Signing in writes the account's state: the disk fills up after it.
      await signInFirst(ws);
      failing = true;
    }
    return { stopFailing: () => void (failing = false) };
  }

  it('a setup that could not be saved is not half-applied: still "setup required", and can be retried', async () => {
    const fs = await withFailingFs((f) => /workstation\.json\.\d+-\d+\.tmp$/.test(f));
    expect(await callError(ws, 'setup:complete', { ...SETUP })).toMatchObject({ code: 'STORE_IO', message: expect.stringContaining('磁盘空间不足') });
    expect((await call(ws, 'app:info')).setupRequired).toBe(true);
    expect(ws.state.data.staff).toEqual([]);
    fs.stopFailing();
    const admin = await setUp(ws);
    expect(await call(ws, 'staff:list')).toEqual([admin]);
  });

  it('a staff member that could not be saved does not appear in the list', async () => {
    await setUp(ws);
    const fs = await withFailingFs((f) => /workstation\.json\.\d+-\d+\.tmp$/.test(f), 'ENOSPC', { signedIn: true });
    expect(await callError(ws, 'staff:create', { name: '骆晓明', loginName: 'luoxm', roles: ['mediator'], password: 'Chushi-mima-01' })).toMatchObject({ code: 'STORE_IO' });
    expect((await call(ws, 'staff:list')).map((s) => s.name)).toEqual([SETUP.adminName]);
    fs.stopFailing();
  });

  it('a case whose file could not be written is not listed, leaves no folder, and its number goes to the next one', async () => {
    await setUp(ws);
    const fs = await withFailingFs((f) => /case\.json\.\d+-\d+\.tmp$/.test(f));
    await signInFirst(ws);
    expect(await callError(ws, 'cases:create', roadTrafficCaseInput())).toMatchObject({ code: 'STORE_IO' });
    expect(await total()).toBe(0);
    expect(await readdir(path.join(dir, 'cases'))).toEqual([]);
    fs.stopFailing();
    expect((await call(ws, 'cases:create', roadTrafficCaseInput())).caseNumber).toBe('（2026）X调字第0001号'); // no number burned
    expect(await total()).toBe(1);
    // After a restart the failed registration is still not there.
    await ws.close();
    ws = await openWorkstation(dir);
    await signInFirst(ws);
    expect(await total()).toBe(1);
    expect((await readdir(path.join(dir, 'cases'))).length).toBe(1);
  });
});
