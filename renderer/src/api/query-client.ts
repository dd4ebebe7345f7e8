import { QueryClient } from '@tanstack/react-query';
import { t } from '../i18n';
import { isApiCallError } from './errors';

/**
 * Why @tanstack/react-query: the screens now refresh from the host's live events (another window registered a case),
 * which needs a shared cache that can be told "these cases changed" and refetches only what is on screen, with
 * answers to older requests ignored and the previous page kept while the next loads. The home-made hook had no cache
 * to invalidate from outside a component.
 *
 * Defaults keep the behaviour the screens were written for: no retries (a refused or failed call shows its message at
 * once; retrying UNAUTHENTICATED or a validation error only delays it), no refetch on window focus (the live events
 * say when something changed), and data always stale, so a screen opened again shows what it had and reloads.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: 0 },
      mutations: { retry: false },
    },
  });
}

/**
 * Wraps a loader so that what a screen shows as the error is in Chinese: the host's own messages (ApiCallError) are
 * written to be shown; anything else (a bug, a network stack's English text) becomes the table's generic one.
 */
export function shownInChinese<T>(load: () => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      return await load();
    } catch (error) {
      if (isApiCallError(error)) throw error;
      throw new Error(t.errors.generic, { cause: error });
    }
  };
}
