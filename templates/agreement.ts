import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 人民调解协议书 (domain.md §1.3 i, §2.3): 编号, every party with its agents, 纠纷主要事实、争议事项 (and 各方责任 when
 * stated), the clauses agreed (amounts in capitals with figures), 履行方式、时限、地点, the copies (as agreed: at
 * least the parties + 1) and the
 * effectiveness clause of 人民调解法 art. 29 — never "自双方签字之日起生效": the agreement takes effect only once every
 * party has signed, sealed or fingerprinted, the mediator has signed and the committee seal is affixed. Before them, its
 * binding force (art. 31) and the parties' right to apply jointly for judicial confirmation within 30 days of its
 * taking effect (art. 33). Then a
 * signature row per party with a fingerprint box (organisations seal), agents, then each mediator and the recorder on
 * a row of their own (a signature captured on the workstation is printed in its own row), and the seal area over the
 * date, kept on one page with the closing sentences.
 */
/** 人民调解法 art. 31, verbatim. */
export const AGREEMENT_BINDING = '经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。';
/** 人民调解法 art. 33, first sentence, verbatim (the deadline itself is on the 司法确认申请书 and the desk). */
export const AGREEMENT_CONFIRMATION = '双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。';

export const agreement: TemplateDefinition = {
  key: 'agreement',
  version: 3,
  title: '人民调解协议书',
  density: 'compact',
  requires: [
    'committeeName', 'agreementNumber', 'allParties', 'agreementFacts', 'agreementClauses', 'agreementPerformanceManner', 'agreementPerformanceDeadline',
    'agreementCopies', 'agreementStaff', 'agreementDate',
  ],
  optional: ['agreementResponsibility', 'agreementPerformancePlace', 'agreementBreach'],
  blocks: [
    { type: 'title', text: '人民调解协议书' },
    { type: 'numberLine', text: '编号：{agreementNumber}' },
    { type: 'parties', source: 'allParties', prose: true, require: ['name', 'gender', 'ethnicity', 'age', 'idNumber', 'phone', 'address', 'usccCode', 'legalRepresentative'] },
    { type: 'heading', text: '纠纷主要事实、争议事项：' },
    { type: 'paragraph', indent: true, text: '{agreementFacts}' },
    { type: 'heading', when: 'hasAgreementResponsibility', text: '各方责任：' },
    { type: 'paragraph', indent: true, when: 'hasAgreementResponsibility', text: '{agreementResponsibility}' },
    { type: 'heading', text: '经调解，自愿达成如下协议：' },
    { type: 'numberedList', field: 'agreementClauses' },
    { type: 'heading', when: 'hasPerformancePlace', text: '履行方式、时限及地点：' },
    { type: 'heading', unless: 'hasPerformancePlace', text: '履行方式、时限：' },
    { type: 'paragraph', indent: true, text: '履行方式：{agreementPerformanceManner}' },
    { type: 'paragraph', indent: true, text: '履行期限：{agreementPerformanceDeadline}' },
    { type: 'paragraph', indent: true, when: 'hasPerformancePlace', text: '履行地点：{agreementPerformancePlace}' },
    { type: 'heading', when: 'hasAgreementBreach', text: '违约责任：' },
    { type: 'paragraph', indent: true, when: 'hasAgreementBreach', text: '{agreementBreach}' },
    // art. 31 (binding force) and art. 33 (judicial confirmation within 30 days), in the statute's words: the parties
    // read on the copy they keep what the agreement binds them to and how long they have to go to court together. Before
    // the closing group, which must stay on the page of the signatures (and is close to a page with many parties).
    // One paragraph: as two, a two-party agreement (the common case) no longer fits on two pages.
    { type: 'paragraph', indent: true, text: `${AGREEMENT_BINDING}${AGREEMENT_CONFIRMATION}` },
    {
      type: 'keep',
      blocks: [
        { type: 'paragraph', indent: true, text: '本协议一式{agreementCopies}份，当事人、人民调解委员会各持一份。' },
        { type: 'paragraph', indent: true, text: '本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。' },
        {
          type: 'signatures',
          source: 'allParties',
          personLabel: '{role}{name}（签名盖章或按指印）：',
          organizationLabel: '{role}{name}（盖章）\n法定代表人或委托代理人（签名）：',
          agentLabel: '{role}{name}（签名）：',
        },
        { type: 'signatures', source: 'agreementStaff', personLabel: '{role}{name}（签名）：', organizationLabel: '{role}{name}（签名）：', fingerprint: false },
        { type: 'sealArea', issuer: '{committeeName}', sealMark: '（印）', date: '{agreementDate}' },
      ],
    },
  ],
};
