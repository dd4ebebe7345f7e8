import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { CenterImagesSchema, CenterSettingsSchema, LoginNameSchema, StaffSchema, normaliseLoginName } from '../../shared/domain';
import { BackupStateSchema } from '../../shared/domain/backup';
import { PasswordHashSchema } from '../auth/password-hash';
import { KeyringSchema, WrapSchema } from '../crypto/keyring';
import { type DurableFs, realFs } from './durable-fs';
import { DurableJsonFile, type FileProblem } from './durable-json-file';

/** A person's sign-in secret and its state, kept apart from the staff list so that no list ever carries it. */
export const CredentialSchema = z.strictObject({
  password: PasswordHashSchema,
  /** A first or reset password: replaced at the next sign-in before anything else. */
  mustChange: z.boolean(),
  changedAt: z.iso.datetime({ offset: true }),
  /** Consecutive failed sign-ins; 10 lock the account for 15 minutes. */
  failedAttempts: z.int().nonnegative(),
  lockedUntil: z.iso.datetime({ offset: true }).nullable(),
  lastSignInAt: z.iso.datetime({ offset: true }).nullable(),
  /** The center's data key wrapped under the key this password derives (crypto/keyring.ts); null until wrapped. */
  dataKey: WrapSchema.nullable(),
  /**
   * The person's X25519 key pair (crypto/person-box.ts): the public half, and the private half wrapped under the key
   * this password derives. Made at their first sign-in with this password; the seal key is boxed to it.
   */
  box: z.strictObject({ publicKey: z.base64(), secret: WrapSchema }).optional(),
});
export type Credential = z.infer<typeof CredentialSchema>;

const CurrentSchema = z.strictObject({
  schemaVersion: z.literal(4),
  settings: CenterSettingsSchema.nullable(),
  staff: z.array(StaffSchema),
  images: CenterImagesSchema,
  /** Keyed by staff id. */
  credentials: z.record(z.uuid(), CredentialSchema),
  /** The data key's check and recovery wrap; null in a folder from before encryption (sealed at an admin's sign-in). */
  keyring: KeyringSchema.nullable(),
  /** HMAC of what the file decides, under the data key (services/workstation-mac.ts); absent before encryption. */
  mac: z.base64().optional(),
  /** Backups (services/backup-scheduler.ts): the folder, the time, the rule, the last run and drill; absent before them. */
  backup: BackupStateSchema.optional(),
});

/** A login name for a person who had none (version 2): their name when it is one, else 用户1, 用户2 … */
function loginNamesFor(staff: Record<string, unknown>[]): Record<string, unknown>[] {
  const taken = new Set<string>();
  return staff.map((s, i) => {
    if (typeof s.loginName === 'string') return s;
    const byName = typeof s.name === 'string' ? s.name.replace(/\s+/g, '') : '';
    let name = LoginNameSchema.safeParse(byName).success && !taken.has(normaliseLoginName(byName)) ? byName : `用户${i + 1}`;
    while (taken.has(normaliseLoginName(name))) name = `${name}_`;
    taken.add(normaliseLoginName(name));
    return { ...s, loginName: name };
  });
}

/**
 * Version 1 had no seal or logo; version 2 had no accounts: every person gets a login name and no password (the
 * first administrator sets one at the next start, and sets the others'), see `setup:admin-password`; version 3 had
 * no encryption at rest: no keyring, no wrapped keys (the folder is sealed when an administrator signs in).
 */
function migrate(raw: unknown): unknown {
  let doc = raw as Record<string, unknown> | null;
  if (!doc || typeof doc !== 'object') return raw;
  if (doc.schemaVersion === 1) doc = { ...doc, schemaVersion: 2, images: { seal: null, logo: null } };
  if (doc.schemaVersion === 2) {
    const staff = Array.isArray(doc.staff) ? loginNamesFor(doc.staff as Record<string, unknown>[]) : doc.staff;
    doc = { ...doc, schemaVersion: 3, staff, credentials: {} };
  }
  if (doc.schemaVersion === 3) {
    const credentials = Object.fromEntries(Object.entries((doc.credentials ?? {}) as Record<string, object>).map(([id, c]) => [id, { ...c, dataKey: null }]));
    doc = { ...doc, schemaVersion: 4, credentials, keyring: null };
  }
  return doc;
}

export const WorkstationSchema = z.preprocess(migrate, CurrentSchema);
export type WorkstationData = z.infer<typeof CurrentSchema>;

export const EMPTY_WORKSTATION: WorkstationData = { schemaVersion: 4, settings: null, staff: [], images: { seal: null, logo: null }, credentials: {}, keyring: null };

/** Center settings, staff and their credentials: small, read once, written through lowdb with the durable adapter. */
export async function openWorkstationFile(dataDir: string, onProblem: (p: FileProblem) => void, fs: DurableFs = realFs): Promise<Low<WorkstationData>> {
  const adapter = new DurableJsonFile(path.join(dataDir, 'workstation.json'), WorkstationSchema, {
    fs,
    quarantineDir: path.join(dataDir, 'quarantine'),
    onProblem,
    describe: '中心设置与人员名单',
  });
  const db = new Low<WorkstationData>(adapter, structuredClone(EMPTY_WORKSTATION));
  await db.read();
  return db;
}
