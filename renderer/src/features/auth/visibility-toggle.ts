import { t } from '../../i18n';

/** Props that make Mantine's show/hide button of a PasswordInput labelled (apart from PasswordRules: no schemas). */
export const visibilityToggle = { visibilityToggleButtonProps: { 'aria-label': t.auth.password.show } } as const;
