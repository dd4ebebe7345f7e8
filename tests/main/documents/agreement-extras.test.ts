/**
 * The agreement as drafted and signed → the extras of its forms (agreement-extras.ts) → the data the templates print:
 * facts and disputed matters, clauses as the editor renders them, performance summed up, the agreement's own copies,
 * the date by status, the staff who sign, the oral register, the judicial-confirmation application. And the signed
 * copy as rendered: the captured signatures and the seal are images in the PDF, the DOCX stays text.
 */
import { describe, expect, it } from 'vitest';
import {
  agreementDateOf,
  agreementDocumentExtras,
  agreementExtras,
  confirmationExtras,
  factsAndMatters,
  oralAgreementExtras,
} from '../../../electron/main/documents/agreement-extras';
import { DATE_BLANK, buildDocumentData, clauseText } from '../../../electron/main/documents/document-data';
import { renderPdf } from '../../../electron/main/documents/render-pdf';
import { AGREEMENT_SCHEMA_VERSION, type AgreementItem, type AgreementRecord, type CaseRecord, clausePlainText, renderClause } from '../../../electron/shared/domain';
import { TEMPLATES } from '../../../templates';
import { ROAD_TRAFFIC_IDS } from '../../fixtures/cases';
import { CLERK, DOCUMENT_STAFF, MEDIATOR, RECORDER, documentSettings, mediatedRecord } from '../../fixtures/documents';
import { makePng } from '../../fixtures/png';
import { pdfPages, pdfText, squash, withoutPageNumbers } from './helpers';

const { applicant1, applicant2, respondent } = ROAD_TRAFFIC_IDS;
const TODAY = '2026-05-08';

const instalments: AgreementItem = {
  id: '4a1b2c3d-0000-4000-8000-000000000001',
  type: 'payment',
  payerIds: [respondent],
  payeeIds: [applicant1, applicant2],
  purpose: '赔偿',
  total: '86500',
  plan: 'instalments',
  dueOn: '',
  instalments: [
    { amount: '50000', dueOn: '2026-05-15' },
    { amount: '36500', dueOn: '2026-06-15' },
  ],
  method: '银行转账',
  place: '义乌市人民调解委员会',
};
const costs: AgreementItem = { id: '4a1b2c3d-0000-4000-8000-000000000002', type: 'costs', bearerIds: [respondent], description: '车辆鉴定费', amount: '800' };

function agreement(over: Partial<AgreementRecord> = {}, content: Partial<AgreementRecord['content']> = {}): AgreementRecord {
  return {
    schemaVersion: AGREEMENT_SCHEMA_VERSION,
    id: '5b2c3d4e-0000-4000-8000-000000000001',
    caseId: mediatedRecord().id,
    kind: 'written',
    number: '（2026）X调字第0001号',
    status: 'draft',
    content: {
      facts: '2026年4月12日，货车右转时与电动自行车相撞。\n双方就赔偿数额发生争议。',
      disputedMatters: '1. 误工费的数额。\n2、精神损害抚慰金的数额；',
      responsibility: '  被申请人驾驶员负事故主要责任。  ',
      items: [instalments, costs],
      breach: '',
      copies: 5,
      place: '交通事故调解室',
      reachedOn: '',
      ...content,
    },
    review: [],
    signatures: [],
    seal: null,
    effectiveOn: null,
    signedDocumentId: null,
    performance: [],
    mediatorIds: [MEDIATOR.id, CLERK.id],
    recorderId: RECORDER.id,
    revision: 3,
    createdAt: '2026-05-08T02:00:00.000Z',
    createdBy: CLERK.id,
    editors: [],
    updatedAt: '2026-05-08T02:00:00.000Z',
    ...over,
  };
}

const record = mediatedRecord();
const dataOf = (rec: CaseRecord, a: AgreementRecord, template: 'agreement' | 'oral-agreement' | 'judicial-confirmation' = 'agreement', courtName = '义乌市人民法院') =>
  buildDocumentData({ record: rec, settings: documentSettings({ courtName }), staff: DOCUMENT_STAFF, today: TODAY, extras: agreementDocumentExtras(template, rec, a, documentSettings({ courtName }), TODAY) });

describe('facts and disputed matters', () => {
  it('the facts paragraph by paragraph, then the matters: one as a sentence, several numbered (typed numbers dropped)', () => {
    expect(factsAndMatters({ facts: '甲\n\n乙', disputedMatters: '赔偿数额。' })).toBe('甲\n乙\n争议事项：赔偿数额。');
    expect(factsAndMatters({ facts: '甲', disputedMatters: '1. 误工费的数额。\n2、精神损害抚慰金的数额；\n（三）支付期限' })).toBe('甲\n争议事项：（一）误工费的数额；（二）精神损害抚慰金的数额；（三）支付期限。');
    expect(factsAndMatters({ facts: '甲', disputedMatters: '  ' })).toBe('甲');
  });
});

