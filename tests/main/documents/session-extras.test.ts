/**
 * From sessions and investigations as the workstation records them to the records printed from them
 * (session-extras.ts): speakers, order, caucus (背对背) statements never printed — neither in the PDF nor in the DOCX —,
 * who was there and who was not, the outcome with what goes with it, the person interviewed, the termination.
 */
import { describe, expect, it } from 'vitest';
import { checkRequiredFields } from '../../../electron/main/documents/check';
import { buildDocumentData } from '../../../electron/main/documents/document-data';
import { bottomMarginOf } from '../../../electron/main/documents/page-signers';
import { renderDocx } from '../../../electron/main/documents/render-docx';
import { renderPdf } from '../../../electron/main/documents/render-pdf';
import { investigationExtras, printableStatements, recordExtras, sessionExtras, terminationExtras } from '../../../electron/main/documents/session-extras';
import type { CaseRecord, SessionRecord } from '../../../electron/shared/domain';
import { TEMPLATES } from '../../../templates';
import { ROAD_TRAFFIC_IDS } from '../../fixtures/cases';
import {
  CLERK,
  DOCUMENT_STAFF,
  MEDIATOR,
  RECORDER,
  SESSION_CAUCUS_TEXT,
  documentSettings,
  investigationRecordFixture,
  mediatedRecord,
  sessionRecordFixture,
} from '../../fixtures/documents';
import { docxParts, docxText, pdfBodyText, pdfText, squash } from './helpers';

const { applicant1, applicant2, respondent, agent } = ROAD_TRAFFIC_IDS;
const record = mediatedRecord();
const dataFor = (session: SessionRecord, r: CaseRecord = record) =>
  buildDocumentData({ record: r, settings: documentSettings(), staff: DOCUMENT_STAFF, today: '2026-05-08', extras: recordExtras(r, session, '2026-05-08') });
const withAttendee = (s: SessionRecord, id: string, change: Partial<SessionRecord['attendees'][number]>): SessionRecord => ({
  ...s,
  attendees: s.attendees.map((a) => (a.id === id ? { ...a, ...change } : a)),
});

