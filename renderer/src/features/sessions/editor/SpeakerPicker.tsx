import { type KeyboardEvent, useRef } from 'react';
import { UnstyledButton } from '@mantine/core';
import { type Attendee, CAUCUS_SIDES, type CaucusSide, type SessionKind, maySpeakInCaucus } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import { displaySpeaker, shortSpeaker, toneOf } from './speakers';
import classes from './SessionEditor.module.css';

/**
 * Who is speaking: the present attendees as chips with their Alt+N numbers. A radio group: Tab reaches the chosen one,
 * ←/→ move between them (the usual radio keys), and Alt+N works from the text area without leaving it. In a caucus
 * the other side's chips stay in place but disabled (shared rule maySpeakInCaucus), so no number changes its person.
 */
export function SpeakerPicker({ speakers, value, sessionKind, subjectId, caucus = null, onChange, onPicked }: { speakers: readonly Attendee[]; value: string; sessionKind: SessionKind; subjectId: string | null; /** The caucus the statement belongs to @default null */ caucus?: CaucusSide | null; onChange: (id: string) => void; /** After a click: back to typing @default undefined */ onPicked?: () => void }) {
  const group = useRef<HTMLDivElement>(null);
  const allowed = (a: Attendee) => caucus === null || maySpeakInCaucus(a, caucus);
  const move = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (!delta || speakers.length === 0) return;
    event.preventDefault();
    let i = index;
    do i = (i + delta + speakers.length) % speakers.length;
    while (i !== index && !allowed(speakers[i]!));
    const next = speakers[i]!;
    onChange(next.id);
    group.current?.querySelector<HTMLElement>(`[data-speaker-id="${next.id}"]`)?.focus();
  };
  const chosen = speakers.some((s) => s.id === value) ? value : speakers[0]?.id;
  return (
    <div className={classes.speakers} role="radiogroup" aria-label={t.sessionEditor.composer.speakers} ref={group}>
      {speakers.map((a, i) => {
        const checked = a.id === chosen;
        const disabled = !allowed(a);
        return (
          <UnstyledButton
            key={a.id}
            role="radio"
            aria-checked={checked}
            aria-keyshortcuts={i < 9 && !disabled ? `Alt+${i + 1}` : undefined}
            disabled={disabled}
            title={disabled && caucus ? t.sessionEditor.composer.notInCaucus(CAUCUS_SIDES[caucus]) : undefined}
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
            <span title={disabled ? undefined : displaySpeaker(a, sessionKind, subjectId)}>{shortSpeaker(a, sessionKind, subjectId)}</span>
          </UnstyledButton>
        );
      })}
    </div>
  );
}
