import { call } from '../../api/client';

export const staffQueries = {
  all: () => ['staff'] as const,
  list: () => ({ key: ['staff', 'list'], fn: () => call('staff:list') }),
  /** 中心管理员's view: every account with the state of its sign-in. */
  accounts: () => ({ key: ['staff', 'accounts'], fn: () => call('staff:accounts') }),
  /** Mediators with their open-case counts; also refreshed by case mutations (an assignment changes the counts). */
  workload: () => ({ key: ['cases', 'workload'], fn: () => call('staff:workload') }),
};

export const settingsQueries = {
  all: () => ['settings'] as const,
  get: () => ({ key: ['settings', 'center'], fn: () => call('settings:get') }),
  /** The seal and the logo (also shown in the app header). */
  images: () => ({ key: ['settings', 'images'], fn: () => call('settings:images') }),
};
