import { type KeyboardEvent, useRef } from 'react';
import { UnstyledButton } from '@mantine/core';
import type { Attendee, SessionKind } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import { displaySpeaker, shortSpeaker, toneOf } from './speakers';
import classes from './SessionEditor.module.css';

/**
 * Who is speaking: the present attendees as chips with their Alt+N numbers. A radio group: Tab reaches the chosen one,
 * ←/→ move between them (the usual radio keys), and Alt+N works from the text area without leaving it.
 */
export function SpeakerPicker({ speakers, value, sessionKind, subjectId, onChange, onPicked }: { speakers: readonly Attendee[]; value: string; sessionKind: SessionKind; subjectId: string | null; onChange: (id: string) => void; /** After a click: back to typing @default undefined */ onPicked?: () => void }) {
  const group = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (!delta || speakers.length === 0) return;
    event.preventDefault();
    const next = speakers[(index + delta + speakers.length) % speakers.length]!;
    onChange(next.id);
    group.current?.querySelector<HTMLElement>(`[data-speaker-id="${next.id}"]`)?.focus();
  };
  const chosen = speakers.some((s) => s.id === value) ? value : speakers[0]?.id;
  return (
    <div className={classes.speakers} role="radiogroup" aria-label={t.sessionEditor.composer.speakers} ref={group}>
      {speakers.map((a, i) => {
        const checked = a.id === chosen;
        return (
          <UnstyledButton
            key={a.id}
            role="radio"
            aria-checked={checked}
            aria-keyshortcuts={i < 9 ? `Alt+${i + 1}` : undefined}
            tabIndex={checked ? 0 : -1}
            data-speaker-id={a.id}
            data-tone={toneOf(a)}
            className={classes.speakerChip}
            onClick={() => {
              onChange(a.id);
              onPicked?.();
            }}
            onKeyDown={(e) => move(e, i)}
          >
            <span className={classes.num} data-empty={i < 9 ? undefined : ''} aria-hidden>
              {i < 9 ? i + 1 : ''}
            </span>
            <span title={displaySpeaker(a, sessionKind, subjectId)}>{shortSpeaker(a, sessionKind, subjectId)}</span>
          </UnstyledButton>
        );
      })}
    </div>
  );
}
