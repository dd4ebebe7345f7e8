/**
 * The whole form set rendered from the complete fixture (tests/fixtures/documents.ts): every field value is printed
 * (read back with pdftotext), the PDF passes qpdf --check, the fonts are embedded subsets, every page carries its
 * number (covers none), no placeholder leaks, and caucus statements never reach the 人民调解记录.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentData, type SessionExtras } from '../../../electron/main/documents/document-data';
import { checkRequiredFields } from '../../../electron/main/documents/check';
import type { DocumentData } from '../../../electron/main/documents/model';
import { renderPdf } from '../../../electron/main/documents/render-pdf';
import { type DocumentTemplateKey, DOCUMENT_TEMPLATE_KEYS, type Party } from '../../../electron/shared/domain';
import { TEMPLATES } from '../../../templates';
import {
  AGREEMENT_NUMBER,
  CAUCUS_MARKERS,
  SESSION_ONE,
  SESSION_TWO,
  completeDocumentInput,
  documentExtras,
  mediatedRecord,
} from '../../fixtures/documents';
import { bottomMarginOf } from '../../../electron/main/documents/page-signers';
import { missingValues, pdfBodyText, pdfFonts, pdfFooterText, pdfInfo, pdfPages, pdfText, qpdfCheck, squash, withoutPageNumbers } from './helpers';

const input = completeDocumentInput();
const record = input.record;
const data = buildDocumentData(input);
const person = (name: string) => record.parties.find((p): p is Extract<Party, { kind: 'person' }> => p.name === name && p.kind === 'person')!;
const company = record.parties.find((p): p is Extract<Party, { kind: 'organization' }> => p.kind === 'organization')!;
const agent = record.agents[0]!;
const zhang = person('张建国');
const li = person('李秀兰');

/** Every value that identifies a party or agent. */
const partyValues = [
  ...[zhang, li].flatMap((p) => [p.name, p.idNumber, p.phone, p.address]),
  company.name, company.usccCode, company.legalRepresentative, company.phone, company.address,
  agent.name, agent.idNumber, agent.phone, agent.workUnitOrRelation,
];

const refusedData = () =>
  buildDocumentData({
    ...input,
    record: mediatedRecord((r) => ({
      ...r,
      assignment: null,
      decision: { kind: 'refused', ground: 'already_handled', body: '义乌市人民法院', note: '' },
      actions: [r.actions[0]!, { id: '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e', type: 'REFUSED', at: '2026-05-01T03:00:00.000Z', by: r.actions[0]!.by, note: '' }],
    })),
  });
const transferredData = () =>
  buildDocumentData({
    ...input,
    record: mediatedRecord((r) => ({
      ...r,
      assignment: null,
      decision: { kind: 'transferred', ground: null, body: '义乌市公安局交通警察大队', note: '' },
      deadlines: { mediationDue: null, transferReplyDue: '2026-05-15' },
      actions: [r.actions[0]!, { id: '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e', type: 'TRANSFERRED', at: '2026-05-01T03:00:00.000Z', by: r.actions[0]!.by, note: '' }],
    })),
  });

/** A statement as printed: 调解员问：…… */
const said = (s: SessionExtras['statements'][number]) => `${s.speaker}${s.kind === 'question' ? '问' : s.kind === 'answer' ? '答' : ''}：${s.text}`;

const extras = documentExtras();
const investigation = extras.investigation!;

