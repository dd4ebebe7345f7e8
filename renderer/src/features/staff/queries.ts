import { call } from '../../api/client';

export const staffQueries = {
  all: () => ['staff'] as const,
  list: () => ({ key: ['staff', 'list'], fn: () => call('staff:list') }),
};

export const settingsQueries = {
  all: () => ['settings'] as const,
  get: () => ({ key: ['settings'], fn: () => call('settings:get') }),
};
