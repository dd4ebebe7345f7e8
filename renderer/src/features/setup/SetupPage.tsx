import { useRef, useState } from 'react';
import { Button, Center, Paper, Stack, Text, TextInput, ThemeIcon, Title, Group } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconScale } from '@tabler/icons-react';
import { type AppInfo, type SetupInput, SetupInputSchema } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { isApiCallError } from '../../api/errors';
import { StoreProblems } from '../../components/StoreProblems';
import { t } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import { focusFirstError, issuesToFormErrors } from '../../lib/zod-form';
import classes from './SetupPage.module.css';

/** First run: the center's identity and the first administrator (the person doing the setup). */
export function SetupPage({ info, onDone }: { info: AppInfo; onDone: () => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<SetupInput>({
    initialValues: { centerName: '', committeeName: '', caseNumberAbbr: '', adminName: '', address: '', phone: '' },
    validate: (values) => {
      const parsed = SetupInputSchema.safeParse(values);
      return parsed.success ? {} : issuesToFormErrors(parsed.error.issues);
    },
    validateInputOnBlur: true,
  });

  const submit = form.onSubmit(
    async (values) => {
      setSaving(true);
      try {
        await call('setup:complete', SetupInputSchema.parse(values));
        notifySuccess(t.setup.done);
        onDone();
      } catch (error) {
        if (isApiCallError(error) && error.issues.length > 0) {
          const errors = issuesToFormErrors(error.issues);
          form.setErrors(errors);
          focusFirstError(formRef.current, errors);
        } else notifyError(error);
      } finally {
        setSaving(false);
      }
    },
    (errors) => focusFirstError(formRef.current, errors),
  );

  return (
    <Center mih="100vh" className={classes.page} p="md">
      <Stack w={560} gap={0}>
        <StoreProblems problems={info.storeProblems} />
        <Paper p={40} shadow="md" withBorder>
          <form ref={formRef} onSubmit={submit} noValidate>
            <Stack gap="lg">
              <Group gap="sm">
                <ThemeIcon size={40} radius="sm" aria-hidden>
                  <IconScale size={24} />
                </ThemeIcon>
                <div>
                  <Text c="dimmed" fz="sm">
                    {t.app.name}
                  </Text>
                  <Title order={2}>{t.setup.title}</Title>
                </div>
              </Group>
              <Text c="dimmed" fz="sm">
                {t.setup.intro}
              </Text>
              <TextInput label={t.setup.centerName} placeholder={t.setup.centerNamePlaceholder} withAsterisk data-autofocus autoFocus {...form.getInputProps('centerName')} />
              <TextInput label={t.setup.committeeName} placeholder={t.setup.committeeNamePlaceholder} withAsterisk {...form.getInputProps('committeeName')} />
              <Group grow align="flex-start">
                <TextInput label={t.setup.address} {...form.getInputProps('address')} />
                <TextInput label={t.setup.phone} description={t.setup.phoneHint} {...form.getInputProps('phone')} />
              </Group>
              <Group grow align="flex-start">
                <TextInput label={t.setup.caseNumberAbbr} description={t.setup.caseNumberAbbrHint} withAsterisk {...form.getInputProps('caseNumberAbbr')} />
                <TextInput label={t.setup.adminName} description={t.setup.adminNameHint} withAsterisk {...form.getInputProps('adminName')} />
              </Group>
              <Button type="submit" size="md" loading={saving} mt="sm">
                {t.setup.submit}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Center>
  );
}
