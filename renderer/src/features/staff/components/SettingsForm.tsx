import { useEffect, useRef } from 'react';
import { Alert, Button, Checkbox, Grid, Group, NumberInput, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import { type CenterSettings, CenterSettingsSchema, formatCaseNumber } from '../../../../../electron/shared/domain/settings';
import { checkPhone } from '../../../../../electron/shared/validation/phone';
import { isApiCallError } from '../../../api/errors';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n';
import { focusFirstError, issuesToFormErrors } from '../../../lib/zod-form';
import { useUpdateSettingsMutation } from '../mutations';

/** Form fields a settings link can point at (see the `staff` route's focus). */
export type SettingsField = 'centerName' | 'committeeName' | 'address' | 'phone' | 'courtName';

/**
 * The schema's checks, and the center phone's format: it is printed on notices for parties to call, so it must be a
 * mobile number or a landline with its area code (checked as on the setup screen; empty is allowed until needed).
 */
function validateSettings(values: CenterSettings) {
  const parsed = CenterSettingsSchema.safeParse(values);
  const errors = parsed.success ? {} : issuesToFormErrors(parsed.error.issues);
  const phone = values.phone.trim();
  if (phone && !errors.phone) {
    const checked = checkPhone(phone);
    if (!checked.ok) errors.phone = checked.message;
  }
  return errors;
}

/**
 * 中心设置: names used on documents, the center's address and phone, the case-number pattern, rooms, the default
 * mediation period, the court for judicial confirmation, the idle-lock time of every desk and whether agreements must
 * state a place of performance.
 */
export function SettingsForm({ settings, focus }: { settings: CenterSettings; focus?: SettingsField | undefined }) {
  const { info } = useSession();
  const formRef = useRef<HTMLFormElement>(null);
  const { update, pending } = useUpdateSettingsMutation();
  const form = useForm<CenterSettings>({
    initialValues: settings,
    validate: validateSettings,
    validateInputOnBlur: true,
  });
  const values = form.getValues();
  const year = Number(info.today.slice(0, 4));
  const preview = CenterSettingsSchema.shape.caseNumberPattern.safeParse(values.caseNumberPattern).success
    ? formatCaseNumber(values.caseNumberPattern, year, values.caseNumberAbbr, 1)
    : null;

  // Sent here to fill in one setting (e.g. from a document that needs the center's phone): go straight to it.
  useEffect(() => {
    if (!focus) return;
    const input = formRef.current?.querySelector<HTMLElement>(`[data-path="${focus}"]`);
    input?.scrollIntoView?.({ block: 'center' });
    input?.focus();
  }, [focus]);

  const submit = form.onSubmit(
    async (next) => {
      try {
        // Stored as checkPhone normalises it (no spaces, no +86), the way it is printed.
        const phone = checkPhone(next.phone.trim());
        const saved = await update(CenterSettingsSchema.parse({ ...next, phone: phone.ok ? phone.value : next.phone.trim() }));
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
          <TextInput label={t.staff.address} description={t.staff.addressHint} inputWrapperOrder={['label', 'input', 'description', 'error']} {...form.getInputProps('address')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput label={t.staff.phone} description={t.staff.phoneHint} inputWrapperOrder={['label', 'input', 'description', 'error']} type="tel" {...form.getInputProps('phone')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TextInput label={t.staff.courtName} description={t.staff.courtNameHint} inputWrapperOrder={['label', 'input', 'description', 'error']} {...form.getInputProps('courtName')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <NumberInput
            label={t.staffAdmin.settings.idleLockMinutes}
            description={t.staffAdmin.settings.idleLockMinutesHint}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            min={1}
            max={120}
            allowDecimal={false}
            withAsterisk
            {...form.getInputProps('idleLockMinutes')}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Checkbox label={t.staffAdmin.settings.fourEyesReview} description={t.staffAdmin.settings.fourEyesReviewHint} {...form.getInputProps('fourEyesReview', { type: 'checkbox' })} />
          {values.fourEyesReview ? null : (
            <Alert mt="xs" color="orange" variant="light" icon={<IconAlertTriangle size={16} />} data-testid="four-eyes-off">
              {t.staffAdmin.settings.fourEyesReviewOff}
            </Alert>
          )}
        </Grid.Col>
        <Grid.Col span={12}>
          <Checkbox label={t.staff.requirePerformancePlace} description={t.staff.requirePerformancePlaceHint} {...form.getInputProps('requirePerformancePlace', { type: 'checkbox' })} />
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
