// @vitest-environment jsdom
/**
 * 修改登记信息 while someone else saves the same case: the case query refreshes (a live event), the form keeps what
 * was typed and says the case changed underneath, with 重新载入.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { act } from 'react';
import { beforeAll, expect, it } from 'vitest';
import { createQueryClient } from '../../renderer/src/api/query-client';
import { refreshCases } from '../../renderer/src/api/case-cache';
import { Providers } from '../../renderer/src/app/Providers';
import { RouterProvider } from '../../renderer/src/app/router';
import { SessionProvider } from '../../renderer/src/app/session';
import { CaseCorrectionPage } from '../../renderer/src/features/cases/correct/CaseCorrectionPage';
import { INFO, STAFF, fakeWorkstation, stubBrowserApis, testCaseRecord } from './harness';
import { ok } from './auth-fixtures';

beforeAll(stubBrowserApis);

it('keeps the typed summary and shows a notice when the case is saved elsewhere meanwhile', async () => {
  let record = testCaseRecord();
  fakeWorkstation({ 'cases:get': () => ok({ record, status: 'registered', availableActions: [] }) as never, 'settings:get': () => ok(null) as never });
  const client = createQueryClient();
  render(
    <Providers env="test" queryClient={client}>
      <SessionProvider value={{ info: INFO, staff: STAFF, signOut: () => {}, refreshInfo: () => {} }}>
        <RouterProvider initial={{ name: 'case-edit', id: record.id }}>
          <CaseCorrectionPage id={record.id} />
        </RouterProvider>
      </SessionProvider>
    </Providers>,
  );
  const summary = await screen.findByLabelText(/纠纷简要情况/);
  fireEvent.change(summary, { target: { value: '我正在补充的内容' } });
  expect(screen.queryByText('此案件刚被他人修改')).toBeNull();

  record = testCaseRecord({ revision: 2, dispute: { ...record.dispute, summary: '他人改过的内容。' } });
  await act(() => refreshCases(client, [record.id]));
  await waitFor(() => expect(screen.getByText('此案件刚被他人修改')).toBeTruthy());
  expect((screen.getByLabelText(/纠纷简要情况/) as HTMLTextAreaElement).value).toBe('我正在补充的内容');
  expect(screen.getAllByRole('button', { name: '重新载入' }).length).toBeGreaterThan(0);
});
