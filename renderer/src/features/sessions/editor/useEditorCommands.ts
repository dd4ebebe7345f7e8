import { type KeyboardEvent, type RefObject, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Attendee, CaucusSide, Presence } from '../../../../../electron/shared/domain/session';
import { type RecordAction, type RecordState, canMerge } from './record-state';
import { type SharedCommand, composerCommand, editCommand, itemCommand, keyLike } from './keyboard';
import type { AttendeeHandlers } from './AttendeeRow';
import type { ItemHandlers } from './StatementItem';
import type { ListHandle } from './StatementList';
import { clock } from '../../../lib/clock';

export interface Editing {
  id: string;
  /** Where the cursor goes when editing begins (null: the end). */
  caret: number | null;
}

interface Deps {
  state: RecordState;
  dispatch: (action: RecordAction) => void;
  speakers: readonly Attendee[];
  caucusSides: readonly CaucusSide[];
  composerRef: RefObject<HTMLTextAreaElement | null>;
  list: RefObject<ListHandle | null>;
  flush: () => void;
  attach: (statementId: string) => void;
  openAttachment: ItemHandlers['openAttachment'];
}

const now = () => clock.nowIso();

/**
 * Everything the keyboard and the buttons do to the record. The handlers handed to the statements and attendees are
 * created once and read the latest state through a ref, so that typing in the composer re-renders no statement.
 */
