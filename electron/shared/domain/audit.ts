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
  /**
   * The record this entry produced (case, session or agreement), by revision and the SHA-256 of its canonical JSON:
   * the trail then proves content, and a record file that does not match its trail (an older generation put back,
   * a file from elsewhere) is seen when it is read. Entries written before this existed have none.
   */
  record: z
    .strictObject({ kind: z.enum(['case', 'session', 'agreement']), id: z.string(), revision: z.int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
    .optional(),
  /**
   * What was decided, typed (not only the sentence in `detail`): mediators, room and deadline on acceptance; ground and
   * referral on refusal; receiving body and reply date on transfer; the agreement's kind and status. The trail, not
   * mutable summary fields, is then the record of decisions.
   */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])).optional(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
