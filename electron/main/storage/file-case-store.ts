import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  type AuditEvent,
  type CaseRecord,
  CaseRecordSchema,
  type CaseStatus,
  type CaseSummary,
  OPEN_STATUSES,
  type SessionRecord,
  SessionRecordSchema,
  type AgreementRecord,
  AgreementRecordSchema,
  disputeTypeLabel,
  getCaseSummary,
} from '../../shared/domain';
import type { RelatedCase } from '../../shared/ipc/contract';
import type { CaseFilter, CaseQuery, CaseQueryResult } from './case-query';
import { searchIdentityKeys } from '../../shared/validation/normalise';
import { type AuditEntryInput, AuditLog, chainEvents, checkAgainstTrail } from './audit-log';
import { contentSha } from './sha256';
import { hashIdentityKey } from './identity-hash';
import { BundleRefusedError, type CaseBundle, checkBundle, exportOneByOne, importOneByOne, issuedOf, presentOrRefused } from './case-bundle';
import { CaseIndex } from './case-index';
import { type StoredUnit, applyUnitFiles, dropUnit, parseUnit, unitPath, writeUnit } from './unit-file';
import { ChangeFeed } from './change-feed';
import {
  CASE_FILE_NAME,
  type CaseAudit,
  type ChainHead,
  type CaseFileArea,
  CaseNotFoundError,
  type CaseStore,
  LinkedFileError,
  type NewCaseNumber,
  RecentRegistrations,
  RevisionConflictError,
  type StoreChange,
  type CaseUnit,
  type SavedParts,
  type UnitResult,
  SessionNotFoundError,
  AgreementNotFoundError,
} from './case-store';
import { type DurableFs, type StagedWrite, ensureDirDurable, realFs, removeStaleTemps, syncDir, writeFileDurable } from './durable-fs';
import { CorruptFileError, DurableJsonFile, type FileProblem } from './durable-json-file';
import { INDEX_TAMPERED, IndexFile } from './index-file';
import { isTampered } from './sealed-fs';
import { KeyedMutex } from './keyed-mutex';
import { migrateCase } from './migrations';
import { SequenceFile } from './sequence-file';
import { DocumentRegistry, type RegisteredFile } from './document-registry';

/** The subfolders of a case folder that hold files written through a temp (durable-fs stageFileDurable). */
const CASE_SUBFOLDERS = ['documents', 'attachments', 'sessions', 'agreements', 'signatures'];

/** Delay before building the related-case postings after start-up: long enough for the first screen. */
const WARM_UP_DELAY_MS = 500;

const StoredCaseSchema = z.preprocess((raw) => migrateCase(raw), CaseRecordSchema);
/**
 * Records kept beside case.json, each in a file of its own (saved often, never contending with the case's revision).
 * Both have had one version so far; a migration goes in front of the schema, like migrateCase, when a shape changes.
 */
const PARTS = {
  session: { dir: 'sessions', schema: SessionRecordSchema, label: '调解记录', notFound: (c: string, id: string) => new SessionNotFoundError(c, id) },
  agreement: { dir: 'agreements', schema: AgreementRecordSchema, label: '调解协议', notFound: (c: string, id: string) => new AgreementNotFoundError(c, id) },
} as const;
type PartKind = keyof typeof PARTS;
type PartRecord<K extends PartKind> = K extends 'session' ? SessionRecord : AgreementRecord;
const partSchema = <K extends PartKind>(kind: K) => PARTS[kind].schema as unknown as z.ZodType<PartRecord<K>>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface FileCaseStoreOptions {
  dataDir: string;
  fs?: DurableFs;
  /** The injected clock: audit entries take their time from it. */
  now?: () => Date;
}

/**
 * Case store on the local disk: one folder per case (case.json + its previous generation, audit.jsonl,
 * documents/, attachments/), an index journal for the list, a durable per-year case-number sequence.
 */
export class FileCaseStore implements CaseStore {
  private readonly fs: DurableFs;
  private readonly casesDir: string;
  private readonly quarantineDir: string;
  private readonly index = new CaseIndex();
  private readonly indexFile: IndexFile;
  private readonly sequence: SequenceFile;
  private readonly locks = new KeyedMutex();
  /** Registrations, one at a time (see create). */
  private readonly registering = new KeyedMutex();
  private readonly recent = new RecentRegistrations();
  private readonly audits = new Map<string, AuditLog>();
  /** The head of every case chain appended to since the store opened (see appendedHeads). */
  private readonly heads = new Map<string, ChainHead>();
  private readonly found: FileProblem[] = [];
  /** Journal appends, case writes and journal rotation run one at a time (see persist). */
  private readonly indexLock = new KeyedMutex();
  private compacting: Promise<void> | null = null;
  private readonly registry: DocumentRegistry;
  private readonly feed = new ChangeFeed();
  private readonly unitsDir: string;
  /** Cases whose last unit of work did not finish (see settle). */
  private readonly pendingUnits = new Set<string>();

