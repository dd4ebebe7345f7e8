/**
 * Records issued through the API on a real data directory: a 人民调解记录 made from a session and a 人民调解调查记录 made
 * from an investigation (documents:issue / documents:preview with `subjectId`), versions counted per session, the
 * session stored on the version and in the data snapshot, the checks before anything is rendered, and the
 * 终止调解告知书 of a case whose mediation failed at a session.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import type { CaseRecord, SessionContent, SessionPlan, SessionRecord, Staff, Statement } from '../../../electron/shared/domain';
import type { IssuedDocument } from '../../../electron/shared/ipc/contract';
import { FIXTURE_NOW, roadTrafficCaseInput } from '../../fixtures/cases';
import { call, callError, makeTempDir, openWorkstation, removeDir, setUp, storeFiles } from '../../fixtures/workstation';
import { pdfPages, pdfText, squash } from './helpers';

let dir: string;
let ws: Workstation;
let admin: Staff;

const pdfOf = (issued: { pdfBase64: string }) => Buffer.from(issued.pdfBase64, 'base64');
const documentsDir = (caseId: string) => path.join(dir, 'cases', caseId, 'documents');

beforeAll(async () => {
  dir = await makeTempDir('records-');
  ws = await openWorkstation(dir);
  admin = await setUp(ws);
  const settings = await call(ws, 'settings:get');
  await call(ws, 'settings:update', { ...settings, phone: '0579-85181234', address: '浙江省义乌市稠城街道县前街1号' });
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await removeDir(dir);
});

/** A case accepted with the admin as mediator: 调解中. */
async function mediatingCase(): Promise<CaseRecord> {
  const created = await call(ws, 'cases:create', roadTrafficCaseInput());
  return (await call(ws, 'cases:accept', { id: created.id, revision: created.revision, mediatorIds: [admin.id], room: '交通事故调解室', mediationDue: '2026-05-31', note: '' })).record;
}

function plan(over: Partial<SessionPlan> = {}): SessionPlan {
  return { kind: 'session', scheduledAt: '2026-05-02T09:00:00+08:00', place: '交通事故调解室', purpose: '', mediatorIds: [admin.id], recorderId: admin.id, subject: null, ...over };
}

let minute = 0;
function statement(speakerId: string, kind: Statement['kind'], text: string, caucus: Statement['caucus'] = null): Statement {
  minute += 1;
  return { id: crypto.randomUUID(), speakerId, kind, text, startedAt: new Date(Date.parse(FIXTURE_NOW) + minute * 60_000).toISOString(), marks: [], caucus };
}

/** Schedules and opens a session (or investigation); returns it open. */
async function openSession(caseId: string, over: Partial<SessionPlan> = {}): Promise<SessionRecord> {
  const scheduled = await call(ws, 'sessions:schedule', { caseId, plan: plan(over) });
  return (await call(ws, 'sessions:open', { caseId, sessionId: scheduled.session.id, revision: scheduled.session.revision })).session;
}

/** Everyone listed present; the statements given. */
function content(session: SessionRecord, statements: (ids: Record<string, string>) => Statement[]): SessionContent {
  const attendees = session.attendees.map((a) => ({ ...a, presence: 'present' as const }));
  const ids = Object.fromEntries(attendees.map((a) => [a.kind === 'party' || a.kind === 'agent' ? a.name : a.kind, a.id]));
  return { attendees, statements: statements(ids) };
}

async function save(caseId: string, session: SessionRecord, c: SessionContent): Promise<void> {
  await call(ws, 'sessions:save', { caseId, sessionId: session.id, revision: session.revision, content: c });
}

const CAUCUS = '（背对背）公司最多只能拿出八万元，这是底线。';

/** A session of the road-traffic case: the mediator asks, each side answers, one caucus statement. */
const sessionStatements = (ids: Record<string, string>) => [
  statement(ids.mediator!, 'question', '各方是否清楚自己的权利和义务？是否申请调解员回避？'),
  statement(ids['张建国']!, 'answer', '清楚，不申请回避。'),
  statement(ids['义乌市顺达货运有限公司']!, 'answer', '清楚，不申请回避。'),
  statement(ids['义乌市顺达货运有限公司']!, 'answer', CAUCUS, 'respondent'),
  statement(ids['吴晓东']!, 'answer', '申请人请求赔偿各项损失共计86500元。'),
  statement(ids.mediator!, 'statement', ''),
];

