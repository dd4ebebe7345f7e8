// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseInput, CaseRecord } from '../../electron/shared/domain/case';
import { useRouter } from '../../renderer/src/app/router';
import { RegisterCasePage } from '../../renderer/src/features/intake/RegisterCasePage';
import { fakeWorkstation, renderScreen, stubBrowserApis } from './harness';

beforeAll(stubBrowserApis);
afterEach(cleanup);

function RouteProbe() {
  const { route } = useRouter();
  return <span data-testid="route">{route.name === 'case' ? `case:${route.id}` : route.name}</span>;
}

// Role queries walk the whole accessibility tree of a large form in jsdom (hundreds of ms each); these helpers go
// through visible text and labels instead, which keeps the suite fast while still finding things as a user would.
const party = (title: string) => screen.getByText(title, { selector: '[id$="-title"] *' }).closest<HTMLElement>('[role="group"]')!;
const submitButton = () => screen.getByText('登记', { selector: 'button *' }).closest('button')!;

/** The form appears once the draft has been looked up (none here). */
const formReady = () => screen.findByText('申请人 1', { selector: '[id$="-title"] *' });
const NO_DRAFT = { 'drafts:get': () => ({ ok: true as const, value: null }), 'drafts:save': () => ({ ok: true as const, value: { savedAt: '2026-11-25T06:03:00.000Z' } }), 'drafts:discard': () => ({ ok: true as const, value: null }), 'cases:related': () => ({ ok: true as const, value: [] }) };

/** Types a value; `leave` also moves focus away, which validates the field. */
function type(input: HTMLElement, value: string, { leave = false } = {}) {
  fireEvent.change(input, { target: { value } });
  if (leave) fireEvent.blur(input);
}

function choose(label: string, option: string) {
  const input = screen.getByLabelText(new RegExp(`^${label}`), { selector: 'input' });
  fireEvent.click(input);
  const listbox = document.getElementById(input.getAttribute('aria-controls')!)!;
  fireEvent.click(within(listbox).getByText(option));
}

/** Fills every required field with valid values (the applicant's ID is valid: 11010519491231002X). */
function fillValidCase() {
  choose('纠纷类型', '13 道路交通事故纠纷');
  choose('子类型', '人身损害赔偿纠纷');
  type(screen.getByLabelText(/纠纷简要情况/), '双方因交通事故赔偿金额发生争议。');
  const applicant = within(party('申请人 1'));
  type(applicant.getByLabelText(/姓名/), '张秀英');
  type(applicant.getByLabelText(/证件号码/), '11010519491231002X');
  type(applicant.getByLabelText(/联系电话/), '13812345678');
  type(within(party('被申请人 1')).getByLabelText(/姓名/), '李明');
}

