/**
 * Screens of the gate seen once in a while (the first-run setup, the administrator's password, the forced password
 * change): loaded when shown, so that the start-up code stays small; with them come the schemas (zod) they check.
 */
import { lazyPage } from './lazy-page';

export const SetupPage = lazyPage(() => import('../features/setup/SetupPage').then((m) => m.SetupPage));
export const AdminPasswordPage = lazyPage(() => import('../features/setup/AdminPasswordPage').then((m) => m.AdminPasswordPage));
export const ChangePasswordPage = lazyPage(() => import('../features/auth/ChangePasswordPage').then((m) => m.ChangePasswordPage));
export const ChangePasswordModal = lazyPage(() => import('../features/auth/ChangePasswordModal').then((m) => m.ChangePasswordModal));
export const RecoveryKeySheet = lazyPage(() => import('../features/keys/RecoveryKeySheet').then((m) => m.RecoveryKeySheet));
export const SealingProgress = lazyPage(() => import('../features/keys/SealingProgress').then((m) => m.SealingProgress));
