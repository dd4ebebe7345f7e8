/**
 * The extras of buildDocumentData (what the case record does not hold yet): how they are turned into print-ready
 * text, and how a missing one is reported by name before anything is rendered.
 */
import { describe, expect, it } from 'vitest';
import { checkDefinition, checkRequiredFields } from '../../../electron/main/documents/check';
import {
  type DocumentExtras,
  buildDocumentData,
  clauseText,
  fileContentsFromDocuments,
  timeRangeCn,
} from '../../../electron/main/documents/document-data';
import {
  FIELD_LABELS,
  FLAG_FIELDS,
  LIST_FIELDS,
  PARTY_LIST_FIELDS,
  SCALAR_FIELDS,
  SIGNER_LIST_FIELDS,
  STATEMENT_LIST_FIELDS,
  TABLE_FIELDS,
  type TemplateDefinition,
} from '../../../electron/main/documents/model';
import { renderPdf } from '../../../electron/main/documents/render-pdf';
import { TEMPLATES } from '../../../templates';
import { AGREEMENT_NUMBER, CAUCUS_MARKERS, MEDIATOR, SESSION_ONE, completeDocumentInput, documentExtras, mediatedRecord } from '../../fixtures/documents';
import { ROAD_TRAFFIC_IDS } from '../../fixtures/cases';
import { missingValues, pdfText, squash } from './helpers';

const withExtras = (extras: DocumentExtras) => buildDocumentData(completeDocumentInput(extras));
const missing = (key: keyof typeof TEMPLATES, extras: DocumentExtras) => checkRequiredFields(TEMPLATES[key], withExtras(extras));

