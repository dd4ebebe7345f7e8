import type { ReactNode } from 'react';
import { Badge, Button, Group, Paper, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconDoorExit, IconPlayerPlay, IconPrinter } from '@tabler/icons-react';
import { SESSION_KINDS, SESSION_STATUSES, type SessionRecord, type SessionStatus } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import { formatDateTime, formatTime } from '../../../lib/format';
import type { SaveStatus } from '../../../lib/autosave';
import { SaveIndicator } from '../../../components/SaveIndicator';
import classes from './SessionEditor.module.css';

const STATUS_COLORS: Record<SessionStatus, string> = { scheduled: 'blue', open: 'teal', closed: 'gray', cancelled: 'gray' };
const M = t.sessionEditor.meta;

export interface EditorHeaderProps {
  session: Pick<SessionRecord, 'kind' | 'number' | 'status' | 'scheduledAt' | 'startedAt' | 'endedAt' | 'place' | 'recorderId' | 'mediatorIds'>;
  caseNumber: string;
  caseTitle: string;
  /** Names of the mediators (调解员 / 调查人), the recorder, and for an investigation who is interviewed. */
  names: { mediators: string; recorder: string; subject: string };
  editable: boolean;
  save: SaveStatus;
  busy: 'open' | 'print' | null;
  onBack: () => void;
  onRetry: () => void;
  onOpen: () => void;
  onPrint: () => void;
  onEnd: () => void;
}

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <span>
      <span className={classes.metaLabel}>{label}</span>
      {children}
    </span>
  );
}

/** Which record this is, when and where, who runs it; the save state; 开始 / 打印记录 / 结束. */
export function EditorHeader({ session, caseNumber, caseTitle, names, editable, save, busy, onBack, onRetry, onOpen, onPrint, onEnd }: EditorHeaderProps) {
  const kind = SESSION_KINDS[session.kind];
  const investigation = session.kind === 'investigation';
  let time = formatDateTime(session.scheduledAt);
  if (session.startedAt) time = `${formatDateTime(session.startedAt)}${session.endedAt ? ` – ${formatTime(session.endedAt)}` : ''}`;
  return (
    <Paper withBorder className={classes.header} component="header">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={onBack} px={4}>
            {t.sessionEditor.backToCase}
          </Button>
          <Text className={classes.caseLine} truncate>
            {caseNumber} · {caseTitle}
          </Text>
        </Group>
        {editable ? <SaveIndicator status={save} onRetry={onRetry} /> : null}
      </Group>
      <Group justify="space-between" wrap="nowrap" gap="md" mt={4}>
        <Group gap="sm" wrap="nowrap" miw={0} align="center">
          <Title order={2} fz={22} style={{ whiteSpace: 'nowrap' }}>
            {t.sessionEditor.ordinal(session.number, kind)}
          </Title>
          <Badge color={STATUS_COLORS[session.status]} variant={session.status === 'open' ? 'filled' : 'light'} size="md" style={{ flex: 'none' }}>
            {SESSION_STATUSES[session.status]}
          </Badge>
          <Group gap="md" className={classes.meta} wrap="wrap" miw={0} ml="xs">
            <Meta label={M.time}>{time}</Meta>
            <Meta label={M.place}>{session.place}</Meta>
            {investigation && names.subject ? <Meta label={M.subject}>{names.subject}</Meta> : null}
            <Meta label={investigation ? M.investigators : M.mediators}>{names.mediators}</Meta>
            <Meta label={M.recorder}>{names.recorder}</Meta>
          </Group>
        </Group>
        <Group gap="sm" wrap="nowrap" style={{ flex: 'none' }}>
          {editable && session.status === 'scheduled' ? (
            <Button leftSection={<IconPlayerPlay size={16} />} loading={busy === 'open'} onClick={onOpen}>
              {t.sessionEditor.actions.open(kind)}
            </Button>
          ) : null}
          <Button variant="default" leftSection={<IconPrinter size={16} />} loading={busy === 'print'} onClick={onPrint}>
            {t.sessionEditor.actions.print}
          </Button>
          {editable && session.status === 'open' ? (
            <Button color="red" variant="light" leftSection={<IconDoorExit size={16} />} onClick={onEnd}>
              {t.sessionEditor.actions.end(kind)}
            </Button>
          ) : null}
        </Group>
      </Group>
    </Paper>
  );
}
