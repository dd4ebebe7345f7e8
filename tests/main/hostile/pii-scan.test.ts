/**
 * Issue 7, item 7: a realistic flow (setup, registrations with real-looking ID numbers and mobiles, decisions,
 * documents, a rejected registration, a mediation session typed and autosaved with an attachment, an investigation of
 * a witness) with the console captured; then logs, audit trails (session saves and attachments included) and
 * list/desk/related/audit/session API outputs are scanned for unmasked ID numbers and mobiles. Files that legitimately hold full values (case.json,
 * issued documents, their data snapshots) and the index (identity keys for related-case lookup) are reported, not
 * failed: see the FINDINGS printed by the last test.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import type { Agent, CaseInput, PersonParty } from '../../../electron/shared/domain';
import { roadTrafficCaseInput, seededRng, syntheticCase } from '../../fixtures/cases';
import { call, callRaw, makeTempDir, openWorkstation, removeDir, setUp, storeFiles } from '../../fixtures/workstation';
import { makePng } from '../../fixtures/png';
import { residentIdCheckChar } from '../../../electron/shared/validation/id-card';
import type { SessionView } from '../../../electron/shared/ipc/contract';
import { statementId, typedContent } from '../../../scripts/reliability/workload';

/** GB 11643 ID numbers and mainland mobiles, not inside a longer run of letters/digits (hashes, uuids). */
const ID_RE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_RE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

let dir = '';
let ws: Workstation;
/** The data folder decrypted, as the store reads it (the files on disk are sealed). */
let sealed: ReturnType<typeof storeFiles>;
const spies: MockInstance[] = [];
const captured: string[] = [];
/** Every full value the flow entered. */
const known = new Set<string>();
const outputs: Record<string, unknown> = {};
/** A witness of an investigation, with a valid ID number and a mobile. */
const WITNESS = { kind: 'witness' as const, name: '王五', relation: '事故目击者', idNumber: `33078219850612123${residentIdCheckChar('33078219850612123')}`, phone: '13867954321', address: '义乌市稠城街道' };
let witnessView: SessionView;
let investigationAnswers: SessionView[] = [];
let sessionCase = '';

function remember(input: CaseInput) {
  for (const p of input.parties) {
    if (p.kind === 'person') {
      known.add((p as PersonParty).idNumber);
      if (/^1[3-9]\d{9}$/.test(p.phone)) known.add(p.phone);
    }
  }
  for (const a of input.agents as Agent[]) {
    known.add(a.idNumber);
    if (/^1[3-9]\d{9}$/.test(a.phone)) known.add(a.phone);
  }
}

/** Pattern hits plus exact known values (a masked value never matches either). */
function hits(text: string): string[] {
  const found = new Set<string>([...(text.match(ID_RE) ?? []), ...(text.match(MOBILE_RE) ?? [])]);
  for (const v of known) if (v && text.includes(v)) found.add(v);
  return [...found];
}

async function files(root: string, out: string[] = []): Promise<string[]> {
  for (const e of await readdir(root, { withFileTypes: true })) {
    const full = path.join(root, e.name);
    if (e.isDirectory()) await files(full, out);
    else out.push(full);
  }
  return out;
}

