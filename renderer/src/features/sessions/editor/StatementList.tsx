import { type FocusEvent, type MouseEvent, type RefObject, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { type Range, defaultRangeExtractor, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { Attachment } from '../../../../../electron/shared/domain/attachment';
import { type Attendee, type CaucusSide, type SessionKind, type Statement, maySpeakInCaucus } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import { displaySpeaker, speakerNumber, toneOf } from './speakers';
import { StatementItem, type ItemHandlers } from './StatementItem';
import type { SpeakerOption } from './StatementMenu';
import type { Editing } from './useEditorCommands';
import classes from './SessionEditor.module.css';

/** What the editor's commands may ask of the list: a statement may be far outside the rendered window. */
export interface ListHandle {
  /** Scrolls statement `id` into view and focuses it once it is rendered. */
  focus: (id: string) => void;
  /** Scrolls to the last statement (after one was added). */
  scrollToEnd: () => void;
}

export interface StatementListProps {
  listRef: RefObject<HTMLOListElement | null>;
  handle: RefObject<ListHandle | null>;
  statements: readonly Statement[];
  attendees: readonly Attendee[];
  sessionKind: SessionKind;
  subjectId: string | null;
  editable: boolean;
  closed: boolean;
  editing: Editing | null;
  speakers: readonly Attendee[];
  attachments: ReadonlyMap<string, Attachment[]>;
  on: ItemHandlers;
}

/** A first guess of a statement's height (head and two lines); each one is measured once it is shown. */
const ESTIMATED_HEIGHT = 96;
/** Statements rendered above and below the visible ones, so that a fast scroll or ↑/↓ never shows a gap. */
const OVERSCAN = 6;
const NO_LAYOUT_RECT = { width: 800, height: 900 };

/** The statement element an event happened in, if any. */
const statementIdOf = (target: EventTarget | null) => (target instanceof Element ? (target.closest<HTMLElement>('li[data-statement-id]')?.dataset.statementId ?? null) : null);

/**
 * The record so far, in order; it scrolls, the composer below it does not. Only the statements in view are in the
 * page (a hearing of 2,000 statements would otherwise be 100,000 elements, and every key typed would lay them all out
 * again); each item says its place in the whole list, so a screen reader still hears "第N条，共M条". The one being
 * edited, the focused one and the one under the mouse stay rendered even when scrolled away, and only those carry
 * the toolbar.
 */
export function StatementList({ listRef, handle, statements, attendees, sessionKind, subjectId, editable, closed, editing, speakers, attachments, on }: StatementListProps) {
  const byId = useMemo(() => new Map(attendees.map((a) => [a.id, a])), [attendees]);
  // One stable list per mode: a caucus statement is offered only that side and the staff (numbers kept).
  const options = useMemo(() => {
    const of = (caucus: CaucusSide | null): SpeakerOption[] =>
      speakers.filter((a) => caucus === null || maySpeakInCaucus(a, caucus)).map((a) => ({ id: a.id, label: displaySpeaker(a, sessionKind, subjectId), number: speakerNumber(speakers, a.id) }));
    return { joint: of(null), applicant: of('applicant'), respondent: of('respondent'), third_party: of('third_party') };
  }, [speakers, sessionKind, subjectId]);
  // Stable per edit position, so that an item re-renders only when it starts or stops being edited.
  const caret = editing?.caret ?? null;
  const editingProp = useMemo(() => ({ caret }), [caret]);

  // The last statement pointed at and the last focused: they carry the toolbar (kept, not cleared on leaving, so
  // that a menu opened from it is not torn down when the pointer moves into the menu).
  const [hoverId, setHoverId] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const indexOf = useMemo(() => new Map(statements.map((s, i) => [s.id, i])), [statements]);
  const kept = useMemo(() => [editing?.id, focusId, hoverId].map((id) => (id ? indexOf.get(id) : undefined)).filter((i): i is number => i !== undefined), [editing?.id, focusId, hoverId, indexOf]);
  const rangeExtractor = useCallback((range: Range) => [...new Set([...defaultRangeExtractor(range), ...kept])].sort((a, b) => a - b), [kept]);

  const virtualizer = useVirtualizer({
    count: statements.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ESTIMATED_HEIGHT,
    getItemKey: (i) => statements[i]!.id,
    overscan: OVERSCAN,
    rangeExtractor,
    paddingStart: 6,
    paddingEnd: 6,
    initialRect: NO_LAYOUT_RECT,
    // A list without a size yet (not laid out, or a DOM without layout in tests) shows a window's worth, not nothing.
    observeElementRect: (instance, onRect) => observeElementRect(instance, (rect) => onRect(rect.height > 0 ? rect : NO_LAYOUT_RECT)),
  });

  const latest = useRef({ statements, indexOf });
  latest.current = { statements, indexOf };
  useImperativeHandle(
    handle,
    () => ({
      focus: (id) => {
        const index = latest.current.indexOf.get(id);
        if (index === undefined) return;
        const find = () => listRef.current?.querySelector<HTMLElement>(`[data-statement-id="${id}"]`);
        virtualizer.scrollToIndex(index, { align: 'auto' });
        // In the page already (the usual ↑/↓): at once, so that a held-down key never outruns the focus.
        const el = find();
        if (el) return el.focus({ preventScroll: true });
        // Otherwise rendered on the next frame or two (the scroll is applied, then the window recomputed).
        setFocusId(id);
        let tries = 0;
        const attempt = () => {
          const found = find();
          if (found) found.focus({ preventScroll: true });
          else if (++tries < 10) requestAnimationFrame(attempt);
        };
        requestAnimationFrame(attempt);
      },
      scrollToEnd: () => {
        const last = latest.current.statements.length - 1;
        if (last >= 0) virtualizer.scrollToIndex(last, { align: 'end' });
      },
    }),
    [virtualizer, listRef],
  );

  const pointer = useRef<{ x: number; y: number; pending: boolean } | null>(null);
  const scrolling = virtualizer.isScrolling;
  useEffect(() => {
    const p = pointer.current;
    if (scrolling || !p?.pending) return;
    p.pending = false;
    const id = statementIdOf(document.elementFromPoint(p.x, p.y));
    if (id) setHoverId(id);
  }, [scrolling]);

  const label = sessionKind === 'session' ? t.sessionEditor.list.label : t.sessionEditor.list.labelInvestigation;
  if (statements.length === 0) {
    return (
      <ol className={classes.list} ref={listRef} aria-label={label} style={{ display: 'flex' }}>
        <li className={classes.empty}>{closed ? t.sessionEditor.list.emptyClosed : t.sessionEditor.list.empty}</li>
      </ol>
    );
  }
  const onPointer = (e: MouseEvent) => {
    pointer.current = { x: e.clientX, y: e.clientY, pending: virtualizer.isScrolling };
    // While the list scrolls, statements pass under a still pointer: no toolbar is built for each of them (the one
    // under the pointer when the scrolling stops gets it, below).
    if (virtualizer.isScrolling) return;
    const id = statementIdOf(e.target);
    if (id) setHoverId(id);
  };
  const onFocusIn = (e: FocusEvent) => {
    const id = statementIdOf(e.target);
    if (id) setFocusId(id);
  };
  return (
    <ol className={classes.list} data-virtual="" ref={listRef} aria-label={label} onMouseOver={onPointer} onFocus={onFocusIn}>
      {/* Gives the list its full height, so that the scroll bar is the whole record's. */}
      <li aria-hidden className={classes.sizer} style={{ transform: `translateY(${virtualizer.getTotalSize()}px)` }} />
      {virtualizer.getVirtualItems().map((row) => {
        const s = statements[row.index]!;
        const speaker = byId.get(s.speakerId);
        return (
          <StatementItem
            key={s.id}
            measureRef={virtualizer.measureElement}
            statement={s}
            index={row.index}
            count={statements.length}
            top={row.start}
            speakerText={speaker ? displaySpeaker(speaker, sessionKind, subjectId) : ''}
            tone={toneOf(speaker)}
            attachments={attachments.get(s.id)}
            editable={editable}
            tools={s.id === hoverId || s.id === focusId}
            editing={editing?.id === s.id ? editingProp : null}
            isLast={row.index === statements.length - 1}
            canMerge={row.index > 0 && statements[row.index - 1]!.caucus === s.caucus}
            speakerOptions={options[s.caucus ?? 'joint']}
            on={on}
          />
        );
      })}
    </ol>
  );
}
