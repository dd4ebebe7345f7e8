import { useRef, useState } from 'react';
import { Button, Group, NumberInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type BackupSettings, BackupSettingsSchema, DEFAULT_BACKUP_TIME } from '../../../../electron/shared/domain/backup';
import { call } from '../../api/client';
import { t } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import { focusFirstError, issuesToFormErrors, showIssuesAtFields } from '../../lib/zod-form';
import { backupQueries } from './queries';

const s = t.backup.settings;
const DEFAULTS: BackupSettings = { folder: '', dailyAt: DEFAULT_BACKUP_TIME, retention: { daily: 7, weekly: 4, monthly: 12 } };

/** 备份设置: the folder (checked by the host: outside the data folder, writable), the daily time, how many are kept. */
export function BackupSettingsForm({ settings }: { settings: BackupSettings | null }) {
  const formRef = useRef<HTMLFormElement>(null);
  const client = useQueryClient();
  const [saving, setSaving] = useState(false);
  const form = useForm<BackupSettings>({
    initialValues: settings ?? DEFAULTS,
    validate: (values) => {
      const parsed = BackupSettingsSchema.safeParse(values);
      return parsed.success ? {} : issuesToFormErrors(parsed.error.issues);
    },
    validateInputOnBlur: true,
  });
  const submit = form.onSubmit(
    async (values) => {
      setSaving(true);
      try {
        const saved = await call('backup:update-settings', BackupSettingsSchema.parse(values));
        form.setValues(saved);
        form.resetDirty(saved);
        notifySuccess(s.saved);
        await client.invalidateQueries({ queryKey: backupQueries.all() });
      } catch (error) {
        if (!showIssuesAtFields(error, form, formRef.current)) notifyError(error);
      } finally {
        setSaving(false);
      }
    },
    (errors) => focusFirstError(formRef.current, errors),
  );
  const count = (path: 'retention.daily' | 'retention.weekly' | 'retention.monthly', label: string) => (
    <NumberInput label={label} min={0} max={120} allowDecimal={false} suffix={` ${s.unit}`} maw={150} {...form.getInputProps(path)} />
  );
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={s.title}>
      <Group align="flex-start" grow>
        <TextInput label={s.folder} description={s.folderHint} withAsterisk {...form.getInputProps('folder')} />
      </Group>
      <Group align="flex-start" mt="sm" gap="md">
        <TextInput label={s.dailyAt} description={s.dailyAtHint} maw={260} withAsterisk {...form.getInputProps('dailyAt')} />
        {count('retention.daily', s.daily)}
        {count('retention.weekly', s.weekly)}
        {count('retention.monthly', s.monthly)}
      </Group>
      <Group justify="flex-end" mt="sm">
        <Button type="submit" variant={settings ? 'default' : 'filled'} leftSection={<IconDeviceFloppy size={16} />} loading={saving}>
          {s.save}
        </Button>
      </Group>
    </form>
  );
}
