import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../electron/shared/domain/attachment';
import type { CaseAction, CaseActionType } from '../../electron/shared/domain/case-actions';
import type { DocumentVersion } from '../../electron/shared/domain/document';
import type { SessionSummary } from '../../electron/shared/domain/session';
import { buildCaseTimeline, isUpcoming, type TimelineEvent } from '../../electron/shared/domain/timeline';

const CLERK = '6f1c2b9e-3d4a-4b5c-8d7e-9f0a1b2c3d4e';
const MEDIATOR = '7a2d3c0f-4e5b-4c6d-9e8f-0a1b2c3d4e5f';
const CASE_ID = '0b4c1a9e-1111-4222-8333-944455556666';

let seq = 0;
/** A deterministic uuid per call: 00000000-0000-4000-8000-00000000000N. */
const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

const action = (type: CaseActionType, at: string, note = ''): CaseAction => ({ id: uuid(), type, at, by: CLERK, note });

function session(over: Partial<SessionSummary> & Pick<SessionSummary, 'kind' | 'number' | 'status' | 'scheduledAt'>): SessionSummary {
  return { id: uuid(), place: '第一调解室', mediatorIds: [MEDIATOR], startedAt: null, endedAt: null, outcome: null, subjectLabel: '', ...over };
}

function document(template: DocumentVersion['template'], title: string, version: number, createdAt: string, subjectId: string | null = null): DocumentVersion {
  const hex = 'a'.repeat(64);
  return {
    id: uuid(),
    caseId: CASE_ID,
    template,
    templateVersion: 1,
    version,
    subjectId,
    title,
    createdAt,
    createdBy: CLERK,
    files: [{ format: 'pdf', file: `${template}-v${version}.pdf`, sha256: hex }],
    data: { file: `${template}-v${version}.json`, sha256: hex },
  };
}

function attachment(label: string, addedAt: string, sessionId: string | null = null): Attachment {
  const id = uuid();
  return { id, file: `${id}.jpg`, sha256: 'b'.repeat(64), size: 120_000, mimeType: 'image/jpeg', category: 'evidence', label, sessionId, statementId: null, documentId: null, addedAt, addedBy: MEDIATOR };
}

/** A two-session case that ended in agreement, with an investigation, records issued from both, photos, and a later visit. */
function mediatedCase() {
  const investigation = session({ kind: 'investigation', number: 1, status: 'closed', scheduledAt: '2026-05-06T02:00:00.000Z', startedAt: '2026-05-06T02:05:00.000Z', endedAt: '2026-05-06T02:40:00.000Z', subjectLabel: '证人王五' });
  const first = session({ kind: 'session', number: 1, status: 'closed', scheduledAt: '2026-05-08T01:00:00.000Z', startedAt: '2026-05-08T01:02:00.000Z', endedAt: '2026-05-08T02:30:00.000Z', outcome: 'continue' });
  const second = session({ kind: 'session', number: 2, status: 'closed', scheduledAt: '2026-05-12T01:00:00.000Z', startedAt: '2026-05-12T01:00:00.000Z', endedAt: '2026-05-12T03:00:00.000Z', outcome: 'agreement' });
  const actions = [
    action('REGISTERED', '2026-05-05T01:00:00.000Z'),
    action('ACCEPTED', '2026-05-05T01:20:00.000Z', '调解期限至2026-06-04'),
    action('ASSIGNED', '2026-05-05T01:30:00.000Z', '调解员李娜'),
    action('SESSION_RECORDED', '2026-05-08T02:30:00.000Z', '第1次调解：继续调解'),
    action('SESSION_RECORDED', '2026-05-12T03:00:00.000Z', '第2次调解：达成协议'),
    action('AGREEMENT_REACHED', '2026-05-12T03:00:00.000Z', '经第2次调解达成调解协议'),
  ];
  const documents = [
    document('acceptance-register', '人民调解受理登记表', 1, '2026-05-05T01:25:00.000Z'),
    document('session-record', '人民调解记录', 1, '2026-05-08T02:35:00.000Z', first.id),
    document('session-record', '人民调解记录', 2, '2026-05-08T02:50:00.000Z', first.id),
  ];
  const photo = attachment('事故现场照片', '2026-05-08T01:30:00.000Z', first.id);
  const scan = attachment('身份证复印件', '2026-05-05T01:10:00.000Z');
  return { investigation, first, second, actions, documents, attachments: [photo, scan], photo, scan };
}