describe('a session as printed on its 人民调解记录', () => {
  const session = sessionRecordFixture(0);
  const extras = sessionExtras(record, session);

  it('statements: joint ones only, in the order recorded, empty ones dropped, speakers as speakerLabel prints them', () => {
    const joint = session.statements.filter((s) => s.caucus === null && s.text.trim());
    expect(printableStatements(session)).toEqual(joint);
    expect(extras.statements.map((s) => s.text)).toEqual(joint.map((s) => s.text));
    expect(extras.statements.every((s) => s.caucus === false)).toBe(true);
    expect(new Set(extras.statements.map((s) => s.speaker))).toEqual(
      new Set(['调解员王志强', '申请人张建国', '申请人李秀兰', '被申请人法定代表人陈国平', '申请人张建国的委托代理人吴晓东']),
    );
    expect(JSON.stringify(extras)).not.toMatch(new RegExp(SESSION_CAUCUS_TEXT.map((t) => t.replace(/[（）]/g, '.')).join('|')));
    // an empty statement was begun at the close: not printed, and the one after it follows
    expect(session.statements.some((s) => !s.text.trim())).toBe(true);
    expect(extras.statements.at(-1)!.text).toMatch(/^向各方说明/);
  });

  it('问 / 答 after the speaker, as the template prints it', () => {
    const data = dataFor(session);
    expect(data.sessionStatements.slice(0, 5).map((s) => s.speaker)).toEqual(['调解员王志强', '调解员王志强问', '申请人张建国答', '申请人李秀兰答', '被申请人法定代表人陈国平答']);
    expect(data.sessionStatements.map((s) => s.speaker)).toContain('申请人张建国的委托代理人吴晓东答');
  });

  it('who was there: parties, the person who appeared for the company, the agent, the participant, mediators and recorder', () => {
    expect(extras).toMatchObject({
      partyIds: [applicant1, applicant2, respondent],
      agentIds: [agent],
      representatives: [{ partyId: respondent, name: '陈国平', capacity: '法定代表人' }],
      absentParties: [],
      participants: [{ name: '张磊', relation: '申请人张建国、李秀兰之子' }],
      mediatorIds: [MEDIATOR.id, CLERK.id],
      recorderId: RECORDER.id,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
    });
    const data = dataFor(session);
    expect(data.sessionAttendance).toBe('申请人张建国（委托代理人吴晓东）、李秀兰；被申请人义乌市顺达货运有限公司（法定代表人陈国平）');
    expect(data.sessionParticipants).toBe('张磊（申请人张建国、李秀兰之子）');
    expect(data.sessionMediators).toBe('王志强、周海燕');
    expect(data.sessionRecorder).toBe('叶晓敏');
    expect(data.sessionTime).toBe('2026年5月8日9时30分至11时40分');
    expect(data.sessionSigners).toEqual([
      { label: '申请人张建国', fingerprint: true },
      { label: '委托代理人吴晓东', fingerprint: false },
      { label: '申请人李秀兰', fingerprint: true },
      { label: '被申请人法定代表人陈国平', fingerprint: false },
      { label: '参加人张磊', fingerprint: false },
      { label: '调解员王志强', fingerprint: false },
      { label: '调解员周海燕', fingerprint: false },
      { label: '记录人叶晓敏', fingerprint: false },
    ]);
    expect(checkRequiredFields(TEMPLATES['session-record'], data)).toEqual([]);
  });

  it('absent and refusing parties are noted in the attendance line and sign nothing; unconfirmed attendance is not printed', () => {
    let s = withAttendee(session, applicant2, { presence: 'absent', note: '住院治疗。' });
    s = withAttendee(s, respondent, { presence: 'refused', note: '公司不同意调解' });
    s = withAttendee(s, ROAD_TRAFFIC_IDS.agent, { presence: 'expected' });
    const data = dataFor({ ...s, statements: s.statements.filter((st) => st.speakerId !== applicant2 && st.speakerId !== respondent) });
    expect(data.sessionAttendance).toBe('申请人张建国；申请人李秀兰经通知未到场（住院治疗）；被申请人义乌市顺达货运有限公司明确拒绝调解（公司不同意调解）');
    expect(data.sessionSigners.map((x) => x.label)).toEqual(['申请人张建国', '参加人张磊', '调解员王志强', '调解员周海燕', '记录人叶晓敏']);
    expect(data.sessionParties.map((p) => p.name)).toEqual(['张建国']);
  });

  it('a party absent in person whose agent came takes part through the agent, who signs without a fingerprint box', async () => {
    const s = withAttendee(session, applicant1, { presence: 'absent' });
    const data = dataFor(s);
    expect(data.sessionAttendance).toBe('申请人张建国（由委托代理人吴晓东代为参加）、李秀兰；被申请人义乌市顺达货运有限公司（法定代表人陈国平）');
    expect(data.sessionParties[0]).toMatchObject({ kind: 'agent', role: '申请人张建国的委托代理人', name: '吴晓东' });
    expect(data.sessionSigners.slice(0, 2)).toEqual([
      { label: '委托代理人吴晓东', fingerprint: false },
      { label: '申请人李秀兰', fingerprint: true },
    ]);
    const pdf = await renderPdf(TEMPLATES['session-record'], data);
    const body = squash(pdfBodyText(pdf, bottomMarginOf(TEMPLATES['session-record'], data)));
    expect(body).toContain('申请人张建国的委托代理人吴晓东（签名）');
    expect(body).not.toContain('申请人张建国（签名或按指印）');
    expect(body.match(/（指印）/g)).toHaveLength(1); // 李秀兰 only
  });

  it('a company that appears under its own name (no person named, no agent) signs under its name', () => {
    const s = withAttendee(session, respondent, { name: '义乌市顺达货运有限公司', relation: '被申请人' });
    const data = dataFor(s);
    expect(sessionExtras(record, s).representatives).toEqual([]);
    expect(data.sessionAttendance).toContain('被申请人义乌市顺达货运有限公司');
    expect(data.sessionSigners).toContainEqual({ label: '被申请人义乌市顺达货运有限公司', fingerprint: false });
  });

  it('a recorder who is also a mediator signs once', () => {
    const s: SessionRecord = { ...session, recorderId: CLERK.id, attendees: session.attendees.filter((a) => a.kind !== 'recorder') };
    expect(dataFor(s).sessionSigners.slice(-2)).toEqual([
      { label: '调解员王志强', fingerprint: false },
      { label: '调解员兼记录人周海燕', fingerprint: false },
    ]);
  });

  it.each([
    [{ type: 'continue', nextAt: '2026-05-20T09:00:00+08:00', note: '申请人补充提交误工证明' }, '本次调解未达成协议，另行安排调解。\n下次调解时间：2026年5月20日9时00分。申请人补充提交误工证明。'],
    [{ type: 'continue', nextAt: null, note: '' }, '本次调解未达成协议，另行安排调解。\n下次调解时间另行通知。'],
    [
      { type: 'failed', reason: '被申请人坚持只赔偿五万元，双方差距过大', routesExplained: true, routes: '可以向义乌市人民法院提起诉讼。' },
      '经调解，各方当事人未能达成调解协议，调解不成。\n调解不成的原因：被申请人坚持只赔偿五万元，双方差距过大。\n已告知各方当事人可以依法通过仲裁、行政、司法等途径维护自己的权利：可以向义乌市人民法院提起诉讼。',
    ],
    [{ type: 'suspended', reason: '申请人住院治疗' }, '本次调解中止。\n中止调解的原因：申请人住院治疗。'],
  ] as const)('outcome %j with what goes with it', (outcome, printed) => {
    expect(dataFor({ ...session, outcome: outcome as SessionRecord['outcome'] }).sessionOutcome).toBe(printed);
  });

  it('a session still open: no end time, and ruled lines under 调解结果 to write the result by hand', async () => {
    const open: SessionRecord = { ...session, status: 'open', endedAt: null, outcome: null };
    const extrasOpen = sessionExtras(record, open);
    expect(extrasOpen.endedAt).toBeUndefined();
    const data = dataFor(open);
    expect(data.sessionTime).toBe('2026年5月8日9时30分');
    expect(data.hasSessionOutcome).toBe(false);
    expect(checkRequiredFields(TEMPLATES['session-record'], data)).toEqual([]);
    const text = squash(pdfText(await renderPdf(TEMPLATES['session-record'], data)));
    expect(text).toContain('调解结果：');
    expect(text).not.toContain('经调解');
  });
});

