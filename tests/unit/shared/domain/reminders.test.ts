import { describe, expect, it } from 'vitest';
import { confirmationUrgency, mediationDueUrgency, obligationUrgency } from '../../../../electron/shared/domain/reminders';
import { daysUntil } from '../../../../electron/shared/validation/dates';
import { identityKey, normaliseDocumentNumber, normalisePhone } from '../../../../electron/shared/validation/normalise';

const TODAY = '2026-11-25';

describe('deadlines that need attention (one rule for the desk reminders and the screens)', () => {
  it('counts calendar days across month and year ends, negative when past', () => {
    expect(daysUntil('2026-12-02', TODAY)).toBe(7);
    expect(daysUntil('2027-01-01', '2026-12-31')).toBe(1);
    expect(daysUntil('2026-11-24', TODAY)).toBe(-1);
  });

  it('an obligation: overdue, today, within 7 days; nothing once performed or further off', () => {
    expect(obligationUrgency(false, '2026-11-24', TODAY)).toEqual({ urgency: 'overdue', days: -1 });
    expect(obligationUrgency(false, TODAY, TODAY)).toEqual({ urgency: 'today', days: 0 });
    expect(obligationUrgency(false, '2026-12-02', TODAY)).toEqual({ urgency: 'soon', days: 7 });
    expect(obligationUrgency(false, '2026-12-03', TODAY).urgency).toBeNull();
    expect(obligationUrgency(true, '2026-11-01', TODAY).urgency).toBeNull();
    expect(obligationUrgency(false, '', TODAY)).toEqual({ urgency: null, days: null });
  });

  it('judicial confirmation: warned in its last 10 days, past after the 30th', () => {
    expect(confirmationUrgency('2026-12-05', TODAY)).toEqual({ days: 10, urgency: 'soon' });
    expect(confirmationUrgency('2026-12-06', TODAY).urgency).toBeNull();
    expect(confirmationUrgency('2026-11-24', TODAY).urgency).toBe('past');
  });

  it('the mediation deadline is urgent from 3 days left', () => {
    expect(mediationDueUrgency('2026-11-28', TODAY).urgency).toBe('soon');
    expect(mediationDueUrgency('2026-11-29', TODAY).urgency).toBeNull();
  });
});

describe('identifiers in one stored form', () => {
  it('document numbers lose spaces and are upper case; phones lose spaces and +86', () => {
    expect(normaliseDocumentNumber(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(normalisePhone('+86 138 1234 5678')).toBe('13812345678');
    expect(normalisePhone('not a phone')).toBe('not a phone');
  });

  it('the same person typed two ways gives the same lookup key', () => {
    expect(identityKey.tel('+86-138-1234-5678')).toBe(identityKey.tel('13812345678'));
    expect(identityKey.id('11010519491231002x')).toBe(identityKey.id('110105 19491231 002X'));
  });
});
