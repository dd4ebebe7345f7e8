import { Group, PasswordInput, Text } from '@mantine/core';
import type { FormErrors, UseFormReturnType } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { PASSWORD_MESSAGES, PASSWORD_RULE_TEXT, passwordProblem } from '../../../../../electron/shared/domain/password';
import { t } from '../../../i18n';

const F = t.staffAdmin.fields;

export interface PasswordValues {
  password: string;
  confirm: string;
}

/**
 * The password rules checked as the administrator types, against the login name the password belongs to (the same
 * check main makes): the rule while empty, then the first problem, or that it passes.
 */
export function PasswordRuleHint({ password, loginName }: { password: string; loginName: string }) {
  if (!password) return <span>{PASSWORD_RULE_TEXT}</span>;
  const problem = passwordProblem(password, loginName);
  return (
    <span aria-live="polite" data-testid="password-rule">
      {problem ? (
        <Text span fz="inherit" c="orange.8">
          {PASSWORD_MESSAGES[problem]}
        </Text>
      ) : (
        <Group component="span" gap={4} wrap="nowrap" c="teal.8" style={{ display: 'inline-flex' }}>
          <IconCircleCheck size={14} aria-hidden />
          {F.passwordOk}
        </Group>
      )}
    </span>
  );
}

/** A new password's errors for a form: the first rule it breaks, and a confirmation that differs. */
export function passwordErrors({ password, confirm }: PasswordValues, loginName: string): FormErrors {
  const errors: FormErrors = {};
  const problem = passwordProblem(password, loginName);
  if (problem) errors.password = PASSWORD_MESSAGES[problem];
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
        description={<PasswordRuleHint password={values.password} loginName={loginName} />}
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
