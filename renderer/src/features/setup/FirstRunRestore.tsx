import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, PasswordInput, Progress, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFolderOpen, IconRestore } from '@tabler/icons-react';
import type { BackupGenerationView, FirstRunRestoreStatus } from '../../../../electron/shared/domain/backup';
import { call } from '../../api/client';
import { isApiCallError } from '../../api/errors';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { showIssuesAtFields } from '../../lib/zod-form';
import type { CenterDatabase } from '../../../../electron/shared/ipc/auth-inputs';
import { DatabaseFields } from './CenterDatabaseChoice';

const f = t.backup.firstRun;

interface Values {
  folder: string;
  generation: string;
  recoveryKey: string;
  loginName: string;
  password: string;
  /** Where a center database's backup goes: a new, empty database. */
  database: CenterDatabase;
}

/**
 * 从备份恢复 on the first-run screen: the backup folder, which generation (listed once the folder is read), the
 * recovery key or a staff member's login and password; then the restore's progress, and on success the sign-in
 * (`onRestored` reloads app:info). A backup that fails its checks is refused with what is wrong; nothing is left.
 */
export function FirstRunRestore({ onRestored }: { onRestored: () => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [generations, setGenerations] = useState<BackupGenerationView[] | null>(null);
  const [by, setBy] = useState<'recoveryKey' | 'password'>('recoveryKey');
  const [busy, setBusy] = useState<'list' | 'restore' | null>(null);
  const [status, setStatus] = useState<FirstRunRestoreStatus | null>(null);
  const form = useForm<Values>({ initialValues: { folder: '', generation: '', recoveryKey: '', loginName: '', password: '', database: { host: '', port: 5432, database: '', user: '', password: '', tls: 'off' } } });

  // While it runs: its progress, twice a second; at its end, the sign-in or why not.
  useEffect(() => {
    if (!status?.running) return;
    const timer = setTimeout(() => {
      call('setup:restore-status').then((next) => {
        setStatus(next);
        if (next.result?.ok) {
          notifySuccess(f.done(next.result.centerName, next.result.cases));
          onRestored();
        }
      }, notifyError);
    }, 500);
    return () => clearTimeout(timer);
  }, [status, onRestored]);

  const list = async () => {
    setBusy('list');
    setGenerations(null);
    try {
      const found = await call('setup:restore-generations', { folder: form.values.folder.trim() });
      setGenerations(found);
      form.setFieldValue('generation', found.find((g) => g.status === 'complete')?.id ?? '');
    } catch (error) {
      if (!showIssuesAtFields(error, form, formRef.current)) notifyError(error);
    } finally {
      setBusy(null);
    }
  };

  const restore = form.onSubmit(async (v) => {
    setBusy('restore');
    setStatus(null);
    try {
      const unlock = by === 'recoveryKey' ? { recoveryKey: v.recoveryKey.trim() } : { loginName: v.loginName.trim(), password: v.password };
      setStatus(await call('setup:restore', { folder: v.folder.trim(), generation: v.generation, unlock, ...(toDatabase ? { database: v.database } : {}) }));
    } catch (error) {
      // The unlock's fields are nested in the input (unlock.recoveryKey …), the form's flat; the database's nested in both.
      if (isApiCallError(error) && error.issues?.length) {
        form.setErrors(Object.fromEntries(error.issues.map((i) => [i.path[0] === 'database' ? i.path.join('.') : String(i.path.at(-1)), i.message])));
      } else if (isApiCallError(error)) setStatus({ running: false, phase: null, done: 0, total: 0, result: { ok: false, message: error.message } });
      else notifyError(error);
    } finally {
      setBusy(null);
    }
  });

  const running = status?.running ?? false;
  const toDatabase = generations?.find((g) => g.id === form.values.generation)?.source === 'postgresql';
  const percent = status?.running && status.total ? Math.floor((status.done / status.total) * 100) : 0;
  const options = (generations ?? []).map((g) =>
    g.status === 'complete'
      ? { value: g.id, label: f.generationOption(formatDateTime(g.startedAt!), g.files ?? 0) }
      : { value: g.id, label: f.unusable(g.startedAt ? formatDateTime(g.startedAt) : g.id, g.note ?? ''), disabled: true },
  );
  return (
    <form ref={formRef} onSubmit={restore} noValidate aria-label={f.choice}>
      <Stack gap="sm">
        <Group align="flex-end" wrap="nowrap">
          <TextInput style={{ flex: 1 }} label={f.folder} placeholder={f.folderPlaceholder} withAsterisk disabled={running} {...form.getInputProps('folder')} />
          <Button variant="default" leftSection={<IconFolderOpen size={16} />} loading={busy === 'list'} disabled={running || !form.values.folder.trim()} onClick={() => void list()}>
            {f.list}
          </Button>
        </Group>
        {generations ? (
          <>
            <Select label={f.generation} data={options} allowDeselect={false} withAsterisk disabled={running} {...form.getInputProps('generation')} />
            <Text fw={500} fz="sm">
              {f.unlockWith}
            </Text>
            <SegmentedControl
              value={by}
              onChange={(v) => setBy(v as 'recoveryKey' | 'password')}
              disabled={running}
              data={[
                { value: 'recoveryKey', label: f.byRecoveryKey },
                { value: 'password', label: f.byPassword },
              ]}
            />
            {by === 'recoveryKey' ? (
              <TextInput label={f.recoveryKey} description={f.recoveryKeyHint} autoComplete="off" withAsterisk disabled={running} {...form.getInputProps('recoveryKey')} />
            ) : (
              <Group grow align="flex-start">
                <TextInput label={f.loginName} description={f.passwordHint} autoComplete="off" withAsterisk disabled={running} {...form.getInputProps('loginName')} />
                <PasswordInput label={f.password} autoComplete="off" withAsterisk disabled={running} {...form.getInputProps('password')} />
              </Group>
            )}
          </>
        ) : null}
        {generations && toDatabase ? (
          <Stack gap="sm" data-testid="restore-to-database">
            <Text fw={500} fz="sm">
              {f.toDatabase}
            </Text>
            <Text c="dimmed" fz="sm">
              {f.toDatabaseHint}
            </Text>
            <DatabaseFields inputProps={(field) => form.getInputProps(`database.${field}`)} disabled={running} />
            {typeof form.errors.database === 'string' ? (
              <Alert color="red" variant="light" role="alert" data-testid="restore-database-error">
                {form.errors.database}
              </Alert>
            ) : null}
          </Stack>
        ) : null}
        {running && status ? (
          <Stack gap={4}>
            <Progress value={status.phase === 'move' ? 100 : percent} animated aria-label={f.choice} />
            <Text fz="xs" aria-live="polite">
              {t.backup.progress(f.phases[status.phase ?? 'write'] ?? '', status.done, status.total)}
            </Text>
          </Stack>
        ) : null}
        {status?.result && !status.result.ok ? (
          <Alert color="red" title={f.failed} role="alert" data-testid="restore-failed">
            {status.result.message}
          </Alert>
        ) : null}
        {generations ? (
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconRestore size={16} />} loading={busy === 'restore' || running} disabled={!form.values.generation}>
              {f.submit}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
