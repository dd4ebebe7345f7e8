import { type ReactNode, useRef } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import type { StaffRole } from '../../../../../electron/shared/domain/codes';
import type { StaffAccount } from '../../../../../electron/shared/domain/staff';
import { StaffRolesInputSchema, StaffUpdateInputSchema } from '../../../../../electron/shared/ipc/contract';
import { t } from '../../../i18n';
import { focusFirstError, issuesToFormErrors, showIssuesAtFields } from '../../../lib/zod-form';
import { PasswordFields, type PasswordValues, passwordErrors } from './PasswordFields';
import { RoleCheckboxes } from './RoleCheckboxes';

const A = t.staffAdmin;

/** What the administrator is doing to which account (one dialog at a time). */
export type AccountDialog = { kind: 'edit' | 'roles' | 'reset' | 'active'; account: StaffAccount };

interface DialogProps {
  account: StaffAccount;
  pending: boolean;
  onClose: () => void;
}

/** Runs a change; a refusal with field issues lands at its fields, anything else was notified by the mutation. */
async function submitTo(run: () => Promise<unknown>, form: { setErrors: (e: FormErrors) => void }, container: HTMLElement | null, onDone: () => void) {
  try {
    await run();
    onDone();
  } catch (error) {
    showIssuesAtFields(error, form, container);
  }
}

function DialogButtons({ pending, onClose, submit, color }: { pending: boolean; onClose: () => void; submit: string; color?: string }) {
  return (
    <Group justify="flex-end" gap="sm" mt="sm">
      <Button variant="default" onClick={onClose} disabled={pending}>
        {t.common.cancel}
      </Button>
      <Button type="submit" loading={pending} color={color}>
        {submit}
      </Button>
    </Group>
  );
}

function Dialog({ title, pending, onClose, children }: { title: string; pending: boolean; onClose: () => void; children: ReactNode }) {
  return (
    <Modal opened onClose={pending ? () => {} : onClose} title={title} centered size="lg">
      {children}
    </Modal>
  );
}

/** 编辑: name and login name (the login name stays unique; main says so at the field). */
export function EditAccountDialog({ account, pending, onClose, onSave }: DialogProps & { onSave: (input: { id: string; name: string; loginName: string }) => Promise<unknown> }) {
  const ref = useRef<HTMLFormElement>(null);
  const form = useForm({
    initialValues: { name: account.name, loginName: account.loginName },
    validate: (values) => {
      const parsed = StaffUpdateInputSchema.safeParse({ id: account.id, ...values });
      return parsed.success ? {} : issuesToFormErrors(parsed.error.issues);
    },
    validateInputOnBlur: true,
  });
  const submit = form.onSubmit(
    (values) => void submitTo(() => onSave(StaffUpdateInputSchema.parse({ id: account.id, ...values })), form, ref.current, onClose),
    (errors) => focusFirstError(ref.current, errors),
  );
  return (
    <Dialog title={A.edit.title(account.name)} pending={pending} onClose={onClose}>
      <form ref={ref} onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label={A.fields.name} withAsterisk data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label={A.fields.loginName}
            description={A.fields.loginNameHint}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            withAsterisk
            {...form.getInputProps('loginName')}
          />
          <DialogButtons pending={pending} onClose={onClose} submit={t.common.save} />
        </Stack>
      </form>
    </Dialog>
  );
}

/** 调整岗位: several posts at once; the person's sign-ins end when saved (main), so they sign in again. */
export function RolesDialog({ account, self, pending, onClose, onSave }: DialogProps & { self: boolean; onSave: (id: string, roles: StaffRole[]) => Promise<unknown> }) {
  const ref = useRef<HTMLFormElement>(null);
  const form = useForm<{ roles: StaffRole[] }>({
    initialValues: { roles: [...account.roles] },
    validate: (values) => {
      const parsed = StaffRolesInputSchema.safeParse({ id: account.id, ...values });
      return parsed.success ? {} : issuesToFormErrors(parsed.error.issues);
    },
  });
  const submit = form.onSubmit(
    (values) => void submitTo(() => onSave(account.id, values.roles), form, ref.current, onClose),
    (errors) => focusFirstError(ref.current, errors),
  );
  return (
    <Dialog title={A.roles.title(account.name)} pending={pending} onClose={onClose}>
      <form ref={ref} onSubmit={submit} noValidate>
        <Stack gap="md">
          <RoleCheckboxes inputProps={form.getInputProps('roles')} />
          <Alert color={self ? 'orange' : 'gray'} variant="light" icon={<IconInfoCircle size={18} />}>
            <Text fz="sm">{A.roles.hint}</Text>
            {self ? (
              <Text fz="sm" fw={600} mt={4}>
                {A.roles.selfHint}
              </Text>
            ) : null}
          </Alert>
          <DialogButtons pending={pending} onClose={onClose} submit={t.common.save} />
        </Stack>
      </form>
    </Dialog>
  );
}

/** 重置密码: a new initial password, checked against this person's login name; they change it at next sign-in. */
export function ResetPasswordDialog({ account, pending, onClose, onSave }: DialogProps & { onSave: (id: string, password: string) => Promise<unknown> }) {
  const ref = useRef<HTMLFormElement>(null);
  const form = useForm<PasswordValues>({
    initialValues: { password: '', confirm: '' },
    validate: (values) => passwordErrors(values, account.loginName),
    validateInputOnBlur: true,
  });
  const submit = form.onSubmit(
    (values) => void submitTo(() => onSave(account.id, values.password), form, ref.current, onClose),
    (errors) => focusFirstError(ref.current, errors),
  );
  return (
    <Dialog title={A.reset.title(account.name)} pending={pending} onClose={onClose}>
      <form ref={ref} onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text fz="sm">{A.reset.hint(account.loginName)}</Text>
          <PasswordFields form={form} loginName={account.loginName} label={A.fields.newPassword} />
          <DialogButtons pending={pending} onClose={onClose} submit={A.reset.submit} />
        </Stack>
      </form>
    </Dialog>
  );
}

/** 停用 / 重新启用, said plainly before it is done. */
export function ActiveDialog({ account, pending, onClose, onConfirm }: DialogProps & { onConfirm: (id: string, active: boolean) => Promise<unknown> }) {
  const deactivate = account.active;
  const confirm = () => void submitTo(() => onConfirm(account.id, !deactivate), { setErrors: () => {} }, null, onClose);
  return (
    <Dialog title={deactivate ? A.active.deactivateTitle(account.name) : A.active.reactivateTitle(account.name)} pending={pending} onClose={onClose}>
      <Stack gap="md">
        <Text fz="sm">{deactivate ? A.active.deactivateBody : A.active.reactivateBody}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={pending}>
            {t.common.cancel}
          </Button>
          <Button onClick={confirm} loading={pending} color={deactivate ? 'red' : undefined} data-autofocus>
            {deactivate ? A.active.deactivate : A.active.reactivate}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