  private constructor(
    private readonly dataDir: string,
    fs: DurableFs,
    private readonly now: () => Date,
  ) {
    this.fs = fs;
    this.casesDir = path.join(dataDir, 'cases');
    this.quarantineDir = path.join(dataDir, 'quarantine');
    this.unitsDir = path.join(dataDir, 'units');
    this.indexFile = new IndexFile(path.join(dataDir, 'index'), fs);
    this.sequence = new SequenceFile(path.join(dataDir, 'sequence.json'), this.fileOptions());
    this.registry = new DocumentRegistry(dataDir, () => this.issuedFilesOfAllCases(), fs, () =>
      this.report({ file: path.join(dataDir, 'document-hashes.jsonl'), message: '文书登记簿未通过完整性校验（可能在本软件之外被改动），已按各案件记录重建', quarantinedTo: null, restoredFromPrevious: false, tampered: true }),
    );
  }

  /** Rebuilds the document registry from the case records (once, for data issued before it existed). */
  private async issuedFilesOfAllCases(): Promise<RegisteredFile[]> {
    const entries: RegisteredFile[] = [];
    for (const summary of this.index.all()) {
      const record = await this.get(summary.id).catch(() => null);
      for (const doc of record?.documents ?? []) for (const f of doc.files) entries.push({ sha256: f.sha256, caseId: doc.caseId, documentId: doc.id });
    }
    return entries;
  }

  registerIssuedFiles(entries: readonly RegisteredFile[]): Promise<void> {
    return this.indexLock.run('registry', () => this.registry.register(entries));
  }

  findIssuedFile(sha256: string): Promise<RegisteredFile | null> {
    return this.indexLock.run('registry', () => this.registry.find(sha256));
  }

  static async open(opts: FileCaseStoreOptions): Promise<FileCaseStore> {
    const store = new FileCaseStore(opts.dataDir, opts.fs ?? realFs, opts.now ?? (() => new Date()));
    // Taken away before anything is written: from now until the next clean close, a crash may leave temps.
    const closedCleanly = await store.takeCleanMark();
    await store.load();
    // The first screen needs only the list; the related-case postings (~250 ms at 100k cases) are built right
    // after, so that the clerk's first lookup while typing is already fast.
    setTimeout(() => store.index.warmUp(), WARM_UP_DELAY_MS).unref();
    if (!closedCleanly) store.housekeeping = store.sweepStaleTemps();
    return store;
  }

  /** Written by close() once everything is durable: its presence at open means no write was cut short since. */
  private get cleanMark(): string {
    return path.join(this.dataDir, 'index', 'closed-cleanly');
  }

