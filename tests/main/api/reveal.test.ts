import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { ROAD_TRAFFIC_IDS, roadTrafficCaseInput } from '../../fixtures/cases';
import { SETUP, call, callError, makeTempDir, openWorkstation, removeDir, setUp } from '../../fixtures/workstation';

let dir = '';
let ws: Workstation;

beforeEach(async () => {
  dir = await makeTempDir();
  ws = await openWorkstation(dir);
  await setUp(ws);
});
afterEach(async () => {
  await ws.close();
  await removeDir(dir);
});

describe('查看完整号码 (cases:reveal)', () => {
  it('gives the full value and audits who looked at whose field, without the value and without touching the record', async () => {
    const input = roadTrafficCaseInput();
    const created = await call(ws, 'cases:create', input);
    const { value } = await call(ws, 'cases:reveal', { caseId: created.id, personId: ROAD_TRAFFIC_IDS.applicant1, field: 'idNumber' });
    const applicant = input.parties.find((p) => p.id === ROAD_TRAFFIC_IDS.applicant1)!;
    expect(value).toBe('idNumber' in applicant ? applicant.idNumber : '');
    // Looking is not an edit: someone editing the case at the same time keeps their revision.
    expect((await call(ws, 'cases:get', { id: created.id })).record.revision).toBe(created.revision);
    const last = (await call(ws, 'cases:audit', { id: created.id })).at(-1)!;
    expect(last).toMatchObject({ action: 'cases:reveal', actorName: SETUP.adminName });
    expect(last.detail).toContain('身份证件号码');
    expect(JSON.stringify(last)).not.toContain(value);
  });

  it('says which person was not found, and audits nothing', async () => {
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    const before = (await call(ws, 'cases:audit', { id: created.id })).length;
    expect(await callError(ws, 'cases:reveal', { caseId: created.id, personId: 'nobody', field: 'phone' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await call(ws, 'cases:audit', { id: created.id })).toHaveLength(before);
  });
});
