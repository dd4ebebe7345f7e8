import { createHmac } from 'node:crypto';
import type pg from 'pg';
import { subKey } from '../crypto/keyring';
import { openUnits, sealUnit } from '../crypto/sealing';
import { BundleRefusedError, type CaseBundle, checkBundle, exportCase } from '../storage/case-bundle';
import { CaseNotFoundError, type CaseStore } from '../storage/case-store';
import { inTransaction } from '../storage/pg/connection';
import { sha256Hex } from '../storage/sha256';
import { backupKey } from './manifest';
import { CaseReadAhead } from './read-ahead';
import { type BackupSource, type Reuse, type SourceEntry, type SourceFile, SourceBusyError } from './source';

/**
 * A PostgreSQL center's backup (issue 15), read through the store ports while its desks keep working. The generation
 * uses the folder's names where a folder has the same thing, so opening it (the unlock against workstation.json, the
 * manifest's HMAC) is the same code:
 *
 *   workstation.json            the center_state row's doc (only wrapped keys and password hashes: in clear, as the
 *                               folder's file is; its HMAC inside authenticates it)
 *   audit/workstation.jsonl     the center trail, each entry exactly as hashed
 *   center-state.json           the row's revision
 *   <path>                      each center_files row as it is (certificates, checkpoints, drafts: sealed where personal)
 *   pg/store_keys/<name>        the store's own keys as they are (sealed by the store: the related-case lookup key)
 *   cases/<id>.bundle           the case's bundle (case-bundle.ts), sealed with the records key (a bundle holds the
 *                               records in clear), its associated data naming the case
 *
 * Consistency per case: cases are read ahead in batches (exportCases: one snapshot and a statement per table for a
 * hundred cases, where one case alone costs ~8 round trips), each bundle checked. A case a batch leaves out (damaged,
 * gone) is exported alone through the port (record, sessions, agreement, files, trail) and taken only
 * when it holds together (checkBundle: every record is the last its trail proves, every file its SHA-256): a write
 * that landed between two reads makes a record disagree with the newer trail, and the case is read again. The center
 * files are read before the cases (no checkpoint pins a head newer than the chain copied, as in the folder), the
 * center state and its trail last, in one REPEATABLE READ transaction.
 *
 * Incremental runs (source.ts, Reuse): each case's bundle is stamped with its revision, the seq of its trail's last
 * entry and the number of its file rows, all three read in one query before any case is exported. Every change that
 * alters a bundle moves one of them: the record, a session or the agreement is written only with an audit entry in the
 * same transaction (writeCase, writePart), a note is an audit entry, and a file row (putFile adds one without an entry,
 * before the record that names it is saved) can only be added: files and audit_events are append-only (no UPDATE or
 * DELETE granted, and triggers refuse them). A change committed between the stamps query and the export makes the
 * bundle newer than its stamp, so the next run sees a different stamp and exports it again; never the other way.
 * What the stamp cannot see is a row changed behind the store's back (its triggers dropped): the weekly full read
 * (run-backup.ts, FULL_READ_EVERY) exports every case again.
 */
export class PgBackupSource implements BackupSource {
  readonly kind = PG_BACKUP_KIND;
  private readonly recordsKey: Buffer;
  private readonly nonceKey: Buffer;
  /** Each case's stamp, taken by listEntries before any case is read. */
  private stamps = new Map<string, string>();
  /** The cases in the order listed, for reading them ahead in batches (made at the first case read, with its reuse). */
  private caseOrder: string[] = [];
  private ahead: CaseReadAhead | null = null;

  constructor(
    private readonly opts: {
      /** The center's case store (PgCaseStore), open with the records key. */
      cases: CaseStore;
      /** A pool on the center database (the center state's). */
      pool: pg.Pool;
      dataKey: Buffer;
      /** Host and database name, never a password: in the manifest. */
      label: string;
      /** Reads of a case that kept changing before it is given up (SourceBusyError). */
      attempts?: number;
    },
  ) {
    this.recordsKey = subKey(opts.dataKey, 'records');
    this.nonceKey = backupKey(opts.dataKey);
  }