describe('caucus statements are never printed: PDF and DOCX', () => {
  const session = sessionRecordFixture(6);
  const data = dataFor(session);

  it('the PDF holds every joint statement in order and no caucus statement', async () => {
    const pdf = await renderPdf(TEMPLATES['session-record'], data);
    const all = squash(pdfText(pdf, undefined, 'raw'));
    for (const text of SESSION_CAUCUS_TEXT) expect(all).not.toContain(squash(text));
    const body = squash(pdfBodyText(pdf, bottomMarginOf(TEMPLATES['session-record'], data), 'raw'));
    const positions = data.sessionStatements.map((s) => body.indexOf(squash(`${s.speaker}：${s.text}`)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('the DOCX (body and footers) holds no caucus statement', async () => {
    const parts = docxParts(await renderDocx(TEMPLATES['session-record'], data));
    const text = [...parts].filter(([name]) => /^word\/(document|footer\d+)\.xml$/.test(name)).map(([, xml]) => docxText(xml)).join('');
    expect(text).toContain(printableStatements(session)[1]!.text);
    for (const caucus of SESSION_CAUCUS_TEXT) expect(text).not.toContain(caucus);
  });
});

describe('an investigation as printed on its 调查记录', () => {
  const inv = investigationRecordFixture();

  it('the witness: identity from the plan, sex and birth date from the ID number; speakers as 调查人 and 被调查人', () => {
    const extras = investigationExtras(record, inv, '2026-05-08');
    expect(extras.subject).toMatchObject({ name: '楼志明', gender: 'male', birthDate: '1979-06-20', idType: 'resident_id', phone: '13705798821' });
    expect(extras.investigatorIds).toEqual([MEDIATOR.id]);
    expect(extras.participants).toEqual([]);
    const data = dataFor(inv);
    expect(data.invStatements.slice(0, 2).map((s) => s.speaker)).toEqual(['调查人王志强问', '被调查人楼志明答']);
    expect(data.invSubjects[0]).toMatchObject({ name: '楼志明', gender: '男', age: '46岁' });
    expect(data.invSubjectRelation).toBe('事故现场附近商店经营者，事故目击者');
    expect(data.invSigners).toEqual([
      { label: '被调查人楼志明', fingerprint: true },
      { label: '调查人王志强', fingerprint: false },
      { label: '记录人叶晓敏', fingerprint: false },
    ]);
    expect(checkRequiredFields(TEMPLATES['investigation-record'], data)).toEqual([]);
  });

  it('a witness without a resident ID number: the number as given, nothing guessed', () => {
    const s: SessionRecord = { ...inv, subject: { kind: 'witness', name: '楼志明', relation: '目击者', idNumber: 'E12345678', phone: '', address: '' } };
    expect(investigationExtras(record, s, '2026-05-08').subject).toEqual({ name: '楼志明', relation: '目击者', idType: 'other', idNumber: 'E12345678' });
  });

  it('a party interviewed: 被调查人 by name, its relation its role, anyone else present a 参加人; caucus statements dropped', () => {
    const s: SessionRecord = {
      ...inv,
      subject: { kind: 'party', partyId: applicant1 },
      attendees: [
        { id: applicant1, kind: 'party', name: '张建国', relation: '申请人', presence: 'present', note: '' },
        { id: agent, kind: 'agent', name: '吴晓东', relation: '申请人张建国的委托代理人', presence: 'present', note: '' },
        ...inv.attendees.filter((a) => a.kind !== 'participant'),
      ],
      statements: inv.statements.map((st, i) => ({ ...st, speakerId: i % 2 === 0 ? MEDIATOR.id : applicant1, caucus: i === 5 ? 'applicant' : null })),
    };
    const data = dataFor(s);
    expect(data.invSubjects[0]).toMatchObject({ name: '张建国', role: '被调查人' });
    expect(data.invSubjectRelation).toBe('本纠纷申请人');
    expect(data.invParticipants).toBe('吴晓东（申请人张建国的委托代理人）');
    expect(data.invStatements.map((st) => st.speaker)).toEqual(['调查人王志强问', '被调查人张建国答', '调查人王志强问', '被调查人张建国答', '调查人王志强问']);
    expect(data.invSigners.map((x) => x.label)).toEqual(['被调查人张建国', '参加人吴晓东', '调查人王志强', '记录人叶晓敏']);
  });
});

describe('the termination of a case as printed on its 终止调解告知书', () => {
  const terminated = (routes: string) => mediatedRecord((r) => ({ ...r, termination: { reason: '被申请人明确表示不同意继续调解。', routes, date: '2026-05-20', sessionId: null } }));

  it.each([
    ['可以向义乌市人民法院提起诉讼', '此外，你（们）还可以向义乌市人民法院提起诉讼。'],
    ['也可以向义乌市劳动人事争议仲裁委员会申请仲裁。', '此外，你（们）还可以向义乌市劳动人事争议仲裁委员会申请仲裁。'],
    ['你（们）也可以向义乌市人民法院提起诉讼。', '你（们）也可以向义乌市人民法院提起诉讼。'],
    ['建议先行协商', '此外，建议先行协商。'],
  ])('the advice %j is addressed to the parties', (advice, printed) => {
    expect(terminationExtras(terminated(advice))).toEqual({ reason: '被申请人明确表示不同意继续调解。', routes: printed, date: '2026-05-20' });
  });

  it('no advice, no paragraph; no termination, no extras', async () => {
    expect(terminationExtras(terminated(''))).toEqual({ reason: '被申请人明确表示不同意继续调解。', date: '2026-05-20' });
    expect(terminationExtras(record)).toBeUndefined();
    expect(recordExtras(record, null, '2026-05-08')).toEqual({});
    const r = terminated('可以向义乌市人民法院提起诉讼');
    const data = buildDocumentData({ record: r, settings: documentSettings(), staff: DOCUMENT_STAFF, today: '2026-05-20', extras: recordExtras(r, null, '2026-05-20') });
    expect(checkRequiredFields(TEMPLATES['termination-notice'], data)).toEqual([]);
    const text = squash(pdfText(await renderPdf(TEMPLATES['termination-notice'], data)));
    expect(text).toContain('因被申请人明确表示不同意继续调解，依照《中华人民共和国人民调解法》第二十六条的规定');
    expect(text).toContain('此外，你（们）还可以向义乌市人民法院提起诉讼。');
    expect(text).toContain('2026年5月20日');
  });
});