describe('a 人民调解记录 issued from a session', () => {
  let record: CaseRecord;
  let first: SessionRecord;
  let issued: IssuedDocument;

  beforeAll(async () => {
    record = await mediatingCase();
    first = await openSession(record.id);
    await save(record.id, first, content(first, sessionStatements));
    issued = await call(ws, 'documents:issue', { caseId: record.id, template: 'session-record', subjectId: first.id });
  }, 60_000);

  it('prints the session: who was there, the joint statements with their speakers, never the caucus', () => {
    const pdf = pdfOf(issued);
    const text = squash(pdfText(pdf));
    for (const v of [
      '人民调解记录',
      record.caseNumber,
      '申请人张建国（委托代理人吴晓东）、李秀兰；被申请人义乌市顺达货运有限公司',
      '调解员周海燕问：各方是否清楚自己的权利和义务？是否申请调解员回避？',
      '申请人张建国答：清楚，不申请回避。',
      '被申请人义乌市顺达货运有限公司答：清楚，不申请回避。',
      '申请人张建国的委托代理人吴晓东答：申请人请求赔偿各项损失共计86500元。',
      '调解员兼记录人周海燕',
    ]) {
      expect(text).toContain(squash(v));
    }
    expect(squash(pdfText(pdf, undefined, 'raw'))).not.toContain(squash(CAUCUS));
    // the footer of every page: every one present signs it
    for (let p = 1; p <= pdfPages(pdf); p++) {
      const page = squash(pdfText(pdf, p, 'raw'));
      for (const label of ['申请人张建国', '申请人李秀兰', '被申请人义乌市顺达货运有限公司', '委托代理人吴晓东', '调解员兼记录人周海燕']) expect(page, `page ${p}`).toContain(label);
    }
  });

  it('stores the session on the version, names it in the title, and keeps it in the data snapshot', async () => {
    expect(issued.document).toMatchObject({ template: 'session-record', version: 1, subjectId: first.id, title: '人民调解记录（第1次调解）', templateVersion: 2 });
    expect(issued.document.files[0]!.file).toMatch(/^session-record-n1-v1-[0-9a-f]{8}\.pdf$/);
    const snapshot = JSON.parse(await storeFiles(ws).text(path.join(documentsDir(record.id), issued.document.data.file)));
    expect(snapshot).toMatchObject({ template: 'session-record', version: 1, subjectId: first.id, caseId: record.id });
    expect(snapshot.subjectRevision).toBeGreaterThan(0);
    expect(JSON.stringify(snapshot)).not.toContain(CAUCUS);
    const audit = await call(ws, 'cases:audit', { id: record.id });
    expect(audit.at(-1)?.detail).toMatch(/^出具《人民调解记录（第1次调解）》第1版/);
    expect((await call(ws, 'documents:read', { caseId: record.id, documentId: issued.document.id })).intact).toBe(true);
  });

  it('counts versions per session: the same session gives version 2, another session its own version 1', async () => {
    const again = await call(ws, 'documents:issue', { caseId: record.id, template: 'session-record', subjectId: first.id });
    expect(again.document.version).toBe(2);
    const second = await openSession(record.id, { scheduledAt: '2026-05-03T09:00:00+08:00' });
    expect(second.number).toBe(2);
    await save(record.id, second, content(second, sessionStatements));
    const other = await call(ws, 'documents:issue', { caseId: record.id, template: 'session-record', subjectId: second.id });
    expect(other.document).toMatchObject({ version: 1, subjectId: second.id, title: '人民调解记录（第2次调解）' });
    const stored = (await call(ws, 'cases:get', { id: record.id })).record.documents.filter((d) => d.template === 'session-record');
    expect(stored.map((d) => [d.subjectId, d.version])).toEqual([
      [first.id, 1],
      [first.id, 2],
      [second.id, 1],
    ]);
    // the forms about the case as a whole take no session
    const rights = await call(ws, 'documents:issue', { caseId: record.id, template: 'rights-notice' });
    expect(rights.document).toMatchObject({ subjectId: null, version: 1, title: '人民调解当事人权利义务告知书' });
  });

  it('the preview prints the same, stores nothing', async () => {
    const before = (await readdir(documentsDir(record.id))).length;
    const preview = await call(ws, 'documents:preview', { caseId: record.id, template: 'session-record', subjectId: first.id });
    expect(preview.title).toBe('人民调解记录（第1次调解）');
    expect(squash(pdfText(pdfOf(preview)))).toContain(squash('申请人张建国答：清楚，不申请回避。'));
    expect((await readdir(documentsDir(record.id))).length).toBe(before);
  });
});

