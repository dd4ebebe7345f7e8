// Being built (issue #6): the agreement editor. Replaced by the real page.
export function AgreementPage(_props: { caseId: string }) {
  return null;
}