describe('forms that need extras report what is missing, by name, instead of printing blanks', () => {
  it.each([
    ['power-of-attorney', ['委托人', '受托人', '对方当事人', '代理权限', '委托期限', '委托日期']],
    ['investigation-record', ['调查时间', '调查地点', '被调查人', '被调查人与本纠纷的关系', '调查人', '调查记录人', '调查参加人', '调查记录内容', '被调查人、调查人和记录人（逐页签名）']],
    // (no 调解结果: without a result, ruled lines are printed to write it by hand)
    ['session-record', ['调解时间', '调解地点', '调解事由', '到场当事人', '调解参加人', '主持调解的人民调解员', '调解记录人', '调解过程记录（共同调解的陈述）', '在场人员（逐页签名）']],
    ['agreement', ['调解协议编号', '纠纷主要事实、争议事项', '调解协议内容', '履行方式', '履行期限', '协议份数', '在协议书上签名的人民调解员和记录人', '调解协议达成日期']],
    ['oral-agreement', ['口头协议登记日期', '口头协议达成日期', '口头协议调解地点', '纠纷简要情况', '口头协议内容', '口头协议履行方式、时限', '口头协议的人民调解员', '口头协议登记人']],
    ['follow-up', ['被回访当事人', '回访的调解协议编号', '回访时间', '回访方式', '回访情况', '回访人', '回访记录日期']],
    ['termination-notice', ['终止调解的原因', '终止调解日期']],
    ['judicial-confirmation', ['司法确认申请人', '调解协议达成日期', '调解协议编号', '调解协议内容', '调解协议生效日期', '申请司法确认的期限', '受理司法确认的人民法院', '司法确认申请日期', '申请书附件']],
    ['file-cover', ['卷名', '卷号', '卷宗的人民调解员', '调解开始日期', '调解结束日期', '立卷人', '立卷日期', '保管期限']],
    ['file-index', ['卷号', '卷内文书及页数']],
    ['file-back-cover', ['卷号', '卷名', '卷内文件页数', '立卷人', '立卷日期']],
  ] as const)('%s without extras', (key, expected) => {
    expect(missing(key, {})).toEqual(expected);
  });

  it('the intake forms need no extras', () => {
    for (const key of ['application', 'acceptance-register', 'rights-notice'] as const) expect(missing(key, {})).toEqual([]);
  });

  it('names what a partial extra lacks', () => {
    const ex = documentExtras();
    expect(missing('agreement', { ...ex, agreement: { ...ex.agreement!, clauses: [], performance: { manner: '', deadline: '2026年6月15日前' } } })).toEqual(['调解协议内容', '履行方式']);
    expect(missing('session-record', { ...ex, session: { ...SESSION_ONE, statements: SESSION_ONE.statements.map((s) => ({ ...s, caucus: true })), outcome: null } })).toEqual([
      '调解过程记录（共同调解的陈述）',
    ]);
    expect(missing('session-record', { ...ex, session: { ...SESSION_ONE, partyIds: [], agentIds: [], recorderId: 'nobody' } })).toEqual(['到场当事人', '调解记录人']);
    // an unknown agent: no principal, no agent, nothing guessed
    expect(missing('power-of-attorney', { ...ex, powerOfAttorney: { ...ex.powerOfAttorney!, agentId: '00000000-0000-4000-8000-000000000000' } })).toEqual(['委托人', '受托人', '对方当事人', '代理权限', '委托期限', '委托日期']);
    expect(missing('judicial-confirmation', { ...ex, agreement: undefined })).toEqual(['调解协议达成日期', '调解协议编号', '调解协议内容', '调解协议生效日期', '申请司法确认的期限']);
    // an agreement not yet in effect: no period to apply within
    const { effectiveOn: _, ...notInEffect } = ex.agreement!;
    expect(missing('judicial-confirmation', { ...ex, agreement: notInEffect })).toEqual(['调解协议生效日期', '申请司法确认的期限']);
    expect(missing('termination-notice', { ...ex, termination: { reason: '  ', date: '2026-05-20' } })).toEqual(['终止调解的原因']);
  });

  it('names missing identity details of the people a form describes', () => {
    const ex = documentExtras();
    // a witness need not give every detail (the plan of an investigation cannot be changed once it is over): the name
    // is enough, what is known is printed
    const subject = ex.investigation!.subject as Exclude<NonNullable<DocumentExtras['investigation']>['subject'], { partyId: string }>;
    expect(missing('investigation-record', { ...ex, investigation: { ...ex.investigation!, subject: { ...subject, idNumber: '', phone: '' } } })).toEqual([]);
    expect(missing('investigation-record', { ...ex, investigation: { ...ex.investigation!, subject: { ...subject, name: '' } } })).toEqual(['被调查人的姓名或名称']);
    const record = mediatedRecord((r) => ({ ...r, agents: r.agents.map((a) => ({ ...a, idNumber: '', workUnitOrRelation: '' })) }));
    const data = buildDocumentData({ ...completeDocumentInput(), record });
    expect(checkRequiredFields(TEMPLATES['power-of-attorney'], data)).toEqual(['受托人吴晓东的身份证件号码', '受托人吴晓东的工作单位或与当事人的关系']);
    expect(checkRequiredFields(TEMPLATES['judicial-confirmation'], data)).toEqual(['委托代理人吴晓东的身份证件号码', '委托代理人吴晓东的工作单位或与当事人的关系']);
  });

  it('a refused case has no acceptance date: the termination notice asks for it', () => {
    const record = mediatedRecord((r) => ({ ...r, actions: [r.actions[0]!] }));
    expect(checkRequiredFields(TEMPLATES['termination-notice'], buildDocumentData({ ...completeDocumentInput(), record }))).toEqual(['受理日期']);
  });
});