describe('a 人民调解调查记录 issued from an investigation', () => {
  it('of a witness: 被调查人 and 调查人 by name, the identity from the plan, every page signed', async () => {
    const record = await mediatingCase();
    const witness = { kind: 'witness' as const, name: '楼志明', relation: '事故目击者', idNumber: '', phone: '13705798821', address: '浙江省义乌市稠城街道宾王路156号' };
    const inv = await openSession(record.id, { kind: 'investigation', place: '志明五金商店', subject: witness });
    await save(
      record.id,
      inv,
      content(inv, (ids) => [statement(ids.mediator!, 'question', '事故发生时你在什么位置？'), statement(ids.participant!, 'answer', '我在店门口卸货，离路口大约二十米。')]),
    );
    const issued = await call(ws, 'documents:issue', { caseId: record.id, template: 'investigation-record', subjectId: inv.id });
    expect(issued.document).toMatchObject({ subjectId: inv.id, version: 1, title: '人民调解调查记录（第1次调查）' });
    // content-stream order: the footer cell by cell (the box after its label)
    const text = squash(pdfText(pdfOf(issued), undefined, 'raw'));
    for (const v of ['被调查人：楼志明', '联系方式：13705798821', '关系：事故目击者', '调查人周海燕问：事故发生时你在什么位置？', '被调查人楼志明答：我在店门口卸货，离路口大约二十米。', '被调查人楼志明（指印）', '调查人兼记录人周海燕']) {
      expect(text).toContain(squash(v));
    }
  });
});