/** A short, readable form of the timeline for assertions. */
const describeEvent = (e: TimelineEvent): string => {
  switch (e.kind) {
    case 'action':
      return e.action.type;
    case 'session':
      return `${e.session.kind}#${e.session.number}:${e.phase}`;
    case 'document':
      return `doc:${e.document.template}v${e.document.version}`;
    case 'attachment':
      return `att:${e.attachment.label}`;
    default:
      throw new Error(String(e satisfies never));
  }
};

describe('buildCaseTimeline', () => {
  it('merges actions, sessions, documents and attachments in time order, dropping SESSION_RECORDED where a session says it', () => {
    const c = mediatedCase();
    const events = buildCaseTimeline({ actions: c.actions, sessions: [c.investigation, c.first, c.second], documents: c.documents, attachments: c.attachments }, '2026-05-20T00:00:00.000Z');
    expect(events.map(describeEvent)).toEqual([
      'REGISTERED',
      'att:身份证复印件',
      'ACCEPTED',
      'doc:acceptance-registerv1',
      'ASSIGNED',
      'investigation#1:closed',
      'session#1:closed',
      'att:事故现场照片',
      'doc:session-recordv1',
      'doc:session-recordv2',
      'session#2:closed',
      'AGREEMENT_REACHED',
    ]);
    expect(events.filter((e) => e.kind === 'action' && e.action.type === 'SESSION_RECORDED')).toHaveLength(0);
  });

  it('places a held session when it began and links records and attachments to their session', () => {
    const c = mediatedCase();
    const events = buildCaseTimeline({ actions: c.actions, sessions: [c.investigation, c.first, c.second], documents: c.documents, attachments: c.attachments }, '2026-05-20T00:00:00.000Z');
    const first = events.find((e) => e.kind === 'session' && e.session.id === c.first.id)!;
    expect(first.at).toBe(c.first.startedAt);
    expect(first.by).toBeNull();
    // The SESSION_RECORDED step it stands for travels with it (its note says how it ended).
    expect(first.kind === 'session' && first.recorded?.note).toBe('第1次调解：继续调解');
    const investigation = events.find((e) => e.kind === 'session' && e.session.id === c.investigation.id);
    expect(investigation?.kind === 'session' && investigation.recorded).toBeNull();
    const record = events.find((e) => e.kind === 'document' && e.document.version === 2);
    expect(record?.kind === 'document' && record.subject?.id).toBe(c.first.id);
    expect(record?.by).toBe(CLERK);
    const register = events.find((e) => e.kind === 'document' && e.document.template === 'acceptance-register');
    expect(register?.kind === 'document' && register.subject).toBeNull();
    const photo = events.find((e) => e.kind === 'attachment' && e.attachment.id === c.photo.id);
    expect(photo?.kind === 'attachment' && photo.session?.number).toBe(1);
    expect(photo?.by).toBe(MEDIATOR);
    const scan = events.find((e) => e.kind === 'attachment' && e.attachment.id === c.scan.id);
    expect(scan?.kind === 'attachment' && scan.session).toBeNull();
  });

  it('puts scheduled sessions still ahead last as upcoming; one whose time has passed unopened is due; open and cancelled ones keep their phase', () => {
    const actions = [action('REGISTERED', '2026-05-05T01:00:00.000Z'), action('ACCEPTED', '2026-05-05T01:20:00.000Z'), action('ASSIGNED', '2026-05-05T01:30:00.000Z')];
    const next = session({ kind: 'session', number: 3, status: 'scheduled', scheduledAt: '2026-05-22T01:00:00.000Z' });
    const late = session({ kind: 'investigation', number: 1, status: 'scheduled', scheduledAt: '2026-05-19T06:00:00.000Z' });
    const open = session({ kind: 'session', number: 2, status: 'open', scheduledAt: '2026-05-19T23:00:00.000Z', startedAt: '2026-05-19T23:30:00.000Z' });
    const cancelled = session({ kind: 'session', number: 1, status: 'cancelled', scheduledAt: '2026-05-10T01:00:00.000Z' });
    const events = buildCaseTimeline({ actions, sessions: [cancelled, open, next, late], documents: [], attachments: [] }, '2026-05-20T00:00:00.000Z');
    expect(events.map(describeEvent)).toEqual(['REGISTERED', 'ACCEPTED', 'ASSIGNED', 'session#1:cancelled', 'investigation#1:due', 'session#2:open', 'session#3:upcoming']);
    expect(events.map(isUpcoming)).toEqual([false, false, false, false, false, false, true]);
    expect(events.at(-1)!.at).toBe(next.scheduledAt);
  });

  it('orders by the instant, whatever offset each time was written with', () => {
    const actions = [action('REGISTERED', '2026-05-05T09:00:00+08:00'), action('ACCEPTED', '2026-05-05T01:30:00.000Z')];
    // 09:15 China time is 01:15Z: between the two actions.
    const scan = attachment('申请书扫描件', '2026-05-05T09:15:00+08:00');
    const events = buildCaseTimeline({ actions, sessions: [], documents: [], attachments: [scan] }, '2026-05-20T00:00:00.000Z');
    expect(events.map(describeEvent)).toEqual(['REGISTERED', 'att:申请书扫描件', 'ACCEPTED']);
  });

  it('keeps the refusal, transfer, suspension and termination steps with their notes, and a SESSION_RECORDED no session covers', () => {
    const actions = [
      action('REGISTERED', '2026-05-05T01:00:00.000Z'),
      action('ACCEPTED', '2026-05-05T01:20:00.000Z'),
      action('ASSIGNED', '2026-05-05T01:30:00.000Z'),
      action('SESSION_RECORDED', '2026-05-06T03:00:00.000Z', '简易调解'),
      action('SUSPENDED', '2026-05-07T03:00:00.000Z', '申请人住院治疗'),
      action('RESUMED', '2026-05-15T03:00:00.000Z'),
      action('MEDIATION_TERMINATED', '2026-05-18T03:00:00.000Z', '被申请人明确拒绝调解'),
    ];
    const events = buildCaseTimeline({ actions, sessions: [], documents: [], attachments: [] }, '2026-05-20T00:00:00.000Z');
    expect(events.map(describeEvent)).toEqual(['REGISTERED', 'ACCEPTED', 'ASSIGNED', 'SESSION_RECORDED', 'SUSPENDED', 'RESUMED', 'MEDIATION_TERMINATED']);
    const last = events.at(-1)!;
    expect(last.kind === 'action' && last.action.note).toBe('被申请人明确拒绝调解');

    const refused = buildCaseTimeline({ actions: [action('REGISTERED', '2026-05-05T01:00:00.000Z'), action('REFUSED', '2026-05-05T01:10:00.000Z', '已进入诉讼程序')], sessions: [], documents: [], attachments: [] }, '2026-05-20T00:00:00.000Z');
    expect(refused.map(describeEvent)).toEqual(['REGISTERED', 'REFUSED']);
  });

  it('at the same instant: the session, then the action it led to, then the document, then the attachment', () => {
    const at = '2026-05-12T03:00:00.000Z';
    const s = session({ kind: 'session', number: 1, status: 'closed', scheduledAt: at, startedAt: at, endedAt: at, outcome: 'agreement' });
    const events = buildCaseTimeline(
      { actions: [action('REGISTERED', '2026-05-05T01:00:00.000Z'), action('AGREEMENT_REACHED', at)], sessions: [s], documents: [document('session-record', '人民调解记录', 1, at, s.id)], attachments: [attachment('协议签字页', at, s.id)] },
      '2026-05-20T00:00:00.000Z',
    );
    expect(events.map(describeEvent)).toEqual(['REGISTERED', 'session#1:closed', 'AGREEMENT_REACHED', 'doc:session-recordv1', 'att:协议签字页']);
  });

  it('keys are unique and a record that names a session no longer listed still shows, unlinked', () => {
    const c = mediatedCase();
    const orphan = document('investigation-record', '人民调解调查记录', 1, '2026-05-07T00:00:00.000Z', uuid());
    const events = buildCaseTimeline({ actions: c.actions, sessions: [c.first], documents: [...c.documents, orphan], attachments: c.attachments }, '2026-05-20T00:00:00.000Z');
    expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
    const shown = events.find((e) => e.kind === 'document' && e.document.id === orphan.id);
    expect(shown?.kind === 'document' && shown.subject).toBeNull();
  });

  it('refuses a `now` that is not a date-time', () => {
    expect(() => buildCaseTimeline({ actions: [], sessions: [], documents: [], attachments: [] }, 'today')).toThrow(RangeError);
  });
});
