/**
 * Issue 7, item 4: hostile payloads for every API method through dispatch, signed in and not signed in (CI version
 * of scripts/reliability/hostile.ts; the long run is `npx tsx scripts/reliability/hostile.ts --payloads 10000`).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/main/api/dispatch';
import { API_METHODS } from '../../../electron/shared/ipc/channels';
import { ANON, STAFF, deepArray, deepObject, fuzzWorkstation, hostileFailures, hostilePayloads, runHostile, snapshotDir } from '../../../scripts/reliability/hostile';
import { removeDir } from '../../fixtures/workstation';

describe('hostile payloads at the API boundary', () => {
  it('~600 generated payloads × (signed in, not signed in): coded errors, no crash, no hang, no write on rejection', async () => {
    const figures = await runHostile({ payloads: 600, rolePayloads: 150, seed: 7, log: () => undefined });
    // Printed so that CI logs carry the figures.
    console.log(JSON.stringify({ hostileCi: { ...figures, examples: figures.examples.slice(0, 5) } }));
    expect(figures.payloadsTried).toBe(600);
    expect(figures.methodsCovered).toBe(API_METHODS.length);
    expect(figures.crashes).toBe(0);
    expect(figures.hangs).toBe(0);
    expect(figures.uncoded).toBe(0);
    expect(figures.unexpectedWrites).toBe(0);
    expect(figures.authBypasses).toBe(0);
    expect(figures.prototypePolluted).toBe(0);
    // Attachments whose bytes are not their declared type, 20 MB of base64, 15 MB + 1 byte: all refused.
    expect(figures.mustRejectAccepted).toBe(0);
    expect(figures.generatedNameViolations).toBe(0);
    // INTERNAL would mean an unexpected exception inside a handler: none may occur.
    expect(figures.examples.filter((e) => e.startsWith('INTERNAL'))).toEqual([]);
  }, 60_000);

  it('a different seed finds nothing either (random mutations of valid payloads)', async () => {
    const figures = await runHostile({ payloads: 300, rolePayloads: 80, seed: 20260501, log: () => undefined });
    expect(hostileFailures(figures)).toBe(0);
  }, 60_000);
});

describe('hostile payloads: specific shapes', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  async function open() {
    const f = await fuzzWorkstation();
    cleanup = async () => {
      await f.ws.close().catch(() => undefined);
      await removeDir(f.dataDir);
    };
    return f;
  }

  it.each([
    ['NaN page', { page: NaN, pageSize: 20 }],
    ['Infinity pageSize', { page: 1, pageSize: Infinity }],
    ['-0 page', { page: -0, pageSize: 20 }],
    ['1e308 page', { page: 1e308, pageSize: 20 }],
  ])('cases:list with %s → INVALID_INPUT (numbers that JSON cannot carry, as IPC can)', async (_label, payload) => {
    const { ws } = await open();
    const r = await dispatch(ws, STAFF, 'cases:list', payload);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it.each(['0000-00-00', '9999-99-99', '2026-02-30', '2026-04-31', '+02026-05-20', '2026-5-20'])('cases:accept with mediationDue %s → INVALID_INPUT, case unchanged', async (due) => {
    const { ws, ctx, dataDir } = await open();
    const before = await snapshotDir(dataDir);
    const r = await dispatch(ws, STAFF, 'cases:accept', { id: ctx.caseId, revision: ctx.revision, mediatorIds: [ctx.staffId], room: '一号调解室', mediationDue: due, note: '' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await snapshotDir(dataDir)).toEqual(before);
  });

  it('deep objects in a strict schema are rejected at the first level, signed in or not', async () => {
    const { ws } = await open();
    for (const method of API_METHODS) {
      for (const payload of [deepArray(10_000), deepObject(10_000)]) {
        const staff = await dispatch(ws, STAFF, method, payload);
        const anon = await dispatch(ws, ANON, method, payload);
        expect(staff.ok).toBe(false);
        expect(anon.ok).toBe(false);
      }
    }
  });

  // z.json() recurses once per level: DraftInputSchema bounds the depth first, without recursion, so a 10,000-deep
  // draft is a coded INVALID_INPUT instead of a stack overflow answered as INTERNAL.
  it('drafts:save with 10,000-deep data → INVALID_INPUT (not INTERNAL)', async () => {
    const { ws } = await open();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = await dispatch(ws, STAFF, 'drafts:save', { data: deepArray(10_000) }).finally(() => errors.mockRestore());
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('hostile attachments (attachments:add)', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('every payload the generator marks must-reject is refused with INVALID_INPUT or NOT_FOUND, and nothing is written', async () => {
    const f = await fuzzWorkstation();
    cleanup = async () => {
      await f.ws.close().catch(() => undefined);
      await removeDir(f.dataDir);
    };
    const mustReject = [...hostilePayloads(API_METHODS.length * 80, f.ctx)].filter((p) => p.mustReject);
    expect(mustReject.length).toBeGreaterThan(40);
    const labels = mustReject.map((p) => p.label);
    expect(labels).toEqual(expect.arrayContaining(['20 MB of base64', '15 MB + 1 byte PNG', 'image/png carrying a Windows executable (MZ)', 'application/pdf carrying HTML with a script']));
    const before = await snapshotDir(f.dataDir);
    for (const p of mustReject) {
      const r = await dispatch(f.ws, STAFF, p.method, p.payload);
      expect(r.ok, p.label).toBe(false);
      if (!r.ok) expect(['INVALID_INPUT', 'NOT_FOUND'], p.label).toContain(r.error.code);
    }
    expect(await snapshotDir(f.dataDir)).toEqual(before);
  });
});
