import { useRef, useState } from 'react';
import { Alert, Button, Group, NumberInput, PasswordInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDatabase } from '@tabler/icons-react';
import { type CenterDatabase, CenterDatabaseSchema } from '../../../../electron/shared/ipc/auth-inputs';
import { call } from '../../api/client';
import { isApiCallError } from '../../api/errors';
import { t } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import { focusFirstError, issuesToFormErrors, showIssuesAtFields } from '../../lib/zod-form';

const s = t.setup.store;

/**
 * First run, before the center's details: where this desk keeps the center's data. 单机 needs nothing more; 中心数据库
 * takes the server's address and the desk's database account, tests them (the failure said in Chinese at the form)
 * and then either joins the center already in that database (`onJoined`: its people sign in) or goes on to set up
 * a new center there (`onChosen`).
 */
export function CenterDatabaseChoice({
  mode,
  onMode,
  onJoined,
  onChosen,
  chosen,
}: {
  mode: 'file' | 'postgres' | 'restore';
  onMode: (mode: 'file' | 'postgres' | 'restore') => void;
  onJoined: () => void;
  onChosen: (server: string) => void;
  chosen: string | null;
}) {
  const [busy, setBusy] = useState<'test' | 'use' | null>(null);
  const [result, setResult] = useState<{ ok: true; text: string } | { ok: false; text: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<CenterDatabase>({
    initialValues: { host: '', port: 5432, database: 'mediation', user: '', password: '', tls: 'off' },
    validate: (values) => {
      const parsed = CenterDatabaseSchema.safeParse(values);
      return parsed.success ? {} : issuesToFormErrors(parsed.error.issues);
    },
    validateInputOnBlur: true,
  });

  const run = (what: 'test' | 'use') =>
    form.onSubmit(
      async (values) => {
        setBusy(what);
        setResult(null);
        try {
          const input = CenterDatabaseSchema.parse(values);
          if (what === 'test') {
            const probe = await call('setup:test-database', input);
            setResult({ ok: true, text: s.tested(probe.serverVersion) + (probe.centerName ? s.existing(probe.centerName) : s.empty) });
          } else {
            const used = await call('setup:use-database', input);
            if (used.centerName) {
              notifySuccess(s.joined(used.centerName));
              onJoined();
            } else onChosen(`${input.host}:${input.port}/${input.database}`);
          }
        } catch (error) {
          if (isApiCallError(error) && error.code === 'DATABASE_UNAVAILABLE') setResult({ ok: false, text: error.message });
          else if (!showIssuesAtFields(error, form, formRef.current)) notifyError(error);
        } finally {
          setBusy(null);
        }
      },
      (errors) => focusFirstError(formRef.current, errors),
    );

  if (chosen) {
    return (
      <Alert color="teal" variant="light" icon={<IconDatabase size={18} />} data-testid="center-database-chosen">
        {s.chosen(chosen)}
      </Alert>
    );
  }

  return (
    <Stack gap="sm">
      <Text fw={500} fz="sm">
        {s.label}
      </Text>
      <SegmentedControl
        value={mode}
        onChange={(v) => onMode(v as 'file' | 'postgres' | 'restore')}
        data={[
          { value: 'file', label: s.single },
          { value: 'postgres', label: s.center },
          // A third way: the whole center back from a backup (a new computer, a failed disk).
          { value: 'restore', label: t.backup.firstRun.choice },
        ]}
      />
      <Text c="dimmed" fz="sm">
        {mode === 'file' ? s.singleHint : mode === 'postgres' ? s.centerHint : t.backup.firstRun.hint}
      </Text>
      {mode === 'postgres' && (
        <form ref={formRef} onSubmit={run('use')} noValidate aria-label={s.center}>
          <Stack gap="sm">
            <DatabaseFields inputProps={(field) => form.getInputProps(field)} />
            {result && (
              <Alert color={result.ok ? 'teal' : 'red'} variant="light" title={result.ok ? undefined : s.failed} role={result.ok ? 'status' : 'alert'} data-testid="center-database-result">
                {result.text}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" loading={busy === 'test'} disabled={busy === 'use'} onClick={() => run('test')()}>
                {s.test}
              </Button>
              <Button type="submit" loading={busy === 'use'} disabled={busy === 'test'}>
                {s.use}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** The server's address and the desk's database account (setup's 中心数据库, and 从备份恢复 into a new database). */
export function DatabaseFields({ inputProps, disabled = false }: { inputProps: (field: keyof CenterDatabase) => ReturnType<ReturnType<typeof useForm>['getInputProps']>; disabled?: boolean }) {
  return (
    <>
      <Group grow align="flex-start">
        <TextInput label={s.host} placeholder={s.hostPlaceholder} withAsterisk disabled={disabled} {...inputProps('host')} />
        <NumberInput label={s.port} withAsterisk min={1} max={65535} hideControls allowDecimal={false} maw={120} disabled={disabled} {...inputProps('port')} />
      </Group>
      <Group grow align="flex-start">
        <TextInput label={s.database} withAsterisk disabled={disabled} {...inputProps('database')} />
        <TextInput label={s.user} withAsterisk autoComplete="off" disabled={disabled} {...inputProps('user')} />
      </Group>
      <Group grow align="flex-start">
        <PasswordInput label={s.password} autoComplete="off" disabled={disabled} {...inputProps('password')} />
        <Select
          label={s.tls}
          allowDeselect={false}
          disabled={disabled}
          data={[
            { value: 'off', label: s.tlsOff },
            { value: 'on', label: s.tlsOn },
            { value: 'verify', label: s.tlsVerify },
          ]}
          {...inputProps('tls')}
        />
      </Group>
    </>
  );
}