describe('登记案件 form', () => {
  it('shows a wrong check digit at the ID field on blur and sends nothing on submit', async () => {
    const api = fakeWorkstation(NO_DRAFT);
    renderScreen(<RegisterCasePage />, { route: { name: 'register' } });
    await formReady();

    const id = within(party('申请人 1')).getByLabelText(/证件号码/);
    type(id, '110105194912310022', { leave: true });
    expect(await within(party('申请人 1')).findByText(/身份证号码校验位错误：最后一位应为“X”/)).toBeTruthy();
    expect(id.getAttribute('aria-invalid')).toBe('true');

    await act(async () => {
      fireEvent.click(submitButton());
    });
    expect(api['cases:create']).not.toHaveBeenCalled();
    // Focus goes to the first field in error, in screen order: 纠纷类型 is above the parties.
    await waitFor(() => expect(document.activeElement?.getAttribute('data-path')).toBe('dispute.disputeType'));
    expect(screen.getByText('请选择纠纷类型')).toBeTruthy();
    expect(within(party('申请人 1')).getByText(/身份证号码校验位错误/)).toBeTruthy();
  });

  it('fills 出生日期 and 性别 from a valid resident ID and shows the age', async () => {
    fakeWorkstation(NO_DRAFT);
    renderScreen(<RegisterCasePage />, { route: { name: 'register' } });
    await formReady();
    const applicant = within(party('申请人 1'));
    type(applicant.getByLabelText(/证件号码/), '11010519491231002X');
    await waitFor(() => expect((applicant.getByLabelText('出生日期') as HTMLInputElement).value).toBe('1949-12-31'));
    expect((applicant.getByLabelText('性别', { selector: 'input' }) as HTMLInputElement).value).toBe('女');
    expect(applicant.getByText(/76周岁/)).toBeTruthy();
  });

  it('sends the case parsed by the shared schema, and shows server-side issues at their fields', async () => {
    let sent: CaseInput | undefined;
    const api = fakeWorkstation({
      ...NO_DRAFT,
      'cases:create': (input) => {
        sent = input;
        return { ok: false, error: { code: 'INVALID_INPUT', message: '输入有误', issues: [{ code: 'PHONE_FORMAT', path: ['parties', 0, 'phone'], message: '该号码已停机（服务端校验）' }] } };
      },
    });
    renderScreen(<RegisterCasePage />, { route: { name: 'register' } });
    await formReady();
    fillValidCase();
    await act(async () => {
      fireEvent.click(submitButton());
    });
    await waitFor(() => expect(api['cases:create']).toHaveBeenCalledTimes(1));
    expect(sent?.dispute).toMatchObject({ disputeType: '13', disputeSubType: '人身损害赔偿纠纷', peopleInvolved: 2, escalation: [] });
    const [applicant, respondent] = sent!.parties;
    // Only the fields of each party's kind are sent (the schema is strict), with the derived birth date and gender.
    expect(applicant).toMatchObject({ role: 'applicant', kind: 'person', name: '张秀英', birthDate: '1949-12-31', gender: 'female' });
    expect(applicant).not.toHaveProperty('usccCode');
    expect(respondent).toMatchObject({ role: 'respondent', name: '李明' });
    expect(await within(party('申请人 1')).findByText('该号码已停机（服务端校验）')).toBeTruthy();
  });

  it('registers a valid case and announces its number', async () => {
    const record = { id: '0b4c1a9e-1111-4222-8333-944455556666', caseNumber: '（2026）青调字第0001号' } as CaseRecord;
    const api = fakeWorkstation({
      ...NO_DRAFT,
      'cases:create': () => ({ ok: true, value: record }),
    });
    renderScreen(
      <>
        <RegisterCasePage />
        <RouteProbe />
      </>,
      { route: { name: 'register' } },
    );
    await formReady();
    fillValidCase();
    await act(async () => {
      fireEvent.click(submitButton());
    });
    await waitFor(() => expect(api['cases:create']).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('已登记 （2026）青调字第0001号')).toBeTruthy();
    // …and opens the new case.
    expect(await screen.findByTestId('route')).toHaveProperty('textContent', `case:${record.id}`);
  });

  it('pressed again after the database went away, sends the same request id, so the case is registered once', async () => {
    const record = { id: '0b4c1a9e-1111-4222-8333-944455556666', caseNumber: '（2026）青调字第0002号' } as CaseRecord;
    const sent: { requestId?: string }[] = [];
    fakeWorkstation({
      ...NO_DRAFT,
      'cases:create': (input) => {
        sent.push(input);
        return sent.length === 1 ? { ok: false, error: { code: 'DATABASE_UNAVAILABLE', message: '数据库连接中断', issues: [] } } : { ok: true, value: record };
      },
    });
    renderScreen(<RegisterCasePage />, { route: { name: 'register' } });
    await formReady();
    fillValidCase();
    await act(async () => {
      fireEvent.click(submitButton());
    });
    await waitFor(() => expect(sent).toHaveLength(1));
    await waitFor(() => expect(submitButton().disabled).toBe(false));
    await act(async () => {
      fireEvent.click(submitButton());
    });
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]!.requestId).toBe(sent[0]!.requestId);
    expect(await screen.findByText('已登记 （2026）青调字第0002号')).toBeTruthy();
  });
});
