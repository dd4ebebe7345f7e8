import { Group, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { PASSWORD_MESSAGES, PASSWORD_RULE_TEXT, passwordProblem } from '../../../../electron/shared/domain/password';
import { t } from '../../i18n';

/**
 * The password rules at a new-password field, live: the rule while the field is empty, then the first problem with
 * what is typed (the same check main makes, electron/shared/domain/password.ts), or that it is fine.
 */
export function PasswordRules({ password, loginName }: { password: string; loginName: string }) {
  if (password === '') return <>{PASSWORD_RULE_TEXT}</>;
  const problem = passwordProblem(password, loginName);
  return (
    <Text component="span" fz="inherit" c={problem ? 'orange.8' : 'teal.8'} aria-live="polite" data-testid="password-rule">
      {problem ? (
        PASSWORD_MESSAGES[problem]
      ) : (
        <Group component="span" gap={4} wrap="nowrap" style={{ display: 'inline-flex' }}>
          <IconCircleCheck size={14} aria-hidden />
          {t.auth.password.ok}
        </Group>
      )}
    </Text>
  );
}

/** The message for a new password (null when fine): the shared rules, checked against the login name. */
export function newPasswordError(password: string, loginName: string): string | null {
  const problem = passwordProblem(password, loginName);
  return problem ? PASSWORD_MESSAGES[problem] : null;
}

/** The message for a repeated password (null when it matches). */
export function confirmError(password: string, confirm: string): string | null {
  if (confirm === '') return t.auth.password.confirmRequired;
  return confirm === password ? null : t.auth.password.confirmMismatch;
}

export { visibilityToggle } from './visibility-toggle';
