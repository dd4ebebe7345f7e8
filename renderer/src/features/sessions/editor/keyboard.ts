import type { StatementMark } from '../../../../../electron/shared/domain/session';

/**
 * The editor's keys, as pure functions of a key event (tested without a DOM). Physical key codes are used for the Alt
 * combinations: with Alt held, `key` is a different character on some layouts (macOS gives ¡ for Alt+1).
 *
 * Composer: Alt+1…9 speaker · Enter commit · Shift+Enter newline · Alt+Q 问/答/陈述 · Alt+J 争议焦点 · Alt+R 让步/承诺
 * · Alt+Z 证据 · Alt+B 背对背 on/off · ↑ in an empty composer edits the last statement.
 * A statement (focused): Enter edit · Delete remove · Alt+↑/↓ move · ↑/↓ previous/next · Esc back to the composer,
 * and the same Alt keys as the composer. While editing one: Enter or Esc done · Alt+Enter split at the cursor ·
 * Backspace at its very start merges it into the one before.
 */

export interface KeyLike {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
  /** An IME is composing (Chinese input): Enter then confirms the candidate, it must not commit the statement. */
  isComposing: boolean;
}

/** Mnemonics in pinyin: 焦(jiao)点, 让(rang)步, 证(zheng)据. */
export const MARK_KEYS: Record<StatementMark, string> = { focus: 'J', concession: 'R', evidence: 'Z' };

export type SharedCommand = { type: 'speaker'; index: number } | { type: 'kind' } | { type: 'mark'; mark: StatementMark };
export type ComposerCommand = SharedCommand | { type: 'commit' } | { type: 'caucus' } | { type: 'edit-last' };
export type ItemCommand = SharedCommand | { type: 'edit' } | { type: 'delete' } | { type: 'move'; delta: -1 | 1 } | { type: 'focus'; delta: -1 | 1 } | { type: 'composer' };
export type EditCommand = { type: 'done' } | { type: 'split' } | { type: 'merge' };

const onlyAlt = (e: KeyLike) => e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey;
const plain = (e: KeyLike) => !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey;

function digitOf(code: string): number | null {
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(code);
  return m ? Number(m[1]) : null;
}

/** Alt+digit, Alt+Q and the mark keys: the same wherever a statement is being worked on. */
function sharedCommand(e: KeyLike): SharedCommand | null {
  if (!onlyAlt(e)) return null;
  const digit = digitOf(e.code);
  if (digit !== null) return { type: 'speaker', index: digit - 1 };
  if (e.code === 'KeyQ') return { type: 'kind' };
  for (const [mark, letter] of Object.entries(MARK_KEYS) as [StatementMark, string][]) {
    if (e.code === `Key${letter}`) return { type: 'mark', mark };
  }
  return null;
}

/** A key in the composer's text area. `empty`: nothing typed yet (then ↑ goes to the last statement). */
export function composerCommand(e: KeyLike, empty: boolean): ComposerCommand | null {
  if (e.isComposing) return null;
  if (e.key === 'Enter' && plain(e)) return { type: 'commit' };
  if (e.key === 'ArrowUp' && plain(e) && empty) return { type: 'edit-last' };
  if (onlyAlt(e) && e.code === 'KeyB') return { type: 'caucus' };
  return sharedCommand(e);
}

/** A key on a focused statement (not being edited). */
export function itemCommand(e: KeyLike): ItemCommand | null {
  if (e.isComposing) return null;
  if (plain(e)) {
    if (e.key === 'Enter' || e.key === 'F2') return { type: 'edit' };
    if (e.key === 'Delete') return { type: 'delete' };
    if (e.key === 'ArrowUp') return { type: 'focus', delta: -1 };
    if (e.key === 'ArrowDown') return { type: 'focus', delta: 1 };
    if (e.key === 'Escape') return { type: 'composer' };
  }
  if (onlyAlt(e) && e.key === 'ArrowUp') return { type: 'move', delta: -1 };
  if (onlyAlt(e) && e.key === 'ArrowDown') return { type: 'move', delta: 1 };
  return sharedCommand(e);
}

/** A key while a statement's text is edited in place; `caret` is the selection (start, end). */
export function editCommand(e: KeyLike, caret: { start: number; end: number }): EditCommand | null {
  if (e.isComposing) return null;
  if ((e.key === 'Enter' || e.key === 'Escape') && plain(e)) return { type: 'done' };
  if (e.key === 'Enter' && onlyAlt(e)) return { type: 'split' };
  if (e.key === 'Backspace' && plain(e) && caret.start === 0 && caret.end === 0) return { type: 'merge' };
  return null;
}

/** The key event fields the functions above read (React's synthetic event keeps isComposing on nativeEvent). */
export function keyLike(e: { key: string; code: string; altKey: boolean; ctrlKey: boolean; shiftKey: boolean; metaKey: boolean; keyCode?: number; nativeEvent?: { isComposing?: boolean } }): KeyLike {
  // keyCode 229: some IMEs report the composition only this way (Chromium on Windows before compositionstart).
  const isComposing = e.nativeEvent?.isComposing === true || e.keyCode === 229;
  return { key: e.key, code: e.code, altKey: e.altKey, ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, metaKey: e.metaKey, isComposing };
}