describe('the written agreement (人民调解协议书)', () => {
  it('maps content to the extras: clauses as the editor renders them, performance summed up, copies, staff', () => {
    const a = agreement({ status: 'effective', effectiveOn: '2026-05-08' });
    const extras = agreementExtras(record, a, TODAY);
    expect(extras).toMatchObject({
      number: '（2026）X调字第0001号',
      facts: '2026年4月12日，货车右转时与电动自行车相撞。\n双方就赔偿数额发生争议。\n争议事项：（一）误工费的数额；（二）精神损害抚慰金的数额。',
      responsibility: '被申请人驾驶员负事故主要责任。',
      copies: 5,
      date: '2026-05-08',
      effectiveOn: '2026-05-08',
      mediatorIds: [MEDIATOR.id, CLERK.id],
      recorderId: RECORDER.id,
      performance: { manner: '银行转账，按本协议各项约定履行', deadline: '按本协议各项约定的期限履行，最迟于2026年6月15日前全部履行完毕', place: '义乌市人民调解委员会' },
    });
    expect(extras.breach).toBeUndefined();
    // the same words as the editor shows (amounts in capitals with figures)
    expect(extras.clauses.map(clauseText)).toEqual(a.content.items.map((i) => clausePlainText(renderClause(i, record.parties))));
    const data = dataOf(record, a);
    expect(data).toMatchObject({ agreementCopies: '五', agreementDate: '2026年5月8日', agreementEffectiveDate: '2026年5月8日', hasPerformancePlace: true, hasAgreementBreach: false, hasAgreementResponsibility: true });
    expect(data.agreementClauses[1]).toBe('车辆鉴定费人民币捌佰元整（¥800.00）由被申请人义乌市顺达货运有限公司承担。');
    // each mediator, then the recorder, on a row of their own; matched to their signatures by id
    expect(data.agreementStaff.map((p) => [p.id, p.role, p.name])).toEqual([
      [MEDIATOR.id, '人民调解员', '王志强'],
      [CLERK.id, '人民调解员', '周海燕'],
      [RECORDER.id, '记录人', '叶晓敏'],
    ]);
    // parties and agents carry their ids too
    expect(data.allParties.map((p) => p.id)).toEqual([applicant1, applicant2, respondent]);
    expect(data.allParties[0]!.agents.map((p) => p.id)).toEqual([ROAD_TRAFFIC_IDS.agent]);
  });

  it('the recorder who also mediates signs once', () => {
    const data = dataOf(record, agreement({ mediatorIds: [CLERK.id], recorderId: CLERK.id }));
    expect(data.agreementStaff.map((p) => p.role)).toEqual(['人民调解员（兼记录人）']);
  });

  it('dated by status: a draft today, an approved copy (to sign on paper) a blank, an effective one its effective date', () => {
    expect(agreementDateOf({ status: 'draft', effectiveOn: null }, TODAY)).toBe(TODAY);
    expect(agreementDateOf({ status: 'returned', effectiveOn: null }, TODAY)).toBe(TODAY);
    expect(agreementDateOf({ status: 'approved', effectiveOn: null }, TODAY)).toBe('');
    expect(agreementDateOf({ status: 'effective', effectiveOn: '2026-05-02' }, TODAY)).toBe('2026-05-02');
    const approved = dataOf(record, agreement({ status: 'approved' }));
    expect(approved.agreementDate).toBe(DATE_BLANK);
    expect(approved.agreementEffectiveDate).toBe('');
  });

  it('an agreement that obliges nobody to act (costs only) is performed as agreed; an obligation without a date is reported', () => {
    expect(agreementExtras(record, agreement({}, { items: [costs] }), TODAY).performance).toEqual({ manner: '按本协议各项约定履行', deadline: '本协议生效后按各项约定履行' });
    const undated: AgreementItem = { ...instalments, plan: 'lump', dueOn: '', instalments: [] };
    expect(agreementExtras(record, agreement({}, { items: [undated] }), TODAY).performance.deadline).toBe('');
  });
});

