// Being built (issue #6): signing at the desk. Replaced by the real page.
export function SigningPage(_props: { caseId: string }) {
  return null;
}
