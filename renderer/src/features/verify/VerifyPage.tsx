// Being built (issue #6): 文书核验. Replaced by the real page.
export function VerifyPage() {
  return null;
}
