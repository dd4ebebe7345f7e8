import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCalendarX } from '@tabler/icons-react';
import type { SessionSummary } from '../../../../../electron/shared/domain/session';
import { CancelSessionInputSchema } from '../../../../../electron/shared/ipc/contract';
import { t } from '../../../i18n';
import { notifyError } from '../../../lib/notify';
import { formatSessionTime, sessionOrdinal } from './session-labels';
import { useSessionMutations } from './mutations';

const c = t.sessions.cancelForm;
const reasonSchema = CancelSessionInputSchema.shape.reason;

/** 取消安排: asks why (kept in the audit trail); a session that has begun cannot be cancelled (the host says so). */
export function CancelSessionModal({ caseId, session, onClose }: { caseId: string; /** null: closed. */ session: SessionSummary | null; onClose: () => void }) {
  return (
    <Modal opened={session !== null} onClose={onClose} title={session ? c.title(sessionOrdinal(session)) : ''} size="md">
      {session ? <CancelForm key={session.id} caseId={caseId} session={session} onDone={onClose} /> : null}
    </Modal>
  );
}

function CancelForm({ caseId, session, onDone }: { caseId: string; session: SessionSummary; onDone: () => void }) {
  const { cancel, pending } = useSessionMutations(caseId, (view) => ({ ordinal: sessionOrdinal(view.session), when: formatSessionTime(view.session.scheduledAt) }));
  const form = useForm({
    initialValues: { reason: '' },
    validate: {
      reason: (value) => {
        const parsed = reasonSchema.safeParse(value.trim());
        return parsed.success ? null : (parsed.error.issues[0]?.message ?? null);
      },
    },
  });
  const submit = form.onSubmit(async ({ reason }) => {
    const outcome = await cancel(session.id, reason.trim());
    if (outcome.ok) return onDone();
    const issue = outcome.issues.find((i) => i.path.at(-1) === 'reason');
    if (issue) form.setFieldError('reason', issue.message);
    else if (outcome.issues.length > 0) notifyError(new Error(outcome.issues.map((i) => i.message).join('；')));
  });
  return (
    <form onSubmit={submit} noValidate aria-label={c.title(sessionOrdinal(session))}>
      <Stack gap="md">
        <Text fz="sm">{c.intro(sessionOrdinal(session), formatSessionTime(session.scheduledAt))}</Text>
        <Textarea label={c.reason} placeholder={c.reasonPlaceholder} withAsterisk autosize minRows={2} maxRows={5} data-autofocus {...form.getInputProps('reason')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={pending}>
            {c.back}
          </Button>
          <Button type="submit" color="red" loading={pending} leftSection={<IconCalendarX size={16} />}>
            {c.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
