import { useRef } from 'react';
import { Button, Grid, Group, NumberInput, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { type CenterSettings, CenterSettingsSchema, formatCaseNumber } from '../../../../../electron/shared/domain/settings';
import { isApiCallError } from '../../../api/errors';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n';
import { focusFirstError, issuesToFormErrors } from '../../../lib/zod-form';
import { useUpdateSettingsMutation } from '../mutations';

/** 中心设置: names used on documents, the case-number pattern, rooms and the default mediation period. */
export function SettingsForm({ settings }: { settings: CenterSettings }) {
  const { info } = useSession();
  const formRef = useRef<HTMLFormElement>(null);
  const { update, pending } = useUpdateSettingsMutation();
  const form = useForm<CenterSettings>({
    initialValues: settings,
    validate: (values) => {
      const parsed = CenterSettingsSchema.safeParse(values);
      return parsed.success ? {} : issuesToFormErrors(parsed.error.issues);
    },
    validateInputOnBlur: true,
  });
  const values = form.getValues();
  const year = Number(info.today.slice(0, 4));
  const preview = CenterSettingsSchema.shape.caseNumberPattern.safeParse(values.caseNumberPattern).success
    ? formatCaseNumber(values.caseNumberPattern, year, values.caseNumberAbbr, 1)
    : null;

  const submit = form.onSubmit(
    async (next) => {
      try {
        const saved = await update(CenterSettingsSchema.parse(next));
        form.setInitialValues(saved);
        form.resetDirty(saved);
      } catch (error) {
        if (isApiCallError(error)) form.setErrors(issuesToFormErrors(error.issues));
      }
    },
    (errors) => focusFirstError(formRef.current, errors),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t.staff.settingsSection}>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TextInput label={t.staff.centerName} withAsterisk {...form.getInputProps('centerName')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TextInput label={t.staff.committeeName} withAsterisk {...form.getInputProps('committeeName')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <TextInput label={t.staff.caseNumberAbbr} withAsterisk {...form.getInputProps('caseNumberAbbr')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <TextInput
            label={t.staff.caseNumberPattern}
            description={preview ? t.staff.caseNumberPreview(preview) : t.staff.caseNumberPatternHint}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            withAsterisk
            {...form.getInputProps('caseNumberPattern')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <NumberInput
            label={t.staff.mediationDays}
            description={t.staff.mediationDaysHint}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            min={1}
            max={365}
            allowDecimal={false}
            withAsterisk
            {...form.getInputProps('mediationDays')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <TextInput label={t.staff.address} {...form.getInputProps('address')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput label={t.staff.phone} {...form.getInputProps('phone')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <TagsInput label={t.staff.rooms} description={t.staff.roomsHint} inputWrapperOrder={['label', 'input', 'description', 'error']} withAsterisk {...form.getInputProps('rooms')} />
        </Grid.Col>
      </Grid>
      <Group justify="flex-end" mt="md">
        <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={pending} disabled={!form.isDirty()}>
          {t.common.save}
        </Button>
      </Group>
    </form>
  );
}