const EXPECTED: Record<DocumentTemplateKey, { data: () => DocumentData; values: string[] }> = {
  application: {
    data: () => data,
    values: [...partyValues, '人民调解申请书', record.caseNumber, record.dispute.summary, '1.赔偿医疗费、误工费、护理费共计人民币65000元（申请人张建国）', '申请人张建国（签名盖章或按指印）', '（指印）', '2026年5月1日'],
  },
  'acceptance-register': {
    data: () => data,
    values: [...partyValues, '人民调解受理登记表', record.caseNumber, '人民币捌万陆仟伍佰元整（¥86,500.00）', '2026年5月31日', '王志强、周海燕', '交通事故调解室', '义乌市人民调解委员会（印章）'],
  },
  'rights-notice': {
    data: () => data,
    values: ['人民调解当事人权利义务告知书', '张建国、李秀兰、义乌市顺达货运有限公司：', '不收取任何费用', '委托代理人参加调解', '申请人张建国（签名或按指印）', '被申请人义乌市顺达货运有限公司（盖章）', '2026年5月8日'],
  },
  'refusal-notice': {
    data: refusedData,
    values: ['不予受理告知书', record.caseNumber, '张建国、李秀兰：', '“人民法院、公安机关或者其他行政机关已经受理或者解决的”', '你（们）可以向义乌市人民法院反映或者申请处理', '特此告知。', '2026年5月8日'],
  },
  'transfer-notice': {
    data: transferredData,
    values: ['矛盾纠纷转办告知书', '义乌市矛盾纠纷调处化解中心', '转交义乌市公安局交通警察大队办理', '于2026年5月15日前将办理情况反馈本中心', '联系电话：0579-85181234'],
  },
  'power-of-attorney': {
    data: () => data,
    values: [
      '授权委托书', record.caseNumber,
      `委托人：张建国，男，汉族，1968年3月15日出生，个体经营，工作单位义乌市建国五金店，住${zhang.address}，居民身份证号码${zhang.idNumber}，联系电话${zhang.phone}。`,
      `受托人：吴晓东，浙江稠州律师事务所，居民身份证号码${agent.idNumber}，联系电话${agent.phone}，系张建国的委托代理人（特别授权）。`,
      '委托人张建国因与义乌市顺达货运有限公司之间的道路交通事故纠纷，现委托吴晓东为委托代理人，代为参加义乌市人民调解委员会主持的人民调解。',
      '其他委托事项：代为向人民法院申请司法确认调解协议',
      '代理权限：特别授权',
      '1.代为申请调解或者要求终止调解', '2.代为收集、提供证据', '3.代为选择或者接受人民调解员', '4.代为承认、变更、放弃调解请求',
      '5.代为参加调解，签署调解记录、人民调解协议书等法律文书', '6.代为签收、领取相关法律文书',
      '委托期限：自2026年5月1日起至本纠纷调解终结之日止',
      '委托人（签名或按指印）', '受托人（签名）', '（指印）', '2026年5月1日',
    ],
  },
  'investigation-record': {
    data: () => data,
    values: [
      '义乌市人民调解委员会', '人民调解调查记录', record.caseNumber,
      '时间：2026年5月5日14时30分至15时20分', '地点：义乌市稠城街道宾王路156号志明五金商店',
      '被调查人：', '楼志明', '性别：男', '民族：汉族', '年龄：46岁', 'idNumber' in investigation.subject ? investigation.subject.idNumber! : '', '13705798821', '浙江省义乌市稠城街道宾王路156号',
      '关系：事故现场附近商店经营者，事故目击者', '调查人：王志强', '记录人：叶晓敏', '参加人：无',
      ...investigation.statements.flatMap((s) => said(s).split('\n')),
      '被调查人（签名或按指印）', '调查人（签名）', '记录人（签名）', '记录中的改动处，应当由被调查人按指印确认',
    ],
  },
  'session-record': {
    data: () => data,
    values: [
      '义乌市人民调解委员会', '人民调解记录', record.caseNumber,
      '时间：2026年5月8日9时30分至11时40分', '地点：义乌市矛盾纠纷调处化解中心交通事故调解室',
      `事由：${SESSION_TWO.purpose}`,
      '当事人：申请人张建国（委托代理人吴晓东）、李秀兰；被申请人义乌市顺达货运有限公司（法定代表人陈国平）',
      '参加人：张磊（申请人张建国、李秀兰之子）', '调解员：王志强、周海燕', '记录人：叶晓敏',
      ...SESSION_TWO.statements.filter((s) => !s.caucus).map(said),
      '经调解，各方当事人自愿达成调解协议。', SESSION_TWO.outcomeNote!,
      '申请人张建国（签名或按指印）', '委托代理人吴晓东（签名）', '申请人李秀兰（签名或按指印）',
      '被申请人义乌市顺达货运有限公司（盖章）', '法定代表人或委托代理人（签名）', '参加人张磊（签名）',
      '调解员王志强、周海燕（签名）', '记录人叶晓敏（签名）', '义乌市人民调解委员会（印章）', '2026年5月8日',
    ],
  },
  agreement: {
    data: () => data,
    values: [
      '人民调解协议书', `编号：${AGREEMENT_NUMBER}`,
      ...partyValues, '男', '女', '汉族', '1968年3月15日出生', '1972年11月2日出生', '执行董事兼总经理',
      `纠纷主要事实、争议事项：${extras.agreement!.facts}`,
      `各方责任：${extras.agreement!.responsibility!}`,
      '经调解，自愿达成如下协议：',
      '1.被申请人义乌市顺达货运有限公司赔偿申请人张建国、李秀兰因本次事故造成的医疗费、误工费、护理费、营养费、交通费、电动自行车维修费和精神损害抚慰金等各项损失共计人民币捌万陆仟伍佰元整（¥86,500.00）。',
      '2.上述款项分两期支付：2026年5月15日前支付人民币伍万元整（¥50,000.00）；2026年6月15日前支付剩余的人民币叁万陆仟伍佰元整（¥36,500.00）。',
      '3.申请人张建国、李秀兰收到全部款项后，不再就本次事故向被申请人及其驾驶员主张其他权利。',
      '4.本协议履行完毕后，各方就本次交通事故再无其他争议。',
      '履行方式、时限及地点：',
      `履行方式：${extras.agreement!.performance.manner}`, `履行期限：${extras.agreement!.performance.deadline}`, `履行地点：${extras.agreement!.performance.place!}`,
      `违约责任：${extras.agreement!.breach!}`,
      '本协议一式四份，当事人、人民调解委员会各持一份。',
      '本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。',
      '经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。',
      '双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。',
      '申请人张建国（签名盖章或按指印）', '委托代理人吴晓东（签名）', '申请人李秀兰（签名盖章或按指印）',
      '被申请人义乌市顺达货运有限公司（盖章）', '法定代表人或委托代理人（签名）',
      '人民调解员王志强（签名）', '人民调解员周海燕（签名）', '记录人叶晓敏（签名）', '义乌市人民调解委员会（印）', '2026年5月8日',
    ],
  },
  'oral-agreement': {
    data: () => data,
    values: [
      ...partyValues, '人民调解口头协议登记表', `编号：${record.caseNumber}`, '2026年5月8日', '义乌市矛盾纠纷调处化解中心交通事故调解室',
      extras.oralAgreement!.summary!,
      '1.被申请人义乌市顺达货运有限公司赔偿申请人张建国电动自行车维修费人民币壹仟伍佰元整（¥1,500.00），当场以现金支付。',
      '2.申请人张建国收到上述款项后，不再就车辆损失主张其他权利。',
      '当场履行完毕，申请人张建国已出具收条。',
      '本口头协议自各方当事人达成之日（2026年5月8日）起生效', '第三十条',
      '当事人（签名或按指印）', '人民调解员', '王志强', '登记人', '叶晓敏', '义乌市人民调解委员会（印章）',
    ],
  },
  'follow-up': {
    data: () => data,
    values: [
      '义乌市人民调解委员会', '人民调解回访记录', record.caseNumber, '申请人张建国、李秀兰', AGREEMENT_NUMBER,
      '张建国、李秀兰与义乌市顺达货运有限公司道路交通事故纠纷调解协议履行情况回访', '2026年6月20日10时00分', '电话回访',
      `协议履行情况：${extras.followUp!.performance}`, `当事人满意程度：${extras.followUp!.satisfaction}`, `是否因履行协议发生诉讼：${extras.followUp!.litigation!}`,
      `纠纷隐患及风险：${extras.followUp!.risks!}`, `采取的措施：${extras.followUp!.measures!}`,
      '回访人', '王志强', '回访人（签名）', '义乌市人民调解委员会（印章）', '2026年6月20日',
    ],
  },
  'termination-notice': {
    data: () => data,
    values: [
      '义乌市人民调解委员会', '终止调解告知书', record.caseNumber, '张建国、李秀兰、义乌市顺达货运有限公司：',
      '你（们）之间的道路交通事故纠纷（人身损害赔偿纠纷），本委员会于2026年5月1日受理调解。因被申请人义乌市顺达货运有限公司明确表示不同意继续调解，依照《中华人民共和国人民调解法》第二十六条的规定，本委员会决定终止调解。',
      '可以依法申请仲裁', '可以请求有关行政机关处理', '也可以依法向人民法院提起诉讼', '你（们）也可以向义乌市人民法院提起诉讼。',
      '特此告知。', '2026年5月20日', '申请人张建国（签名或按指印）', '被申请人义乌市顺达货运有限公司（盖章）',
    ],
  },
  'judicial-confirmation': {
    data: () => data,
    values: [
      '司法确认申请书', ...partyValues,
      `申请人：张建国，男，汉族，1968年3月15日出生`, `申请人：义乌市顺达货运有限公司，住所地${company.address}`,
      '请求事项：请求确认申请人张建国、李秀兰与义乌市顺达货运有限公司于2026年5月8日经义乌市人民调解委员会主持调解达成的调解协议（编号：（2026）X人调协字第0001号）有效。',
      '事实和理由：申请人张建国、李秀兰与义乌市顺达货运有限公司因道路交通事故纠纷，于2026年5月8日经义乌市人民调解委员会主持调解，自愿达成如下调解协议：',
      '人民币捌万陆仟伍佰元整（¥86,500.00）', '人民币叁万陆仟伍佰元整（¥36,500.00）', '已于2026年5月8日依法生效', '第三十三条',
      '在调解协议生效之日起三十日内（至2026年6月7日届满）共同向你院申请司法确认',
      '没有恶意串通、规避法律的行为', '此致', '义乌市人民法院', '申请人张建国（签名或按指印）', '申请人义乌市顺达货运有限公司（盖章）',
      '委托代理人吴晓东（签名）', '2026年5月10日', '附：', '1.人民调解协议书（编号：（2026）X人调协字第0001号）一份',
      '2.申请人张建国、李秀兰的身份证明（居民身份证等有效身份证件复印件）', '3.申请人义乌市顺达货运有限公司的资格证明（营业执照复印件、法定代表人身份证明书）',
      '4.委托代理人吴晓东的授权委托书（由委托人签名或者盖章）及身份证明', '5.与调解协议相关的财产权利证明等证明材料',
    ],
  },
  'file-cover': {
    data: () => data,
    values: [
      '义乌市人民调解委员会', '调解卷宗', '卷名', '张建国、李秀兰与义乌市顺达货运有限公司道路交通事故纠纷', '卷号', '（2026）X人调字第1号',
      '人民调解员', '王志强、周海燕', '调解日期', '2026年5月1日至2026年5月8日', '立卷人', '周海燕', '立卷日期', '2026年6月25日', '保管期限', '长期',
      extras.file!.note!,
    ],
  },
  'file-index': {
    data: () => data,
    values: ['卷内目录', '卷号：（2026）X人调字第1号', '序号', '文书名称', '页号', '备注'],
  },
  'file-back-cover': {
    data: () => data,
    values: ['卷内备考表', '卷号：（2026）X人调字第1号', '张建国、李秀兰与义乌市顺达货运有限公司道路交通事故纠纷', '本卷共33页', extras.file!.note!, '周海燕', '2026年6月25日', '骆建平', '2026年6月26日', '立卷人（签名）', '检查人（签名）'],
  },
};

