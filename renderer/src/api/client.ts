import type { ApiMethod } from '../../../electron/shared/ipc/channels';
import type { ApiContract, WorkstationApi } from '../../../electron/shared/ipc/contract';
import { t } from '../i18n';
import { ApiCallError } from './errors';

declare global {
  interface Window {
    /** Provided by the Electron preload, or by web-bridge.ts in browser mode. */
    workstation: WorkstationApi;
  }
}

type Input<K extends ApiMethod> = ApiContract[K]['input'];
type Output<K extends ApiMethod> = ApiContract[K]['output'];

type Listener = (error: ApiCallError) => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called when any call fails with UNAUTHENTICATED (e.g. the host restarted and forgot the sign-in). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/**
 * The only way the renderer talks to its host: calls `window.workstation[method]`, unwraps the Result and throws
 * an ApiCallError (stable code, Chinese message, field issues) on failure.
 */
export async function call<K extends ApiMethod>(method: K, ...args: Input<K> extends void ? [] : [input: Input<K>]): Promise<Output<K>> {
  const api = window.workstation;
  if (!api) throw new ApiCallError({ code: 'INTERNAL', message: t.errors.noHost });
  // The mapped WorkstationApi type cannot be indexed by a generic key without widening; the contract guarantees the pairing.
  const fn = api[method] as unknown as (input: Input<K> | undefined) => ReturnType<WorkstationApi[K]>;
  const result = await fn(args[0]);
  if (result.ok) return result.value as Output<K>;
  const error = new ApiCallError(result.error);
  if (error.code === 'UNAUTHENTICATED') for (const listener of unauthenticatedListeners) listener(error);
  throw error;
}
