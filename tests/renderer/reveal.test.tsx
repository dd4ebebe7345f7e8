// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../electron/shared/domain/codes';
import type { Agent, Party } from '../../electron/shared/domain/party';
import type { Staff } from '../../electron/shared/domain/staff';
import type { RevealInput } from '../../electron/shared/ipc/contract';
import { Providers } from '../../renderer/src/app/Providers';
import { RouterProvider } from '../../renderer/src/app/router';
import { SessionProvider } from '../../renderer/src/app/session';
import { AgentList } from '../../renderer/src/features/cases/components/AgentList';
import { PartyCard } from '../../renderer/src/features/cases/components/PartyCard';
import { INFO, TODAY, fakeWorkstation, stubBrowserApis } from './harness';

const ok = <T,>(value: T) => ({ ok: true as const, value });

const CASE_ID = '0b4c1a9e-1111-4222-8333-944455556666';
const PERSON: Party = {
  id: 'a1a1a1a1-1111-4111-8111-111111111111', role: 'applicant', kind: 'person', name: '张秀英', phone: '13812345678', address: '幸福小区', requests: '',
  gender: 'female', ethnicity: '汉族', birthDate: '1949-12-31', idType: 'resident_id', idNumber: '11010519491231002X', occupation: '', workUnit: '',
};
const AGENT: Agent = { id: 'c3c3c3c3-3333-4333-8333-333333333333', principalId: PERSON.id, name: '赵志强', idType: 'resident_id', idNumber: '110101199003070011', phone: '13900001111', workUnitOrRelation: '青山律师事务所', authority: 'special' };
const FULL: Record<string, string> = {
  [`${PERSON.id}/idNumber`]: PERSON.idNumber,
  [`${PERSON.id}/phone`]: PERSON.phone,
  [`${AGENT.id}/idNumber`]: AGENT.idNumber,
  [`${AGENT.id}/phone`]: AGENT.phone,
};

function renderCards(roles: StaffRole[] = ['mediator']) {
  const staff: Staff = { id: '6f1c2b9e-3d4a-4b5c-8d7e-9f0a1b2c3d4e', name: '李娜', loginName: 'lina', roles, active: true, createdAt: '2026-11-01T01:00:00.000Z' };
  const api = fakeWorkstation({ 'cases:reveal': (input: RevealInput) => ok({ value: FULL[`${input.personId}/${input.field}`]! }) });
  render(
    <Providers env="test">
      <SessionProvider value={{ info: INFO, staff, signOut: () => {}, refreshInfo: () => {} }}>
        <RouterProvider initial={{ name: 'case', id: CASE_ID }}>
          <PartyCard party={PERSON} today={TODAY} caseId={CASE_ID} />
          <AgentList agents={[AGENT]} parties={[PERSON]} caseId={CASE_ID} />
        </RouterProvider>
      </SessionProvider>
    </Providers>,
  );
  return api;
}

beforeAll(() => {
  stubBrowserApis();
});
afterEach(cleanup);

describe('查看完整号码', () => {
  it('shows the masked ID number; the eye asks the host (audited) for the full one, a second click hides it again', async () => {
    const api = renderCards();
    const card = within(screen.getByRole('group', { name: '申请人 张秀英' }));
    const id = card.getByTestId(`idNumber-${PERSON.id}`);
    expect(id.textContent).not.toContain(PERSON.idNumber);
    expect(id.textContent).toMatch(/\*/);
    await act(async () => {
      fireEvent.click(card.getByRole('button', { name: '查看完整证件号码' }));
    });
    await waitFor(() => expect(id.textContent).toBe(PERSON.idNumber));
    expect(api['cases:reveal']).toHaveBeenCalledWith({ caseId: CASE_ID, personId: PERSON.id, field: 'idNumber' });
    // Only what was asked for: the phone stays masked.
    expect(card.getByTestId(`phone-${PERSON.id}`).textContent).not.toContain(PERSON.phone);

    fireEvent.click(card.getByRole('button', { name: '隐藏证件号码' }));
    expect(id.textContent).not.toContain(PERSON.idNumber);
    expect(api['cases:reveal']).toHaveBeenCalledTimes(1);
  });

  it('an agent\'s phone the same way', async () => {
    const api = renderCards(['clerk']);
    const row = within(screen.getByRole('table'));
    const phone = row.getByTestId(`phone-${AGENT.id}`);
    expect(phone.textContent).not.toContain(AGENT.phone);
    await act(async () => {
      fireEvent.click(row.getByRole('button', { name: '查看完整联系电话' }));
    });
    await waitFor(() => expect(phone.textContent).toBe(AGENT.phone));
    expect(api['cases:reveal']).toHaveBeenCalledWith({ caseId: CASE_ID, personId: AGENT.id, field: 'phone' });
  });

  it('no eye for a post the policy table does not let read the case', () => {
    renderCards(['admin']);
    expect(screen.queryByRole('button', { name: /查看完整/ })).toBeNull();
  });
});
