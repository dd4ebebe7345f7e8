import { type KeyboardEvent, memo, useEffect, useRef } from 'react';
import { ActionIcon, Button, Group, Textarea, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowMergeAltLeft, IconArrowUp, IconCut, IconEyeOff, IconPaperclip } from '@tabler/icons-react';
import type { Attachment } from '../../../../../electron/shared/domain/attachment';
import { CAUCUS_SIDES, type Statement, type StatementMark } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import { MAX_STATEMENT_LENGTH } from './record-state';
import { formatTime } from '../../../lib/format';
import { AttachmentChip } from './AttachmentChip';
import { MarkTags, MarkToggles } from './marks';
import type { SpeakerTone } from './speakers';
import { StatementMenu, type SpeakerOption } from './StatementMenu';
import classes from './SessionEditor.module.css';

/** What an item can ask of the editor; one stable object for every item, so that typing re-renders none of them. */
export interface ItemHandlers {
  keyDown: (id: string, event: KeyboardEvent<HTMLLIElement>) => void;
  editKeyDown: (id: string, event: KeyboardEvent<HTMLTextAreaElement>) => void;
  text: (id: string, text: string) => void;
  startEdit: (id: string) => void;
  endEdit: (id: string) => void;
  move: (id: string, delta: -1 | 1) => void;
  mark: (id: string, mark: StatementMark) => void;
  kind: (id: string) => void;
  speaker: (id: string, speakerId: string) => void;
  remove: (id: string) => void;
  merge: (id: string) => void;
  split: (id: string, at: number) => void;
  /** Opens the file picker for evidence attached to the statement. */
  attach: (id: string) => void;
  openAttachment: (attachment: Attachment) => void;
}

export interface StatementItemProps {
  /** The list's measuring ref (the list is virtual: each item is measured once shown). */
  measureRef: (el: HTMLElement | null) => void;
  statement: Statement;
  index: number;
  /** How many statements the record has (for screen readers: only some are in the page). */
  count: number;
  /** Where the item sits in the list (px from its top). */
  top: number;
  speakerText: string;
  tone: SpeakerTone;
  attachments: readonly Attachment[] | undefined;
  editable: boolean;
  /** Pointed at or focused: the toolbar (marks, evidence, move, more) is rendered for this one only. */
  tools: boolean;
  /** Edited in place now; `caret` is where the cursor goes (null: the end). */
  editing: { caret: number | null } | null;
  isLast: boolean;
  canMerge: boolean;
  speakerOptions: readonly SpeakerOption[];
  on: ItemHandlers;
}

const KIND_TEXT = t.sessionEditor.composer.kinds;

function EditArea({ statement, n, caret, canMerge, on }: { statement: Statement; n: number; caret: number | null; canMerge: boolean; on: ItemHandlers }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    const at = caret ?? el.value.length;
    el.setSelectionRange(at, at);
    // Only when editing begins (or moves here after a split or merge): later renders keep the user's cursor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [statement.id, caret]);
  return (
    <>
      <Textarea
        ref={ref}
        rows={1}
        value={statement.text}
        maxLength={MAX_STATEMENT_LENGTH}
        aria-label={t.sessionEditor.list.editText(n)}
        classNames={{ root: classes.composerInput, input: classes.editText }}
        onChange={(e) => on.text(statement.id, e.currentTarget.value)}
        onKeyDown={(e) => on.editKeyDown(statement.id, e)}
        onBlur={() => on.endEdit(statement.id)}
      />
      <Group gap="xs" mt={4} wrap="nowrap">
        <Button size="compact-xs" variant="filled" onMouseDown={(e) => e.preventDefault()} onClick={() => on.endEdit(statement.id)}>
          {t.sessionEditor.list.done}
        </Button>
        <Button size="compact-xs" variant="default" leftSection={<IconCut size={12} />} onMouseDown={(e) => e.preventDefault()} onClick={() => on.split(statement.id, ref.current?.selectionStart ?? 0)}>
          {t.sessionEditor.list.split}
        </Button>
        <Tooltip label={t.sessionEditor.list.cannotMerge} disabled={canMerge || n === 1} withinPortal>
          {/* data-disabled, not disabled: a disabled button gets no hover, and the tooltip says why it is off. */}
          <Button size="compact-xs" variant="default" leftSection={<IconArrowMergeAltLeft size={12} />} data-disabled={canMerge ? undefined : true} aria-disabled={!canMerge} onMouseDown={(e) => e.preventDefault()} onClick={() => canMerge && on.merge(statement.id)}>
            {t.sessionEditor.list.merge}
          </Button>
        </Tooltip>
        <span className={classes.editHint}>{t.sessionEditor.list.editing}</span>
      </Group>
    </>
  );
}

