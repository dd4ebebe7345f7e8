import type { CaseListItem, MyDesk, MySession } from '../../shared/ipc/contract';
import { OPEN_STATUSES, type Staff } from '../../shared/domain';
import { chinaDateOf, chinaMidnight } from '../../shared/format/dates';
import { addDays, parseIsoDate } from '../../shared/validation/dates';
import type { Workstation } from './workstation';

/** Monday and Sunday of the week (China time) that holds an ISO date. */
export function weekOf(today: string): { start: string; end: string } {
  const { y, m, d } = parseIsoDate(today)!;
  // getUTCDay: 0 is Sunday; the Chinese working week starts on Monday.
  const fromMonday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  const start = addDays(today, -fromMonday);
  return { start, end: addDays(start, 6) };
}

const byTime = (a: MySession, b: MySession) => a.session.scheduledAt.localeCompare(b.session.scheduledAt);

/**
 * 我的工作台: what the signed-in person has to do. A mediator's open cases and the sessions they hold (of the session
 * or the case) today and in the rest of this week, China time; for a legal advisor (or 中心负责人) the agreements
 * waiting for drafting (draft, returned or none yet), review and signing.
 */
export async function myDesk(ws: Workstation, actor: Staff): Promise<MyDesk> {
  const today = ws.clock.today();
  const week = weekOf(today);
  const mine = (item: CaseListItem) => item.mediatorIds.includes(actor.id);
  const cases = (await ws.cases.query({ filter: { mediatorId: actor.id, status: OPEN_STATUSES } })).items;
  const sessionsToday: MySession[] = [];
  const sessionsThisWeek: MySession[] = [];
  const sessionBetween = { from: chinaMidnight(week.start), to: chinaMidnight(addDays(week.end, 1)) };
  for (const item of (await ws.cases.query({ filter: { sessionBetween } })).items) {
    for (const session of item.sessions) {
      if (!session.mediatorIds.includes(actor.id) && !mine(item)) continue;
      const day = chinaDateOf(session.scheduledAt);
      if (day === today) sessionsToday.push({ item, session });
      else if (day >= week.start && day <= week.end) sessionsThisWeek.push({ item, session });
    }
  }
  const advises = actor.roles.includes('legal_advisor') || actor.roles.includes('head');
  const agreed = advises ? (await ws.cases.query({ filter: { status: ['agreed'] } })).items : [];
  return {
    today,
    week,
    cases,
    sessionsToday: sessionsToday.sort(byTime),
    sessionsThisWeek: sessionsThisWeek.sort(byTime),
    agreements: {
      drafting: agreed.filter((i) => i.agreementStatus === null || i.agreementStatus === 'draft' || i.agreementStatus === 'returned'),
      review: agreed.filter((i) => i.agreementStatus === 'in_review'),
      signing: agreed.filter((i) => i.agreementStatus === 'approved'),
    },
  };
}
