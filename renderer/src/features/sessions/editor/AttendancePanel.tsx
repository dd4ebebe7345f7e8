import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Attachment } from '../../../../../electron/shared/domain/attachment';
import type { Attendee, SessionKind } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import { AddParticipant } from './AddParticipant';
import { AttachmentChip } from './AttachmentChip';
import { type AttendeeHandlers, AttendeeRow } from './AttendeeRow';
import { isPresent, orderAttendees, speakerNumber } from './speakers';
import classes from './SessionEditor.module.css';

const A = t.sessionEditor.attendance;

export interface AttendancePanelProps {
  attendees: readonly Attendee[];
  speakers: readonly Attendee[];
  sessionKind: SessionKind;
  editable: boolean;
  spoke: (id: string) => boolean;
  attachments: readonly Attachment[];
  on: AttendeeHandlers;
  onAdd: (attendee: Attendee) => void;
  onOpenAttachment: (attachment: Attachment) => void;
}

/** In numbering order (speakers.ts), so that the Alt+N numbers read top-down. */
const GROUPS: { label: (kind: SessionKind) => string; kinds: Attendee['kind'][] }[] = [
  { label: (kind) => (kind === 'investigation' ? A.investigator : A.mediator), kinds: ['mediator'] },
  { label: () => A.parties, kinds: ['party'] },
  { label: () => A.agents, kinds: ['agent'] },
  { label: () => A.participants, kinds: ['participant'] },
  { label: () => A.recorder, kinds: ['recorder'] },
];

/** 到场人员: staff, parties, agents and invited participants, in the order they are numbered for Alt+N. */
export function AttendancePanel({ attendees, speakers, sessionKind, editable, spoke, attachments, on, onAdd, onOpenAttachment }: AttendancePanelProps) {
  const ordered = orderAttendees(attendees);
  const people = attendees.filter((a) => a.kind !== 'mediator' && a.kind !== 'recorder');
  return (
    <Paper withBorder component="aside" className={classes.side} aria-labelledby="attendance-title">
      <Group justify="space-between" align="center" mb={2}>
        <Title order={3} fz="md" id="attendance-title">
          {A.title}
        </Title>
        <Badge variant="light" color="gray" size="sm">
          {A.count(people.filter(isPresent).length, people.length)}
        </Badge>
      </Group>
      {GROUPS.map((g) => {
        const members = ordered.filter((a) => g.kinds.includes(a.kind));
        const isParticipants = g.kinds.includes('participant');
        if (members.length === 0 && !(isParticipants && editable)) return null;
        return (
          <section key={g.kinds.join()} aria-label={g.label(sessionKind)}>
            <div className={classes.groupLabel}>{g.label(sessionKind)}</div>
            {members.map((a) => (
              <AttendeeRow key={a.id} attendee={a} number={speakerNumber(speakers, a.id)} sessionKind={sessionKind} editable={editable} spoke={spoke(a.id)} on={on} />
            ))}
            {isParticipants && members.length === 0 ? (
              <Text fz="xs" c="dimmed">
                {A.noParticipants}
              </Text>
            ) : null}
            {isParticipants && editable ? <AddParticipant onAdd={onAdd} /> : null}
          </section>
        );
      })}
      {attachments.length > 0 ? (
        <section aria-label={A.materials}>
          <div className={classes.groupLabel}>{A.materials}</div>
          <Stack gap={4} align="flex-start">
            {attachments.map((a) => (
              <AttachmentChip key={a.id} attachment={a} onOpen={onOpenAttachment} />
            ))}
          </Stack>
        </section>
      ) : null}
    </Paper>
  );
}
