import { PasswordInput } from '@mantine/core';
import type { FormErrors, UseFormReturnType } from '@mantine/form';
import { PasswordRules, newPasswordError } from '../../auth/PasswordRules';
import { t } from '../../../i18n';

const F = t.staffAdmin.fields;

export interface PasswordValues {
  password: string;
  confirm: string;
}

/** A new password's errors for a form: the first rule it breaks, and a confirmation that differs. */
export function passwordErrors({ password, confirm }: PasswordValues, loginName: string): FormErrors {
  const errors: FormErrors = {};
  const problem = newPasswordError(password, loginName);
  if (problem) errors.password = problem;
  if (confirm !== password) errors.confirm = F.passwordMismatch;
  return errors;
}

/** 初始密码 + 确认密码, with the live rule help under the first. */
export function PasswordFields<T extends PasswordValues>({ form, loginName, label }: { form: UseFormReturnType<T>; loginName: string; label: string }) {
  const values = form.getValues();
  return (
    <>
      <PasswordInput
        label={label}
        description={<PasswordRules password={values.password} loginName={loginName} />}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        autoComplete="new-password"
        withAsterisk
        {...form.getInputProps('password')}
        // Mantine's PasswordInput marks an error only with data-invalid; screen readers need aria-invalid.
        aria-invalid={form.errors.password ? true : undefined}
      />
      <PasswordInput label={F.confirmPassword} autoComplete="new-password" withAsterisk {...form.getInputProps('confirm')} aria-invalid={form.errors.confirm ? true : undefined} />
    </>
  );
}
