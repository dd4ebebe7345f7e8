import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import dayjs from 'dayjs';
import { IconAlertTriangleFilled, IconArrowRight, IconCopy, IconHistory, IconLock, IconRefresh } from '@tabler/icons-react';
import { SESSION_KINDS, SESSION_OUTCOMES, type SessionRecord } from '../../../../../electron/shared/domain/session';
import type { SessionView } from '../../../../../electron/shared/ipc/contract';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from '../../../app/router';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { caseQueries } from '../../cases/queries';
import type { RecordState } from './record-state';
import { displaySpeaker, subjectIdOf } from './speakers';

const S = t.sessionEditor;

/** The record as plain text (speaker: text, one a line), for 复制本页记录 after a conflict. */
export function recordAsText(state: Pick<RecordState, 'attendees' | 'statements' | 'draft'>, session: Pick<SessionRecord, 'kind' | 'subject'>): string {
  const subjectId = subjectIdOf(session, state.attendees);
  const all = state.draft.text.trim() ? [...state.statements, state.draft] : state.statements;
  return all
    .map((s) => {
      const a = state.attendees.find((x) => x.id === s.speakerId);
      const who = a ? displaySpeaker(a, session.kind, subjectId) : '';
      const tag = s.kind === 'statement' ? '' : S.composer.kinds[s.kind];
      return `${who}${tag}：${s.text}`;
    })
    .join('\n');
}

/** After 继续调解: the session scheduled next (the host made it on closing), to go straight to its record. */
function NextSession({ session }: { session: SessionRecord }) {
  const { navigate } = useRouter();
  const detail = useQuery(caseQueries.detail(session.caseId));
  const next = detail.data?.record.sessions.find((s) => s.kind === 'session' && s.number === session.number + 1 && s.status !== 'cancelled');
  if (!next) return null;
  return (
    <Button size="compact-sm" variant="light" rightSection={<IconArrowRight size={14} />} onClick={() => navigate({ name: 'session', caseId: session.caseId, sessionId: next.id })}>
      {S.closed.openNext(next.number)}
    </Button>
  );
}

function ClosedBanner({ session }: { session: SessionRecord }) {
  const kind = SESSION_KINDS[session.kind];
  const o = session.outcome;
  let detail = '';
  if (o?.type === 'continue') detail = o.nextAt ? S.closed.next(formatDateTime(o.nextAt)) : S.closed.nextUnset;
  if (o?.type === 'failed' || o?.type === 'suspended') detail = o.reason;
  if (o?.type === 'agreement') detail = o.note;
  return (
    <Alert color="gray" variant="light" radius={0} icon={<IconLock size={18} />} title={S.closed.title(kind)} role="status">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Stack gap={2}>
          {o ? (
            <Text fz="sm" fw={600}>
              {S.closed.outcome(SESSION_OUTCOMES[o.type])}
            </Text>
          ) : null}
          {detail ? <Text fz="sm">{detail}</Text> : null}
        </Stack>
        {o?.type === 'continue' ? <NextSession session={session} /> : null}
      </Group>
    </Alert>
  );
}

/** Above the record: a closed record's outcome, a refusal (art. 17), a save conflict, a restored unsaved copy. */
export function RecordNotices({ view, refused, conflict, state, restoredAt, onReload }: { view: SessionView; refused: string; conflict: boolean; state: RecordState; restoredAt: string | null; onReload: () => void }) {
  const [showRestored, setShowRestored] = useState(restoredAt !== null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(recordAsText(state, view.session));
      notifySuccess(S.save.copied);
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <>
      {!view.editable ? <ClosedBanner session={view.session} /> : null}
      {refused && view.editable && view.session.kind === 'session' ? (
        <Alert color="red" variant="filled" radius={0} icon={<IconAlertTriangleFilled size={20} />} title={S.refusal.title(refused)} role="alert">
          {S.refusal.body}
        </Alert>
      ) : null}
      {showRestored && restoredAt ? (
        <Alert color="navy" variant="light" radius={0} icon={<IconHistory size={18} />} withCloseButton closeButtonLabel={t.common.close} onClose={() => setShowRestored(false)} role="status">
          {S.save.restored(dayjs(restoredAt).format('HH:mm:ss'))}
        </Alert>
      ) : null}
      {conflict ? (
        <Alert color="red" variant="light" radius={0} icon={<IconAlertTriangleFilled size={18} />} title={S.save.conflictTitle} role="alert">
          <Stack gap="xs" align="flex-start">
            <Text fz="sm">{S.save.conflictBody}</Text>
            <Group gap="xs">
              <Button size="compact-sm" variant="default" leftSection={<IconCopy size={14} />} onClick={() => void copy()}>
                {S.save.copy}
              </Button>
              <Button size="compact-sm" color="red" leftSection={<IconRefresh size={14} />} onClick={onReload}>
                {S.save.reload}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}
    </>
  );
}
