import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 授权委托书 (domain.md §1.3 f), one per agent: the principal (委托人) with identity, the agent (受托人) with ID and work
 * unit or relation, the matters (参加人民调解), the authority — 一般代理, or 特别授权 with the special powers
 * (代为承认、变更、放弃调解请求，代为签署调解协议等) — listed one by one, the term, signatures and the date.
 * A legal-person principal seals it; its legal representative signs.
 */
export const powerOfAttorney: TemplateDefinition = {
  key: 'power-of-attorney',
  version: 1,
  title: '授权委托书',
  density: 'compact',
  requires: [
    'caseNumber', 'committeeName', 'disputeType', 'poaPrincipal', 'poaAgent', 'poaPrincipalName', 'poaAgentName', 'poaCounterparties',
    'poaAuthority', 'attorneyPowers', 'poaTerm', 'poaDate',
  ],
  optional: ['poaMatters'],
  blocks: [
    { type: 'title', text: '授权委托书' },
    { type: 'numberLine', text: '{caseNumber}' },
    { type: 'parties', source: 'poaPrincipal', prose: true, require: ['name', 'gender', 'ethnicity', 'age', 'idNumber', 'phone', 'address', 'usccCode', 'legalRepresentative'] },
    { type: 'parties', source: 'poaAgent', prose: true, require: ['name', 'idNumber', 'phone', 'workUnitOrRelation'] },
    {
      type: 'paragraph',
      indent: true,
      text: '委托人{poaPrincipalName}因与{poaCounterparties}之间的{disputeType}，现委托{poaAgentName}为委托代理人，代为参加{committeeName}主持的人民调解。',
    },
    { type: 'paragraph', indent: true, when: 'hasPoaMatters', text: '其他委托事项：{poaMatters}' },
    { type: 'heading', text: '代理权限：{poaAuthority}' },
    {
      type: 'paragraph',
      indent: true,
      unless: 'isSpecialAuthority',
      text: '受托人无权代为承认、变更、放弃调解请求，无权代为签署人民调解协议书。',
    },
    { type: 'numberedList', field: 'attorneyPowers' },
    { type: 'paragraph', text: '委托期限：{poaTerm}' },
    {
      type: 'keep',
      blocks: [
        { type: 'paragraph', indent: true, text: '受托人在上述权限内所为的行为，委托人均予以承认。' },
        { type: 'signatures', source: 'poaPrincipal', personLabel: '委托人（签名或按指印）：', organizationLabel: '委托人{name}（盖章）\n法定代表人（签名）：' },
        { type: 'signatures', source: 'poaAgent', personLabel: '受托人（签名）：', organizationLabel: '受托人（盖章）：', fingerprint: false },
        { type: 'dateLine', text: '{poaDate}' },
      ],
    },
  ],
};
