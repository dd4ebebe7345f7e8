/**
 * A data folder made through the real services for the backup tests: cases registered, accepted, a document issued,
 * a session held and closed with 达成协议, an agreement drafted, reviewed and signed on screen (signature files), and
 * the reliability workload's mix (updates, write-once documents, attachments, typed sessions).
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { objectPath } from '../../../electron/main/backup/layout';
import { readManifest } from '../../../electron/main/backup/manifest';
import { isCaseBundlePath } from '../../../electron/main/backup/pg-source';
import type { Clock } from '../../../electron/main/services/clock';
import { Workstation } from '../../../electron/main/services/workstation';
import { type CaseBundle, exportCase } from '../../../electron/main/storage/case-bundle';
import type { DeskConfig } from '../../../electron/main/storage/desk-config';
import type { AgreementItem, Staff } from '../../../electron/shared/domain';
import { ROAD_TRAFFIC_IDS, roadTrafficCaseInput, seededRng } from '../../fixtures/cases';
import { CONNECTION, addStaff, approveAsReviewer, call, openWorkstation, setUp, signInAs } from '../../fixtures/workstation';
import { CONNECTION as WORKLOAD_CONNECTION, runWorkload } from '../../../scripts/reliability/workload';
import { signaturePng } from '../documents/agreement-images';

export const RECORDER_CONNECTION = 'window-recorder';

/** The data key of an unlocked workstation (what a sign-in unwrapped). */
export const dataKeyOf = (ws: Workstation): Buffer => ws.heldKey();

/** A case through accept, a session closed with an agreement, the agreement approved and signed by the applicant. */
async function signedAgreementCase(ws: Workstation, admin: Staff, recorder: Staff): Promise<void> {
  const created = await call(ws, 'cases:create', roadTrafficCaseInput());
  await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' });
  await call(ws, 'documents:issue', { caseId: created.id, template: 'acceptance-register' });
  const scheduled = await call(ws, 'sessions:schedule', {
    caseId: created.id,
    plan: { kind: 'session', scheduledAt: '2026-05-01T14:00:00+08:00', place: '交通事故调解室', purpose: '', mediatorIds: [admin.id], recorderId: recorder.id, subject: null },
  });
  const opened = await call(ws, 'sessions:open', { caseId: created.id, sessionId: scheduled.session.id, revision: scheduled.session.revision });
  const attendees = opened.session.attendees.map((a) => ({ ...a, presence: 'present' as const }));
  const statements = [{ id: crypto.randomUUID(), speakerId: admin.id, kind: 'question' as const, text: '赔偿款的支付期限', startedAt: '2026-05-01T06:06:00.000Z', marks: ['focus' as const], caucus: null }];
  await call(ws, 'sessions:close', { caseId: created.id, sessionId: opened.session.id, revision: opened.session.revision, content: { attendees, statements }, outcome: { type: 'agreement', note: '' } });
  const { applicant1, applicant2, respondent } = ROAD_TRAFFIC_IDS;
  const items: AgreementItem[] = [
    { id: crypto.randomUUID(), type: 'apology', fromIds: [respondent], toIds: [applicant1, applicant2], manner: '书面', dueOn: '2026-05-10' },
  ];
  let view = await call(ws, 'agreements:create', { caseId: created.id, kind: 'written' });
  view = await call(ws, 'agreements:save', {
    caseId: created.id,
    revision: view.agreement.revision,
    content: { ...view.agreement.content, responsibility: '被申请人驾驶员负事故主要责任。', items, breach: '逾期未履行的，申请人可以向人民法院提起诉讼。', copies: 4 },
  });
  view = await call(ws, 'agreements:submit', { caseId: created.id, revision: view.agreement.revision });
  view = await approveAsReviewer(ws, created.id, view.agreement.revision);
  const png = await signaturePng('张建国');
  await call(ws, 'agreements:sign', {
    caseId: created.id,
    revision: view.agreement.revision,
    signerId: applicant1,
    method: 'drawn',
    pngBase64: png.toString('base64'),
    strokes: [{ points: [{ x: 1, y: 1, time: 1 }, { x: 40, y: 12, time: 30 }] }],
  });
}

/** Sets up a fresh folder and fills it; returns the open workstation (signed in) and its data key. */
export async function seededWorkstation(dir: string, opts: { workloadOps?: number; clock?: Clock; desk?: DeskConfig } = {}): Promise<{ ws: Workstation; admin: Staff; dataKey: Buffer }> {
  const ws = await openWorkstation(dir, { ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.desk ? { desk: opts.desk } : {}) });
  const admin = await setUp(ws);
  const recorder = await addStaff(ws, { name: '叶晓敏', roles: ['clerk'] });
  await signInAs(ws, recorder.loginName, RECORDER_CONNECTION);
  await signedAgreementCase(ws, admin, recorder);
  await signInAs(ws, admin.loginName, WORKLOAD_CONNECTION);
  await runWorkload(ws, seededRng(15), admin.id, () => undefined, { ops: opts.workloadOps ?? 40, maxFileBytes: 8 * 1024 });
  return { ws, admin, dataKey: dataKeyOf(ws) };
}

/** Every case of a store as bundles (record, parts, files, trail), by id. */
export async function allBundles(ws: Workstation): Promise<Map<string, CaseBundle>> {
  const { items } = await ws.cases.query({});
  const bundles = new Map<string, CaseBundle>();
  for (const item of items) bundles.set(item.id, await exportCase(ws.cases, item.id));
  return bundles;
}

/** Opens a restored folder with the data key, as the app would after a sign-in. */
export async function openRestored(dir: string, dataKey: Buffer): Promise<Workstation> {
  const ws = await openWorkstation(dir);
  await ws.openWithKey(dataKey);
  return ws;
}

/** Names in a folder other than the given ones (a restore must leave no temporary sibling behind). */
export async function leftovers(parent: string, except: readonly string[]): Promise<string[]> {
  return (await readdir(parent)).filter((n) => !except.includes(n));
}

export { CONNECTION, path };

/** Flips a byte in the middle of one case bundle's object in a center database's generation; returns the undo. */
export async function damageCaseBundle(target: string, generation: string): Promise<() => Promise<void>> {
  const manifest = await readManifest(target, generation);
  const victim = manifest.files.find((f) => isCaseBundlePath(f.path))!;
  const file = objectPath(target, victim.sha256);
  const original = await readFile(file);
  const flipped = Buffer.from(original);
  flipped[flipped.length >> 1]! ^= 0x10;
  await writeFile(file, flipped);
  return () => writeFile(file, original);
}
