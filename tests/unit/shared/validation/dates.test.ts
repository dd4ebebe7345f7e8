import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  ageOn,
  isLeapYear,
  isRealDate,
  parseIsoDate,
  toIsoDate,
} from '../../../../electron/shared/validation/dates';

const dayOfWeek = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

describe('isLeapYear', () => {
  it.each([
    [1900, false],
    [2000, true],
    [2024, true],
    [2023, false],
    [2100, false],
    [2400, true],
    [1996, true],
  ])('%i → %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });
});

describe('isRealDate', () => {
  it.each([
    [2024, 2, 29],
    [2000, 2, 29],
    [2023, 2, 28],
    [2023, 1, 31],
    [2023, 4, 30],
    [2023, 12, 31],
    [1949, 10, 1],
  ])('accepts %i-%i-%i', (y, m, d) => {
    expect(isRealDate(y, m, d)).toBe(true);
  });

  it.each([
    [1900, 2, 29],
    [2023, 2, 29],
    [2024, 2, 30],
    [2024, 4, 31],
    [2024, 6, 31],
    [2024, 9, 31],
    [2024, 11, 31],
    [2024, 1, 32],
    [2024, 13, 1],
    [2024, 0, 1],
    [2024, 1, 0],
    [2024, -1, 1],
    [2024, 1.5, 1],
    [2024, 1, 1.5],
    [Number.NaN, 1, 1],
  ])('rejects %s-%s-%s', (y, m, d) => {
    expect(isRealDate(y, m, d)).toBe(false);
  });
});

describe('parseIsoDate / toIsoDate', () => {
  it('parses a real ISO date', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
  });

  it.each(['2023-02-29', '2024-13-01', '2024-2-3', '20240203', '2024/02/03', '2024-02-03T00:00:00Z', ''])(
    'returns null for %j',
    (s) => {
      expect(parseIsoDate(s)).toBeNull();
    },
  );

  it('pads month, day and year', () => {
    expect(toIsoDate(2024, 3, 5)).toBe('2024-03-05');
    expect(toIsoDate(987, 12, 31)).toBe('0987-12-31');
  });
});

describe('ageOn', () => {
  it('counts full years: the birthday itself completes the year', () => {
    expect(ageOn('1990-05-01', '2026-05-01')).toBe(36);
    expect(ageOn('1990-05-01', '2026-04-30')).toBe(35);
    expect(ageOn('1990-05-01', '2026-05-02')).toBe(36);
  });

  it('is 0 on the day of birth and before the first birthday', () => {
    expect(ageOn('2026-05-01', '2026-05-01')).toBe(0);
    expect(ageOn('2025-05-02', '2026-05-01')).toBe(0);
  });

  it('treats a 29 February birthday as reached on 1 March in non-leap years', () => {
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
    expect(ageOn('2012-02-29', '2024-02-29')).toBe(12);
  });

  it('tells whether a party is under 14 (a minor whose data is sensitive under PIPL art. 28)', () => {
    expect(ageOn('2012-05-02', '2026-05-01')).toBeLessThan(14);
    expect(ageOn('2012-05-01', '2026-05-01')).toBe(14);
  });

  it('returns NaN for an invalid date rather than a wrong age', () => {
    expect(ageOn('1990-02-30', '2026-05-01')).toBeNaN();
    expect(ageOn('1990-01-01', 'today')).toBeNaN();
  });
});

describe('addDays', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2023-04-30', 1, '2023-05-01'],
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-01-01', -1, '2023-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-01-15', 30, '2026-02-14'],
    ['2026-12-15', 30, '2027-01-14'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2023-01-01', 365, '2024-01-01'],
    ['2026-05-01', 0, '2026-05-01'],
  ] as const)('%s + %i days = %s', (start, days, expected) => {
    expect(addDays(start, days)).toBe(expected);
  });

  it('throws on a date that does not exist', () => {
    expect(() => addDays('2023-02-29', 1)).toThrow();
    expect(() => addDays('not a date', 1)).toThrow();
  });
});

describe('addWorkingDays', () => {
  it('checks the calendar used below: 2024-01-05 is a Friday', () => {
    expect(dayOfWeek('2024-01-05')).toBe(5);
  });

  it.each([
    ['Friday + 1 → Monday', '2024-01-05', 1, '2024-01-08'],
    ['Saturday + 1 → Monday', '2024-01-06', 1, '2024-01-08'],
    ['Sunday + 1 → Monday', '2024-01-07', 1, '2024-01-08'],
    ['Monday + 1 → Tuesday', '2024-01-08', 1, '2024-01-09'],
    ['Monday + 4 → Friday', '2024-01-08', 4, '2024-01-12'],
    ['Monday + 5 → next Monday', '2024-01-08', 5, '2024-01-15'],
    ['Thursday + 2 → Monday', '2024-01-11', 2, '2024-01-15'],
    ['Friday + 10 → Friday two weeks later', '2024-01-05', 10, '2024-01-19'],
    ['across the year end (Fri 2024-12-27 + 3)', '2024-12-27', 3, '2025-01-01'],
    ['across a month end in a leap February', '2024-02-28', 2, '2024-03-01'],
    ['zero days', '2024-01-06', 0, '2024-01-06'],
  ] as const)('%s', (_label, start, days, expected) => {
    expect(addWorkingDays(start, days)).toBe(expected);
  });

  it('never lands on a weekend and counts exactly the requested weekdays', () => {
    for (let offset = 0; offset < 14; offset++) {
      const start = addDays('2024-01-01', offset);
      for (let n = 1; n <= 15; n++) {
        const end = addWorkingDays(start, n);
        expect([0, 6]).not.toContain(dayOfWeek(end));
        let weekdays = 0;
        for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (![0, 6].includes(dayOfWeek(d))) weekdays++;
        expect(weekdays).toBe(n);
      }
    }
  });
});
