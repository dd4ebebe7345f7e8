// Being built (issue #5): the session record editor. Replaced by the real editor.
export function SessionEditorPage(_props: { caseId: string; sessionId: string }) {
  return null;
}
