import { z } from './zod-setup';

/**
 * One audit entry. Entries of a case form a hash chain: `hash` = SHA-256 over the entry without `hash`,
 * including `prevHash`, so a removed or edited entry breaks every later link.
 */
export const AuditEventSchema = z.strictObject({
  seq: z.int().nonnegative(),
  at: z.iso.datetime({ offset: true }),
  actorId: z.string().min(1),
  actorName: z.string(),
  caseId: z.string().nullable(),
  /** API method or domain action, e.g. 'cases:create'. */
  action: z.string().min(1),
  /** Short description for people; never holds unmasked ID numbers or phones. */
  detail: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
