import { memo } from 'react';
import { ActionIcon, Badge, Group, SegmentedControl, Stack, TextInput, Tooltip } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { type Attendee, PRESENCES, type Presence, type SessionKind } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import { displaySpeaker, toneOf } from './speakers';
import classes from './SessionEditor.module.css';

const A = t.sessionEditor.attendance;

export interface AttendeeHandlers {
  presence: (id: string, presence: Presence) => void;
  note: (id: string, note: string) => void;
  remove: (id: string) => void;
}

/** The role line under a name: 申请人 / 申请人张秀英的委托代理人 / 村委会主任; staff are named by their group. */
function roleLine(a: Attendee): string {
  if (a.kind === 'mediator' || a.kind === 'recorder') return '';
  if (a.kind === 'participant') return a.relation || A.participant;
  return a.relation;
}

const PRESENCE_COLORS: Record<Presence, string> = { expected: 'gray', present: 'teal', absent: 'gray', refused: 'red' };

/** One person at the table: their Alt+N number (when present), name and role, and whether they came. */
export const AttendeeRow = memo(function AttendeeRow({ attendee: a, number, sessionKind, editable, spoke, on }: { attendee: Attendee; number: number | null; sessionKind: SessionKind; editable: boolean; spoke: boolean; on: AttendeeHandlers }) {
  const staff = a.kind === 'mediator' || a.kind === 'recorder';
  const who = displaySpeaker(a, sessionKind);
  // Refusing mediation is a party's right (人民调解法 art. 23); an investigation only asks whether they came.
  const options: Presence[] = a.kind === 'party' && sessionKind === 'session' ? ['present', 'absent', 'refused'] : ['present', 'absent'];
  // A party who came to refuse is at the table too.
  const present = staff || a.presence === 'present' || a.presence === 'refused';
  const needsNote = !staff && (a.presence === 'absent' || a.presence === 'refused');
  return (
    <div className={classes.attendee} data-presence={staff ? 'present' : a.presence} data-present={present} data-tone={toneOf(a)}>
      <Group gap={8} wrap="nowrap" align="flex-start">
        {editable ? (
          <span className={classes.num} data-empty={number === null ? '' : undefined} aria-hidden title={number ? A.numberHint(number) : undefined}>
            {number ?? ''}
          </span>
        ) : null}
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="nowrap" justify="space-between" align="center">
            <div style={{ minWidth: 0 }}>
              <div className={classes.attendeeName}>{a.name}</div>
              {roleLine(a) ? <div className={classes.attendeeRole}>{roleLine(a)}</div> : null}
            </div>
            <Group gap={2} wrap="nowrap" style={{ flex: 'none' }}>
              {editable && !staff ? (
                <SegmentedControl
                  size="xs"
                  aria-label={A.presenceOf(who)}
                  value={a.presence}
                  color={a.presence === 'refused' ? 'red' : a.presence === 'present' ? 'teal' : 'gray'}
                  onChange={(v) => on.presence(a.id, v as Presence)}
                  data={options.map((p) => ({ value: p, label: A[p] }))}
                  classNames={{ label: classes.presenceLabel }}
                />
              ) : null}
              {a.kind === 'participant' && editable ? (
                <Tooltip label={spoke ? A.cannotRemove : A.remove(who)} withinPortal>
                  <ActionIcon size="sm" variant="subtle" color="gray" aria-label={A.remove(who)} disabled={spoke} onClick={() => on.remove(a.id)}>
                    <IconX size={14} />
                  </ActionIcon>
                </Tooltip>
              ) : null}
              {!editable && !staff ? (
                <Badge size="sm" variant="light" color={PRESENCE_COLORS[a.presence]}>
                  {PRESENCES[a.presence]}
                </Badge>
              ) : null}
            </Group>
          </Group>
          {needsNote && editable ? (
            <TextInput
              size="xs"
              aria-label={`${who} ${a.presence === 'refused' ? A.noteRefused : A.noteAbsent}`}
              placeholder={a.presence === 'refused' ? A.noteRefusedPlaceholder : A.noteAbsent}
              value={a.note}
              maxLength={500}
              error={a.presence === 'refused' && !a.note.trim() ? A.noteRefusedRequired : undefined}
              onChange={(e) => on.note(a.id, e.currentTarget.value)}
            />
          ) : null}
          {needsNote && !editable && a.note ? <div className={classes.attendeeRole}>{a.note}</div> : null}
        </Stack>
      </Group>
    </div>
  );
});
