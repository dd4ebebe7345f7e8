import { residentIdCheckChar } from '../../../electron/shared/validation/id-card';
import { usccCheckChar } from '../../../electron/shared/validation/uscc';

/** The center's "today" injected into every rule that depends on the date. */
export const TODAY = '2026-05-01';

/** Builds an 18-digit resident ID with a correct check character. `birth` is YYYYMMDD, `seq` the 3-digit 顺序码. */
export function makeResidentId(region: string, birth: string, seq: string): string {
  const body = `${region}${birth}${seq}`;
  if (!/^\d{17}$/.test(body)) throw new Error(`bad test body: ${body}`);
  return body + residentIdCheckChar(body);
}

/** Builds a USCC with a correct check character from a 17-character body. */
export function makeUscc(body17: string): string {
  if (body17.length !== 17) throw new Error(`bad test body: ${body17}`);
  return body17 + usccCheckChar(body17);
}

/** Returns `id` with its last character replaced by a different, well-formed wrong one. */
export function withWrongLastChar(id: string, alphabet: string): string {
  const last = id.at(-1)!;
  const wrong = [...alphabet].find((c) => c !== last)!;
  return id.slice(0, -1) + wrong;
}
