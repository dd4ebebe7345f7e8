import type { FocusEvent, KeyboardEvent } from 'react';

/**
 * Keyboard-first forms (the paper order, no mouse): Enter in a single-line field moves to the next field instead of
 * submitting, Ctrl+Enter (⌘+Enter) submits from anywhere, Enter in a textarea stays a line break. Option lists keep
 * their own Enter (choosing the highlighted option) because they mark the event as handled first; with nothing
 * highlighted, Enter moves on and the list closes.
 */

const FIELD_SELECTOR = 'input:not([type="hidden"]), textarea, select, [data-enter-stop]';

function isUsable(el: HTMLElement): boolean {
  if ((el as HTMLInputElement).disabled || el.getAttribute('aria-disabled') === 'true') return false;
  if (el.tabIndex < 0 && !el.matches('input[type="radio"]')) return false;
  if (el.closest('[hidden], [inert]')) return false;
  return true;
}

/** The fields of `container` in document order, a radio group counting once (at its checked radio, or its first). */
export function fieldStops(container: HTMLElement): HTMLElement[] {
  const stops: HTMLElement[] = [];
  const groups = new Set<string>();
  for (const el of container.querySelectorAll<HTMLElement>(FIELD_SELECTOR)) {
    if (!isUsable(el)) continue;
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      if (groups.has(el.name)) continue;
      groups.add(el.name);
      const checked = container.querySelector<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(el.name)}"]:checked`);
      stops.push(checked ?? el);
      continue;
    }
    stops.push(el);
  }
  return stops;
}

/** Moves focus to the field after `from` (or to `fallback`, e.g. the submit button, after the last one). */
export function focusNextField(container: HTMLElement, from: HTMLElement, fallback?: HTMLElement | null): boolean {
  const stops = fieldStops(container);
  const sameGroup = (el: HTMLElement) => from instanceof HTMLInputElement && from.type === 'radio' && el instanceof HTMLInputElement && el.type === 'radio' && el.name === from.name;
  let index = stops.indexOf(from);
  if (index === -1) index = stops.findIndex(sameGroup);
  const next = index === -1 ? stops.find((el) => from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) : stops[index + 1];
  const target = next ?? fallback ?? null;
  if (!target) return false;
  target.focus();
  if (target instanceof HTMLInputElement && ['text', 'search', 'tel', ''].includes(target.type) && !target.readOnly) target.select();
  return true;
}

/**
 * onKeyDown for a <form>: see the module comment. `submit` is called for Ctrl+Enter; `fallback` gets focus after the
 * last field (normally the submit button, so that one more Enter submits deliberately).
 */
export function handleFormKeyDown(event: KeyboardEvent<HTMLFormElement>, options: { submit: () => void; fallback?: () => HTMLElement | null }): void {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.keyCode === 229) return;
  const target = event.target as HTMLElement;
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault();
    options.submit();
    return;
  }
  if (event.defaultPrevented || event.altKey || event.shiftKey) return;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLButtonElement || target.isContentEditable) return;
  if (!(target instanceof HTMLInputElement)) return;
  event.preventDefault();
  if (takeFirstMatch(target)) return;
  focusNextField(event.currentTarget, target, options.fallback?.());
}

/**
 * Type-ahead: a Select's open option list filtered by what was typed, with no option highlighted yet (typing outran the
 * list), takes its first match on Enter, the way the highlighted one would be taken.
 */
function takeFirstMatch(input: HTMLInputElement): boolean {
  // Only a Select: an Autocomplete keeps free text as typed.
  if (!input.classList.contains('mantine-Select-input')) return false;
  if (input.getAttribute('aria-expanded') !== 'true' || !input.value.trim()) return false;
  const listId = input.getAttribute('aria-controls');
  const list = listId ? document.getElementById(listId) : null;
  if (!list) return false;
  const options = [...list.querySelectorAll<HTMLElement>('[data-combobox-option]:not([data-combobox-disabled])')];
  // The text is already a whole option (the current choice): nothing to take, Enter moves on.
  if (options.length === 0 || options.some((o) => o.textContent?.trim() === input.value.trim())) return false;
  options[0]!.click();
  return true;
}

/** onFocus (capture) for a form: a searchable select's text is selected on entry, so typing replaces it (type-ahead). */
export function selectComboboxTextOnFocus(event: FocusEvent<HTMLElement>): void {
  const target = event.target;
  if (target instanceof HTMLInputElement && target.getAttribute('aria-haspopup') === 'listbox' && !target.readOnly && target.value) {
    target.select();
  }
}
