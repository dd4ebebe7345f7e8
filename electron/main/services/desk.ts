import type { DeskItem, DeskQueue, DeskReminder, MediatorLoad, RelatedCase, RelatedQuery } from '../../shared/ipc/contract';
import { chinaDateOf, chinaMidnight } from '../../shared/format/dates';
import { signaturesAwaitingScan } from '../../shared/domain/signing';
import { addDays, daysUntil } from '../../shared/validation/dates';
import { CONFIRMATION_NOTICE_DAYS, PERFORMANCE_NOTICE_DAYS, confirmationUrgency, obligationUrgency } from '../../shared/domain/reminders';
import { checkPhone, identityKey } from '../../shared/validation';
import { OPEN_STATUSES } from '../../shared/domain';
import type { Workstation } from './workstation';

/** Index keys for the identifiers typed so far, in the canonical forms getCaseSummary stores. */
export function relatedKeys(query: RelatedQuery): string[] {
  const keys = new Set<string>();
  for (const id of query.idNumbers) if (id.trim()) keys.add(identityKey.id(id));
  for (const code of query.usccCodes) if (code.trim()) keys.add(identityKey.org(code));
  for (const phone of query.phones) if (checkPhone(phone).ok) keys.add(identityKey.tel(phone));
  return [...keys];
}

/** 重复来访 / 关联案件: earlier cases involving the same people or organisations. */
export function findRelated(ws: Workstation, query: RelatedQuery): Promise<RelatedCase[]> {
  const names = [...new Set(query.names.map((n) => n.trim()).filter((n) => n.length >= 2))];
  return ws.cases.related(relatedKeys(query), names, query.excludeId);
}

function minutesBetween(fromIso: string, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - new Date(fromIso).getTime()) / 60_000));
}

/** 今日接待: today's registrations with their waiting times, and accepted cases still without a mediator. */
export async function deskQueue(ws: Workstation): Promise<DeskQueue> {
  const now = ws.clock.now();
  const registeredToday: DeskItem[] = (await ws.cases.query({ filter: { registeredFrom: chinaMidnight(ws.clock.today()) } })).items.map((item) => {
    const waiting = item.decidedAt === null;
    return { item, waiting, waitedMinutes: minutesBetween(item.registeredAt, waiting ? now : new Date(item.decidedAt!)) };
  });
  const awaitingMediator: DeskItem[] = (await ws.cases.query({ filter: { status: ['accepted'] } })).items
    .map((item) => ({ item, waiting: true, waitedMinutes: minutesBetween(item.registeredAt, now) }))
    .sort((a, b) => b.waitedMinutes - a.waitedMinutes);
  const all = [...(await reminders(ws)), ...(await scansAwaited(ws))].sort((a, b) => a.due.localeCompare(b.due));
  return { today: ws.clock.today(), registeredToday, awaitingMediator, reminders: all };
}

/**
 * Paper signatures registered with a reason instead of their scan, until a scan of the approved text is uploaded
 * after them (the shared rule, signaturesAwaitingScan). Few cases ever have one, so reading them here is cheap.
 */
async function scansAwaited(ws: Workstation): Promise<DeskReminder[]> {
  const today = ws.clock.today();
  const list: DeskReminder[] = [];
  for (const item of (await ws.cases.query({ filter: { scanAwaited: true }, order: 'oldest' })).items) {
    const record = await ws.cases.get(item.id);
    if (!record.agreement) continue;
    const agreement = await ws.cases.getAgreement(record.id, record.agreement.id);
    const awaited = signaturesAwaitingScan(agreement, record.documents, record.attachments);
    if (awaited.length === 0) continue;
    const since = chinaDateOf(awaited.map((s) => s.at).sort()[0]!);
    list.push({ item, kind: 'paper-scan', due: since, daysLeft: daysUntil(since, today) });
  }
  return list;
}

async function reminders(ws: Workstation): Promise<DeskReminder[]> {
  const today = ws.clock.today();
  const list: DeskReminder[] = [];
  const dueBy = addDays(today, Math.max(PERFORMANCE_NOTICE_DAYS, CONFIRMATION_NOTICE_DAYS));
  for (const item of (await ws.cases.query({ filter: { dueBy }, order: 'oldest' })).items) {
    // agreementDue is the next open obligation's date: not performed yet by construction.
    const performance = item.agreementDue ? obligationUrgency(false, item.agreementDue, today) : null;
    if (performance?.urgency) list.push({ item, kind: 'performance', due: item.agreementDue!, daysLeft: performance.days! });
    // Past the deadline a court no longer accepts the application: nothing left to remind of.
    const confirmation = item.confirmationDue ? confirmationUrgency(item.confirmationDue, today) : null;
    if (confirmation?.urgency === 'soon') list.push({ item, kind: 'confirmation', due: item.confirmationDue!, daysLeft: confirmation.days });
  }
  return list.sort((a, b) => a.due.localeCompare(b.due));
}

/** Active mediators with their open-case counts, least loaded first (to spread new cases). */
export async function mediatorWorkload(ws: Workstation): Promise<MediatorLoad[]> {
  const counts = await ws.cases.tallyByMediator({ status: OPEN_STATUSES });
  return ws.state.data.staff
    .filter((s) => s.active && s.roles.includes('mediator'))
    .map((s) => ({ id: s.id, name: s.name, openCases: counts.get(s.id) ?? 0 }))
    .sort((a, b) => a.openCases - b.openCases || a.name.localeCompare(b.name, 'zh-CN'));
}