beforeAll(async () => {
  for (const m of ['log', 'error', 'warn', 'info', 'debug'] as const) {
    spies.push(vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void captured.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '))));
  }
  dir = await makeTempDir('hostile-pii-');
  ws = await openWorkstation(dir);
  const admin = await setUp(ws);
  const rng = seededRng(35273);
  const inputs = [roadTrafficCaseInput(), ...Array.from({ length: 8 }, (_, i) => syntheticCase(i, rng))];
  const ids: { id: string; revision: number }[] = [];
  for (const input of inputs) {
    remember(input);
    const r = await call(ws, 'cases:create', input);
    ids.push({ id: r.id, revision: r.revision });
  }
  // A rejected registration (wrong check digit): its error must not echo the number back.
  const bad = roadTrafficCaseInput();
  const p0 = bad.parties[0] as PersonParty;
  p0.idNumber = p0.idNumber.slice(0, 17) + (p0.idNumber.endsWith('0') ? '1' : '0');
  known.add(p0.idNumber);
  outputs['cases:create (rejected)'] = await callRaw(ws, 'cases:create', bad);
  // Decisions and documents.
  const [a, b, c] = ids;
  await call(ws, 'documents:issue', { caseId: a!.id, template: 'acceptance-register' });
  const room = (await call(ws, 'settings:get')).rooms[0]!;
  const accepted = await call(ws, 'cases:accept', { id: a!.id, revision: (await call(ws, 'cases:get', { id: a!.id })).record.revision, mediatorIds: [admin.id], room, mediationDue: '2026-05-20', note: '材料齐全' });
  outputs['cases:accept'] = { status: accepted.status, actions: accepted.availableActions };
  // A mediation session: scheduled, opened, typed with autosaves, a photo attached to a statement.
  const plan = { kind: 'session' as const, scheduledAt: '2026-05-01T10:00:00+08:00', place: room, purpose: '', mediatorIds: [admin.id], recorderId: admin.id, subject: null };
  outputs['sessions:schedule'] = await call(ws, 'sessions:schedule', { caseId: a!.id, plan });
  const opened = await call(ws, 'sessions:open', { caseId: a!.id, sessionId: (outputs['sessions:schedule'] as SessionView).session.id, revision: 0 });
  let revision = opened.session.revision;
  for (const [n, len] of [[1, 40], [2, 60], [3, 90]] as const) {
    const saved = await call(ws, 'sessions:save', { caseId: a!.id, sessionId: opened.session.id, revision, content: typedContent(opened.session, n, len) });
    outputs['sessions:save'] = saved;
    revision = saved.revision;
  }
  outputs['attachments:add'] = await call(ws, 'attachments:add', { caseId: a!.id, sessionId: opened.session.id, statementId: statementId(opened.session.id, 0), category: 'evidence', label: '事故现场照片', mimeType: 'image/png', base64: makePng(16).toString('base64') });
  outputs['sessions:get'] = await call(ws, 'sessions:get', { caseId: a!.id, sessionId: opened.session.id });
  // An investigation of a witness whose ID number and mobile were taken down when it was scheduled.
  known.add(WITNESS.idNumber);
  known.add(WITNESS.phone);
  const investigation = await call(ws, 'sessions:schedule', { caseId: a!.id, plan: { ...plan, kind: 'investigation', subject: WITNESS } });
  witnessView = await call(ws, 'sessions:get', { caseId: a!.id, sessionId: investigation.session.id });
  investigationAnswers = [investigation, witnessView];
  sessionCase = a!.id;
  await callRaw(ws, 'cases:refuse', { id: b!.id, revision: b!.revision, ground: 'already_handled', referTo: '义乌市人民法院', note: '已起诉' });
  await callRaw(ws, 'cases:transfer', { id: c!.id, revision: c!.revision, receivingBody: '稠城街道办事处', replyDue: '2026-05-20', note: '' });
  await callRaw(ws, 'documents:issue', { caseId: b!.id, template: 'refusal-notice' });
  // Draft with the values typed so far (opaque form state).
  await call(ws, 'drafts:save', { data: { idNumber: p0.idNumber, phone: '13957912345' } });
  // The screens that list cases.
  outputs['cases:list'] = await call(ws, 'cases:list', { page: 1, pageSize: 200 });
  outputs['cases:list (text=phone)'] = await call(ws, 'cases:list', { page: 1, pageSize: 200, text: '13957912345' });
  outputs['desk:today'] = await call(ws, 'desk:today');
  outputs['staff:workload'] = await call(ws, 'staff:workload');
  const road = roadTrafficCaseInput();
  outputs['cases:related'] = await call(ws, 'cases:related', {
    idNumbers: [(road.parties[0] as PersonParty).idNumber],
    usccCodes: [],
    phones: ['13957912345'],
    names: ['张建国'],
  });
  outputs['cases:audit'] = await Promise.all(ids.map((x) => call(ws, 'cases:audit', { id: x.id })));
  sealed = storeFiles(ws);
  await ws.close();
  // Re-open: start-up logging and the compacted index snapshot are scanned too.
  ws = await openWorkstation(dir);
}, 120_000);

afterAll(async () => {
  for (const s of spies) s.mockRestore();
  await ws.close();
  await removeDir(dir);
});

describe('personal data: full ID numbers and mobiles', () => {
  it('the flow really entered full values (positive control: the scanner sees them in case.json, decrypted)', async () => {
    expect(known.size).toBeGreaterThan(10);
    const caseJson = (await files(dir)).filter((f) => f.endsWith('case.json'));
    const text = (await Promise.all(caseJson.map((f) => sealed.text(f)))).join('\n');
    expect(hits(text).length).toBeGreaterThan(10);
  });

  it('no file on disk holds a full ID number or mobile: records are sealed at rest (PIPL art. 51)', async () => {
    const offenders: string[] = [];
    for (const f of await files(dir)) if (hits((await readFile(f)).toString('latin1')).length || hits((await readFile(f)).toString('utf8')).length) offenders.push(path.relative(dir, f));
    expect(offenders).toEqual([]);
  });

  it.each(['cases:list', 'cases:list (text=phone)', 'desk:today', 'staff:workload', 'cases:related', 'cases:audit', 'cases:accept', 'cases:create (rejected)', 'sessions:schedule', 'sessions:save', 'sessions:get', 'attachments:add'])('%s output holds no unmasked ID number or mobile', (key) => {
    expect(outputs[key]).toBeDefined();
    expect(hits(JSON.stringify(outputs[key]))).toEqual([]);
  });

  it('related lookup did find the case (the scan is not vacuous)', () => {
    expect((outputs['cases:related'] as unknown[]).length).toBeGreaterThan(0);
  });

  it('captured console output holds none', () => {
    expect(hits(captured.join('\n'))).toEqual([]);
  });

  it('the scans saw the new audit entries (session saves, attachments), so the next test is not vacuous', async () => {
    const trail = await sealed.text(path.join(dir, 'cases', sessionCase, 'audit.jsonl'));
    for (const action of ['sessions:schedule', 'sessions:open', 'sessions:save', 'attachments:add']) expect(trail).toContain(`"${action}"`);
  });

  it('audit trails (audit/*.jsonl, cases/*/audit.jsonl) hold none', async () => {
    const audits = (await files(dir)).filter((f) => f.endsWith('.jsonl') && (f.includes(`${path.sep}audit${path.sep}`) || path.basename(f) === 'audit.jsonl'));
    expect(audits.length).toBeGreaterThan(5);
    const offenders: string[] = [];
    for (const f of audits) for (const line of (await sealed.text(f)).split('\n')) if (hits(line).length) offenders.push(`${path.relative(dir, f)}: ${line.slice(0, 160)}`);
    expect(offenders).toEqual([]);
  });

  it('FINDINGS: where full values are stored, inside the sealed records (reported, not failed)', async () => {
    const where: Record<string, number> = {};
    for (const f of await files(dir)) {
      const rel = path.relative(dir, f);
      const bytes = await sealed.read(f).catch(() => Buffer.alloc(0));
      const text = bytes.toString('utf8');
      const n = hits(text).length;
      if (!n) continue;
      const kind = rel
        .replace(/cases[\\/][0-9a-f-]{36}/, 'cases/<id>')
        .replace(/[0-9a-f-]{36}/g, '<uuid>')
        .replace(/\.\d+-\d+\.tmp$/, '.tmp');
      where[kind] = (where[kind] ?? 0) + n;
    }
    const report = {
      // Session files hold the record of a session or investigation (a witness's ID number for the 调查笔录).
      legitimate: Object.fromEntries(Object.entries(where).filter(([k]) => /case\.json|documents[\\/]|sessions[\\/]/.test(k))),
      // Identity keys (full ID numbers / phones / credit codes) for related-case lookup: the trade-off is a fast
      // lookup at start-up versus full identifiers in one more file; hashing the keys (HMAC with a per-install
      // secret) would keep the lookup and drop the plain values.
      indexIdentityKeys: Object.fromEntries(Object.entries(where).filter(([k]) => /^index[\\/]/.test(k))),
      other: Object.fromEntries(Object.entries(where).filter(([k]) => !/case\.json|documents[\\/]|sessions[\\/]|^index[\\/]/.test(k))),
    };
    process.stdout.write(`${JSON.stringify({ piiFindings: report })}\n`);
    expect(Object.keys(report.legitimate).length).toBeGreaterThan(0);
  });

  // FINDING (reported to the lead; fix in electron/main/services/sessions.ts, and the schedule form's edit mode):
  // every SessionView of an investigation (sessions:schedule, :get, :open, :update-plan, :close, :cancel) carries
  // the witness's full ID number and mobile in session.subject, although the editor only shows them in disabled
  // fields and sessions:update-plan keeps the stored subject and ignores the one sent back. Suggested fix: mask
  // subject.idNumber / subject.phone in toView (last 4, like the lists); the investigation record (调查笔录) is
  // rendered in main from the file and keeps the full values. Fails until fixed.
  it('the answers for an investigation do not carry the witness’s full ID number or mobile', () => {
    expect(witnessView.session.kind).toBe('investigation'); // not vacuous
    expect(hits(JSON.stringify(investigationAnswers))).toEqual([]);
  });

  // FINDING (reported to the lead; fix in electron/main/services/attachments.ts): the label of an attachment defaults
  // to the picked file's name (renderer labelOf), and scans are often named after their content, e.g.
  // "张建国身份证330782196803151310.jpg". addAttachment copies the label verbatim into the audit detail, so the full ID
  // number lands in the case's audit trail (kept ≥ 3 years, read by the auditor). Suggested fix: leave the label out
  // of the audit detail (the attachment id and SHA-256 identify it) or mask ID numbers and mobiles in it. Fails until
  // fixed.
  it('an attachment labelled with an ID number (from its file name) does not put the number in the audit trail', async () => {
    const number = (roadTrafficCaseInput().parties[0] as PersonParty).idNumber;
    const dir2 = await makeTempDir('hostile-pii-label-');
    const ws2 = await openWorkstation(dir2);
    try {
      await setUp(ws2);
      const created = await call(ws2, 'cases:create', roadTrafficCaseInput());
      await call(ws2, 'attachments:add', { caseId: created.id, sessionId: null, statementId: null, category: 'identity', label: `张建国身份证${number}`, mimeType: 'image/png', base64: makePng(16).toString('base64') });
      const trail = (await call(ws2, 'cases:audit', { id: created.id })).filter((e) => e.action === 'attachments:add');
      expect(trail).toHaveLength(1);
      expect(hits(JSON.stringify(trail))).toEqual([]);
    } finally {
      await ws2.close();
      await removeDir(dir2);
    }
  });
});
