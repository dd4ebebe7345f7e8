import { type ReactNode } from 'react';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import type { Staff } from '../../electron/shared/domain/staff';
import { CASE_SCHEMA_VERSION, type CaseRecord } from '../../electron/shared/domain/case';
import { API_METHODS, type ApiMethod } from '../../electron/shared/ipc/channels';
import type { AppInfo, ApiContract, WorkstationApi } from '../../electron/shared/ipc/contract';
import type { Result } from '../../electron/shared/ipc/result';
import { Providers } from '../../renderer/src/app/Providers';
import { RouterProvider, type Route } from '../../renderer/src/app/router';
import { SessionProvider } from '../../renderer/src/app/session';

/** jsdom lacks the layout APIs Mantine touches. */
export function stubBrowserApis(): void {
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', { value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() } });
  }
  window.HTMLElement.prototype.scrollIntoView ??= function scrollIntoView() {};
  window.scrollTo = (() => {}) as typeof window.scrollTo;
}

export const TODAY = '2026-11-25';

export const STAFF: Staff = { id: '6f1c2b9e-3d4a-4b5c-8d7e-9f0a1b2c3d4e', name: '王建国', loginName: 'wangjg', roles: ['admin', 'clerk'], active: true, createdAt: '2026-11-01T01:00:00.000Z' };

export const INFO: AppInfo = { host: 'web', version: '0.1.0', setupRequired: false, centerName: '青山县矛盾纠纷调处化解中心', today: TODAY, storeProblems: [], adminPasswordFor: null, clockWarning: null, dataSealing: null, desk: { store: 'file' } };

type Handlers = { [K in ApiMethod]?: (input: ApiContract[K]['input']) => Result<ApiContract[K]['output']> | Promise<Result<ApiContract[K]['output']>> };

/** A fixed key for the local copies of unsaved words in renderer tests (32 bytes, base64). */
export const TEST_LOCAL_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * Installs a fake `window.workstation`: every method is a vi.fn; unlisted methods answer with an error, so a test
 * notices calls it did not expect.
 */
export function fakeWorkstation(handlers: Handlers): Record<ApiMethod, ReturnType<typeof vi.fn>> {
  const api = Object.fromEntries(
    API_METHODS.map((method) => {
      // The key local copies are sealed with (lib/local-key.ts) is there unless a test says otherwise.
      const handler = (handlers[method] ?? (method === 'auth:local-key' ? () => ({ ok: true, value: { key: TEST_LOCAL_KEY } }) : undefined)) as ((input: unknown) => unknown) | undefined;
      const fn = vi.fn(async (input: unknown) => (handler ? handler(input) : { ok: false, error: { code: 'INTERNAL', message: `unexpected ${method}` } }));
      return [method, fn];
    }),
  ) as Record<ApiMethod, ReturnType<typeof vi.fn>>;
  window.workstation = api as unknown as WorkstationApi;
  return api;
}

/** Renders a signed-in screen: providers (test env), session and router. */
export function renderScreen(ui: ReactNode, { route = { name: 'cases' } as Route, info = INFO } = {}) {
  return render(
    <Providers env="test">
      <SessionProvider value={{ info, staff: STAFF, signOut: () => {}, refreshInfo: () => {} }}>
        <RouterProvider initial={route}>{ui}</RouterProvider>
      </SessionProvider>
    </Providers>,
  );
}

/**
 * A case record for screens that need one: a registered road-traffic case with nothing else, plus what a test
 * says differs. One place to extend when the record gains a field.
 */
export function testCaseRecord(over: Partial<CaseRecord> = {}): CaseRecord {
  const createdAt = over.createdAt ?? '2026-11-25T06:03:00.000Z';
  return {
    schemaVersion: CASE_SCHEMA_VERSION,
    id: '0b4c1a9e-1111-4222-8333-944455556666',
    caseNumber: '（2026）青调字第0001号',
    year: 2026,
    seq: 1,
    revision: 1,
    createdAt,
    updatedAt: createdAt,
    dispute: { disputeType: '13', disputeSubType: '人身损害赔偿纠纷', source: 'application', summary: '交通事故赔偿争议。', occurredOn: '', occurredPlace: '', amount: '', peopleInvolved: 2, riskLevel: 'low', complexity: 'simple', escalation: [], applicationForm: 'written' },
    parties: [],
    agents: [],
    assignment: null,
    deadlines: { mediationDue: null, transferReplyDue: null },
    decision: null,
    sessions: [],
    attachments: [],
    termination: null,
    agreement: null,
    documents: [],
    actions: [{ id: 'd4d4d4d4-4444-4444-8444-444444444444', type: 'REGISTERED', at: createdAt, by: STAFF.id, note: '' }],
    ...over,
  };
}