describe('extras as printed', () => {
  const data = withExtras(documentExtras());

  it('clauses: amounts in capitals with figures, typed numbering dropped, bad amounts refused', () => {
    expect(clauseText(['共计', { amount: '86500' }, '。'])).toBe('共计人民币捌万陆仟伍佰元整（¥86,500.00）。');
    expect(clauseText(['分期：', { amount: '50000' }, '；', { amount: '36500.5' }])).toBe('分期：人民币伍万元整（¥50,000.00）；人民币叁万陆仟伍佰元零伍角整（¥36,500.50）');
    expect(clauseText('2. 申请人不再主张其他权利。')).toBe('申请人不再主张其他权利。');
    expect(clauseText('（三）各方再无争议。')).toBe('各方再无争议。');
    expect(() => clauseText(['支付', { amount: '八万' }])).toThrow(/金额格式不正确/);
    expect(data.agreementClauses[1]).toBe('上述款项分两期支付：2026年5月15日前支付人民币伍万元整（¥50,000.00）；2026年6月15日前支付剩余的人民币叁万陆仟伍佰元整（¥36,500.00）。');
  });

  it('times in China time; an end on the same day without its date', () => {
    expect(timeRangeCn('2026-05-08T09:30:00+08:00', '2026-05-08T11:40:00+08:00')).toBe('2026年5月8日9时30分至11时40分');
    expect(timeRangeCn('2026-05-08T01:30:00Z')).toBe('2026年5月8日9时30分');
    expect(timeRangeCn('2026-05-08T15:00:00Z', '2026-05-08T17:00:00Z')).toBe('2026年5月8日23时00分至2026年5月9日1时00分');
    expect(data.sessionDate).toBe('2026年5月8日');
  });

  it('statements: 问/答 after the speaker; the session record takes joint statements only, in order', () => {
    expect(data.sessionStatements[0]).toEqual({ speaker: '调解员问', text: '上次调解后，申请人补充提交了误工证明。各方对赔偿项目和金额是否有新的意见？' });
    expect(data.sessionStatements.map((s) => s.speaker)).toEqual(['调解员问', '申请人委托代理人吴晓东答', '被申请人法定代表人陈国平答', '调解员问', '申请人张建国答', '申请人李秀兰答', '调解员']);
    const one = withExtras({ ...documentExtras(), session: SESSION_ONE });
    expect(one.sessionStatements).toHaveLength(SESSION_ONE.statements.filter((s) => !s.caucus).length);
    expect(JSON.stringify(one)).not.toMatch(new RegExp(CAUCUS_MARKERS.join('|')));
    expect(data.invStatements).toHaveLength(documentExtras().investigation!.statements.length);
  });

  it('who was there: parties with the agents present, representatives, participants', () => {
    expect(data.sessionAttendance).toBe('申请人张建国（委托代理人吴晓东）、李秀兰；被申请人义乌市顺达货运有限公司（法定代表人陈国平）');
    expect(data.sessionParties.map((p) => [p.name, p.agents.map((a) => a.name)])).toEqual([['张建国', ['吴晓东']], ['李秀兰', []], ['义乌市顺达货运有限公司', []]]);
    const noAgent = withExtras({ ...documentExtras(), session: { ...SESSION_ONE, agentIds: [], partyIds: [ROAD_TRAFFIC_IDS.applicant1, ROAD_TRAFFIC_IDS.respondent], representatives: [], participants: [] } });
    expect(noAgent.sessionAttendance).toBe('申请人张建国；被申请人义乌市顺达货运有限公司');
    expect(noAgent.sessionParties[0]!.agents).toEqual([]);
    expect(noAgent.sessionParticipants).toBe('无');
    expect(data.sessionParticipants).toBe('张磊（申请人张建国、李秀兰之子）');
  });

  it('the agreement: copies = parties + 1, in Chinese numerals; mediators and recorder by name', () => {
    expect(data).toMatchObject({ agreementCopies: '四', agreementMediators: '王志强、周海燕', agreementRecorder: '叶晓敏', agreementDate: '2026年5月8日', agreementNumber: AGREEMENT_NUMBER });
    const two = buildDocumentData({ ...completeDocumentInput(), record: mediatedRecord((r) => ({ ...r, parties: r.parties.filter((p) => p.id !== ROAD_TRAFFIC_IDS.applicant2) })) });
    expect(two.agreementCopies).toBe('三');
  });

  it('the power of attorney: one per agent; general authority lists no power to admit, waive or settle', async () => {
    expect(data).toMatchObject({ poaPrincipalName: '张建国', poaAgentName: '吴晓东', poaCounterparties: '义乌市顺达货运有限公司', poaAuthority: '特别授权', isSpecialAuthority: true });
    expect(data.poaPrincipal).toHaveLength(1);
    expect(data.poaPrincipal[0]).toMatchObject({ role: '委托人', agents: [] });
    expect(data.poaAgent[0]).toMatchObject({ role: '受托人', name: '吴晓东', kind: 'agent' });
    expect(data.attorneyPowers).toContain('代为承认、变更、放弃调解请求');
    const general = buildDocumentData({
      ...completeDocumentInput(),
      record: mediatedRecord((r) => ({ ...r, agents: r.agents.map((a) => ({ ...a, authority: 'general' as const })) })),
    });
    expect(general.poaAuthority).toBe('一般代理');
    expect(general.attorneyPowers.join()).not.toMatch(/承认|放弃|签署/);
    const pdf = await renderPdf(TEMPLATES['power-of-attorney'], general);
    expect(missingValues(pdf, ['代理权限：一般代理', '受托人无权代为承认、变更、放弃调解请求，无权代为签署人民调解协议书。'])).toEqual([]);
    expect(squash(pdfText(pdf))).not.toMatch(/\d\.代为(承认|申请调解)/);
  });

  it('follow-up and oral agreement fall back on the agreement number and the case summary', () => {
    expect(data.followUpAgreementNumber).toBe(AGREEMENT_NUMBER);
    expect(data.followUpParties).toBe('申请人张建国、李秀兰');
    expect(data.followUpSituation.split('\n')[0]).toMatch(/^协议履行情况：/);
    const ex = documentExtras();
    const d = withExtras({ ...ex, oralAgreement: { ...ex.oralAgreement!, summary: undefined } });
    expect(d.oralSummary).toBe(d.summary);
    expect(d.oralClauses).toBe('1. 被申请人义乌市顺达货运有限公司赔偿申请人张建国电动自行车维修费人民币壹仟伍佰元整（¥1,500.00），当场以现金支付。\n2. 申请人张建国收到上述款项后，不再就车辆损失主张其他权利。');
  });

  it('the judicial confirmation: every party is an applicant (the application is joint)', () => {
    expect(data.confirmationApplicants.map((p) => [p.role, p.name])).toEqual([['申请人', '张建国'], ['申请人', '李秀兰'], ['申请人', '义乌市顺达货运有限公司']]);
    expect(data.confirmationApplicants[0]!.agents.map((a) => a.name)).toEqual(['吴晓东']);
    // 法释〔2011〕5号 art. 3: the agreement, identity and qualification proofs, the power of attorney, property proofs
    expect(data.confirmationAttachments).toEqual([
      `人民调解协议书（编号：${AGREEMENT_NUMBER}）一份`,
      '申请人张建国、李秀兰的身份证明（居民身份证等有效身份证件复印件）',
      '申请人义乌市顺达货运有限公司的资格证明（营业执照复印件、法定代表人身份证明书）',
      '委托代理人吴晓东的授权委托书（由委托人签名或者盖章）及身份证明',
      '与调解协议相关的财产权利证明等证明材料',
    ]);
    expect(data).toMatchObject({ agreementEffectiveDate: '2026年5月8日', confirmationDue: '2026年6月7日', courtName: '义乌市人民法院' });
  });

  it('the file: title from the case, retention label, page total', () => {
    expect(data).toMatchObject({
      fileTitle: '张建国、李秀兰与义乌市顺达货运有限公司道路交通事故纠纷',
      fileNumber: '（2026）X人调字第1号',
      fileMediators: '王志强、周海燕',
      fileMediationFrom: '2026年5月1日',
      fileMediationTo: '2026年5月8日',
      fileCompiler: '周海燕',
      fileRetention: '长期',
      filePages: '33',
      fileChecker: '骆建平',
    });
  });

  it('file contents from issued documents: binding order, latest version, only documents with a page count', () => {
    const record = mediatedRecord();
    const counts = Object.fromEntries(record.documents.map((d) => [d.id, 1]));
    const agreements = record.documents.filter((d) => d.template === 'agreement');
    expect(agreements.map((d) => d.version)).toEqual([1, 2]);
    const rows = fileContentsFromDocuments(record, { ...counts, [agreements[1]!.id]: 2 });
    expect(rows.map((r) => r.title)).toEqual(['人民调解申请书', '人民调解受理登记表', '人民调解当事人权利义务告知书', '授权委托书', '人民调解调查记录', '人民调解记录', '人民调解协议书', '人民调解回访记录', '司法确认申请书']);
    expect(rows.find((r) => r.title === '人民调解协议书')!.pages).toBe(2);
    const { [record.documents[0]!.id]: _dropped, ...withoutFirst } = counts;
    expect(fileContentsFromDocuments(record, withoutFirst)[0]!.title).toBe('人民调解受理登记表');
    expect(fileContentsFromDocuments(record, {}, [{ position: 'explanation', title: '卷宗情况说明', pages: 1 }])).toEqual([{ title: '卷宗情况说明', pages: 1 }]);
  });

  it('file contents: the record of every session goes into the file, the latest version of each, named by its session', () => {
    const base = mediatedRecord();
    const record = { ...base, documents: base.documents.filter((d) => d.template !== 'session-record') };
    const recordOf = (n: number, subjectId: string, version: number) => ({
      ...base.documents.find((d) => d.template === 'session-record')!,
      id: `7c1e0000-0000-4000-8000-0000000001${n}${version}`,
      subjectId,
      version,
      title: `人民调解记录（第${n}次调解）`,
    });
    const first = '5e55101a-0000-4000-8000-000000000001';
    const second = '5e55101a-0000-4000-8000-000000000003';
    record.documents.push(recordOf(1, first, 1), recordOf(1, first, 2), recordOf(2, second, 1));
    const rows = fileContentsFromDocuments(record, Object.fromEntries(record.documents.map((d) => [d.id, d.version + 1])));
    expect(rows.filter((r) => r.title.startsWith('人民调解记录'))).toEqual([
      { title: '人民调解记录（第1次调解）', pages: 3 },
      { title: '人民调解记录（第2次调解）', pages: 2 },
    ]);
  });

  it('explicit contents take precedence', () => {
    const ex = documentExtras();
    const d = withExtras({ ...ex, file: { ...ex.file!, contents: [{ title: '人民调解申请书', pages: 2 }, { title: '人民调解协议书', pages: 3, note: '原件' }] } });
    expect(d.fileContents).toEqual([['1', '人民调解申请书', '1-2', ''], ['2', '人民调解协议书', '3-5', '原件']]);
    expect(d.filePages).toBe('5');
  });

  it('staff are named from their ids; an unknown id prints nothing (and is then reported)', () => {
    expect(data.invInvestigators).toBe('王志强');
    const ex = documentExtras();
    const d = withExtras({ ...ex, followUp: { ...ex.followUp!, visitorIds: ['unknown'] } });
    expect(d.followUpVisitors).toBe('');
    expect(checkRequiredFields(TEMPLATES['follow-up'], d)).toEqual(['回访人']);
    expect(withExtras({ ...ex, followUp: { ...ex.followUp!, visitorIds: [MEDIATOR.id, 'unknown'] } }).followUpVisitors).toBe('王志强');
  });
});

