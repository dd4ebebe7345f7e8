import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 司法确认申请书 (domain.md §1.3 n, §2.4): the application is joint, so every party is a 申请人, with identity, address
 * and phone (the court serves there, 法释〔2011〕5号); agents follow their principal. 请求事项: confirm that the
 * agreement reached on <date> under <committee> is valid; 事实和理由 with the clauses, the date it took effect and the
 * end of the 30 days within which the application must be made (art. 33); the parties' undertaking
 * (no collusion, liability for harm to others); 此致 <court>; signatures; date; 附: the materials of 法释〔2011〕5号
 * art. 3 (the agreement, identity and qualification proofs, powers of attorney, proofs of property rights).
 */
export const judicialConfirmation: TemplateDefinition = {
  key: 'judicial-confirmation',
  version: 2,
  title: '司法确认申请书',
  density: 'compact',
  requires: [
    'committeeName', 'applicantNames', 'respondentNames', 'disputeType', 'confirmationApplicants', 'agreementDate', 'agreementNumber', 'agreementClauses',
    'agreementEffectiveDate', 'confirmationDue', 'courtName', 'confirmationDate', 'confirmationAttachments',
  ],
  optional: [],
  blocks: [
    { type: 'title', text: '司法确认申请书' },
    {
      type: 'parties',
      source: 'confirmationApplicants',
      prose: true,
      require: ['name', 'gender', 'ethnicity', 'age', 'idNumber', 'phone', 'address', 'usccCode', 'legalRepresentative', 'workUnitOrRelation'],
    },
    { type: 'heading', text: '请求事项：' },
    {
      type: 'paragraph',
      indent: true,
      text: '请求确认申请人{applicantNames}与{respondentNames}于{agreementDate}经{committeeName}主持调解达成的调解协议（编号：{agreementNumber}）有效。',
    },
    { type: 'heading', text: '事实和理由：' },
    {
      type: 'paragraph',
      indent: true,
      text: '申请人{applicantNames}与{respondentNames}因{disputeType}，于{agreementDate}经{committeeName}主持调解，自愿达成如下调解协议：',
    },
    { type: 'numberedList', field: 'agreementClauses' },
    {
      type: 'paragraph',
      indent: true,
      text: '该调解协议经各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章，已于{agreementEffectiveDate}依法生效。协议是各方当事人在平等自愿的基础上达成的真实意思表示，不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益。现依照《中华人民共和国人民调解法》第三十三条和《中华人民共和国民事诉讼法》的有关规定，在调解协议生效之日起三十日内（至{confirmationDue}届满）共同向你院申请司法确认。',
    },
    {
      type: 'paragraph',
      indent: true,
      text: '申请人承诺：出于解决纠纷的目的自愿达成调解协议，没有恶意串通、规避法律的行为；如果因为该协议内容而给他人造成损害的，愿意承担相应的民事责任和其他法律责任。',
    },
    {
      type: 'keep',
      blocks: [
        { type: 'paragraph', indent: true, text: '此致' },
        { type: 'paragraph', text: '{courtName}' },
        {
          type: 'signatures',
          source: 'confirmationApplicants',
          personLabel: '申请人{name}（签名或按指印）：',
          organizationLabel: '申请人{name}（盖章）\n法定代表人或委托代理人（签名）：',
          agentLabel: '{role}{name}（签名）：',
        },
        { type: 'dateLine', text: '{confirmationDate}' },
      ],
    },
    {
      type: 'keep',
      blocks: [
        { type: 'paragraph', text: '附：' },
        { type: 'numberedList', field: 'confirmationAttachments' },
      ],
    },
  ],
};