const pdfs = new Map<DocumentTemplateKey, Buffer>();

beforeAll(async () => {
  for (const key of DOCUMENT_TEMPLATE_KEYS) pdfs.set(key, await renderPdf(TEMPLATES[key], EXPECTED[key].data(), { createdAt: new Date('2026-05-08T04:00:00Z') }));
}, 60_000);

describe('every form from the complete fixture', () => {
  it('covers the whole form set', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...DOCUMENT_TEMPLATE_KEYS].sort());
  });

  it.each(DOCUMENT_TEMPLATE_KEYS)('%s: nothing is missing before rendering', (key) => {
    expect(checkRequiredFields(TEMPLATES[key], EXPECTED[key].data())).toEqual([]);
  });

  it.each(DOCUMENT_TEMPLATE_KEYS)('%s: every field value is printed', (key) => {
    const pdf = pdfs.get(key)!;
    expect(missingValues(pdf, EXPECTED[key].values.filter(Boolean))).toEqual([]);
    // no code, placeholder or blank marker leaked onto the page
    expect(pdfText(pdf)).not.toMatch(/\{[A-Za-z]+\}|undefined|null|NaN|\[object/);
  });

  it.each(DOCUMENT_TEMPLATE_KEYS)('%s: qpdf --check passes, fonts are embedded subsets, A4, titled', (key) => {
    const pdf = pdfs.get(key)!;
    const check = qpdfCheck(pdf);
    expect(check.ok, check.output).toBe(true);
    expect(check.output).toContain('No syntax or stream encoding errors');
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSerifSC-(Regular|Bold)$/);
      expect(font).toMatchObject({ type: 'CID TrueType', embedded: true, subset: true });
    }
    const info = pdfInfo(pdf);
    expect(info).toMatch(new RegExp(`Title:\\s+${TEMPLATES[key].title}`));
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  });

  it.each(DOCUMENT_TEMPLATE_KEYS)('%s: page numbers "— n —" on every page (none on the covers)', (key) => {
    const pdf = pdfs.get(key)!;
    const pages = pdfPages(pdf);
    for (let p = 1; p <= pages; p++) {
      const text = pdfText(pdf, p);
      if (TEMPLATES[key].pageNumbers === false) expect(text).not.toMatch(/—\s*\d+\s*—/);
      else expect(text).toMatch(new RegExp(`—\\s*${p}\\s*—\\s*$`));
      // no page is empty apart from its number
      expect(withoutPageNumbers(text).length, `page ${p}`).toBeGreaterThan(10);
    }
  });
});

