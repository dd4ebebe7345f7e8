import { useRef, useState } from 'react';
import { Alert, Button, Group, List, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type CaseRestoreInput, CaseRestoreInputSchema, type CaseRestoreResult } from '../../../../electron/shared/domain/backup';
import { call } from '../../api/client';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { focusFirstError, issuesToFormErrors, showIssuesAtFields } from '../../lib/zod-form';
import { backupQueries } from './queries';

const r = t.backup.restoreCase;

/** 从备份恢复单个案件: a generation, a 案号 and why; the password again (the policy table asks for it). */
export function RestoreCaseForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const generations = useQuery(backupQueries.generations());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CaseRestoreResult | null>(null);
  const form = useForm<CaseRestoreInput>({
    initialValues: { generation: '', caseNumber: '', reason: '' },
    validate: (values) => {
      const parsed = CaseRestoreInputSchema.safeParse(values);
      return parsed.success ? {} : issuesToFormErrors(parsed.error.issues);
    },
  });
  const options = (generations.data ?? []).filter((g) => g.status === 'complete').map((g) => ({ value: g.id, label: g.startedAt ? formatDateTime(g.startedAt) : g.id }));
  const submit = form.onSubmit(
    async (values) => {
      setBusy(true);
      setResult(null);
      try {
        setResult(await call('backup:restore-case', CaseRestoreInputSchema.parse(values)));
      } catch (error) {
        if (!showIssuesAtFields(error, form, formRef.current)) notifyError(error);
      } finally {
        setBusy(false);
      }
    },
    (errors) => focusFirstError(formRef.current, errors),
  );
  const said = result
    ? result.outcome === 'corrected'
      ? r.outcomes.corrected(result.caseNumber, result.fields.join('、'))
      : r.outcomes[result.outcome](result.caseNumber)
    : null;
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={r.title}>
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          {r.intro}
        </Text>
        <Group grow align="flex-start">
          <Select label={r.generation} data={options} allowDeselect={false} withAsterisk {...form.getInputProps('generation')} />
          <TextInput label={r.caseNumber} placeholder={r.caseNumberPlaceholder} withAsterisk {...form.getInputProps('caseNumber')} />
          <TextInput label={r.reason} withAsterisk {...form.getInputProps('reason')} />
        </Group>
        {result ? (
          <Alert color="teal" title={said}>
            {result.notes.length ? (
              <List size="sm">
                {result.notes.map((n, i) => (
                  <List.Item key={i}>{n}</List.Item>
                ))}
              </List>
            ) : null}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" variant="default" leftSection={<IconArrowBackUp size={16} />} loading={busy}>
            {r.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