describe('the field lists', () => {
  it('name every field of the data exactly once, each with a Chinese label', () => {
    const all = [...SCALAR_FIELDS, ...LIST_FIELDS, ...STATEMENT_LIST_FIELDS, ...TABLE_FIELDS, ...PARTY_LIST_FIELDS, ...SIGNER_LIST_FIELDS, ...FLAG_FIELDS];
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(Object.keys(FIELD_LABELS).sort());
    expect([...all].sort()).toEqual(Object.keys(withExtras({})).sort());
    expect([...all].sort()).toEqual(Object.keys(withExtras(documentExtras())).sort());
  });
});

describe('the checker knows the new blocks', () => {
  const base = TEMPLATES['session-record'];
  it('rejects lists in the wrong block and undeclared fields', () => {
    const wrong: TemplateDefinition = { ...base, blocks: [...base.blocks, { type: 'statements', field: 'requests' as never }, { type: 'listTable', field: 'requests' as never, columns: [{ label: '序号', width: 1 }] }] };
    const problems = checkDefinition(wrong);
    expect(problems).toContain('statements field requests is not a statement list');
    expect(problems).toContain('listTable field requests is not a table field');
    const undeclared: TemplateDefinition = { ...base, blocks: [...base.blocks, { type: 'fields', items: [{ label: '卷号：', text: '{fileNumber}' }] }] };
    expect(checkDefinition(undeclared)).toContain('uses fileNumber without declaring it in requires or optional');
    const badColumns: TemplateDefinition = { ...TEMPLATES['file-index'], blocks: [{ type: 'listTable', field: 'fileContents', columns: [{ label: '序号', width: 0 }], minRows: 100 }] };
    expect(checkDefinition(badColumns)).toEqual(expect.arrayContaining(['listTable columns must have positive widths', 'listTable minRows must be a whole number from 0 to 40']));
  });

  it('a field item switched off by its condition is not asked for', () => {
    const ex = documentExtras();
    const d = withExtras({ ...ex, file: { ...ex.file!, note: '' } });
    expect(d.hasFileNote).toBe(false);
    expect(checkRequiredFields(TEMPLATES['file-cover'], d)).toEqual([]);
  });
});
