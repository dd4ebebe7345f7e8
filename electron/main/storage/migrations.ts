import { CASE_SCHEMA_VERSION } from '../../shared/domain';

/**
 * Ordered case-file migrations: MIGRATIONS[n] turns a version-n document into version n+1. Applied on read,
 * before validation; the migrated form is written back on the case's next save.
 */
export const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  // Version 0 was the pre-release shape without deadlines; kept as the worked example of a migration.
  0: (doc) => ({ ...doc, schemaVersion: 1, deadlines: doc.deadlines ?? { mediationDue: null, transferReplyDue: null } }),
  // Version 2 (intake decisions and issued documents): cases registered before have neither.
  1: (doc) => ({ ...doc, schemaVersion: 2, decision: doc.decision ?? null, documents: doc.documents ?? [] }),
  // Version 3 (sessions): sessions, attachments and the termination; documents name the session they record.
  2: (doc) => ({
    ...doc,
    schemaVersion: 3,
    sessions: doc.sessions ?? [],
    attachments: doc.attachments ?? [],
    termination: doc.termination ?? null,
    agreement: doc.agreement ?? null,
    documents: Array.isArray(doc.documents) ? doc.documents.map((d: Record<string, unknown>) => ({ subjectId: null, ...d })) : doc.documents,
  }),
};

export function migrateCase(raw: unknown, target = CASE_SCHEMA_VERSION): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  let doc = raw as Record<string, unknown>;
  let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 0;
  while (version < target) {
    const step = MIGRATIONS[version];
    if (!step) break;
    doc = step(doc);
    version += 1;
  }
  return doc;
}
