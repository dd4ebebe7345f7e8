import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 人民调解记录 (调解笔录, one per session; domain.md §1.3 h): 时间、地点、事由、到场当事人、参加人、调解员、记录人, the
 * joint statements in order (调解员问：…… / 申请人张建国答：……), the result, then a signature for everyone present —
 * parties with fingerprint boxes, their agents, participants, mediators, recorder — and the committee seal.
 * Everyone present also signs every page (pageSigners: a grid in the footer, parties with a fingerprint box), since
 * the record runs to several pages. A record made while the session is still open has no result yet: ruled lines
 * are left under 调解结果 to write it by hand.
 * Caucus (背对背) statements are never on this document: the data holds the joint statements only.
 */
export const sessionRecord: TemplateDefinition = {
  key: 'session-record',
  version: 2,
  title: '人民调解记录',
  density: 'compact',
  pageSigners: { source: 'sessionSigners' },
  requires: [
    'committeeName', 'caseNumber', 'sessionTime', 'sessionPlace', 'sessionPurpose', 'sessionAttendance', 'sessionParticipants', 'sessionMediators',
    'sessionRecorder', 'sessionStatements', 'sessionOutcome', 'sessionParties', 'sessionDate', 'sessionSigners',
  ],
  optional: ['sessionAttendees'],
  blocks: [
    { type: 'title', issuer: '{committeeName}', text: '人民调解记录' },
    { type: 'numberLine', text: '{caseNumber}' },
    {
      type: 'fields',
      items: [
        { label: '时　　间：', text: '{sessionTime}' },
        { label: '地　　点：', text: '{sessionPlace}' },
        { label: '事　　由：', text: '{sessionPurpose}' },
        { label: '当 事 人：', text: '{sessionAttendance}' },
        { label: '参 加 人：', text: '{sessionParticipants}' },
        { label: '调 解 员：', text: '{sessionMediators}' },
        { label: '记 录 人：', text: '{sessionRecorder}' },
      ],
    },
    { type: 'heading', text: '调解记录：' },
    { type: 'statements', field: 'sessionStatements' },
    { type: 'heading', text: '调解结果：' },
    { type: 'paragraph', indent: true, when: 'hasSessionOutcome', text: '{sessionOutcome}' },
    {
      type: 'fields',
      unless: 'hasSessionOutcome',
      underline: true,
      items: [
        { label: '', text: '\u3000' },
        { label: '', text: '\u3000' },
      ],
    },
    {
      type: 'keep',
      blocks: [
        { type: 'paragraph', indent: true, text: '以上记录已交到场人员阅看（或向其宣读），确认无误。' },
        {
          type: 'signatures',
          source: 'sessionParties',
          personLabel: '{role}{name}（签名或按指印）：',
          organizationLabel: '{role}{name}（盖章）\n法定代表人或委托代理人（签名）：',
          agentLabel: '{role}{name}（签名）：',
        },
        { type: 'signatures', source: 'sessionAttendees', personLabel: '{role}{name}（签名）：', organizationLabel: '{role}{name}（盖章）：', fingerprint: false },
        { type: 'signatureLine', label: '调解员{sessionMediators}（签名）：' },
        { type: 'signatureLine', label: '记录人{sessionRecorder}（签名）：' },
        { type: 'sealArea', issuer: '{committeeName}', sealMark: '（印章）', date: '{sessionDate}' },
      ],
    },
  ],
};