describe('what each form must and must not say', () => {
  it('人民调解记录 prints the joint statements in order and never a caucus (背对背) statement', async () => {
    for (const session of [SESSION_ONE, SESSION_TWO]) {
      expect(session.statements.some((s) => s.caucus)).toBe(true);
      const sessionData = buildDocumentData(completeDocumentInput({ ...documentExtras(), session }));
      const pdf = await renderPdf(TEMPLATES['session-record'], sessionData);
      // the text block of each page (the footer with the signatures of every page cut off)
      const raw = squash(pdfBodyText(pdf, bottomMarginOf(TEMPLATES['session-record'], sessionData), 'raw'));
      expect(squash(pdfText(pdf, undefined, 'raw'))).not.toMatch(new RegExp(CAUCUS_MARKERS.join('|')));
      for (const marker of CAUCUS_MARKERS) expect(raw).not.toContain(marker);
      for (const s of session.statements.filter((st) => st.caucus)) expect(raw).not.toContain(squash(s.text));
      const joint = session.statements.filter((s) => !s.caucus).map((s) => squash(said(s)));
      const positions = joint.map((s) => raw.indexOf(s));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
  });

  it('the agreement states effectiveness as 人民调解法 art. 29 does, never "自双方签字之日起生效"', () => {
    const text = withoutPageNumbers(pdfText(pdfs.get('agreement')!));
    expect(text).toContain('本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。');
    expect(text).not.toMatch(/自双方签字/);
    for (const key of DOCUMENT_TEMPLATE_KEYS) expect(JSON.stringify(TEMPLATES[key])).not.toMatch(/自双方签字/);
  });

  it('the agreement states its binding force (art. 31) and the 30 days for judicial confirmation (art. 33) before the closing sentences', () => {
    const text = withoutPageNumbers(pdfText(pdfs.get('agreement')!));
    const effective = text.indexOf('之日起生效。');
    const binding = text.indexOf('经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。');
    const confirmation = text.indexOf('双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。');
    expect(binding).toBeGreaterThan(0);
    expect(confirmation).toBeGreaterThan(binding);
    expect(effective).toBeGreaterThan(confirmation);
  });

  it('the agreement keeps its closing sentences, every signature and the seal on its last page', () => {
    const pdf = pdfs.get('agreement')!;
    const last = withoutPageNumbers(pdfText(pdf, pdfPages(pdf)));
    for (const v of ['本协议一式四份', '之日起生效。', '申请人张建国（签名盖章或按指印）', '申请人李秀兰（签名盖章或按指印）', '被申请人义乌市顺达货运有限公司（盖章）', '人民调解员王志强（签名）', '人民调解员周海燕（签名）', '记录人叶晓敏（签名）', '义乌市人民调解委员会（印）', '2026年5月8日']) {
      expect(last).toContain(squash(v));
    }
  });

  it('a party block per party, fingerprint boxes for natural persons only', () => {
    const text = withoutPageNumbers(pdfText(pdfs.get('agreement')!));
    expect(text.match(/（指印）/g)).toHaveLength(2); // 张建国, 李秀兰 — not the company, the agent or the staff
    // in the text block: the signatures at the end (the footer of every page has a box for each of them as well)
    const record = pdfs.get('session-record')!;
    const body = squash(pdfBodyText(record, bottomMarginOf(TEMPLATES['session-record'], data)));
    expect(body.match(/（指印）/g)).toHaveLength(2);
    for (let p = 1; p <= pdfPages(record); p++) expect(squash(pdfFooterText(record, bottomMarginOf(TEMPLATES['session-record'], data), p)).match(/（指印）/g)).toHaveLength(2);
  });

  it('卷内目录 lists the file in binding order (domain.md §1.2), the latest version of each document, with page ranges', () => {
    expect(data.fileContents).toEqual([
      ['1', '人民调解申请书', '1-2', ''],
      ['2', '人民调解受理登记表', '3-4', ''],
      ['3', '人民调解当事人权利义务告知书', '5-8', ''],
      ['4', '当事人身份证明（居民身份证复印件、营业执照复印件）', '9-11', ''],
      ['5', '授权委托书', '12-13', ''],
      ['6', '人民调解调查记录', '14-15', ''],
      ['7', '道路交通事故认定书', '16-17', ''],
      ['8', '医疗费票据、误工证明', '18-23', '复印件'],
      ['9', '人民调解记录', '24-26', ''],
      ['10', '人民调解协议书', '27-28', ''],
      ['11', '银行转账凭证、收条', '29-30', ''],
      ['12', '人民调解回访记录', '31', ''],
      ['13', '司法确认申请书', '32-33', ''],
    ]);
    // in content-stream order each row reads 序号 文书名称 页号 备注, and the rows follow one another
    const raw = withoutPageNumbers(pdfText(pdfs.get('file-index')!, undefined, 'raw'));
    const positions = data.fileContents.map((row) => raw.indexOf(squash(row.join(''))));
    expect(positions.every((p) => p >= 0), raw).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(raw.match(/人民调解协议书/g)).toHaveLength(1);
  });
});
