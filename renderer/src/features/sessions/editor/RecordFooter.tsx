import type { RefObject } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { IconArrowBackUp, IconHistory, IconInfoCircle } from '@tabler/icons-react';
import { type Attendee, type CaucusSide, SESSION_KINDS, type SessionKind, type SessionStatus } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import { Composer } from './Composer';
import type { RecordAction, RecordState } from './record-state';
import { displaySpeaker } from './speakers';
import type { useEditorCommands } from './useEditorCommands';
import classes from './SessionEditor.module.css';
import { clock } from '../../../lib/clock';

export interface RecordFooterProps {
  state: RecordState;
  dispatch: (action: RecordAction) => void;
  sessionKind: SessionKind;
  subjectId: string | null;
  status: SessionStatus;
  canType: boolean;
  editable: boolean;
  speakers: readonly Attendee[];
  caucusSides: readonly CaucusSide[];
  composerRef: RefObject<HTMLTextAreaElement | null>;
  commands: ReturnType<typeof useEditorCommands>;
  /** The composer holds a statement left half-typed before a crash, a restart or leaving the editor @default false */
  draftRestored?: boolean;
  onBlur: () => void;
}

/** Below the record: 撤销 after a deletion, and the composer (or why nothing can be typed yet). */
export function RecordFooter({ state, dispatch, sessionKind, subjectId, status, canType, editable, speakers, caucusSides, composerRef, commands, draftRestored = false, onBlur }: RecordFooterProps) {
  const kind = SESSION_KINDS[sessionKind];
  const deleted = state.deleted;
  const deletedSpeaker = deleted ? state.attendees.find((a) => a.id === deleted.statement.speakerId) : undefined;
  return (
    <>
      {deleted && editable ? (
        <Group className={classes.undoBar} justify="space-between" wrap="nowrap" role="status">
          <Text fz="sm" truncate>
            {t.sessionEditor.list.deleted(deletedSpeaker ? displaySpeaker(deletedSpeaker, sessionKind, subjectId) : '', deleted.statement.text.slice(0, 24) + (deleted.statement.text.length > 24 ? '…' : ''))}
          </Text>
          <Button size="compact-sm" variant="white" leftSection={<IconArrowBackUp size={14} />} onClick={() => dispatch({ type: 'statement/undo-delete' })}>
            {t.sessionEditor.list.undo}
          </Button>
        </Group>
      ) : null}
      {canType && draftRestored ? (
        <Group className={classes.notice} gap="xs" wrap="nowrap" role="status">
          <IconHistory size={18} color="var(--mantine-color-orange-7)" />
          <Text fz="sm">{t.sessionEditor.save.composerRestored}</Text>
        </Group>
      ) : null}
      {canType ? (
        <Composer
          draft={state.draft}
          speakers={speakers}
          speaker={state.attendees.find((a) => a.id === state.draft.speakerId)}
          sessionKind={sessionKind}
          subjectId={subjectId}
          caucusSides={caucusSides}
          inputRef={composerRef}
          onText={(text) => dispatch({ type: 'draft/text', text, now: clock.nowIso() })}
          onKeyDown={commands.composerKeyDown}
          onSpeaker={(speakerId) => dispatch({ type: 'draft/speaker', speakerId })}
          onKind={() => dispatch({ type: 'draft/kind' })}
          onMark={(mark) => dispatch({ type: 'draft/mark', mark })}
          onCaucus={(side) => dispatch({ type: 'caucus', side })}
          onCommit={commands.commit}
          onBlur={onBlur}
        />
      ) : editable && status === 'scheduled' ? (
        <Group className={classes.notice} gap="xs" wrap="nowrap">
          <IconInfoCircle size={18} color="var(--mantine-color-navy-6)" />
          <Text fz="sm">{t.sessionEditor.composer.notStarted(kind)}</Text>
        </Group>
      ) : null}
    </>
  );
}