describe('the oral agreement (口头协议登记表)', () => {
  const oral = (over: Partial<AgreementRecord> = {}) =>
    agreement({ kind: 'oral', status: 'effective', effectiveOn: '2026-05-06', ...over }, { reachedOn: '2026-05-06', place: ' 交通事故调解室 ', items: [{ ...instalments, plan: 'lump', dueOn: '2026-05-06', instalments: [], method: '现金', place: '' }] });

  it('reached on, place, summary, clauses, performance; registered by the recorder, on the day its register was issued', () => {
    const issued = { ...record.documents[0]!, id: '6c3d4e5f-0000-4000-8000-000000000001', createdAt: '2026-05-07T01:00:00.000Z' };
    const rec = { ...record, documents: [...record.documents, issued] };
    const extras = oralAgreementExtras(rec, oral({ signedDocumentId: issued.id }), TODAY);
    expect(extras).toMatchObject({
      reachedOn: '2026-05-06',
      place: '交通事故调解室',
      summary: '2026年4月12日，货车右转时与电动自行车相撞。\n双方就赔偿数额发生争议。\n争议事项：（一）误工费的数额；（二）精神损害抚慰金的数额。',
      performance: '履行方式：现金，按本协议各项约定履行\n履行期限：按本协议各项约定的期限履行，最迟于2026年5月6日前全部履行完毕',
      mediatorIds: [MEDIATOR.id, CLERK.id],
      registrarId: RECORDER.id,
      registeredOn: '2026-05-07',
    });
    // not issued yet: registered today
    expect(oralAgreementExtras(record, oral(), TODAY).registeredOn).toBe(TODAY);
    const data = dataOf(record, oral(), 'oral-agreement');
    expect(data).toMatchObject({ oralReachedDate: '2026年5月6日', oralRegistrar: '叶晓敏', oralMediators: '王志强、周海燕' });
    expect(data.oralClauses).toBe('1. 被申请人义乌市顺达货运有限公司于2026年5月6日前一次性向申请人张建国、李秀兰赔偿人民币捌万陆仟伍佰元整（¥86,500.00），以现金方式支付。');
  });
});

describe('the judicial-confirmation application (司法确认申请书)', () => {
  it('to the court of the settings, applied for today, within 30 days of the effective date, with the materials of art. 3', () => {
    const a = agreement({ status: 'effective', effectiveOn: '2026-05-02' });
    expect(confirmationExtras(record, a, { courtName: '  义乌市人民法院 ' }, TODAY)).toEqual({
      courtName: '义乌市人民法院',
      appliedOn: TODAY,
      attachments: [
        '人民调解协议书（编号：（2026）X调字第0001号）一份',
        '申请人张建国、李秀兰的身份证明（居民身份证等有效身份证件复印件）',
        '申请人义乌市顺达货运有限公司的资格证明（营业执照复印件、法定代表人身份证明书）',
        '委托代理人吴晓东的授权委托书（由委托人签名或者盖章）及身份证明',
        '与调解协议相关的财产权利证明等证明材料',
      ],
    });
    const data = dataOf(record, a, 'judicial-confirmation');
    expect(data).toMatchObject({ courtName: '义乌市人民法院', confirmationDate: '2026年5月8日', agreementDate: '2026年5月2日', agreementEffectiveDate: '2026年5月2日', confirmationDue: '2026年6月1日' });
    // without agents or organisations, their lines are left out
    const people = mediatedRecord((r) => ({ ...r, agents: [], parties: r.parties.filter((p) => p.kind === 'person') }));
    expect(confirmationExtras(people, a, { courtName: '义乌市人民法院' }, TODAY).attachments).toEqual([
      '人民调解协议书（编号：（2026）X调字第0001号）一份',
      '申请人张建国、李秀兰的身份证明（居民身份证等有效身份证件复印件）',
      '与调解协议相关的财产权利证明等证明材料',
    ]);
  });

  it('the forms made from the agreement get the extras they print, the others none', () => {
    const a = agreement({ status: 'effective', effectiveOn: '2026-05-02' });
    expect(Object.keys(agreementDocumentExtras('agreement', record, a, documentSettings(), TODAY))).toEqual(['agreement']);
    expect(Object.keys(agreementDocumentExtras('judicial-confirmation', record, a, documentSettings(), TODAY))).toEqual(['agreement', 'confirmation']);
    expect(Object.keys(agreementDocumentExtras('oral-agreement', record, a, documentSettings(), TODAY))).toEqual(['oralAgreement']);
    expect(agreementDocumentExtras('follow-up', record, a, documentSettings(), TODAY)).toEqual({});
  });
});

describe('the signed copy as rendered', () => {
  it('captured signatures stand on their lines and the seal over the date as images; paper signatures as notes; all on the last page', async () => {
    const a = agreement({ status: 'effective', effectiveOn: '2026-05-08' });
    const data = dataOf(record, a);
    const sig = { png: makePng(40), width: 40, height: 40 };
    const plain = await renderPdf(TEMPLATES.agreement, data);
    const signed = await renderPdf(TEMPLATES.agreement, data, {
      signatures: { [applicant1]: { image: sig }, [applicant2]: { note: '（纸质文本按指印）' }, [respondent]: { note: '（纸质文本盖章）' }, [MEDIATOR.id]: { image: sig } },
      seal: { png: makePng(200), width: 200, height: 200 },
    });
    const last = withoutPageNumbers(pdfText(signed, pdfPages(signed)));
    for (const v of ['（纸质文本按指印）', '（纸质文本盖章）', '人民调解员王志强（签名）', '义乌市人民调解委员会（印）2026年5月8日']) expect(last).toContain(squash(v));
    expect(pdfText(plain)).not.toContain('纸质文本');
    // three images (two signatures, the seal), each with its alpha channel as a soft mask
    const count = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length;
    expect(count(plain)).toBe(0);
    expect(count(signed)).toBe(6);
  });
});
