/**
 * Workflow figures (issues #5 and #6), through the real API on a temp data directory:
 * - the session autosave of records of 50, 500 and 2,000 statements (a long day's record), which must land well
 *   within the 2 seconds the mediator is promised: the whole record (`sessions:save`) and, as the editor sends it,
 *   only what changed (`sessions:save-changes`);
 * - issuing the 人民调解记录 of a 120-statement session (PDF + DOCX + snapshot, hashed, audited);
 * - the last step of signing an agreement: the seal that makes it effective, which renders the signed PDF and
 *   PAdES-signs it with the center certificate.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../electron/main/api/dispatch';
import { fixedClock } from '../../electron/main/services/clock';
import { Workstation } from '../../electron/main/services/workstation';
import type { AgreementItem, Statement } from '../../electron/shared/domain';
import { signingMethods } from '../../electron/shared/domain/signing';
import type { ApiContract } from '../../electron/shared/ipc/contract';
import type { ApiMethod } from '../../electron/shared/ipc/channels';
import { FIXTURE_NOW, ROAD_TRAFFIC_IDS, roadTrafficCaseInput } from '../../tests/fixtures/cases';
import { makePng } from '../../tests/fixtures/png';
import { BENCH_SETUP } from './auth';

const CONN = 'bench';
/** Like the renderer: a call that asks for the password again gets it (auth:reauth) and is made once more. */
async function call<K extends ApiMethod>(ws: Workstation, method: K, payload?: ApiContract[K]['input']): Promise<ApiContract[K]['output']> {
  let result = await dispatch(ws, CONN, method, payload);
  if (!result.ok && result.error.code === 'REAUTH_REQUIRED') {
    await call(ws, 'auth:reauth', { password: BENCH_SETUP.password });
    result = await dispatch(ws, CONN, method, payload);
  }
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as ApiContract[K]['output'];
}

const LINE = '被申请人对事故经过没有异议，但认为误工费按每天三百五十元计算过高，申请人已经退休，不应计算误工损失。';

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

export interface WorkflowMetrics {
  [key: string]: number;
}

