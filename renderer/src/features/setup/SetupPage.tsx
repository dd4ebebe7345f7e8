import { useRef, useState } from 'react';
import { Button, Center, Checkbox, Divider, Group, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconScale } from '@tabler/icons-react';
import { STAFF_ROLES, type StaffRole } from '../../../../electron/shared/domain/codes';
import { type SetupInput, SetupInputSchema } from '../../../../electron/shared/ipc/auth-inputs';
import type { AppInfo, SignedIn } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { StoreProblems } from '../../components/StoreProblems';
import { CenterDatabaseChoice } from './CenterDatabaseChoice';
import { FirstRunRestore } from './FirstRunRestore';
import { PasswordRules, confirmError, visibilityToggle } from '../auth/PasswordRules';
import { t } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import { focusFirstError, issuesToFormErrors, showIssuesAtFields } from '../../lib/zod-form';
import classes from './SetupPage.module.css';

/** The posts the first administrator may also hold (中心管理员 alone reads no case). */
const OTHER_ROLES = (Object.keys(STAFF_ROLES) as StaffRole[]).filter((r): r is Exclude<StaffRole, 'admin'> => r !== 'admin');

type SetupValues = Omit<SetupInput, 'otherRoles'> & { otherRoles: Exclude<StaffRole, 'admin'>[]; passwordConfirm: string };

/** First run: the center's identity and the first administrator's account (the person doing the setup). */
export function SetupPage({ info, onDone, onJoined }: { info: AppInfo; onDone: (signedIn: SignedIn) => void; onJoined: () => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [saving, setSaving] = useState(false);
  const [chosen, setChosen] = useState<string | null>(info.desk.store === 'postgres' ? info.desk.server : null);
  const [mode, setMode] = useState<'file' | 'postgres' | 'restore'>(chosen ? 'postgres' : 'file');
  // The center's details are asked once it is known where they go: this desk's folder, or a center database chosen.
  const detailsShown = mode === 'file' || chosen !== null;
  const form = useForm<SetupValues>({
    initialValues: { centerName: '', committeeName: '', caseNumberAbbr: '', adminName: '', loginName: '', password: '', passwordConfirm: '', otherRoles: [], address: '', phone: '' },
    validate: (values) => {
      const { passwordConfirm, ...input } = values;
      const parsed = SetupInputSchema.safeParse(input);
      const errors = parsed.success ? {} : issuesToFormErrors(parsed.error.issues);
      const confirm = confirmError(values.password, passwordConfirm);
      return confirm ? { ...errors, passwordConfirm: confirm } : errors;
    },
    validateInputOnBlur: true,
  });

  const submit = form.onSubmit(
    async ({ passwordConfirm: _confirm, ...values }) => {
      setSaving(true);
      try {
        const signedIn = await call('setup:complete', SetupInputSchema.parse(values));
        notifySuccess(t.setup.done);
        onDone(signedIn);
      } catch (error) {
        if (!showIssuesAtFields(error, form, formRef.current)) notifyError(error);
      } finally {
        setSaving(false);
      }
    },
    (errors) => focusFirstError(formRef.current, errors),
  );

  return (
    <Center mih="100vh" className={classes.page} p="md">
      <Stack w={600} gap={0}>
        <StoreProblems problems={info.storeProblems} />
        <Paper p={40} shadow="md" withBorder>
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
            <CenterDatabaseChoice mode={mode} onMode={setMode} chosen={chosen} onChosen={setChosen} onJoined={onJoined} />
            {mode === 'restore' && !chosen ? <FirstRunRestore onRestored={onJoined} /> : null}
          </Stack>
          {detailsShown && (
            <form ref={formRef} onSubmit={submit} noValidate>
              <Stack gap="lg" mt="lg">
                <Divider />
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
                <Divider label={t.auth.setup.accountSection} labelPosition="left" mt="xs" />
                <Text c="dimmed" fz="sm" mt={-8}>
                  {t.auth.setup.accountHint}
                </Text>
                <AccountFields form={form} />
                <Checkbox.Group label={t.auth.setup.otherRoles} description={t.auth.setup.otherRolesHint} {...form.getInputProps('otherRoles')}>
                  <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs" mt={8}>
                    {OTHER_ROLES.map((role) => (
                      <Checkbox key={role} value={role} label={STAFF_ROLES[role]} />
                    ))}
                  </SimpleGrid>
                </Checkbox.Group>
                <Button type="submit" size="md" loading={saving} mt="sm">
                  {t.setup.submit}
                </Button>
              </Stack>
            </form>
          )}
        </Paper>
      </Stack>
    </Center>
  );
}

/** The form fields an account needs: 登录名, 密码 (rules live, against the login name), 确认密码. */
export interface AccountValues {
  loginName: string;
  password: string;
  passwordConfirm: string;
}

// Mantine's form type is invariant in its values; both forms here hold at least these fields.
type AccountForm = {
  values: AccountValues;
  getInputProps: (path: keyof AccountValues) => ReturnType<ReturnType<typeof useForm<AccountValues>>['getInputProps']>;
};

export function AccountFields({ form, autoFocus = false }: { form: AccountForm; autoFocus?: boolean }) {
  return (
    <>
      <TextInput
        label={t.auth.setup.loginName}
        description={t.auth.setup.loginNameHint}
        autoComplete="username"
        withAsterisk
        autoFocus={autoFocus}
        data-autofocus={autoFocus || undefined}
        {...form.getInputProps('loginName')}
      />
      <Group grow align="flex-start">
        <PasswordInput
          label={t.auth.setup.password}
          description={<PasswordRules password={form.values.password} loginName={form.values.loginName} />}
          autoComplete="new-password"
          withAsterisk
          {...visibilityToggle}
          {...form.getInputProps('password')}
        />
        <PasswordInput label={t.auth.setup.passwordConfirm} autoComplete="new-password" withAsterisk {...visibilityToggle} {...form.getInputProps('passwordConfirm')} />
      </Group>
    </>
  );
}