  get label(): string {
    return this.opts.label;
  }

  async listEntries(): Promise<SourceEntry[]> {
    // Before the list: a case registered in between has no stamp and is simply exported.
    const { rows } = await this.opts.pool.query<{ id: string; revision: number; head: number | null; files: number }>(
      `SELECT c.id::text AS id, c.revision,
              (SELECT max(a.seq) FROM audit_events a WHERE a.case_id = c.id) AS head,
              (SELECT count(*) FROM files f WHERE f.case_id = c.id)::int AS files
       FROM cases c`,
    );
    this.stamps = new Map(rows.map((r) => [r.id, `${BUNDLE_FORMAT}:${r.revision}:${r.head ?? -1}:${r.files}`]));
    const { items } = await this.opts.cases.query({});
    this.caseOrder = items.map((i) => i.id);
    this.ahead = null;
    return [
      { id: 'center-files', label: '中心共享文件（证书、完整性凭证、草稿）', phase: 0 },
      { id: 'store-keys', label: '数据库中的存储密钥', phase: 0 },
      ...items.map((i) => ({ id: `case:${i.id}`, label: `案件${i.caseNumber}`, phase: 1 })),
      { id: 'center-state', label: '中心设置、人员与中心审计记录', phase: 2 },
    ];
  }

  async readEntry(entry: SourceEntry, reuse?: Reuse): Promise<SourceFile[] | null> {
    if (entry.id === 'center-files') {
      const { rows } = await this.opts.pool.query<{ path: string; content: Buffer }>('SELECT path, content FROM center_files ORDER BY path');
      return rows.map((r) => ({ path: r.path, data: r.content }));
    }
    if (entry.id === 'store-keys') {
      const { rows } = await this.opts.pool.query<{ name: string; sealed: Buffer }>('SELECT name, sealed FROM store_keys ORDER BY name');
      return rows.map((r) => ({ path: `${STORE_KEYS_DIR}/${r.name}`, data: r.sealed }));
    }
    if (entry.id === 'center-state') return this.centerState();
    const id = entry.id.slice('case:'.length);
    const stamp = this.stamps.get(id);
    if (stamp !== undefined && reuse) {
      const known = reuse.lookup(caseBundlePath(id), stamp);
      if (known) return [{ path: caseBundlePath(id), reused: known, stamp }];
    }
    // Most cases come from a batch read in one snapshot (read-ahead.ts); one the batch left out is read alone below,
    // which retries a case changing under it and reports a damaged one, as before.
    const batched = await this.readAhead(reuse).take(id);
    if (batched) return [{ path: caseBundlePath(id), data: sealBundle(this.recordsKey, this.nonceKey, batched), ...(stamp !== undefined ? { stamp } : {}) }];
    const attempts = this.opts.attempts ?? 5;
    for (let attempt = 0; attempt < attempts; attempt++) {
      let bundle: CaseBundle;
      try {
        bundle = await exportCase(this.opts.cases, id);
        checkBundle(bundle);
      } catch (error) {
        if (error instanceof BundleRefusedError) continue;
        if (error instanceof CaseNotFoundError) return null;
        throw error;
      }
      return [{ path: caseBundlePath(id), data: sealBundle(this.recordsKey, this.nonceKey, bundle), ...(stamp !== undefined ? { stamp } : {}) }];
    }
    throw new SourceBusyError(entry);
  }

  /** The run's read-ahead: every listed case not reused from the previous generation, in list order. */
  private readAhead(reuse: Reuse | undefined): CaseReadAhead {
    this.ahead ??= new CaseReadAhead(
      this.caseOrder,
      (id) => {
        const stamp = this.stamps.get(id);
        return stamp === undefined || !reuse || reuse.lookup(caseBundlePath(id), stamp) === null;
      },
      (ids) => this.opts.cases.exportCases(ids),
    );
    return this.ahead;
  }

