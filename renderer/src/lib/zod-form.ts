import type { FormErrors } from '@mantine/form';
import type { ValidationIssue } from '../../../electron/shared/validation/issue';
import { isApiCallError } from '../api/errors';

type PathIssue = { path: readonly PropertyKey[]; message: string };

/** Zod / API issue paths → Mantine form paths ("parties.0.idNumber"); the first message per field wins. */
export function issuesToFormErrors(issues: readonly (PathIssue | ValidationIssue)[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const key = issue.path.map((p) => String(p)).join('.');
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/**
 * Moves focus to the first field in error, in on-screen order. Inputs carry `data-path` (set by getInputProps);
 * for groups (radios, checkboxes) the first focusable element inside is used. Returns false if none was found.
 */
export function focusFirstError(container: HTMLElement | null, errors: FormErrors): boolean {
  if (!container) return false;
  const nodes = Object.keys(errors)
    .map((path) => container.querySelector<HTMLElement>(`[data-path="${path}"]`))
    .filter((node): node is HTMLElement => node !== null)
    .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const first = nodes[0];
  if (!first) return false;
  const target = first.matches('input, textarea, select, button') ? first : first.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, button');
  (target ?? first).focus();
  (target ?? first).scrollIntoView?.({ block: 'center' });
  return true;
}

/**
 * A host refusal with field issues (ApiCallError.issues), shown at its fields, the first focused. Returns false when
 * the error has none, so the caller reports it another way.
 */
export function showIssuesAtFields(error: unknown, form: { setErrors: (errors: FormErrors) => void }, container: HTMLElement | null): boolean {
  if (!isApiCallError(error) || error.issues.length === 0) return false;
  const errors = issuesToFormErrors(error.issues);
  form.setErrors(errors);
  focusFirstError(container, errors);
  return true;
}
