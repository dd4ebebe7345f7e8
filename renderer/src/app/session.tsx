import type { Staff } from '../../../electron/shared/domain/staff';
import type { AppInfo } from '../../../electron/shared/ipc/contract';
import { createSafeContext } from '../lib/safe-context';

/** What every signed-in screen may rely on: the host's info (center, today) and who is working. */
export interface Session {
  info: AppInfo;
  staff: Staff;
  signOut: () => void;
  /** Re-reads app:info (e.g. after the center settings changed) without leaving the current screen. */
  refreshInfo: () => void;
}

const [SessionProvider, useSession] = createSafeContext<Session>('SessionProvider component was not found in tree');
export { SessionProvider, useSession };