  /** The row and the whole trail as of one moment. */
  private async centerState(): Promise<SourceFile[]> {
    return inTransaction(this.opts.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const row = (await client.query<{ revision: number; doc: string }>('SELECT revision, doc::text AS doc FROM center_state')).rows[0];
      if (!row) return [];
      const { rows } = await client.query<{ event: string }>('SELECT event FROM center_audit_events ORDER BY seq');
      return [
        { path: 'workstation.json', data: Buffer.from(row.doc, 'utf8') },
        { path: CENTER_STATE_FILE, data: Buffer.from(JSON.stringify({ revision: row.revision }), 'utf8') },
        { path: CENTER_TRAIL_FILE, data: Buffer.from(rows.map((r) => `${r.event}\n`).join(''), 'utf8') },
      ];
    });
  }
}

export const PG_BACKUP_KIND = 'postgresql';
export const STORE_KEYS_DIR = 'pg/store_keys';
export const CENTER_STATE_FILE = 'center-state.json';
export const CENTER_TRAIL_FILE = 'audit/workstation.jsonl';
const BUNDLE_SUFFIX = '.bundle';
/**
 * In every case's stamp: raised whenever a bundle's content for the same rows changes (exportCase or serialise), so
 * that the next run exports every case again instead of reusing bundles of the old form.
 */
const BUNDLE_FORMAT = 'b1';
export const caseBundlePath = (id: string): string => `cases/${id}${BUNDLE_SUFFIX}`;
export const isCaseBundlePath = (p: string): boolean => /^cases\/[^/]+\.bundle$/.test(p);
const bundleAad = (id: string): string => `mw-backup-v1\0case-bundle/${id}`;

/** A bundle as JSON, its files' bytes in base64. The same bundle always gives the same text (key order as exported). */
function serialise(bundle: CaseBundle): Buffer {
  return Buffer.from(JSON.stringify({ ...bundle, files: bundle.files.map((f) => ({ area: f.area, name: f.name, data: Buffer.from(f.data).toString('base64') })) }), 'utf8');
}

/**
 * Sealed with a nonce derived from the plaintext (HMAC under the backup key): an unchanged case gives the same bytes,
 * hence the same object, and the next run does not copy it again.
 */
export function sealBundle(recordsKey: Buffer, nonceKey: Buffer, bundle: CaseBundle): Buffer {
  const plain = serialise(bundle);
  const aad = bundleAad(bundle.record.id);
  const nonce = createHmac('sha256', nonceKey).update('mw-backup-v1 bundle nonce\0').update(aad).update('\0').update(sha256Hex(plain)).digest().subarray(0, 12);
  return sealUnit(recordsKey, aad, plain, nonce);
}

/** Opens a sealed bundle of a backup; throws when it does not authenticate as this case's under this key. */
export function openBundle(recordsKey: Buffer, caseId: string, sealed: Buffer): CaseBundle {
  const opened = openUnits(recordsKey, bundleAad(caseId), sealed, { appendLog: false });
  if (opened.damage) throw new Error(`the bundle of case ${caseId} does not open: ${opened.damage}`);
  const parsed = JSON.parse(opened.plaintext.toString('utf8')) as Omit<CaseBundle, 'files'> & { files: { area: CaseBundle['files'][number]['area']; name: string; data: string }[] };
  return { ...parsed, files: parsed.files.map((f) => ({ area: f.area, name: f.name, data: new Uint8Array(Buffer.from(f.data, 'base64')) })) };
}

export const caseIdOfBundlePath = (p: string): string => p.slice('cases/'.length, -BUNDLE_SUFFIX.length);

/**
 * Where a connection address points, for the manifest: host, port and database, never the user or the password.
 * (The WHATWG URL parser refuses `postgresql://user@/db?host=/run/postgresql`, which libpq and node-postgres accept.)
 */
export function labelOfConnectionUrl(url: string): string {
  const m = /^postgres(?:ql)?:\/\/(?:[^@/]*@)?([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/.exec(url);
  if (!m) return 'postgresql';
  const params = new URLSearchParams(m[3] ?? '');
  const [host, port] = (m[1] ?? '').split(':');
  return `${host || params.get('host') || 'localhost'}:${port || params.get('port') || 5432}/${decodeURIComponent(m[2] ?? '')}`;
}
