import * as z from 'zod/mini';

/*
 * Main → renderer live events, the same in both hosts (Electron: one IPC channel, LIVE_EVENT_CHANNEL; browser mode:
 * server-sent events at WEB_LIVE_PATH). They carry ids and reasons only, never case content or anyone's personal
 * data: the renderer refetches what it shows through the normal, policy-checked API.
 *
 * zod/mini rather than zod: the sandboxed preload validates every event with this schema, and the mini build keeps
 * its bundle at a few kilobytes (the full zod is ~450 KB minified).
 */

/** Why a connection's sign-in was ended by someone else (services/accounts.ts). */
export const SIGN_OUT_REASONS = ['deactivated', 'roles-changed', 'password-reset'] as const;
export type SignOutReason = (typeof SIGN_OUT_REASONS)[number];

/** More case ids than this in one event are not listed: the event says `truncated` and every case view refreshes. */
export const MAX_LIVE_CASE_IDS = 500;

/** Store ids are UUIDs today; a looser pattern keeps a future store's ids (PostgreSQL) from being dropped here. */
const CaseIdSchema = z.string().check(z.regex(/^[0-9A-Za-z-]{1,64}$/));

export const CasesChangedEventSchema = z.strictObject({
  type: z.literal('cases-changed'),
  /** Every case written since the previous event on this connection (at most one event per ~100 ms). */
  caseIds: z.array(CaseIdSchema).check(z.maxLength(MAX_LIVE_CASE_IDS)),
  /** More cases changed than are listed: refresh every case view. */
  truncated: z.boolean(),
});

export const SignedOutEventSchema = z.strictObject({
  type: z.literal('signed-out'),
  reason: z.enum(SIGN_OUT_REASONS),
});

/** The center database (中心数据库) stopped or started answering this desk: every screen says so (HostStatusBanner). */
export const DatabaseEventSchema = z.strictObject({
  type: z.literal('database'),
  connected: z.boolean(),
});

export const LiveEventSchema = z.discriminatedUnion('type', [CasesChangedEventSchema, SignedOutEventSchema, DatabaseEventSchema]);
export type LiveEvent = z.infer<typeof LiveEventSchema>;
export type CasesChangedEvent = z.infer<typeof CasesChangedEventSchema>;

/** The event, or null for anything that is not one (a listener never sees an unchecked payload). */
export function parseLiveEvent(value: unknown): LiveEvent | null {
  const parsed = LiveEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
