import { describe, expect, it } from 'vitest';
import {
  CaseNumberPatternSchema,
  CenterSettingsSchema,
  DEFAULT_CASE_NUMBER_PATTERN,
  defaultSettings,
  formatCaseNumber,
} from '../../../../electron/shared/domain/settings';

describe('formatCaseNumber', () => {
  it("formats the default pattern: （2026）X调字第0001号", () => {
    expect(formatCaseNumber('（{year}）{abbr}调字第{seq:4}号', 2026, 'X', 1)).toBe('（2026）X调字第0001号');
    expect(formatCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, 2026, 'X', 1)).toBe('（2026）X调字第0001号');
  });

  it.each([
    [1, '0001'],
    [12, '0012'],
    [999, '0999'],
    [9999, '9999'],
    [12345, '12345'], // never truncated: numbers stay unique after 9999 cases
  ])('pads sequence %i to %s', (seq, text) => {
    expect(formatCaseNumber('{year}-{seq:4}', 2026, '', seq)).toBe(`2026-${text}`);
  });

  it('leaves {seq} without width unpadded', () => {
    expect(formatCaseNumber('（{year}）{abbr}人调字第{seq}号', 2024, 'XX', 12)).toBe('（2024）XX人调字第12号');
  });

  it('replaces every occurrence of a placeholder', () => {
    expect(formatCaseNumber('{abbr}{year}-{seq:3}/{abbr}{year}', 2026, '东', 7)).toBe('东2026-007/东2026');
  });

  it('supports the court-style full-width bracket 〔 〕 form', () => {
    expect(formatCaseNumber('{abbr}调字〔{year}〕{seq}号', 2024, '某某', 5)).toBe('某某调字〔2024〕5号');
  });

  it.each(['$&', "$'", '$1', '$$', '{seq}', '{year}'])('inserts the abbreviation %j literally', (abbr) => {
    expect(formatCaseNumber('（{year}）{abbr}调字第{seq:4}号', 2026, abbr, 1)).toBe(`（2026）${abbr}调字第0001号`);
  });

  it('gives different numbers for different sequences in the same year', () => {
    const numbers = new Set(Array.from({ length: 200 }, (_, i) => formatCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, 2026, 'X', i + 1)));
    expect(numbers.size).toBe(200);
  });
});

describe('CaseNumberPatternSchema', () => {
  it.each([
    DEFAULT_CASE_NUMBER_PATTERN,
    '（{year}）{abbr}人调字第{seq}号',
    '{abbr}调字〔{year}〕{seq:3}号',
    '{year}{seq:6}',
    '{seq:4}/{year}',
  ])('accepts %j', (pattern) => {
    expect(CaseNumberPatternSchema.safeParse(pattern).success).toBe(true);
  });

  it('trims the pattern', () => {
    expect(CaseNumberPatternSchema.parse('  {year}-{seq:4}  ')).toBe('{year}-{seq:4}');
  });

  it.each([
    ['without {year}', '{abbr}调字第{seq:4}号'],
    ['without {seq}', '（{year}）{abbr}调字第号'],
    ['with only the abbreviation', '{abbr}'],
    ['with an unknown placeholder', '（{year}）{abbr}调字第{seq:4}号{month}'],
    ['with an upper-case placeholder', '（{YEAR}）{abbr}调字第{seq:4}号'],
    ['with a two-digit width', '{year}-{seq:10}'],
    ['with an empty width', '{year}-{seq:}-{seq}'],
    ['with a misspelt placeholder', '{year}-{sequence}-{seq}'],
    ['with an unclosed brace', '{year}-{seq}-{abbr'],
    ['empty', ''],
    ['only spaces', '   '],
    ['over 60 characters', `{year}{seq}${'字'.repeat(60)}`],
  ])('rejects a pattern %s', (_label, pattern) => {
    const result = CaseNumberPatternSchema.safeParse(pattern);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]!.message).toMatch(/\p{Script=Han}/u);
  });

  it('tells the user which placeholder is missing', () => {
    const noYear = CaseNumberPatternSchema.safeParse('{seq}');
    const noSeq = CaseNumberPatternSchema.safeParse('{year}');
    expect(!noYear.success && noYear.error.issues.map((i) => i.message).join()).toContain('{year}');
    expect(!noSeq.success && noSeq.error.issues.map((i) => i.message).join()).toContain('{seq}');
  });
});

describe('CenterSettingsSchema', () => {
  it('accepts the default settings', () => {
    const settings = defaultSettings('某县矛盾纠纷调处化解中心', '某县人民调解委员会', '某');
    expect(CenterSettingsSchema.parse(settings)).toEqual(settings);
    expect(settings.rooms.length).toBeGreaterThan(0);
    expect(settings.mediationDays).toBe(30);
  });

  it.each([
    ['an empty center name', { centerName: '' }],
    ['an empty abbreviation', { caseNumberAbbr: ' ' }],
    ['a pattern without {seq}', { caseNumberPattern: '（{year}）{abbr}调字' }],
    ['no rooms', { rooms: [] }],
    ['an empty room name', { rooms: [''] }],
    ['a mediation period of 0 days', { mediationDays: 0 }],
    ['a fractional mediation period', { mediationDays: 1.5 }],
    ['an unknown key', { theme: 'dark' }],
  ])('rejects %s', (_label, patch) => {
    const settings = { ...defaultSettings('中心', '调委会', 'X'), ...patch };
    expect(CenterSettingsSchema.safeParse(settings).success).toBe(false);
  });
});
