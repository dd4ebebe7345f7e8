/**
 * Every API method name, in one zod-free list: the sandboxed preload imports only this file to build
 * `window.workstation`, so its bundle stays tiny. `contract.ts` must have exactly these keys (checked by tsc).
 */
export const API_METHODS = [
  'app:info',
  'setup:complete',
  'auth:candidates',
  'auth:sign-in',
  'auth:sign-out',
  'auth:current',
  'staff:list',
  'staff:create',
  'settings:get',
  'settings:update',
  'settings:images',
  'settings:set-image',
  'cases:create',
  'cases:get',
  'cases:list',
  'cases:audit',
  'cases:related',
  'cases:accept',
  'cases:assign',
  'cases:refuse',
  'cases:transfer',
  'desk:today',
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
  'agreements:performance',
  'agreements:signature',
  'documents:verify',
  'settings:certificate',
  'settings:import-certificate',
] as const;
export type ApiMethod = (typeof API_METHODS)[number];

/** HTTP path prefix in browser mode: POST /api/<method>. */
export const WEB_API_PREFIX = '/api/';
/** Header carrying the per-launch token in browser mode. */
export const WEB_TOKEN_HEADER = 'x-workstation-token';