export function useEditorCommands(deps: Deps) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const latest = useRef({ ...deps, editing });
  useLayoutEffect(() => {
    latest.current = { ...deps, editing };
  });

  // After the state change is rendered: the list is virtual, so the statement may not be in the page yet.
  const focusItem = (id: string) => requestAnimationFrame(() => latest.current.list.current?.focus(id));
  const focusComposer = () => requestAnimationFrame(() => latest.current.composerRef.current?.focus());
  const scrollToEnd = () => requestAnimationFrame(() => latest.current.list.current?.scrollToEnd());

  /** Alt+N, Alt+Q and the marks, for the draft (id null) or a statement. */
  const shared = (cmd: SharedCommand, id: string | null) => {
    const { dispatch, speakers } = latest.current;
    if (cmd.type === 'speaker') {
      const speaker = speakers[cmd.index];
      if (speaker) dispatch(id ? { type: 'statement/speaker', id, speakerId: speaker.id } : { type: 'draft/speaker', speakerId: speaker.id });
    } else if (cmd.type === 'kind') dispatch(id ? { type: 'statement/kind', id } : { type: 'draft/kind' });
    else dispatch(id ? { type: 'statement/mark', id, mark: cmd.mark } : { type: 'draft/mark', mark: cmd.mark });
  };

  const commit = () => {
    const { state, dispatch } = latest.current;
    if (!state.draft.text.trim()) return;
    dispatch({ type: 'draft/commit', newId: crypto.randomUUID(), now: now() });
    scrollToEnd();
  };

  const cycleCaucus = () => {
    const { state, dispatch, caucusSides } = latest.current;
    if (caucusSides.length === 0) return;
    const order: (CaucusSide | null)[] = [null, ...caucusSides];
    dispatch({ type: 'caucus', side: order[(order.indexOf(state.caucus) + 1) % order.length] ?? null });
  };

  const composerKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const cmd = composerCommand(keyLike(event), latest.current.state.draft.text === '');
    if (!cmd) return;
    event.preventDefault();
    if (cmd.type === 'commit') commit();
    else if (cmd.type === 'caucus') cycleCaucus();
    else if (cmd.type === 'edit-last') {
      const last = latest.current.state.statements.at(-1);
      if (last) focusItem(last.id);
    } else shared(cmd, null);
  };

  const endEdit = (id: string) => {
    setEditing((e) => (e?.id === id ? null : e));
    latest.current.flush();
  };

  const items = useMemo<ItemHandlers>(() => {
    const remove = (id: string) => {
      const { state, dispatch } = latest.current;
      const i = state.statements.findIndex((s) => s.id === id);
      const next = state.statements[i + 1] ?? state.statements[i - 1];
      dispatch({ type: 'statement/delete', id });
      setEditing(null);
      if (next) focusItem(next.id);
      else focusComposer();
    };
    const merge = (id: string) => {
      const { state, dispatch } = latest.current;
      const i = state.statements.findIndex((s) => s.id === id);
      const prev = state.statements[i - 1];
      if (!prev || !canMerge(state.statements, id)) return;
      dispatch({ type: 'statement/merge', id });
      setEditing({ id: prev.id, caret: prev.text.length });
    };
    const split = (id: string, at: number) => {
      const s = latest.current.state.statements.find((x) => x.id === id);
      // A split at either end would leave an empty statement: nothing happens, the cursor stays.
      if (!s || !s.text.slice(0, at).trim() || !s.text.slice(at).trim()) return;
      const newId = crypto.randomUUID();
      latest.current.dispatch({ type: 'statement/split', id, at, newId });
      setEditing({ id: newId, caret: 0 });
    };
    const move = (id: string, delta: -1 | 1) => {
      latest.current.dispatch({ type: 'statement/move', id, delta });
      // React moves the element, which loses focus: give it back.
      if (!latest.current.editing) focusItem(id);
    };
    return {
      keyDown: (id, event) => {
        if (event.target !== event.currentTarget) return;
        const cmd = itemCommand(keyLike(event));
        if (!cmd) return;
        event.preventDefault();
        const { state } = latest.current;
        const i = state.statements.findIndex((s) => s.id === id);
        switch (cmd.type) {
          case 'edit':
            return setEditing({ id, caret: null });
          case 'delete':
            return remove(id);
          case 'move':
            return move(id, cmd.delta);
          case 'focus': {
            const target = state.statements[i + cmd.delta];
            // Nothing to render first: focused now, so that the next key (a held-down ↑) starts from there.
            if (target) latest.current.list.current?.focus(target.id);
            else if (cmd.delta > 0) focusComposer();
            return;
          }
          case 'composer':
            return focusComposer();
          default:
            return shared(cmd, id);
        }
      },
      editKeyDown: (id, event) => {
        const el = event.currentTarget;
        const cmd = editCommand(keyLike(event), { start: el.selectionStart, end: el.selectionEnd });
        if (cmd) {
          if (cmd.type === 'merge' && !canMerge(latest.current.state.statements, id)) return;
          event.preventDefault();
          if (cmd.type === 'done') {
            endEdit(id);
            focusItem(id);
          } else if (cmd.type === 'split') split(id, el.selectionStart);
          else merge(id);
          return;
        }
        const alt = itemCommand(keyLike(event));
        if (alt && (alt.type === 'speaker' || alt.type === 'kind' || alt.type === 'mark') && event.altKey) {
          event.preventDefault();
          shared(alt, id);
        }
      },
      text: (id, text) => latest.current.dispatch({ type: 'statement/text', id, text }),
      startEdit: (id) => setEditing({ id, caret: null }),
      endEdit,
      move,
      mark: (id, mark) => latest.current.dispatch({ type: 'statement/mark', id, mark }),
      kind: (id) => latest.current.dispatch({ type: 'statement/kind', id }),
      speaker: (id, speakerId) => latest.current.dispatch({ type: 'statement/speaker', id, speakerId }),
      remove,
      merge,
      split,
      attach: (id) => latest.current.attach(id),
      openAttachment: (a) => latest.current.openAttachment(a),
    };
    // Created once: every handler reads `latest`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const attendees = useMemo<AttendeeHandlers>(
    () => ({
      presence: (id: string, presence: Presence) => latest.current.dispatch({ type: 'attendee/presence', id, presence }),
      note: (id: string, note: string) => latest.current.dispatch({ type: 'attendee/note', id, note }),
      remove: (id: string) => latest.current.dispatch({ type: 'attendee/remove', id }),
    }),
    [],
  );

  return { editing, composerKeyDown, commit, cycleCaucus, items, attendees, focusComposer };
}
