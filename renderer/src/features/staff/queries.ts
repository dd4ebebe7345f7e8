import { queryOptions } from '@tanstack/react-query';
import { call } from '../../api/client';
import { shownInChinese } from '../../api/query-client';

export const staffQueries = {
  all: () => ['staff'] as const,
  list: () => queryOptions({ queryKey: ['staff', 'list'], queryFn: shownInChinese(() => call('staff:list')) }),
  /** 中心管理员's view: every account with the state of its sign-in. */
  accounts: () => queryOptions({ queryKey: ['staff', 'accounts'], queryFn: shownInChinese(() => call('staff:accounts')) }),
  /** Mediators with their open-case counts: under ['desk'], so that every change to cases refreshes it (an assignment moves the counts). */
  workload: () => queryOptions({ queryKey: ['desk', 'workload'], queryFn: shownInChinese(() => call('staff:workload')) }),
};

export const settingsQueries = {
  all: () => ['settings'] as const,
  get: () => queryOptions({ queryKey: ['settings', 'center'], queryFn: shownInChinese(() => call('settings:get')) }),
  /** The seal and the logo (also shown in the app header). */
  images: () => queryOptions({ queryKey: ['settings', 'images'], queryFn: shownInChinese(() => call('settings:images')) }),
};
