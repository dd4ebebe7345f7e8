import type { AgreementIssue } from '../../../../../electron/shared/domain/agreement-checks';

/**
 * Issues of the legal checks point at fields by path (['content', 'items', 2, 'instalments', 1, 'dueOn'],
 * ['parties', partyId]). Each field of the editor carries the id made from its path, so that a check can name it,
 * scroll to it and focus it, and the field can show the check's message in place.
 */
export type FieldPath = readonly (string | number)[];

const ID_PREFIX = 'agreement-field';

/** The DOM id of the field at `path`. */
export function fieldId(path: FieldPath): string {
  return [ID_PREFIX, ...path].join('-');
}

/** "第1项：第2期缺少履行期限" → "第2期缺少履行期限": beside the field the item number is obvious. */
export function inPlaceMessage(message: string): string {
  return message.replace(/^第\d+项：/, '');
}

export interface IssueIndex {
  /** The error message(s) for exactly this field, for Mantine's `error` prop; undefined when none. */
  errorAt: (path: FieldPath) => string | undefined;
  /** Warnings for exactly this field. */
  warningAt: (path: FieldPath) => string | undefined;
  /** Whether anything under this path (e.g. an item) has an error. */
  hasErrorUnder: (path: FieldPath) => boolean;
}

const keyOf = (path: FieldPath) => path.join('\u0000');

export function indexIssues(issues: readonly AgreementIssue[]): IssueIndex {
  const errors = new Map<string, string[]>();
  const warnings = new Map<string, string[]>();
  for (const issue of issues) {
    const map = issue.severity === 'error' ? errors : warnings;
    const key = keyOf(issue.path);
    map.set(key, [...(map.get(key) ?? []), inPlaceMessage(issue.message)]);
  }
  const prefixes = new Set<string>();
  for (const issue of issues) {
    if (issue.severity !== 'error') continue;
    for (let n = 1; n <= issue.path.length; n += 1) prefixes.add(keyOf(issue.path.slice(0, n)));
  }
  return {
    errorAt: (path) => errors.get(keyOf(path))?.join('；'),
    warningAt: (path) => warnings.get(keyOf(path))?.join('；'),
    hasErrorUnder: (path) => prefixes.has(keyOf(path)),
  };
}

/**
 * Scrolls to the field an issue names and focuses it. A path may name a group (an item's parties, its instalments):
 * then the first focusable control inside it; a path with no field of its own (the whole content) goes to the
 * nearest enclosing one that exists.
 */
export function focusField(path: FieldPath, root: ParentNode = document): boolean {
  for (let n = path.length; n > 0; n -= 1) {
    const el = root.querySelector<HTMLElement>(`[id="${fieldId(path.slice(0, n))}"]`);
    if (!el) continue;
    const focusable = el.matches('input, textarea, select, button, [tabindex]')
      ? el
      : el.querySelector<HTMLElement>('input:not([type="hidden"]):not(:disabled), textarea:not(:disabled), button:not(:disabled), [tabindex]:not([tabindex="-1"])');
    const target = focusable ?? el;
    // A single input: its own box lights up; a group (the parties, the instalments): the group.
    const box = el.matches('input, textarea') ? (el.closest<HTMLElement>('.mantine-Input-wrapper') ?? el) : el;
    box.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target.focus({ preventScroll: true });
    flash(box);
    return true;
  }
  return false;
}

/** A short highlight, so the eye finds the field the check named. */
function flash(el: HTMLElement): void {
  el.dataset.flash = 'true';
  window.setTimeout(() => delete el.dataset.flash, 1600);
}