/** One statement of the record: who, 问/答, when, marks, its text (edited in place), and its evidence. */
export const StatementItem = memo(function StatementItem({ measureRef, statement, index, count, top, speakerText, tone, attachments, editable, tools, editing, isLast, canMerge, speakerOptions, on }: StatementItemProps) {
  const n = index + 1;
  const s = statement;
  const caucus = s.caucus ? CAUCUS_SIDES[s.caucus] : null;
  const kindLabel = KIND_TEXT[s.kind];
  return (
    <li
      ref={measureRef}
      data-index={index}
      aria-posinset={n}
      aria-setsize={count}
      style={{ transform: `translateY(${top}px)` }}
      className={classes.item}
      data-tone={tone}
      data-caucus={caucus ? '' : undefined}
      data-editing={editing ? '' : undefined}
      data-statement-id={s.id}
      tabIndex={editing ? -1 : 0}
      aria-label={t.sessionEditor.list.item(n, speakerText)}
      onKeyDown={editing || !editable ? undefined : (e) => on.keyDown(s.id, e)}
    >
      <div className={classes.gutter} aria-hidden>
        {n}
      </div>
      <div>
        <div className={classes.itemHead}>
          <span className={classes.speaker} data-part="speaker">
            {speakerText}
          </span>
          {editable ? (
            // A plain button with a title: a tooltip component on every one of 2,000 statements costs more than it gives.
            <button type="button" className={classes.kind} data-part="kind" title={t.sessionEditor.list.kindCycle} onClick={() => on.kind(s.id)} aria-label={`${kindLabel}，${t.sessionEditor.list.kindCycle}`} onMouseDown={(e) => e.preventDefault()}>
              {kindLabel}
            </button>
          ) : (
            <span className={classes.kind} data-part="kind">
              {kindLabel}
            </span>
          )}
          <time className={classes.time} dateTime={s.startedAt}>
            {formatTime(s.startedAt)}
          </time>
          <MarkTags marks={s.marks} />
          {caucus ? (
            <span className={classes.tag} data-color="orange">
              <IconEyeOff size={11} aria-hidden />
              {t.sessionEditor.caucus.tagOf(caucus)}
            </span>
          ) : null}
          {editable && (tools || editing) ? (
            <div className={classes.tools}>
              <MarkToggles marks={s.marks} onToggle={(m) => on.mark(s.id, m)} />
              <Tooltip label={`${t.sessionEditor.list.attach}（${t.sessionEditor.list.attachHint}）`} withinPortal openDelay={300}>
                <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t.sessionEditor.list.attachTo(n)} onClick={() => on.attach(s.id)}>
                  <IconPaperclip size={14} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={`${t.sessionEditor.list.moveUp}（Alt+↑）`} withinPortal openDelay={300}>
                <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t.sessionEditor.list.moveUp} disabled={index === 0} onClick={() => on.move(s.id, -1)}>
                  <IconArrowUp size={14} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={`${t.sessionEditor.list.moveDown}（Alt+↓）`} withinPortal openDelay={300}>
                <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t.sessionEditor.list.moveDown} disabled={isLast} onClick={() => on.move(s.id, 1)}>
                  <IconArrowDown size={14} />
                </ActionIcon>
              </Tooltip>
              <StatementMenu statement={s} n={n} editing={editing !== null} canMerge={canMerge} speakerOptions={speakerOptions} on={on} />
            </div>
          ) : null}
        </div>
        {editing ? (
          <EditArea statement={s} n={n} caret={editing.caret} canMerge={canMerge} on={on} />
        ) : (
          <div className={classes.text} data-part="text" onDoubleClick={editable ? () => on.startEdit(s.id) : undefined}>
            {s.text}
          </div>
        )}
        {attachments && attachments.length > 0 ? (
          <Group gap={6} mt={6}>
            {attachments.map((a) => (
              <AttachmentChip key={a.id} attachment={a} onOpen={on.openAttachment} />
            ))}
          </Group>
        ) : null}
      </div>
    </li>
  );
});
