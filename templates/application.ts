import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 人民调解申请书 (domain.md §1.3 c): every applicant and respondent with 姓名、性别、民族、年龄、职业或职务、联系方式、
 * 单位或住址 (and the ID document), 纠纷简要情况陈述, 申请事项 numbered, the fixed declaration, a signature and
 * fingerprint per applicant, the date. An oral application is written down by the clerk and confirmed by the applicant.
 */
export const application: TemplateDefinition = {
  key: 'application',
  version: 2,
  title: '人民调解申请书',
  requires: ['committeeName', 'caseNumber', 'applicants', 'respondents', 'summary', 'requests', 'registeredDate', 'registeredBy'],
  optional: ['thirdParties'],
  blocks: [
    { type: 'title', text: '人民调解申请书' },
    { type: 'numberLine', text: '{caseNumber}' },
    { type: 'parties', source: 'applicants', require: ['name', 'gender', 'ethnicity', 'age', 'occupation', 'phone', 'address'] },
    { type: 'parties', source: 'respondents', require: ['name'] },
    { type: 'parties', source: 'thirdParties', when: 'hasThirdParties' },
    { type: 'heading', text: '纠纷简要情况陈述：' },
    { type: 'paragraph', text: '{summary}', indent: true },
    { type: 'heading', text: '当事人申请事项：' },
    { type: 'numberedList', field: 'requests' },
    {
      type: 'keep',
      blocks: [
        { type: 'paragraph', indent: true, text: '{committeeName}已将申请人民调解的相关规定告知我，现自愿申请{committeeName}进行调解。' },
        { type: 'spacer' },
        { type: 'signatures', source: 'applicants', personLabel: '申请人{name}（签名盖章或按指印）：', organizationLabel: '申请人{name}（盖章）：' },
        { type: 'dateLine', text: '{registeredDate}' },
      ],
    },
    { type: 'spacer', when: 'isOralApplication' },
    {
      type: 'keep',
      when: 'isOralApplication',
      blocks: [
        {
          type: 'paragraph',
          indent: true,
          text: '本申请系申请人于{registeredDate}口头提出，由登记人{registeredBy}当场记录，已向申请人宣读（或交其阅看），申请人确认无误后签名或按指印。',
        },
        { type: 'signatureLine', label: '登记人（签名）：' },
      ],
    },
  ],
};
