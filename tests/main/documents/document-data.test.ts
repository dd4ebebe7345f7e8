import { describe, expect, it } from 'vitest';
import { buildDocumentData } from '../../../electron/main/documents/document-data';
import { CLERK, MEDIATOR, fixtureRecord, fixtureSettings } from './helpers';

const staff = [CLERK, MEDIATOR];

describe('buildDocumentData', () => {
  const data = buildDocumentData({ record: fixtureRecord(), settings: fixtureSettings(), staff, today: '2026-11-25' });

  it('prints labels, Chinese dates and the amount in capitals', () => {
    expect(data).toMatchObject({
      caseNumber: '（2026）X调字第0001号',
      committeeName: '义乌市人民调解委员会',
      centerName: '义乌市矛盾纠纷调处化解中心',
      disputeType: '道路交通事故纠纷',
      disputeTypeShort: '道路交通事故',
      disputeSubType: '人身损害赔偿纠纷',
      caseSource: '公安机关委托移送',
      applicationForm: '书面申请',
      amount: '人民币捌万陆仟伍佰元整（¥86,500.00）',
      peopleInvolved: '3人',
      riskLevel: '中',
      complexity: '复杂',
      escalation: '无',
      occurredOn: '2026年4月12日',
      registeredDate: '2026年5月1日',
      registeredBy: '周海燕',
      issueDate: '2026年11月25日',
      issueDateCapital: '二〇二六年十一月二十五日',
      applicantNames: '张建国、李秀兰',
      respondentNames: '义乌市顺达货运有限公司',
      partyNames: '张建国、李秀兰、义乌市顺达货运有限公司',
      isOralApplication: false,
      isAccepted: false,
    });
  });

  it('keeps full identity numbers (documents need them), the age on the registration date, agents after their principal', () => {
    const [zhang, li] = data.applicants;
    expect(zhang).toMatchObject({ kind: 'person', role: '申请人', name: '张建国', gender: '男', ethnicity: '汉族', birthDate: '1968年3月15日', age: '58岁', idType: '居民身份证' });
    expect(zhang!.idNumber).toMatch(/^33078219680315\d{3}[\dX]$/);
    expect(zhang!.agents).toEqual([expect.objectContaining({ kind: 'agent', role: '委托代理人', name: '吴晓东', principal: '张建国', authority: '特别授权', workUnitOrRelation: '浙江稠州律师事务所' })]);
    expect(zhang!.agents[0]!.idNumber).toMatch(/^33070219850721\d{3}[\dX]$/);
    expect(li).toMatchObject({ age: '53岁', gender: '女', agents: [] });
    expect(data.respondents[0]).toMatchObject({ kind: 'organization', role: '被申请人', legalRepresentative: '陈国平', representativeTitle: '执行董事兼总经理' });
    expect(data.respondents[0]!.usccCode).toHaveLength(18);
    expect(data.allParties.map((p) => p.name)).toEqual(['张建国', '李秀兰', '义乌市顺达货运有限公司']);
    expect(zhang!.line).toContain(zhang!.idNumber);
  });

  it('numbers every applicant request and says whose it is when several applicants ask', () => {
    expect(data.requests).toEqual(['赔偿医疗费、误工费、护理费共计人民币65000元（申请人张建国）', '赔偿电动自行车维修费1500元（申请人张建国）', '赔偿精神损害抚慰金20000元（申请人李秀兰）']);
    const single = buildDocumentData({
      record: fixtureRecord((r) => ({ ...r, parties: r.parties.map((p) => (p.name === '李秀兰' ? { ...p, requests: '' } : { ...p, requests: p.requests.replace('赔偿医疗费', '1. 赔偿医疗费') })) })),
      settings: fixtureSettings(),
      staff,
      today: '2026-05-01',
    });
    expect(single.requests).toEqual(['赔偿医疗费、误工费、护理费共计人民币65000元', '赔偿电动自行车维修费1500元']);
  });

  it('takes the registration date in China time, not the machine time zone', () => {
    const early = buildDocumentData({ record: fixtureRecord((r) => ({ ...r, createdAt: '2026-04-30T23:10:00.000Z' })), settings: fixtureSettings(), staff, today: '2026-05-01' });
    expect(early.registeredDate).toBe('2026年5月1日');
  });

  it('fills decision fields from a refusal and from a transfer', () => {
    const refused = buildDocumentData({
      record: fixtureRecord((r) => ({
        ...r,
        decision: { kind: 'refused', ground: 'already_handled', body: '义乌市人民法院', note: '内部备注' },
        actions: [...r.actions, { id: '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e', type: 'REFUSED', at: '2026-05-02T03:00:00.000Z', by: CLERK.id, note: '' }],
      })),
      settings: fixtureSettings(),
      staff,
      today: '2026-05-02',
    });
    expect(refused).toMatchObject({ isRefused: true, refusalGround: '人民法院、公安机关或者其他行政机关已经受理或者解决的', referTo: '义乌市人民法院', decisionDate: '2026年5月2日', transferBody: '' });
    const transferred = buildDocumentData({
      record: fixtureRecord((r) => ({
        ...r,
        decision: { kind: 'transferred', ground: null, body: '义乌市公安局交通警察大队', note: '' },
        deadlines: { ...r.deadlines, transferReplyDue: '2026-05-15' },
        actions: [...r.actions, { id: '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e', type: 'TRANSFERRED', at: '2026-05-01T06:00:00.000Z', by: CLERK.id, note: '' }],
      })),
      settings: fixtureSettings(),
      staff,
      today: '2026-05-01',
    });
    expect(transferred).toMatchObject({ isTransferred: true, transferBody: '义乌市公安局交通警察大队', transferReplyDue: '2026年5月15日', decisionDate: '2026年5月1日', refusalGround: '' });
  });

  it('prints accepted cases with mediators, room and deadline', () => {
    const accepted = buildDocumentData({
      record: fixtureRecord((r) => ({
        ...r,
        assignment: { mediatorIds: [MEDIATOR.id, CLERK.id], room: '交通事故调解室' },
        deadlines: { ...r.deadlines, mediationDue: '2026-05-31' },
        actions: [...r.actions, { id: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', type: 'ACCEPTED', at: '2026-05-01T02:00:00.000Z', by: CLERK.id, note: '' }],
      })),
      settings: fixtureSettings(),
      staff,
      today: '2026-05-01',
    });
    expect(accepted).toMatchObject({ isAccepted: true, acceptedDate: '2026年5月1日', mediators: '王志强、周海燕', room: '交通事故调解室', mediationDue: '2026年5月31日' });
  });
});
