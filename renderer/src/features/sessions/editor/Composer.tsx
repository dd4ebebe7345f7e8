import type { KeyboardEvent, RefObject } from 'react';
import { Button, Group, SegmentedControl, Text, Textarea, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCornerDownLeft, IconEyeOff } from '@tabler/icons-react';
import { type Attendee, CAUCUS_SIDES, type CaucusSide, type SessionKind, type Statement, type StatementMark } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import { MAX_STATEMENT_LENGTH } from './record-state';
import { formatTime } from '../../../lib/format';
import { MarkToggles } from './marks';
import { SpeakerPicker } from './SpeakerPicker';
import { displaySpeaker, toneOf } from './speakers';
import classes from './SessionEditor.module.css';

export interface ComposerProps {
  draft: Statement;
  speakers: readonly Attendee[];
  speaker: Attendee | undefined;
  sessionKind: SessionKind;
  /** The person interviewed in an investigation (named 被调查人). */
  subjectId: string | null;
  /** Sides a caucus can be held with (none for an investigation). */
  caucusSides: readonly CaucusSide[];
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onText: (text: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
  onSpeaker: (id: string) => void;
  onKind: () => void;
  onMark: (mark: StatementMark) => void;
  onCaucus: (side: CaucusSide | null) => void;
  onCommit: () => void;
  onBlur: () => void;
}

const C = t.sessionEditor.composer;
const K = t.sessionEditor.keys;

function KeyHints({ caucus }: { caucus: boolean }) {
  const hints: [string, string][] = [
    ['Alt+1…9', K.speaker],
    ['Enter', K.commit],
    ['Shift+Enter', K.newline],
    ['Alt+Q', K.kind],
    ['Alt+J / R / Z', K.marks],
    ...(caucus ? ([['Alt+B', K.caucus]] as [string, string][]) : []),
    ['↑', K.editLast],
  ];
  return (
    <div className={classes.hints} aria-label={K.title}>
      {hints.map(([keys, what]) => (
        <span key={keys}>
          <kbd>{keys}</kbd>
          {what}
        </span>
      ))}
    </div>
  );
}

/** The sticky input at the bottom: who speaks, 问/答, marks, joint or caucus, and a large text area. */
export function Composer({ draft, speakers, speaker, sessionKind, subjectId, caucusSides, inputRef, onText, onKeyDown, onSpeaker, onKind, onMark, onCaucus, onCommit, onBlur }: ComposerProps) {
  const caucus = draft.caucus;
  const label = speaker ? displaySpeaker(speaker, sessionKind, subjectId) : '';
  return (
    <div className={classes.composer} data-caucus={caucus ? '' : undefined} data-tone={toneOf(speaker)}>
      <SpeakerPicker speakers={speakers} value={draft.speakerId} sessionKind={sessionKind} subjectId={subjectId} caucus={caucus} onChange={onSpeaker} onPicked={() => inputRef.current?.focus()} />
      <Group justify="space-between" wrap="wrap" gap="sm" mt={8} mb={6} style={{ rowGap: 4 }}>
        <Group gap={6} wrap="nowrap">
          <span className={classes.speaker} style={{ flex: 'none' }}>
            {label}
          </span>
          <Tooltip label={C.kindToggle} withinPortal openDelay={300}>
            <UnstyledButton className={classes.kind} onClick={onKind} onMouseDown={(e) => e.preventDefault()} aria-label={`${C.kinds[draft.kind]}，${C.kindToggle}`}>
              {C.kinds[draft.kind]}
            </UnstyledButton>
          </Tooltip>
          <Group gap={2} wrap="nowrap" ml={6}>
            <MarkToggles marks={draft.marks} onToggle={onMark} labelled />
          </Group>
          {draft.text ? <span className={classes.time}>{t.sessionEditor.meta.startedAt(formatTime(draft.startedAt))}</span> : null}
        </Group>
        {caucusSides.length > 0 ? (
          <Tooltip label={t.sessionEditor.caucus.toggle} withinPortal openDelay={400}>
            <SegmentedControl
              size="xs"
              aria-label={t.sessionEditor.caucus.label}
              value={caucus ?? 'joint'}
              onChange={(v) => onCaucus(v === 'joint' ? null : (v as CaucusSide))}
              color={caucus ? 'yellow.7' : 'navy'}
              data={[
                { value: 'joint', label: t.sessionEditor.caucus.joint },
                ...caucusSides.map((s) => ({ value: s, label: t.sessionEditor.caucus.side(s) })),
              ]}
              style={{ flex: 'none' }}
            />
          </Tooltip>
        ) : null}
      </Group>
      {caucus ? (
        <Group gap={6} c="yellow.9" mb={6} wrap="nowrap" role="note">
          <IconEyeOff size={16} style={{ flex: 'none' }} />
          <Text fz="sm" fw={500}>
            {t.sessionEditor.caucus.banner(CAUCUS_SIDES[caucus])}
          </Text>
        </Group>
      ) : null}
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <Textarea
          ref={inputRef}
          // The composer appears when the session begins (or is opened while it runs): typing starts at once.
          autoFocus
          className={classes.composerInput}
          classNames={{ input: classes.composerText }}
          style={{ flex: 1 }}
          rows={3}
          value={draft.text}
          maxLength={MAX_STATEMENT_LENGTH}
          placeholder={C.placeholder}
          aria-label={C.label}
          onChange={(e) => onText(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
        />
        <Button onClick={onCommit} onMouseDown={(e) => e.preventDefault()} disabled={!draft.text.trim()} rightSection={<IconCornerDownLeft size={16} />} color={caucus ? 'yellow.8' : undefined}>
          {C.commit}
        </Button>
      </Group>
      <KeyHints caucus={caucusSides.length > 0} />
    </div>
  );
}
