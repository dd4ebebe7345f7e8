import { randomUUID } from 'node:crypto';
import {
  type AcceptInput,
  type CaseActionType,
  type CaseRecord,
  REFUSAL_GROUNDS,
  type RefuseInput,
  type Staff,
  type TransferInput,
  getCaseStatus,
  isActionAllowed,
  CASE_STATUSES,
} from '../../shared/domain';
import { ApiFailure } from '../../shared/ipc/result';
import type { Workstation } from './workstation';

function assertAllowed(record: CaseRecord, action: CaseActionType, what: string): void {
  const status = getCaseStatus(record.actions);
  if (!isActionAllowed(status, action)) throw new ApiFailure('NOT_ALLOWED', `案件当前状态为“${CASE_STATUSES[status]}”，不能${what}`);
}

function assertFuture(date: string, today: string, field: string, label: string): void {
  if (date < today) throw new ApiFailure('INVALID_INPUT', `${label}不能早于今天`, [{ code: 'DATE_IN_PAST', path: [field], message: `${label}不能早于今天` }]);
}

/** Mediators must be active staff with the mediator role; the room must be one of the center's rooms. */
function checkAssignment(ws: Workstation, mediatorIds: string[], room: string): Staff[] {
  const mediators = mediatorIds.map((id) => {
    const staff = ws.state.data.staff.find((s) => s.id === id && s.active);
    if (!staff || !staff.roles.includes('mediator')) {
      throw new ApiFailure('INVALID_INPUT', '所选调解员不存在或不具有调解员岗位', [{ code: 'INVALID_VALUE', path: ['mediatorIds'], message: '所选调解员不存在或不具有调解员岗位' }]);
    }
    return staff;
  });
  if (room && !ws.state.data.settings?.rooms.includes(room)) {
    throw new ApiFailure('INVALID_INPUT', '所选调解室不在中心设置的调解室列表中', [{ code: 'INVALID_VALUE', path: ['room'], message: '所选调解室不在中心设置的调解室列表中' }]);
  }
  return mediators;
}

function action(ws: Workstation, type: CaseActionType, actor: Staff, note: string) {
  return { id: randomUUID(), type, at: ws.clock.now().toISOString(), by: actor.id, note };
}

/** 受理: sets the mediation deadline and, when mediators are named, assigns them (the case is then 调解中). */
export async function acceptCase(ws: Workstation, input: AcceptInput, actor: Staff): Promise<CaseRecord> {
  assertFuture(input.mediationDue, ws.clock.today(), 'mediationDue', '调解期限');
  if (input.mediatorIds.length === 0 && !input.room) {
    throw new ApiFailure('INVALID_INPUT', '请指派调解员或调解室', [{ code: 'REQUIRED', path: ['mediatorIds'], message: '请指派调解员或调解室' }]);
  }
  const mediators = checkAssignment(ws, input.mediatorIds, input.room);
  const names = mediators.map((m) => m.name).join('、');
  return ws.cases.update(
    input.id,
    input.revision,
    (record) => {
      assertAllowed(record, 'ACCEPTED', '受理');
      const actions = [...record.actions, action(ws, 'ACCEPTED', actor, [`调解期限${input.mediationDue}`, input.note].filter(Boolean).join('；'))];
      if (mediators.length > 0) actions.push(action(ws, 'ASSIGNED', actor, `指派调解员${names}${input.room ? `，${input.room}` : ''}`));
      return {
        ...record,
        updatedAt: ws.clock.now().toISOString(),
        assignment: { mediatorIds: input.mediatorIds, room: input.room },
        deadlines: { ...record.deadlines, mediationDue: input.mediationDue },
        actions,
      };
    },
    {
      actorId: actor.id,
      actorName: actor.name,
      action: 'cases:accept',
      detail: `受理，调解期限${input.mediationDue}${names ? `，指派调解员${names}` : ''}${input.room ? `，${input.room}` : ''}`,
      data: { mediatorIds: [...input.mediatorIds], room: input.room ?? null, mediationDue: input.mediationDue },
    },
  );
}

/** 指派: a case accepted without a mediator gets one (or another one) later. */
export async function assignCase(ws: Workstation, input: { id: string; revision: number; mediatorIds: string[]; room: string }, actor: Staff): Promise<CaseRecord> {
  if (input.mediatorIds.length === 0) {
    throw new ApiFailure('INVALID_INPUT', '请至少指派一名调解员', [{ code: 'REQUIRED', path: ['mediatorIds'], message: '请至少指派一名调解员' }]);
  }
  const names = checkAssignment(ws, input.mediatorIds, input.room).map((m) => m.name).join('、');
  return ws.cases.update(
    input.id,
    input.revision,
    (record) => {
      assertAllowed(record, 'ASSIGNED', '指派调解员');
      return {
        ...record,
        updatedAt: ws.clock.now().toISOString(),
        assignment: { mediatorIds: input.mediatorIds, room: input.room },
        actions: [...record.actions, action(ws, 'ASSIGNED', actor, `指派调解员${names}${input.room ? `，${input.room}` : ''}`)],
      };
    },
    { actorId: actor.id, actorName: actor.name, action: 'cases:assign', detail: `指派调解员${names}${input.room ? `，${input.room}` : ''}`, data: { mediatorIds: [...input.mediatorIds], room: input.room ?? null } },
  );
}

/** 不予受理: the legal ground and where the visitor should go are recorded and printed on the notice. */
export async function refuseCase(ws: Workstation, input: RefuseInput, actor: Staff): Promise<CaseRecord> {
  const note = `${REFUSAL_GROUNDS[input.ground]}；告知当事人向${input.referTo}反映${input.note ? `；${input.note}` : ''}`;
  return ws.cases.update(
    input.id,
    input.revision,
    (record) => {
      assertAllowed(record, 'REFUSED', '不予受理');
      return {
        ...record,
        updatedAt: ws.clock.now().toISOString(),
        decision: { kind: 'refused', ground: input.ground, body: input.referTo, note: input.note },
        actions: [...record.actions, action(ws, 'REFUSED', actor, note)],
      };
    },
    { actorId: actor.id, actorName: actor.name, action: 'cases:refuse', detail: `不予受理：${REFUSAL_GROUNDS[input.ground]}`, data: { ground: input.ground, referTo: input.referTo } },
  );
}

/** 转办: handed to a department or court, which must reply by the deadline (the center tracks it: 跟踪督办). */
export async function transferCase(ws: Workstation, input: TransferInput, actor: Staff): Promise<CaseRecord> {
  assertFuture(input.replyDue, ws.clock.today(), 'replyDue', '回复期限');
  return ws.cases.update(
    input.id,
    input.revision,
    (record) => {
      assertAllowed(record, 'TRANSFERRED', '转办');
      return {
        ...record,
        updatedAt: ws.clock.now().toISOString(),
        decision: { kind: 'transferred', ground: null, body: input.receivingBody, note: input.note },
        deadlines: { ...record.deadlines, transferReplyDue: input.replyDue },
        actions: [...record.actions, action(ws, 'TRANSFERRED', actor, `转${input.receivingBody}办理，${input.replyDue}前回复${input.note ? `；${input.note}` : ''}`)],
      };
    },
    { actorId: actor.id, actorName: actor.name, action: 'cases:transfer', detail: `转办至${input.receivingBody}，回复期限${input.replyDue}`, data: { receivingBody: input.receivingBody, replyDue: input.replyDue } },
  );
}
