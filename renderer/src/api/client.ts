import type { ApiMethod, WorkstationHost } from '../../../electron/shared/ipc/channels';
import type { ApiContract, WorkstationApi } from '../../../electron/shared/ipc/contract';
import type { Result } from '../../../electron/shared/ipc/result';
import { type MethodPolicy, POLICY } from '../../../electron/shared/policy/policy';
import { t } from '../i18n';
import { clock } from '../lib/clock';
import { ApiCallError, isApiCallError } from './errors';

declare global {
  interface Window {
    /** Provided by the Electron preload, or by web-bridge.ts in browser mode. */
    workstation: WorkstationApi;
    /** The host's events (Electron preload only; absent in browser mode). */
    workstationHost?: WorkstationHost;
  }
}

type Input<K extends ApiMethod> = ApiContract[K]['input'];
type Output<K extends ApiMethod> = ApiContract[K]['output'];

/** The answers that change who may work at this window, handled once at the root (AppGate), not by each screen. */
export type SignInProblem = 'UNAUTHENTICATED' | 'LOCKED' | 'PASSWORD_CHANGE_REQUIRED';
const SIGN_IN_PROBLEMS = new Set<string>(['UNAUTHENTICATED', 'LOCKED', 'PASSWORD_CHANGE_REQUIRED'] satisfies SignInProblem[]);

/** `sentSeq`: the call's number in sending order (see currentCallSeq), to tell answers to calls sent before an unlock. */
type ProblemListener = (code: SignInProblem, error: ApiCallError, sentSeq: number) => void;
const problemListeners = new Set<ProblemListener>();

/** Called when any call fails with UNAUTHENTICATED, LOCKED or PASSWORD_CHANGE_REQUIRED. */
export function onSignInProblem(listener: ProblemListener): () => void {
  problemListeners.add(listener);
  return () => void problemListeners.delete(listener);
}

/** Called when any call fails with UNAUTHENTICATED (e.g. the host restarted and forgot the sign-in). */
export function onUnauthenticated(listener: (error: ApiCallError) => void): () => void {
  return onSignInProblem((code, error) => {
    if (code === 'UNAUTHENTICATED') listener(error);
  });
}

/**
 * Asks the person for their password again and calls auth:reauth (rendered once at the root: ReauthHost). Resolves
 * true once the host accepted it, false when the person cancelled.
 */
export type ReauthRequester = () => Promise<boolean>;
let reauthRequester: ReauthRequester | null = null;
/** One password dialog at a time: a second call that needs it waits for the first to be answered. */
let reauthQueue: Promise<unknown> = Promise.resolve();

export function setReauthRequester(requester: ReauthRequester): () => void {
  reauthRequester = requester;
  return () => {
    if (reauthRequester === requester) reauthRequester = null;
  };
}

function requestReauth(): Promise<boolean> {
  const requester = reauthRequester;
  if (!requester) return Promise.resolve(false);
  const next = reauthQueue.then(() => requester());
  reauthQueue = next.catch(() => undefined);
  return next.catch(() => false);
}

// ---------------------------------------------------------------------------------------------------------------
// Holding calls while the desk changes hands
// ---------------------------------------------------------------------------------------------------------------

let holds = 0;
let seq = 0;
const inFlight = new Set<Promise<unknown>>();
let lastActivityCallAt = Number.NEGATIVE_INFINITY;

const policyOf = (method: ApiMethod): MethodPolicy => POLICY[method];

/**
 * While held, every call except sign-in housekeeping fails here with LOCKED, without reaching the host and without
 * telling the root: used when another person signs in at a locked desk, so that the leaving person's page (an
 * editor's last save as it unmounts) never writes under the new person's name. Returns the release function.
 */
export function holdCalls(): () => void {
  holds += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds -= 1;
  };
}

/** Resolves once every call sent so far has been answered (whatever the answer). */
export async function callsSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

/** The number of the last call sent. */
export function currentCallSeq(): number {
  return seq;
}

/** When (renderer clock, ms) the last call that counts as the person's activity for the host's idle lock was sent. */
export function lastActivityCallMs(): number {
  return lastActivityCallAt;
}

// ---------------------------------------------------------------------------------------------------------------
// Whether the host answers
// ---------------------------------------------------------------------------------------------------------------

/**
 * 'ok' until a call could not reach the host ('host') or the host its center database ('database'); back to 'ok' at
 * the next call it answers (whatever the answer), or when the host says its database is back.
 */