describe('what is refused before anything is rendered', () => {
  let record: CaseRecord;
  let session: SessionRecord;
  let investigation: SessionRecord;

  beforeAll(async () => {
    record = await mediatingCase();
    session = await openSession(record.id);
    await save(record.id, session, content(session, sessionStatements));
    const party = record.parties[0]!;
    investigation = await openSession(record.id, { kind: 'investigation', place: '申请人家中', subject: { kind: 'party', partyId: party.id } });
    await save(record.id, investigation, content(investigation, (ids) => [statement(ids.mediator!, 'question', '请陈述事故经过。'), statement(ids['张建国']!, 'answer', '货车右转时撞上了我的电动自行车。')]));
  }, 60_000);

  const refused = async (payload: unknown, code: string, message: string | RegExp) => {
    const before = (await readdir(documentsDir(record.id)).catch(() => [])).length;
    const error = await callError(ws, 'documents:issue', payload);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect((await readdir(documentsDir(record.id)).catch(() => [])).length).toBe(before);
    // the preview refuses the same
    expect((await callError(ws, 'documents:preview', payload)).message).toMatch(message);
  };

  it('a record without its session', async () => {
    await refused({ caseId: record.id, template: 'session-record' }, 'INVALID_INPUT', '请选择要出具记录的调解会次');
    await refused({ caseId: record.id, template: 'investigation-record' }, 'INVALID_INPUT', '请选择要出具记录的调查');
  });

  it('a session of the other kind, or one the case does not have', async () => {
    await refused({ caseId: record.id, template: 'session-record', subjectId: investigation.id }, 'INVALID_INPUT', '所选的是第1次调查，《人民调解记录》只能针对调解出具，请重新选择');
    await refused({ caseId: record.id, template: 'investigation-record', subjectId: session.id }, 'INVALID_INPUT', '所选的是第1次调解，《人民调解调查记录》只能针对调查出具，请重新选择');
    await refused({ caseId: record.id, template: 'session-record', subjectId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', '本案中没有所选的调解');
  });

  it('a session for a form about the whole case', async () => {
    await refused({ caseId: record.id, template: 'rights-notice', subjectId: session.id }, 'INVALID_INPUT', '《人民调解当事人权利义务告知书》不针对某一次调解或调查出具');
  });

  it('a session not begun, or cancelled', async () => {
    const scheduled = (await call(ws, 'sessions:schedule', { caseId: record.id, plan: plan({ scheduledAt: '2026-05-04T09:00:00+08:00' }) })).session;
    await refused({ caseId: record.id, template: 'session-record', subjectId: scheduled.id }, 'NOT_ALLOWED', `第${scheduled.number}次调解尚未开始，不能出具《人民调解记录》`);
    await call(ws, 'sessions:cancel', { caseId: record.id, sessionId: scheduled.id, revision: scheduled.revision, reason: '当事人请求改期' });
    await refused({ caseId: record.id, template: 'session-record', subjectId: scheduled.id }, 'NOT_ALLOWED', `第${scheduled.number}次调解已取消`);
  });

  it('a session with nothing said jointly (caucus statements are not printed)', async () => {
    const quiet = await openSession(record.id, { scheduledAt: '2026-05-05T09:00:00+08:00' });
    await save(record.id, quiet, content(quiet, (ids) => [statement(ids['张建国']!, 'answer', '（背对背）最低八万五。', 'applicant'), statement(ids.mediator!, 'statement', '   ')]));
    await refused({ caseId: record.id, template: 'session-record', subjectId: quiet.id }, 'INVALID_INPUT', `第${quiet.number}次调解还没有可记入《人民调解记录》的共同调解的发言（背对背调解的发言不记入），不能出具`);
  });

  it('a session with nobody confirmed present names what the record lacks', async () => {
    const unconfirmed = await openSession(record.id, { scheduledAt: '2026-05-06T09:00:00+08:00' });
    const c = content(unconfirmed, (ids) => [statement(ids.mediator!, 'question', '请各方陈述。')]);
    await save(record.id, unconfirmed, { ...c, attendees: c.attendees.map((a) => (a.kind === 'party' || a.kind === 'agent' ? { ...a, presence: 'expected' as const } : a)) });
    const error = await callError(ws, 'documents:issue', { caseId: record.id, template: 'session-record', subjectId: unconfirmed.id });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('无法出具《人民调解记录》，记录缺少以下信息：到场当事人');
    expect(error.issues).toEqual([{ code: 'REQUIRED', path: ['subjectId'], message: '缺少到场当事人' }]);
  });

  it('the termination notice before the mediation was terminated', async () => {
    await refused({ caseId: record.id, template: 'termination-notice' }, 'NOT_ALLOWED', '只有已终止调解的案件才能出具《终止调解告知书》');
  });
});

describe('a session that failed: its record and the 终止调解告知书', () => {
  it('the reason and the routes told (art. 26) are on both', async () => {
    const record = await mediatingCase();
    const session = await openSession(record.id);
    const c = content(session, sessionStatements);
    const outcome = { type: 'failed' as const, reason: '被申请人坚持只赔偿五万元，双方分歧过大', routesExplained: true as const, routes: '可以向义乌市人民法院提起诉讼' };
    await call(ws, 'sessions:close', { caseId: record.id, sessionId: session.id, revision: session.revision, content: c, outcome });
    const terminated = (await call(ws, 'cases:get', { id: record.id })).record;
    expect(terminated.termination).toMatchObject({ reason: outcome.reason, sessionId: session.id });

    const minutes = squash(pdfText(pdfOf(await call(ws, 'documents:issue', { caseId: record.id, template: 'session-record', subjectId: session.id }))));
    expect(minutes).toContain(squash('经调解，各方当事人未能达成调解协议，调解不成。'));
    expect(minutes).toContain(squash('调解不成的原因：被申请人坚持只赔偿五万元，双方分歧过大。'));
    expect(minutes).toContain(squash('已告知各方当事人可以依法通过仲裁、行政、司法等途径维护自己的权利：可以向义乌市人民法院提起诉讼。'));

    const notice = await call(ws, 'documents:issue', { caseId: record.id, template: 'termination-notice' });
    expect(notice.document).toMatchObject({ subjectId: null, title: '终止调解告知书', version: 1 });
    const text = squash(pdfText(pdfOf(notice)));
    expect(text).toContain(squash('因被申请人坚持只赔偿五万元，双方分歧过大，依照《中华人民共和国人民调解法》第二十六条的规定，本委员会决定终止调解。'));
    expect(text).toContain(squash('此外，你（们）还可以向义乌市人民法院提起诉讼。'));
    expect(text).toContain(squash('张建国、李秀兰、义乌市顺达货运有限公司：'));
  });
});
