import { addIssue, requiredText, text, z } from './zod-setup';
import { DEFAULT_ROOMS } from './codes';
import { checkPhone } from '../validation/phone';

/** Placeholders allowed in the case-number pattern. `{seq}` may carry a width: `{seq:4}` → 0001. */
export const CASE_NUMBER_PLACEHOLDERS = ['{year}', '{abbr}', '{seq}'] as const;

export const CaseNumberPatternSchema = requiredText(60, '请填写案件编号格式')
  .refine((p) => p.includes('{year}'), { message: '案件编号格式必须包含{year}（年份）' })
  .refine((p) => /\{seq(:\d)?\}/.test(p), { message: '案件编号格式必须包含{seq}或{seq:4}（序号）' })
  .refine((p) => !/\{(?!year\}|abbr\}|seq(:\d)?\})/.test(p), { message: '案件编号格式只能使用{year}、{abbr}、{seq}' });

/** Center settings used by every screen and form. */
export const CenterSettingsSchema = z.strictObject({
  centerName: requiredText(100, '请填写中心名称'),
  committeeName: requiredText(100, '请填写人民调解委员会名称'),
  /** 简称, e.g. "X" in （2026）X调字第0001号 */
  caseNumberAbbr: requiredText(20, '请填写编号简称'),
  caseNumberPattern: CaseNumberPatternSchema,
  address: text(200),
  /** Printed on notices for the parties to call; empty until the center fills it in. */
  phone: text(40).superRefine((p, ctx) => {
    const checked = p ? checkPhone(p) : null;
    if (checked && !checked.ok) addIssue(ctx, [], checked.code, checked.message);
  }),
  rooms: z.array(requiredText(50, '调解室名称不能为空')).min(1, '至少设置一个调解室').max(50),
  /** Default mediation period in days (若干规定 art. 33: 一般在一个月内调结). */
  mediationDays: z.int().min(1).max(365),
  /** Some provinces (若干规定 art. 35 (4)) require the place of performance in every agreement: checked when set. */
  requirePerformancePlace: z.boolean().default(false),
  /** 基层人民法院 where the committee sits: where judicial confirmation is applied for (art. 33; 法释〔2011〕5号). */
  courtName: text(100).default(''),
  /** Minutes without use after which a desk locks itself (the person unlocks with their password). */
  idleLockMinutes: z.int().min(1, '锁屏时间至少1分钟').max(120, '锁屏时间不能超过120分钟').default(10),
  /**
   * 四眼审核: whoever drafted an agreement (created it, changed its text, submitted it) may not approve it. On unless
   * the center turns it off (a one-person committee); files from before the setting read as on.
   */
  fourEyesReview: z.boolean().default(true),
});
export type CenterSettings = z.infer<typeof CenterSettingsSchema>;

export const DEFAULT_CASE_NUMBER_PATTERN = '（{year}）{abbr}调字第{seq:4}号';

export function defaultSettings(centerName: string, committeeName: string, abbr: string): CenterSettings {
  return {
    centerName,
    committeeName,
    caseNumberAbbr: abbr,
    caseNumberPattern: DEFAULT_CASE_NUMBER_PATTERN,
    address: '',
    phone: '',
    rooms: [...DEFAULT_ROOMS],
    mediationDays: 30,
    requirePerformancePlace: false,
    courtName: '',
    idleLockMinutes: 10,
    fourEyesReview: true,
  };
}

/** Formats a case number: formatCaseNumber('（{year}）{abbr}调字第{seq:4}号', 2026, 'X', 1) → （2026）X调字第0001号 */
export function formatCaseNumber(pattern: string, year: number, abbr: string, seq: number): string {
  // One pass with a replacer function: the abbreviation is inserted literally ("$&" or "{seq}" in it stay as typed).
  return pattern.replace(/\{(year|abbr)\}|\{seq(?::(\d))?\}/g, (_m, name?: string, width?: string) => {
    if (name === 'year') return String(year);
    if (name === 'abbr') return abbr;
    return String(seq).padStart(Number(width ?? 1), '0');
  });
}
