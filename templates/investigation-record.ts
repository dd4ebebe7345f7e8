import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 人民调解调查记录 (domain.md §1.3 g): time, place, the person interviewed with identity and relation to the dispute,
 * investigators, recorder, participants, then the questions and answers in order, and the signatures of the person
 * interviewed (with a fingerprint box), the investigators and the recorder. They also sign every page (pageSigners:
 * a grid in the footer, the person interviewed with a fingerprint box), since the record may run to several pages.
 * The person interviewed need not be a party (a witness may not give every identity detail): only the name is
 * required, the other details are printed when known.
 */
export const investigationRecord: TemplateDefinition = {
  key: 'investigation-record',
  version: 2,
  title: '人民调解调查记录',
  density: 'compact',
  pageSigners: { source: 'invSigners' },
  requires: ['committeeName', 'caseNumber', 'invTime', 'invPlace', 'invSubjects', 'invSubjectRelation', 'invInvestigators', 'invRecorder', 'invParticipants', 'invStatements', 'invSigners'],
  optional: [],
  blocks: [
    { type: 'title', issuer: '{committeeName}', text: '人民调解调查记录' },
    { type: 'numberLine', text: '{caseNumber}' },
    {
      type: 'fields',
      items: [
        { label: '时　　间：', text: '{invTime}' },
        { label: '地　　点：', text: '{invPlace}' },
      ],
    },
    { type: 'parties', source: 'invSubjects', require: ['name'] },
    {
      type: 'fields',
      items: [
        { label: '关　　系：', text: '{invSubjectRelation}' },
        { label: '调 查 人：', text: '{invInvestigators}' },
        { label: '记 录 人：', text: '{invRecorder}' },
        { label: '参 加 人：', text: '{invParticipants}' },
      ],
    },
    { type: 'heading', text: '调查记录：' },
    { type: 'statements', field: 'invStatements' },
    {
      type: 'keep',
      blocks: [
        { type: 'paragraph', indent: true, text: '以上记录已交被调查人阅看（或向其宣读），被调查人确认与其所述一致。' },
        { type: 'signatures', source: 'invSubjects', personLabel: '被调查人（签名或按指印）：', organizationLabel: '被调查人（盖章）：' },
        { type: 'signatureLine', label: '调查人（签名）：' },
        { type: 'signatureLine', label: '记录人（签名）：' },
        { type: 'note', text: '注：记录中的改动处，应当由被调查人按指印确认。' },
      ],
    },
  ],
};
