import type { LiveEvent } from './live-events';

/**
 * Every API method name, in one zod-free list: the sandboxed preload imports only this file to build
 * `window.workstation`, so its bundle stays tiny. `contract.ts` must have exactly these keys (checked by tsc).
 */
export const API_METHODS = [
  'app:info',
  'setup:complete',
  'setup:test-database',
  'setup:use-database',
  'setup:admin-password',
  'setup:restore-generations',
  'setup:restore',
  'setup:restore-status',
  'auth:sign-in',
  'auth:recover',
  'auth:sign-out',
  'auth:current',
  'auth:lock',
  'auth:unlock',
  'auth:reauth',
  'auth:change-password',
  'staff:list',
  'staff:accounts',
  'staff:create',
  'staff:update',
  'staff:set-roles',
  'staff:set-active',
  'staff:reset-password',
  'staff:unlock',
  'settings:get',
  'settings:update',
  'settings:images',
  'settings:set-image',
  'cases:create',
  'cases:get',
  'cases:list',
  'cases:audit',
  'cases:reveal',
  'cases:related',
  'cases:accept',
  'cases:assign',
  'cases:refuse',
  'cases:transfer',
  'cases:update',
  'desk:today',
  'desk:mine',
  'intake:related-party',
  'staff:workload',
  'drafts:get',
  'drafts:save',
  'drafts:discard',
  'documents:preview',
  'documents:issue',
  'documents:read',
  'documents:file',
  'sessions:schedule',
  'sessions:get',
  'sessions:update-plan',
  'sessions:open',
  'sessions:save',
  'sessions:save-changes',
  'sessions:close',
  'sessions:cancel',
  'attachments:add',
  'attachments:file',
  'agreements:create',
  'agreements:get',
  'agreements:save',
  'agreements:submit',
  'agreements:review',
  'agreements:sign',
  'agreements:seal',
  'agreements:register-oral',
  'agreements:issue-signed',
  'agreements:performance',
  'agreements:signature',
  'documents:verify',
  'settings:certificate',
  'settings:import-certificate',
  'clock:confirm',
  'auth:local-key',
  'data:check-start',
  'data:check-status',
  'integrity:checkpoint',
  'integrity:checkpoints',
  'integrity:checkpoint-pdf',
  'integrity:checkpoint-compare',
  'backup:status',
  'backup:update-settings',
  'backup:run-now',
  'backup:generations',
  'backup:restore-case',
  'backup:drill',
] as const;
export type ApiMethod = (typeof API_METHODS)[number];

/** HTTP path prefix in browser mode: POST /api/<method>. */
export const WEB_API_PREFIX = '/api/';
/** Header carrying the one-time launch code to WEB_EXCHANGE_PATH in browser mode. */
export const WEB_TOKEN_HEADER = 'x-workstation-token';
/** Browser mode: where the launch code is exchanged, once, for the browser's cookie. */
export const WEB_EXCHANGE_PATH = '/session/exchange';
/** Browser mode: each tab's own random id, on every API call (the sign-in is per tab). */
export const WEB_TAB_HEADER = 'x-workstation-tab';
/**
 * Browser mode: the tab's live events (server-sent events, GET, `?tab=<tab id>`: EventSource cannot send headers).
 * Checked like the API calls (Host, Origin, the browser's cookie).
 */
export const WEB_LIVE_PATH = '/api/live';
export const WEB_LIVE_TAB_PARAM = 'tab';

/**
 * Main → renderer, beside the API (Electron only): the operating system locked the screen or is going to sleep, so
 * the desk locks too (the renderer saves what was typed first). Not an API method: nothing is answered.
 */
export const HOST_LOCK_REQUEST_CHANNEL = 'host:lock-request';

/**
 * Main → renderer (Electron): every live event (electron/shared/ipc/live-events.ts) on this one channel; the preload
 * validates each before the renderer sees it.
 */
export const LIVE_EVENT_CHANNEL = 'host:live-event';

/**
 * `window.workstationHost`: the host's events. Exposed by the Electron preload; in browser mode web-bridge.ts installs
 * one whose lock request never fires (a browser has no such event) and whose live events come over WEB_LIVE_PATH.
 */
export interface WorkstationHost {
  /** Calls `listener` whenever the host asks the desk to lock; returns a function that stops listening. */
  onLockRequest(listener: () => void): () => void;
  /** Calls `listener` with each live event, already validated; returns a function that stops listening. */
  onLiveEvent(listener: (event: LiveEvent) => void): () => void;
}