type HostStatus = 'ok' | 'host' | 'database';
let status: HostStatus = 'ok';
/** The last outage's kind, kept after it ended (the banner's 已重新连接 says what came back). */
let outage: Exclude<HostStatus, 'ok'> = 'host';
const reachabilityListeners = new Set<(reachable: boolean) => void>();

/** Whether the last call reached the host and, on a desk of a center database, the database. */
export function isHostReachable(): boolean {
  return status === 'ok';
}

/** What is away now ('ok': nothing), for a screen that says which. */
export function hostStatus(): HostStatus {
  return status;
}

/** What the last outage was: the host, or the center database (the banner says which). */
export function hostOutage(): 'host' | 'database' {
  return outage;
}

/** The host's live feed says its center database went away or came back (useLiveUpdates). */
export function noteDatabaseConnection(connected: boolean): void {
  setStatus(connected ? 'ok' : 'database');
}

function setStatus(next: HostStatus): void {
  if (next === status) return;
  status = next;
  if (next !== 'ok') outage = next;
  for (const listener of reachabilityListeners) listener(next === 'ok');
}

/** Called when calls stop reaching the host (HOST_UNREACHABLE, DATABASE_UNAVAILABLE), when that changes, and when one reaches it again. */
export function onHostReachability(listener: (reachable: boolean) => void): () => void {
  reachabilityListeners.add(listener);
  return () => void reachabilityListeners.delete(listener);
}

function noteReachability(result: Result<unknown>): void {
  if (result.ok) return setStatus('ok');
  setStatus(result.error.code === 'HOST_UNREACHABLE' ? 'host' : result.error.code === 'DATABASE_UNAVAILABLE' ? 'database' : 'ok');
}

/** Whether an error means the work was not saved because the host or its database could not be reached (kept, retried). */
export function isOutage(error: unknown): boolean {
  return isApiCallError(error) && (error.code === 'HOST_UNREACHABLE' || error.code === 'DATABASE_UNAVAILABLE');
}

async function send<K extends ApiMethod>(method: K, input: Input<K> | undefined): Promise<{ result: Result<Output<K>>; sentSeq: number }> {
  const api = window.workstation;
  if (!api) throw new ApiCallError({ code: 'INTERNAL', message: t.errors.noHost });
  const rule = policyOf(method);
  if (holds > 0 && !rule.housekeeping) return { result: { ok: false, error: { code: 'LOCKED', message: t.auth.lock.title } }, sentSeq: -1 };
  seq += 1;
  const sentSeq = seq;
  if (!rule.background) lastActivityCallAt = clock.nowMs();
  // The mapped WorkstationApi type cannot be indexed by a generic key without widening; the contract guarantees the pairing.
  const fn = api[method] as unknown as (input: Input<K> | undefined) => Promise<Result<Output<K>>>;
  const pending = fn(input);
  inFlight.add(pending);
  try {
    const result = await pending;
    noteReachability(result);
    return { result, sentSeq };
  } finally {
    inFlight.delete(pending);
  }
}

/**
 * The only way the renderer talks to its host: calls `window.workstation[method]`, unwraps the Result and throws
 * an ApiCallError (stable code, Chinese message, field issues) on failure.
 *
 * A call the host answers with REAUTH_REQUIRED asks for the password (ReauthHost) and is sent once more; if the
 * person cancels, the original error is thrown. UNAUTHENTICATED, LOCKED and PASSWORD_CHANGE_REQUIRED are also
 * reported to the root (onSignInProblem), which shows sign-in, the lock screen or the change of password.
 */
export async function call<K extends ApiMethod>(method: K, ...args: Input<K> extends void ? [] : [input: Input<K>]): Promise<Output<K>> {
  let { result, sentSeq } = await send(method, args[0]);
  if (result.ok) return result.value;
  if (result.error.code === 'REAUTH_REQUIRED') {
    const original = new ApiCallError(result.error);
    if (!(await requestReauth())) throw original;
    ({ result, sentSeq } = await send(method, args[0]));
    if (result.ok) return result.value;
  }
  const error = new ApiCallError(result.error);
  if (sentSeq >= 0 && SIGN_IN_PROBLEMS.has(error.code)) for (const listener of problemListeners) listener(error.code as SignInProblem, error, sentSeq);
  throw error;
}