  /**
   * Whether the store was closed cleanly last time (the mark is removed, durably, either way). Every write removes its
   * own temp file when it fails; only a crash leaves one, so after a clean close the sweep of every case folder (~100k
   * listings, seconds of a core at 100k cases, while the desk is being used) has nothing to find.
   */
  private async takeCleanMark(): Promise<boolean> {
    try {
      await this.fs.unlink(this.cleanMark);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    await syncDir(path.dirname(this.cleanMark), this.fs);
    return true;
  }

  private housekeeping: Promise<unknown> = Promise.resolve();

  /** Resolves when start-up housekeeping (the stale-temp sweep) is done. */
  async idle(): Promise<void> {
    await this.housekeeping;
  }

  /**
   * A crash mid-write can leave a temp file in any case folder (case.json, documents/, attachments/). They are never
   * the only copy of acknowledged data, so they are swept in the background after start-up, a slice of folders at a
   * time, rather than making the first screen wait for 300k directory listings at 100k cases.
   */
  private async sweepStaleTemps(): Promise<number> {
    let removed = 0;
    const ids = [...this.index.ids()];
    for (let i = 0; i < ids.length; i++) {
      const dir = path.join(this.casesDir, ids[i]!);
      // The case folder's own listing says which subfolders exist: most cases have no sessions/, agreements/ or
      // signatures/, and a listing that fails (ENOENT) costs an exception each, which made the sweep of 100k
      // cases hold a core for half a minute while the desk was being used.
      const names = await this.fs.readdir(dir).catch(() => [] as string[]);
      removed += await removeStaleTemps(dir, this.fs, names);
      for (const sub of CASE_SUBFOLDERS) if (names.includes(sub)) removed += await removeStaleTemps(path.join(dir, sub), this.fs);
      if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
    }
    return removed;
  }

  /**
   * A record read from its file must be what the case's audit trail says it produced (audit-log.ts, matchesTrail):
   * an authentic but older generation put back, or a record the trail never saw, is reported on the case (and the
   * case page shows it in red) rather than passed off as current.
   */
  private async checkTrail(caseId: string, kind: 'case' | 'session' | 'agreement', record: { id: string; revision: number }, what: string): Promise<void> {
    const trail = await this.auditLog(caseId).trailOf(kind, record.id);
    const verdict = checkAgainstTrail(trail, record.revision, contentSha(record));
    if (verdict === 'match') return;
    const file = kind === 'case' ? path.join(this.casesDir, caseId, 'case.json') : path.join(this.casesDir, caseId, PARTS[kind].dir, `${record.id}.json`);
    if (verdict === 'none') {
      // A record older than the trail's proofs has none; but a case is written after its registration's entry, so a
      // case whose trail is empty has lost it (the audit log emptied outside the app).
      if (kind === 'case' && (await this.auditLog(caseId).currentHead()).seq < 0) {
        this.report({ file, message: `${what}的办理记录（审计日志）为空：每件案件至少有登记记录，可能在本软件之外被删除`, quarantinedTo: null, restoredFromPrevious: false, tampered: true });
      }
      return;
    }
    // The damaged file was set aside and its previous generation taken: that is already said, with why.
    if (verdict === 'previous' && this.found.some((p) => p.file === file && p.restoredFromPrevious)) return;
    const message =
      verdict === 'previous'
        ? `${what}的最近一次保存（第${trail!.last.revision}版）未能确认写入，现显示第${record.revision}版：可能是保存时断电或程序中断，也可能是文件被换回了上一版本`
        : `${what}的数据文件与审计记录不符（文件为第${record.revision}版，审计记录最后为第${trail!.last.revision}版），可能被换成旧版本或在本软件之外改动`;
    this.report({ file, message, quarantinedTo: null, restoredFromPrevious: false, tampered: verdict === 'mismatch' });
  }

  /** A damaged file without a previous generation stays in place and is reported again on every read: list it once. */
  private report(p: FileProblem): void {
    if (!this.found.some((f) => f.file === p.file && f.message === p.message)) this.found.push(p);
  }

  private fileOptions(describe?: string) {
    return { fs: this.fs, quarantineDir: this.quarantineDir, onProblem: (p: FileProblem) => this.report(p), ...(describe ? { describe } : {}) };
  }

  private caseFile(id: string, describe?: string): DurableJsonFile<CaseRecord> {
    return new DurableJsonFile(path.join(this.casesDir, id, 'case.json'), StoredCaseSchema, this.fileOptions(describe));
  }

  /** A record file of a case beside case.json: a session (sessions/<id>.json) or the agreement (agreements/<id>.json). */
  private partFile<K extends PartKind>(kind: K, caseId: string, partId: string, describe?: string): DurableJsonFile<PartRecord<K>> {
    // Ids reach here from validated input; the check keeps a bad one from ever becoming a path.
    if (!UUID.test(partId)) throw PARTS[kind].notFound(caseId, partId);
    return new DurableJsonFile(path.join(this.casesDir, caseId, PARTS[kind].dir, `${partId}.json`), partSchema(kind), this.fileOptions(describe));
  }

  private auditLog(id: string): AuditLog {
    let log = this.audits.get(id);
    if (!log) this.audits.set(id, (log = new AuditLog(path.join(this.casesDir, id, 'audit.jsonl'), this.fs, (e) => this.heads.set(id, { seq: e.seq, hash: e.hash }))));
    return log;
  }

  appendedHeads(): ReadonlyMap<string, ChainHead> {
    return this.heads;
  }

  /**
   * The list's read model, with the related-case lookup keys (ID numbers, credit codes, phones) replaced by keyed
   * hashes: the index snapshot and journal then hold no full ID number or phone (PIPL), and a lookup hashes what the
   * clerk typed the same way. The key is this installation's own (index/identity.key).
   */
  private summarise(record: CaseRecord) {
    const summary = getCaseSummary(record, disputeTypeLabel);
    return { ...summary, identityKeys: summary.identityKeys.map((k) => this.hashKey(k)) };
  }

  private identityKey: Buffer | null = null;

  private hashKey(key: string): string {
    return hashIdentityKey(this.identityKey!, key);
  }

  /** Loads the lookup key, or creates it; a new key means the index must be rebuilt (its keys were made with another). */
  private async loadIdentityKey(): Promise<boolean> {
    const file = path.join(this.dataDir, 'index', 'identity.key');
    try {
      const key = await this.fs.readFile(file);
      if (key.length === 32) {
        this.identityKey = key;
        return false;
      }
    } catch (error) {
      // An altered key only serves the index: a new one and a rebuilt index put things right.
      if (isTampered(error)) this.report({ file, message: '案件索引的查询密钥未通过完整性校验，已重新生成并重建索引', quarantinedTo: null, restoredFromPrevious: false, tampered: true });
      else if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.identityKey = randomBytes(32);
    await writeFileDurable(file, this.identityKey, {}, this.fs);
    return true;
  }

  private async load(): Promise<void> {
    await Promise.all([ensureDirDurable(this.casesDir, this.fs), ensureDirDurable(path.join(this.dataDir, 'index'), this.fs)]);
    // The case folders are listed (100k names) while the snapshot is read and decoded.
    const listing = this.fs.readdir(this.casesDir);
    listing.catch(() => undefined); // awaited below; not unhandled if something before it throws
    await removeStaleTemps(path.join(this.dataDir, 'index'), this.fs);
    await removeStaleTemps(this.dataDir, this.fs);
    const newKey = await this.loadIdentityKey();
    await removeStaleTemps(this.unitsDir, this.fs).catch(() => undefined);
    const rolledForward = await this.rollForwardUnits();
    const loaded = await this.indexFile.load();
    if (loaded.rebuildReason === INDEX_TAMPERED) {
      this.report({ file: this.indexFile.snapshotFile, message: '案件索引未通过完整性校验（可能在本软件之外被改动），已按各案件文件重建', quarantinedTo: null, restoredFromPrevious: false, tampered: true });
    }
    const rebuildReason = loaded.rebuildReason ?? (newKey ? 'new identity key' : null);
    const dirs = await listing;
    let changed = rebuildReason !== null;
    const toCheck = new Set<string>();
    if (rebuildReason || !loaded.snapshot) {
      // Every case folder read, then put in order at once (one by one, each would be placed by a scan).
      const summaries = new Map<string, CaseSummary>();
      for (const id of dirs) {
        await removeStaleTemps(path.join(this.casesDir, id), this.fs);
        const summary = await this.readSummary(id);
        if (summary) summaries.set(id, summary);
      }
      this.index.load(summaries);
    } else {
      // The snapshot's rows stay columns until asked for (CaseIndex.loadSnapshot); the journal's summaries replace them.
      this.index.loadSnapshot(loaded.snapshot);
      this.index.upsertMany([...loaded.journal.values()]);
      // Cases written since the snapshot may have been cut off mid-write: trust their files, not the journal.
      for (const id of [...loaded.journalIds, ...rolledForward.ids]) toCheck.add(id);
      let listed = 0;
      for (const dir of dirs) {
        if (this.index.has(dir)) listed += 1;
        else toCheck.add(dir);
      }
      // Every indexed case still has its folder unless fewer of them were listed (the usual case needs no second pass).
      if (listed < this.index.size) {
        const present = new Set(dirs);
        for (const id of [...this.index.ids()]) {
          if (!present.has(id)) {
            this.index.remove(id);
            changed = true;
          }
        }
      }
    }
    // Put in the list together (upsertMany): a folder holding many cases its snapshot does not know (cases copied in
    // by a migration, a snapshot lost) placed them one by one, each moving every later position, for minutes.
    const found: CaseSummary[] = [];
    for (const id of toCheck) {
      await removeStaleTemps(path.join(this.casesDir, id), this.fs);
      const before = this.index.get(id);
      const summary = await this.readSummary(id, before?.caseNumber);
      if (summary) found.push(summary);
      // A damaged file the index knew stays listed (opening it says it is damaged); an unknown one cannot be listed.
      else if (summary === null) this.index.remove(id);
      if (!summary || !before || before.revision !== summary.revision) changed = true;
    }
    this.index.upsertMany(found);
    if (changed || loaded.journalIds.size > 0 || loaded.tornTail) await this.indexFile.compact(this.index.all());
    await this.sequence.open(this.index.maxSeqByYear());
    if (rolledForward.issued.length > 0) await this.registry.register(rolledForward.issued);
    // The sequence's previous generation is read only if the current one fails: authenticate it now, not that day.
    const previousSequence = path.join(this.dataDir, 'sequence.json.1');
    await this.fs.readFile(previousSequence).catch((error: unknown) => {
      if (isTampered(error)) this.report({ file: previousSequence, message: '案件编号序列的上一版本文件未通过完整性校验（已损坏或在本软件之外被改动），当前版本不受影响，但已不能用于恢复', quarantinedTo: null, restoredFromPrevious: false, tampered: true });
    });
  }

  /**
   * Reads a case for the index. A damaged file without a usable previous generation is reported (by its case number
   * when the index knew it) and answers `undefined`: the caller keeps the case's last known row; null means no case.
   */
  private async readSummary(id: string, caseNumber?: string) {
    try {
      const record = await this.caseFile(id, caseNumber ? `案件${caseNumber}` : `案件（文件夹${id}）`).read();
      return record ? this.summarise(record) : null;
    } catch (error) {
      if (error instanceof CorruptFileError) return caseNumber ? undefined : null;
      throw error;
    }
  }

  /**
   * Registrations run one at a time, each taking the next number only once the one before is stored or taken back:
   * a registration that fails (disk full on its first write) leaves no case folder and burns no number, so numbers
   * stay unique and gapless. The number is recorded in sequence.json after the case is stored; a crash in between is
   * covered by the index, whose entry for the case is durable first (SequenceFile).
   */
  async create(clockYear: number, build: (n: NewCaseNumber) => CaseRecord, audit: CaseAudit, requestId?: string): Promise<CaseRecord> {
    return this.registering.run('register', async () => {
      const prior = this.recent.caseOf(requestId);
      if (prior) return this.get(prior);
      // Numbers never go back a year: after a （2027） number, a clock stepped back over New Year still gives （2027）.
      const year = Math.max(clockYear, this.sequence.latestYear());
      const seq = this.sequence.peek(year);
      const id = randomUUID();
      const record = CaseRecordSchema.parse({ ...build({ id, year, seq }), id, year, seq, revision: 1 });
      await this.locks.run(id, async () => {
        const dir = path.join(this.casesDir, id);
        try {
          await this.fs.mkdir(path.join(dir, 'documents'), { recursive: true });
          await this.fs.mkdir(path.join(dir, 'attachments'), { recursive: true });
          await Promise.all([syncDir(dir, this.fs), syncDir(this.casesDir, this.fs)]);
          await this.persist(record, audit);
        } catch (error) {
          // A folder that cannot be taken back may hold the case after all (renamed into place, then a failed
          // fsync): its number is then spent, never given again.
          if (!(await this.discardNewCase(id))) await this.sequence.commit(year, seq).catch(() => undefined);
          throw error;
        }
      });
      await this.sequence.commit(year, seq).catch((error: unknown) => console.error('the case-number sequence could not be saved; the index keeps the number', error));
      this.recent.remember(requestId, id);
      this.feed.emit({ caseId: id, kind: 'case', origin: 'local' });
      return record;
    });
  }

  /**
   * Takes back the folder of a case whose registration failed: what the registration wrote in it (its audit entry, a
   * temp file, case.json when the failure came after its rename), its two subfolders and itself. Its journal entry, if
   * written, is dropped at the next start (there is no case file). True when the folder is gone.
   */
  private async discardNewCase(id: string): Promise<boolean> {
    this.audits.delete(id);
    this.heads.delete(id);
    const dir = path.join(this.casesDir, id);
    const empty = async (folder: string) => {
      for (const name of await this.fs.readdir(folder)) if (name !== 'documents' && name !== 'attachments') await this.fs.unlink(path.join(folder, name));
    };
    try {
      for (const sub of ['documents', 'attachments']) {
        const folder = path.join(dir, sub);
        try {
          await empty(folder);
          await this.fs.rmdir(folder);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
      try {
        await empty(dir);
        await this.fs.rmdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      await syncDir(this.casesDir, this.fs);
      return true;
    } catch (error) {
      console.error(`the folder of a case whose registration failed could not be removed: ${dir}`, error);
      return false;
    }
  }

  checkPreviousGenerations(id: string, record: Pick<CaseRecord, 'sessions' | 'agreement'>): Promise<void> {
    return this.locks.run(id, async () => {
      const summary = this.index.get(id);
      if (!summary) throw new CaseNotFoundError(id);
      const dir = path.join(this.casesDir, id);
      // The record names its sessions and agreement: no folder listings (two per case add ten seconds at 100k).
      const files = [path.join(dir, 'case.json.1'), ...record.sessions.map((s) => path.join(dir, 'sessions', `${s.id}.json.1`))];
      if (record.agreement) files.push(path.join(dir, 'agreements', `${record.agreement.id}.json.1`));
      for (const file of files) {
        try {
          await this.fs.readFile(file);
        } catch (error) {
          if (!isTampered(error)) continue; // missing: nothing to fall back on, which the current file's check covers
          this.report({ file: file.slice(0, -2), message: `案件${summary.caseNumber}的${path.basename(file).startsWith('case.json') ? '' : '调解记录或协议的'}上一版本文件未通过完整性校验（已损坏或在本软件之外被改动），当前版本不受影响，但已不能用于恢复`, quarantinedTo: null, restoredFromPrevious: false, tampered: true });
        }
      }
    });
  }

  get(id: string): Promise<CaseRecord> {
    return this.locks.run(id, () => this.read(id));
  }

  /** Reads a case; the caller holds the case's lock, so the index and the file can only disagree after a restore. */
  private async read(id: string): Promise<CaseRecord> {
    await this.settle(id);
    const summary = this.index.get(id);
    if (!summary) throw new CaseNotFoundError(id);
    const record = await this.caseFile(id, `案件${summary.caseNumber}`).read();
    if (!record) throw new CaseNotFoundError(id);
    await this.checkTrail(id, 'case', record, `案件${summary.caseNumber}`);
    if (record.revision !== summary.revision) {
      // The file was restored from its previous generation: the list must show what the case now says.
      const restored = this.summarise(record);
      await this.indexLock.run('index', async () => {
        await this.indexFile.append(restored);
        this.index.upsert(restored);
      });
    }
    return record;
  }

  update(id: string, expectedRevision: number | null, change: (current: CaseRecord) => CaseRecord, audit: CaseAudit): Promise<CaseRecord> {
    return this.locks.run(id, async () => {
      const current = await this.read(id);
      if (expectedRevision !== null && current.revision !== expectedRevision) throw new RevisionConflictError(id, expectedRevision, current.revision);
      const next = CaseRecordSchema.parse({ ...change(current), id, revision: current.revision + 1 });
      await this.persist(next, audit);
      this.feed.emit({ caseId: id, kind: 'case', origin: 'local' });
      return next;
    });
  }

  /**
   * The audit entry and the index journal entry are durable before the case file changes (ARCHITECTURE.md, "A
   * write, step by step"). The three fsyncs (audit, journal, the new case file under its temp name) run at once,
   * and only when all three succeeded is the new case file renamed into place: one fsync less on the critical path
   * than doing them in turn, with the same guarantee (see scripts/bench/bench.ts).
   * Runs under the index lock so that a compaction never truncates a journal entry whose summary is not yet in
   * the snapshot; compaction is queued behind the write, not awaited by its caller.
   */
  private persist(record: CaseRecord, audit: CaseAudit): Promise<void> {
    // Derive the summary first: it throws on an impossible history, and nothing may be written for a rejected change.
    const summary = this.summarise(record);
    return this.indexLock.run('index', async () => {
      const [staged, ...logged] = await Promise.allSettled([
        this.caseFile(record.id).stage(record),
        this.auditLog(record.id).append({ ...audit, caseId: record.id, record: { kind: 'case', id: record.id, revision: record.revision, sha256: contentSha(record) } }, this.now().toISOString()),
        this.indexFile.append(summary),
      ]);
      const failed = [staged, ...logged].find((r) => r.status === 'rejected');
      if (failed) {
        if (staged.status === 'fulfilled') await staged.value.abort();
        throw failed.reason;
      }
      await (staged as PromiseFulfilledResult<StagedWrite>).value.commit();
      this.index.upsert(summary);
      if (this.indexFile.needsCompaction) void this.compactSoon();
    });
  }

  /**
   * Folds the journal into a new snapshot without holding writes back: the journal is rotated and the index copied
   * under the lock (cheap), the snapshot is written outside it while saves go on appending to the new journal.
   */
  private compactSoon(): Promise<void> {
    this.compacting ??= (async () => {
      const summaries = await this.indexLock.run('index', async () => {
        if (!this.indexFile.needsCompaction) return null;
        await this.indexFile.rotate();
        return [...this.index.all()];
      });
      if (summaries) await this.indexFile.writeSnapshot(summaries);
    })()
      .catch((error: unknown) => console.error('index compaction failed; the journal keeps every change', error))
      .finally(() => (this.compacting = null));
    return this.compacting;
  }


  getSession(caseId: string, sessionId: string): Promise<SessionRecord> {
    return this.locks.run(caseId, () => this.readPart('session', caseId, sessionId));
  }

  saveSession(caseId: string, expectedRevision: number | null, session: SessionRecord, audit: CaseAudit): Promise<SessionRecord> {
    return this.savePart('session', caseId, expectedRevision, session, audit);
  }

  getAgreement(caseId: string, agreementId: string): Promise<AgreementRecord> {
    return this.locks.run(caseId, () => this.readPart('agreement', caseId, agreementId));
  }

  saveAgreement(caseId: string, expectedRevision: number | null, agreement: AgreementRecord, audit: CaseAudit): Promise<AgreementRecord> {
    return this.savePart('agreement', caseId, expectedRevision, agreement, audit);
  }

  private async readPart<K extends PartKind>(kind: K, caseId: string, partId: string): Promise<PartRecord<K>> {
    await this.settle(caseId);
    const summary = this.index.get(caseId);
    if (!summary) throw new CaseNotFoundError(caseId);
    const part = await this.partFile(kind, caseId, partId, `案件${summary.caseNumber}的${PARTS[kind].label}`).read();
    if (part) await this.checkTrail(caseId, kind, part, `案件${summary.caseNumber}的${PARTS[kind].label}`);
    if (!part || part.caseId !== caseId || part.id !== partId) throw PARTS[kind].notFound(caseId, partId);
    return part;
  }

  /**
   * Under the case's lock (the audit log is one chain per case, shared with case updates), but not the index lock:
   * a part's save touches neither the case file nor the list. Audit entry first, then the file (temp, fsync,
   * rename, fsync of the folder), keeping the previous generation as `.1`.
   */
  private savePart<K extends PartKind>(kind: K, caseId: string, expectedRevision: number | null, part: PartRecord<K>, audit: CaseAudit): Promise<PartRecord<K>> {
    return this.locks.run(caseId, async () => {
      if (!this.index.get(caseId)) throw new CaseNotFoundError(caseId);
      const file = this.partFile(kind, caseId, part.id);
      let revision = 0;
      if (expectedRevision === null) {
        if (await this.fs.stat(file.file).then(() => true, () => false)) throw new RevisionConflictError(part.id, 0, -1);
        await ensureDirDurable(path.dirname(file.file), this.fs);
      } else {
        const current = await this.readPart(kind, caseId, part.id);
        if (current.revision !== expectedRevision) throw new RevisionConflictError(part.id, expectedRevision, current.revision);
        revision = current.revision + 1;
      }
      const next = partSchema(kind).parse({ ...part, caseId, revision });
      const proof = { kind, id: next.id, revision: next.revision, sha256: contentSha(next) } as const;
      const [staged, logged] = await Promise.allSettled([file.stage(next), this.auditLog(caseId).append({ ...audit, caseId, record: proof }, this.now().toISOString())]);
      if (staged.status === 'rejected' || logged.status === 'rejected') {
        if (staged.status === 'fulfilled') await staged.value.abort();
        throw staged.status === 'rejected' ? staged.reason : (logged as PromiseRejectedResult).reason;
      }
      await staged.value.commit();
      this.feed.emit({ caseId, kind, origin: 'local' });
      return next;
    });
  }

  note(id: string, audit: CaseAudit): Promise<void> {
    return this.locks.run(id, async () => {
      if (!this.index.get(id)) throw new CaseNotFoundError(id);
      await this.auditLog(id).append({ ...audit, caseId: id }, this.now().toISOString());
      this.feed.emit({ caseId: id, kind: 'note', origin: 'local' });
    });
  }

  async summary(id: string): Promise<Pick<CaseSummary, 'id' | 'status' | 'mediatorIds'> | null> {
    const summary = this.index.get(id);
    return summary ? { id: summary.id, status: summary.status, mediatorIds: summary.mediatorIds } : null;
  }

  /** A search text that looks like an ID number, a phone or a credit code is hashed like the stored keys and matched exactly. */
  async query(q: CaseQuery): Promise<CaseQueryResult> {
    const text = q.filter?.text?.trim();
    return this.index.query(q, text ? searchIdentityKeys(text).map((k) => this.hashKey(k)) : []);
  }

  async tallyByMediator(filter: CaseFilter): Promise<Map<string, number>> {
    return this.index.tallyByMediator(filter);
  }

  async related(keys: string[], names: string[], excludeId?: string): Promise<RelatedCase[]> {
    return this.index.related(keys.map((k) => this.hashKey(k)), names, excludeId);
  }

  async audit(id: string): Promise<AuditEvent[]> {
    const summary = this.index.get(id);
    if (!summary) throw new CaseNotFoundError(id);
    const log = this.auditLog(id);
    const events = await log.readAll();
    if (log.damage) {
      this.report({ file: log.file, message: `案件${summary.caseNumber}的办理记录（审计日志）未通过完整性校验，仅显示校验通过的部分`, quarantinedTo: null, restoredFromPrevious: false, tampered: true });
    }
    return events;
  }

  async putFile(caseId: string, area: CaseFileArea, name: string, data: Uint8Array): Promise<void> {
    const file = this.casePath(caseId, area, name);
    const exists = await this.fs.stat(file).then(
      () => true,
      () => false,
    );
    if (exists) throw new Error(`refusing to overwrite ${area}/${name} of case ${caseId}`);
    await this.fs.mkdir(path.dirname(file), { recursive: true });
    await this.assertInsideCase(caseId, path.dirname(file));
    await writeFileDurable(file, data, {}, this.fs);
    this.feed.emit({ caseId, kind: 'file', origin: 'local' });
  }

  /** A folder replaced by a link (to elsewhere on the disk) must not lead a write or a read out of the case folder. */
  private async assertInsideCase(caseId: string, dir: string): Promise<void> {
    if (!this.fs.realpath) return;
    const [caseReal, dirReal] = await Promise.all([this.fs.realpath(path.join(this.casesDir, caseId)), this.fs.realpath(dir)]);
    if (dirReal !== caseReal && !dirReal.startsWith(caseReal + path.sep)) throw new LinkedFileError(caseId, dir);
  }

  /** The file itself is read without following a link (durable-fs READ_FLAGS), its folder checked like a write's. */
  async getFile(caseId: string, area: CaseFileArea, name: string): Promise<Buffer> {
    const file = this.casePath(caseId, area, name);
    try {
      await this.assertInsideCase(caseId, path.dirname(file));
      return await this.fs.readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new LinkedFileError(caseId, file);
      throw error;
    }
  }

  private casePath(caseId: string, area: CaseFileArea, name: string): string {
    if (!this.index.get(caseId)) throw new CaseNotFoundError(caseId);
    if (!CASE_FILE_NAME.test(name)) throw new Error(`not an app-generated file name: ${JSON.stringify(name)}`);
    return path.join(this.casesDir, caseId, area, name);
  }

  /**
   * Prepares the whole unit under the case's lock (every revision checked, every record validated, the audit entries
   * chained), writes it to `units/` and only then makes its writes; an interruption is rolled forward at the next
   * read of the case or the next start (unit-file.ts).
   */
  async commit(caseId: string, unit: CaseUnit): Promise<UnitResult> {
    // A registry that must first be rebuilt reads every case under its lock: never from inside this case's lock.
    if ((unit.issued ?? []).length > 0) await this.findIssuedFile('');
    return this.locks.run(caseId, async () => {
      const current = await this.read(caseId);
      const saved: SavedParts = { sessions: [], agreement: null };
      const entries: AuditEntryInput[] = [];
      const records: StoredUnit['records'] = [];
      for (const part of unit.parts ?? []) {
        const kind = part.kind;
        const file = this.partFile(kind, caseId, part.record.id);
        let revision = 0;
        if (part.expectedRevision === null) {
          if (await this.fs.stat(file.file).then(() => true, () => false)) throw new RevisionConflictError(part.record.id, 0, -1);
        } else {
          const before = await this.readPart(kind, caseId, part.record.id);
          if (before.revision !== part.expectedRevision) throw new RevisionConflictError(part.record.id, part.expectedRevision, before.revision);
          revision = before.revision + 1;
        }
        const next = partSchema(kind).parse({ ...part.record, caseId, revision });
        if (kind === 'session') saved.sessions.push(next as SessionRecord);
        else saved.agreement = next as AgreementRecord;
        records.push({ rel: `${PARTS[kind].dir}/${next.id}.json`, text: JSON.stringify(next) });
        entries.push({ ...part.audit, caseId, record: { kind, id: next.id, revision, sha256: contentSha(next) } });
      }
      const files: StoredUnit['files'] = [];
      for (const f of unit.files ?? []) {
        const file = this.casePath(caseId, f.area, f.name);
        if (await this.fs.stat(file).then(() => true, () => false)) throw new Error(`refusing to overwrite ${f.area}/${f.name} of case ${caseId}`);
        files.push({ rel: `${f.area}/${f.name}`, data: Buffer.from(f.data).toString('base64') });
      }
      let record = current;
      let summary: CaseSummary | null = null;
      if (unit.case) {
        if (unit.case.expectedRevision !== null && current.revision !== unit.case.expectedRevision) throw new RevisionConflictError(caseId, unit.case.expectedRevision, current.revision);
        record = CaseRecordSchema.parse({ ...unit.case.change(current, saved), id: caseId, revision: current.revision + 1 });
        summary = this.summarise(record);
        records.push({ rel: 'case.json', text: JSON.stringify(record) });
        entries.push({ ...unit.case.audit, caseId, record: { kind: 'case', id: caseId, revision: record.revision, sha256: contentSha(record) } });
      }
      const events = chainEvents(await this.auditLog(caseId).currentHead(), entries, this.now().toISOString());
      const issued = (unit.issued ?? []).map((i) => ({ ...i, caseId }));
      const stored: StoredUnit = { version: 1, caseId, events, records, files, issued, summary };
      await writeUnit(this.unitsDir, stored, this.fs);
      this.pendingUnits.add(caseId);
      await this.applyUnit(stored);
      for (const s of saved.sessions) this.feed.emit({ caseId, kind: 'session', origin: 'local' });
      if (saved.agreement) this.feed.emit({ caseId, kind: 'agreement', origin: 'local' });
      if (files.length > 0) this.feed.emit({ caseId, kind: 'file', origin: 'local' });
      if (summary) this.feed.emit({ caseId, kind: 'case', origin: 'local' });
      return { record, ...saved };
    });
  }

  /** Makes a unit's writes (again, after an interruption: each step is idempotent) and then drops its file. */
  private async applyUnit(unit: StoredUnit): Promise<void> {
    await this.auditLog(unit.caseId).appendPrepared(unit.events);
    await applyUnitFiles(path.join(this.casesDir, unit.caseId), unit, this.fs);
    if (unit.issued.length > 0) await this.registerIssuedFiles(unit.issued);
    if (unit.summary) {
      const summary = unit.summary;
      await this.indexLock.run('index', async () => {
        await this.indexFile.append(summary);
        this.index.upsert(summary);
      });
      if (this.indexFile.needsCompaction) void this.compactSoon();
    }
    await dropUnit(this.unitsDir, unit.caseId, this.fs);
    this.pendingUnits.delete(unit.caseId);
  }

  /** A unit of this case interrupted (a failed write, a crash before the start that found it): finished first. */
  private async settle(caseId: string): Promise<void> {
    if (!this.pendingUnits.has(caseId)) return;
    const unit = parseUnit(await this.fs.readFile(unitPath(this.unitsDir, caseId)));
    if (!unit || unit.caseId !== caseId) throw new Error(`the unit of work of case ${caseId} cannot be read`);
    await this.applyUnit(unit);
  }

  /**
   * At start-up, before the index is built: units interrupted by a crash are finished (their summaries then come from
   * the case files, which the caller re-reads). Returns the ids of their cases and the fingerprints to register once
   * the index is loaded (a registry rebuilt now would see no case).
   */
  private async rollForwardUnits(): Promise<{ ids: string[]; issued: RegisteredFile[] }> {
    const names = await this.fs.readdir(this.unitsDir).catch(() => [] as string[]);
    const ids: string[] = [];
    const issued: RegisteredFile[] = [];
    for (const name of names) {
      if (!/^[0-9a-f-]{36}\.json$/.test(name)) continue;
      const file = path.join(this.unitsDir, name);
      const bytes = await this.fs.readFile(file).catch((error: unknown) => {
        if (isTampered(error)) return null;
        throw error;
      });
      const unit = bytes ? parseUnit(bytes) : null;
      if (!unit || `${unit.caseId}.json` !== name) {
        this.report({ file, message: '一项未完成的保存记录无法读取（已损坏或在本软件之外被改动），相关案件可能缺少最后一次保存的内容', quarantinedTo: null, restoredFromPrevious: false, tampered: bytes === null });
        continue;
      }
      await this.auditLog(unit.caseId).appendPrepared(unit.events);
      await applyUnitFiles(path.join(this.casesDir, unit.caseId), unit, this.fs);
      issued.push(...unit.issued);
      await dropUnit(this.unitsDir, unit.caseId, this.fs);
      ids.push(unit.caseId);
    }
    return { ids, issued };
  }

  importCases(bundles: readonly CaseBundle[]): Promise<('imported' | 'present')[]> {
    return importOneByOne(this, bundles);
  }

  readonly exportsInBulk = false;

  exportCases(ids: readonly string[]): Promise<Map<string, CaseBundle>> {
    return exportOneByOne(this, ids);
  }

  /** Like a registration (one at a time, under the case's lock), written as a unit of work: all of it or nothing. */
  async importCase(bundle: CaseBundle): Promise<'imported' | 'present'> {
    checkBundle(bundle);
    const { record } = bundle;
    return this.registering.run('register', () =>
      this.locks.run(record.id, async () => {
        if (this.index.get(record.id)) return presentOrRefused(bundle, await this.auditLog(record.id).currentHead());
        if (this.index.hasNumber(record.year, record.seq)) throw new BundleRefusedError(record.id, `案号${record.caseNumber}已被另一案件使用`);
        const dir = path.join(this.casesDir, record.id);
        await ensureDirDurable(dir, this.fs);
        const stored: StoredUnit = {
          version: 1,
          caseId: record.id,
          events: bundle.events,
          records: [
            { rel: 'case.json', text: JSON.stringify(record) },
            ...bundle.sessions.map((s) => ({ rel: `sessions/${s.id}.json`, text: JSON.stringify(s) })),
            ...(bundle.agreement ? [{ rel: `agreements/${bundle.agreement.id}.json`, text: JSON.stringify(bundle.agreement) }] : []),
          ],
          files: bundle.files.map((f) => ({ rel: `${f.area}/${f.name}`, data: Buffer.from(f.data).toString('base64') })),
          issued: issuedOf(record),
          summary: this.summarise(record),
        };
        await writeUnit(this.unitsDir, stored, this.fs);
        this.pendingUnits.add(record.id);
        await this.applyUnit(stored);
        await this.sequence.commit(record.year, record.seq).catch((error: unknown) => console.error('the case-number sequence could not be saved; the index keeps the number', error));
        this.feed.emit({ caseId: record.id, kind: 'case', origin: 'local' });
        return 'imported' as const;
      }),
    );
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    return this.feed.subscribe(listener);
  }

  problems(): FileProblem[] {
    return [...this.found];
  }

  async close(): Promise<void> {
    await this.housekeeping;
    await this.compacting;
    await this.indexLock.run('index', () => this.indexFile.compact(this.index.all()));
    await writeFileDurable(this.cleanMark, this.now().toISOString(), {}, this.fs);
  }
}