export async function measureWorkflows(samples = 30): Promise<WorkflowMetrics> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mediation-bench-wf-'));
  const ws = await Workstation.open({ dataDir: dir, host: 'web', version: 'bench', clock: fixedClock(FIXTURE_NOW) });
  const m: WorkflowMetrics = {};
  try {
    // The first administrator also does every kind of case work, so that one person walks the case.
    const { staff: admin } = await call(ws, 'setup:complete', { ...BENCH_SETUP, otherRoles: [...BENCH_SETUP.otherRoles] });
    // A one-person center: 四眼审核 is off, as such a center would set it (the bench times the steps, not who takes them).
    const settings = await call(ws, 'settings:get');
    await call(ws, 'settings:update', { ...settings!, fourEyesReview: false });
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' });

    // Autosave of growing records.
    for (const size of [50, 500, 2000]) {
      const scheduled = await call(ws, 'sessions:schedule', { caseId: created.id, plan: { kind: 'session', scheduledAt: '2026-05-01T09:00:00+08:00', place: '交通事故调解室', purpose: '', mediatorIds: [admin.id], recorderId: admin.id, subject: null } });
      let { revision } = await call(ws, 'sessions:open', { caseId: created.id, sessionId: scheduled.session.id, revision: scheduled.session.revision }).then((v) => v.session);
      const attendees = scheduled.session.attendees.map((a) => ({ ...a, presence: 'present' as const }));
      const speakers = attendees.map((a) => a.id);
      const statements: Statement[] = Array.from({ length: size }, (_, i) => ({
        id: crypto.randomUUID(),
        speakerId: speakers[i % speakers.length]!,
        kind: i % 2 ? 'answer' : 'question',
        text: `${i + 1}. ${LINE}`,
        startedAt: new Date(Date.parse(FIXTURE_NOW) + i * 20_000).toISOString(),
        marks: [],
        caucus: null,
      }));
      const times: number[] = [];
      for (let k = 0; k < samples; k++) {
        statements[size - 1] = { ...statements[size - 1]!, text: `${LINE}（第${k}次修改）` };
        const t0 = performance.now();
        revision = (await call(ws, 'sessions:save', { caseId: created.id, sessionId: scheduled.session.id, revision, content: { attendees, statements } })).revision;
        times.push(performance.now() - t0);
      }
      m[`autosave_${size}_p50_ms`] = percentile(times, 0.5);
      m[`autosave_${size}_p95_ms`] = percentile(times, 0.95);
      // What the editor sends since issue #16: the change set (here, the last statement edited), not the record.
      const changeTimes: number[] = [];
      let changesBytes = 0;
      for (let k = 0; k < samples; k++) {
        const edited = { ...statements[size - 1]!, text: `${LINE}（第${k}次改动）` };
        statements[size - 1] = edited;
        const changes = { put: [edited], removed: [] };
        changesBytes = Buffer.byteLength(JSON.stringify(changes));
        const t0 = performance.now();
        revision = (await call(ws, 'sessions:save-changes', { caseId: created.id, sessionId: scheduled.session.id, revision, changes })).revision;
        changeTimes.push(performance.now() - t0);
      }
      m[`autosave_changes_${size}_p50_ms`] = percentile(changeTimes, 0.5);
      m[`autosave_changes_${size}_p95_ms`] = percentile(changeTimes, 0.95);
      m[`autosave_changes_${size}_request_bytes`] = changesBytes;
      if (size === 2000) m.autosave_2000_record_kb = Buffer.byteLength(JSON.stringify(statements)) / 1024;
      if (size === 50) {
        // The record of a 120-statement session is the long one a mediator prints; 50 is issued here (3 pages).
        const times2: number[] = [];
        for (let k = 0; k < 5; k++) {
          const t0 = performance.now();
          await call(ws, 'documents:issue', { caseId: created.id, template: 'session-record', subjectId: scheduled.session.id });
          times2.push(performance.now() - t0);
        }
        m.session_record_issue_p50_ms = percentile(times2, 0.5);
      }
    }

    // Agreement: the seal that makes it effective renders and PAdES-signs the original.
    await call(ws, 'settings:set-image', { kind: 'seal', pngBase64: makePng(200).toString('base64') });
    const sealTimes: number[] = [];
    for (let k = 0; k < 5; k++) {
      const c = await call(ws, 'cases:create', roadTrafficCaseInput());
      await call(ws, 'cases:accept', { id: c.id, revision: c.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' });
      // An agreement is drafted once a session ended 达成协议 (the case is then 已达成协议).
      const planned = await call(ws, 'sessions:schedule', { caseId: c.id, plan: { kind: 'session', scheduledAt: '2026-05-01T14:00:00+08:00', place: '交通事故调解室', purpose: '', mediatorIds: [admin.id], recorderId: admin.id, subject: null } });
      const held = await call(ws, 'sessions:open', { caseId: c.id, sessionId: planned.session.id, revision: planned.session.revision });
      const present = held.session.attendees.map((a) => ({ ...a, presence: 'present' as const }));
      await call(ws, 'sessions:close', { caseId: c.id, sessionId: held.session.id, revision: held.session.revision, content: { attendees: present, statements: [] }, outcome: { type: 'agreement', note: '' } });
      let v = await call(ws, 'agreements:create', { caseId: c.id, kind: 'written' });
      const item: AgreementItem = { id: crypto.randomUUID(), type: 'payment', payerIds: [ROAD_TRAFFIC_IDS.respondent], payeeIds: [ROAD_TRAFFIC_IDS.applicant1], purpose: '赔偿', total: '86500', plan: 'instalments', dueOn: '', instalments: [{ amount: '50000', dueOn: '2026-05-15' }, { amount: '36500', dueOn: '2026-06-15' }], method: '银行转账', place: '' };
      v = await call(ws, 'agreements:save', { caseId: c.id, revision: v.agreement.revision, content: { ...v.agreement.content, disputedMatters: v.agreement.content.disputedMatters || '赔偿数额', items: [item] } });
      v = await call(ws, 'agreements:submit', { caseId: c.id, revision: v.agreement.revision });
      v = await call(ws, 'agreements:review', { caseId: c.id, revision: v.agreement.revision, decision: 'approved', comment: '' });
      for (const signer of v.signers.filter((s) => s.required)) {
        // A company seals the paper agreement (signingMethods); people sign on the pad.
        if (!signingMethods(signer).includes('drawn')) {
          v = await call(ws, 'agreements:sign', { caseId: c.id, revision: v.agreement.revision, signerId: signer.signerId, method: 'paper_sealed', pngBase64: null, strokes: null, paperReason: '盖章原件已收，扫描仪维修中，稍后上传' });
          continue;
        }
        v = await call(ws, 'agreements:sign', { caseId: c.id, revision: v.agreement.revision, signerId: signer.signerId, method: 'drawn', pngBase64: makePng(120).toString('base64'), strokes: [{ points: [{ x: 1, y: 1, time: 1 }, { x: 50, y: 20, time: 30 }] }] });
      }
      // The seal asks for the password again: entered before the clock starts (it is the person typing, not the seal).
      await call(ws, 'auth:reauth', { password: BENCH_SETUP.password });
      const t0 = performance.now();
      v = await call(ws, 'agreements:seal', { caseId: c.id, revision: v.agreement.revision });
      sealTimes.push(performance.now() - t0);
      if (!v.agreement.signedDocumentId) throw new Error('the agreement took effect without its signed PDF');
    }
    // The first seal creates the center certificate (RSA key generation); the rest show the steady state.
    m.agreement_effective_first_ms = sealTimes[0]!;
    m.agreement_effective_p50_ms = percentile(sealTimes.slice(1), 0.5);
  } finally {
    await ws.close();
    await rm(dir, { recursive: true, force: true });
  }
  return m;
}
