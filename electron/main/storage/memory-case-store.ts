import { randomBytes, randomUUID } from 'node:crypto';
import { type AgreementRecord, AgreementRecordSchema, type AuditEvent, type CaseRecord, CaseRecordSchema, type CaseSummary, type SessionRecord, SessionRecordSchema, disputeTypeLabel, getCaseSummary } from '../../shared/domain';
import type { RelatedCase } from '../../shared/ipc/contract';
import { searchIdentityKeys } from '../../shared/validation/normalise';
import { type AuditEntryInput, GENESIS_HASH, hashEvent } from './audit-log';
import { BundleRefusedError, type CaseBundle, checkBundle, exportOneByOne, importOneByOne, issuedOf, presentOrRefused } from './case-bundle';
import { CaseIndex } from './case-index';
import { ChangeFeed } from './change-feed';
import type { CaseFilter, CaseQuery, CaseQueryResult } from './case-query';
import {
  AgreementNotFoundError,
  CASE_FILE_NAME,
  type CaseAudit,
  type CaseFileArea,
  CaseNotFoundError,
  type CaseStore,
  type ChainHead,
  type NewCaseNumber,
  RecentRegistrations,
  RevisionConflictError,
  type SavedParts,
  SessionNotFoundError,
  type StoreChange,
  type CaseUnit,
  type UnitResult,
} from './case-store';
import type { FileProblem } from './durable-json-file';
import { hashIdentityKey } from './identity-hash';
import { KeyedMutex } from './keyed-mutex';
import { contentSha } from './sha256';

/** What a memory store holds; a "restart" opens a new store over the same state. */
export interface MemoryCaseState {
  cases: Map<string, CaseRecord>;
  sessions: Map<string, SessionRecord>;
  agreements: Map<string, AgreementRecord>;
  audits: Map<string, AuditEvent[]>;
  files: Map<string, Uint8Array>;
  issued: Map<string, { sha256: string; caseId: string; documentId: string }>;
  sequence: Map<number, number>;
  lookupKey: Buffer;
}

export function emptyMemoryState(): MemoryCaseState {
  return { cases: new Map(), sessions: new Map(), agreements: new Map(), audits: new Map(), files: new Map(), issued: new Map(), sequence: new Map(), lookupKey: randomBytes(32) };
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * The case store in memory: the port's behaviour without a disk or a server, for fast tests of the services above
 * it. It follows the same contract suite as the file and PostgreSQL stores (tests/main/storage/contract), so a test
 * passing on it says something about the real ones. Nothing survives the process.
 */
export class MemoryCaseStore implements CaseStore {
  private readonly index = new CaseIndex();
  private readonly locks = new KeyedMutex();
  private readonly heads = new Map<string, ChainHead>();
  private registering: Promise<unknown> = Promise.resolve();
  private readonly recent = new RecentRegistrations();
  private readonly feed = new ChangeFeed();

  constructor(
    private readonly state: MemoryCaseState = emptyMemoryState(),
    private readonly now: () => Date = () => new Date(),
  ) {
    this.index.load([...state.cases.values()].map((r) => this.summarise(r)));
  }

  private summarise(record: CaseRecord): CaseSummary {
    const summary = getCaseSummary(record, disputeTypeLabel);
    return { ...summary, identityKeys: summary.identityKeys.map((k) => hashIdentityKey(this.state.lookupKey, k)) };
  }

  private appendAudit(caseId: string, entry: AuditEntryInput): void {
    const chain = this.state.audits.get(caseId) ?? [];
    const prev = chain.at(-1);
    const base = { seq: prev ? prev.seq + 1 : 0, at: this.now().toISOString(), ...entry, prevHash: prev?.hash ?? GENESIS_HASH };
    const event: AuditEvent = { ...base, hash: hashEvent(base) };
    this.state.audits.set(caseId, [...chain, event]);
    this.heads.set(caseId, { seq: event.seq, hash: event.hash });
  }

  create(year: number, build: (n: NewCaseNumber) => CaseRecord, audit: CaseAudit, requestId?: string): Promise<CaseRecord> {
    const run = this.registering.then(async () => {
      const prior = this.recent.caseOf(requestId);
      if (prior) return clone(this.state.cases.get(prior)!);
      // Numbers never go back a year: a clock behind the last number issued takes that number's year.
      const latest = Math.max(year, ...this.state.sequence.keys());
      const seq = (this.state.sequence.get(latest) ?? 0) + 1;
      const id = randomUUID();
      const record = CaseRecordSchema.parse({ ...build({ id, year: latest, seq }), id, year: latest, seq, revision: 1 });
      const summary = this.summarise(record);
      this.appendAudit(record.id, { ...audit, caseId: record.id, record: { kind: 'case', id: record.id, revision: record.revision, sha256: contentSha(record) } });
      this.state.sequence.set(latest, seq);
      this.state.cases.set(record.id, clone(record));
      this.index.upsert(summary);
      this.recent.remember(requestId, id);
      this.feed.emit({ caseId: id, kind: 'case', origin: 'local' });
      return record;
    });
    this.registering = run.catch(() => undefined);
    return run;
  }

  async get(id: string): Promise<CaseRecord> {
    const record = this.state.cases.get(id);
    if (!record) throw new CaseNotFoundError(id);
    return clone(record);
  }

  async checkPreviousGenerations(): Promise<void> {
    // Nothing is kept beside a record here: there is no previous generation to check.
  }

  update(id: string, expectedRevision: number | null, change: (current: CaseRecord) => CaseRecord, audit: CaseAudit): Promise<CaseRecord> {
    return this.locks.run(id, async () => {
      const current = await this.get(id);
      if (expectedRevision !== null && current.revision !== expectedRevision) throw new RevisionConflictError(id, expectedRevision, current.revision);
      const next = CaseRecordSchema.parse({ ...change(current), id, revision: current.revision + 1 });
      const summary = this.summarise(next);
      this.appendAudit(id, { ...audit, caseId: id, record: { kind: 'case', id, revision: next.revision, sha256: contentSha(next) } });
      this.state.cases.set(id, clone(next));
      this.index.upsert(summary);
      this.feed.emit({ caseId: id, kind: 'case', origin: 'local' });
      return next;
    });
  }

  note(id: string, audit: CaseAudit): Promise<void> {
    return this.locks.run(id, async () => {
      if (!this.state.cases.has(id)) throw new CaseNotFoundError(id);
      this.appendAudit(id, { ...audit, caseId: id });
      this.feed.emit({ caseId: id, kind: 'note', origin: 'local' });
    });
  }

  async summary(id: string): Promise<Pick<CaseSummary, 'id' | 'status' | 'mediatorIds'> | null> {
    const s = this.index.get(id);
    return s ? { id: s.id, status: s.status, mediatorIds: s.mediatorIds } : null;
  }

  async query(q: CaseQuery): Promise<CaseQueryResult> {
    const text = q.filter?.text?.trim();
    return this.index.query(q, text ? searchIdentityKeys(text).map((k) => hashIdentityKey(this.state.lookupKey, k)) : []);
  }

  async tallyByMediator(filter: CaseFilter): Promise<Map<string, number>> {
    return this.index.tallyByMediator(filter);
  }

  async related(keys: string[], names: string[], excludeId?: string): Promise<RelatedCase[]> {
    return this.index.related(keys.map((k) => hashIdentityKey(this.state.lookupKey, k)), names, excludeId);
  }

  async audit(id: string): Promise<AuditEvent[]> {
    if (!this.state.cases.has(id)) throw new CaseNotFoundError(id);
    return clone(this.state.audits.get(id) ?? []);
  }

  appendedHeads(): ReadonlyMap<string, ChainHead> {
    return this.heads;
  }

  async getSession(caseId: string, sessionId: string): Promise<SessionRecord> {
    const session = this.state.sessions.get(`${caseId}/${sessionId}`);
    if (!session) throw new SessionNotFoundError(caseId, sessionId);
    return clone(session);
  }

  saveSession(caseId: string, expectedRevision: number | null, session: SessionRecord, audit: CaseAudit): Promise<SessionRecord> {
    return this.savePart('session', this.state.sessions, SessionRecordSchema, caseId, expectedRevision, session, audit);
  }

  async getAgreement(caseId: string, agreementId: string): Promise<AgreementRecord> {
    const agreement = this.state.agreements.get(`${caseId}/${agreementId}`);
    if (!agreement) throw new AgreementNotFoundError(caseId, agreementId);
    return clone(agreement);
  }

  saveAgreement(caseId: string, expectedRevision: number | null, agreement: AgreementRecord, audit: CaseAudit): Promise<AgreementRecord> {
    return this.savePart('agreement', this.state.agreements, AgreementRecordSchema, caseId, expectedRevision, agreement, audit);
  }

  /** A part is created at revision 0 (expectedRevision null) and then saved from the revision it was read at. */
  private savePart<T extends SessionRecord | AgreementRecord>(
    kind: 'session' | 'agreement',
    parts: Map<string, T>,
    schema: { parse(value: unknown): T },
    caseId: string,
    expectedRevision: number | null,
    part: T,
    audit: CaseAudit,
  ): Promise<T> {
    return this.locks.run(caseId, async () => {
      if (!this.state.cases.has(caseId)) throw new CaseNotFoundError(caseId);
      const key = `${caseId}/${part.id}`;
      const current = parts.get(key);
      if (expectedRevision === null && current) throw new RevisionConflictError(part.id, 0, -1);
      if (expectedRevision !== null && !current) throw kind === 'session' ? new SessionNotFoundError(caseId, part.id) : new AgreementNotFoundError(caseId, part.id);
      if (expectedRevision !== null && current!.revision !== expectedRevision) throw new RevisionConflictError(part.id, expectedRevision, current!.revision);
      const next = schema.parse({ ...part, caseId, revision: current ? current.revision + 1 : 0 });
      this.appendAudit(caseId, { ...audit, caseId, record: { kind, id: next.id, revision: next.revision, sha256: contentSha(next) } });
      parts.set(key, clone(next));
      this.feed.emit({ caseId, kind, origin: 'local' });
      return next;
    });
  }

  async putFile(caseId: string, area: CaseFileArea, name: string, data: Uint8Array): Promise<void> {
    if (!this.state.cases.has(caseId)) throw new CaseNotFoundError(caseId);
    if (!CASE_FILE_NAME.test(name)) throw new Error(`not a file name the app generates: ${name}`);
    const key = `${caseId}/${area}/${name}`;
    if (this.state.files.has(key)) throw Object.assign(new Error(`file exists: ${key}`), { code: 'EEXIST' });
    this.state.files.set(key, new Uint8Array(data));
    this.feed.emit({ caseId, kind: 'file', origin: 'local' });
  }

  async getFile(caseId: string, area: CaseFileArea, name: string): Promise<Buffer> {
    if (!this.state.cases.has(caseId)) throw new CaseNotFoundError(caseId);
    const data = this.state.files.get(`${caseId}/${area}/${name}`);
    if (!data) throw Object.assign(new Error(`no such file: ${caseId}/${area}/${name}`), { code: 'ENOENT' });
    return Buffer.from(data);
  }

  async registerIssuedFiles(entries: readonly { sha256: string; caseId: string; documentId: string }[]): Promise<void> {
    // The first registration of a fingerprint stands (a later one is the same bytes issued again).
    for (const e of entries) if (!this.state.issued.has(e.sha256)) this.state.issued.set(e.sha256, { ...e });
  }

  async findIssuedFile(sha256: string): Promise<{ sha256: string; caseId: string; documentId: string } | null> {
    return this.state.issued.get(sha256) ?? null;
  }

  commit(caseId: string, unit: CaseUnit): Promise<UnitResult> {
    return this.locks.run(caseId, async () => {
      const current = await this.get(caseId);
      // Everything is checked and built first; only then is anything stored.
      const saved: SavedParts = { sessions: [], agreement: null };
      const entries: AuditEntryInput[] = [];
      const parts: { key: string; kind: 'session' | 'agreement'; next: SessionRecord | AgreementRecord }[] = [];
      for (const part of unit.parts ?? []) {
        const map: Map<string, SessionRecord | AgreementRecord> = part.kind === 'session' ? this.state.sessions : this.state.agreements;
        const key = `${caseId}/${part.record.id}`;
        const before = map.get(key);
        if (part.expectedRevision === null && before) throw new RevisionConflictError(part.record.id, 0, -1);
        if (part.expectedRevision !== null && !before) throw part.kind === 'session' ? new SessionNotFoundError(caseId, part.record.id) : new AgreementNotFoundError(caseId, part.record.id);
        if (part.expectedRevision !== null && before!.revision !== part.expectedRevision) throw new RevisionConflictError(part.record.id, part.expectedRevision, before!.revision);
        const revision = before ? before.revision + 1 : 0;
        const next = part.kind === 'session' ? SessionRecordSchema.parse({ ...part.record, caseId, revision }) : AgreementRecordSchema.parse({ ...part.record, caseId, revision });
        if (part.kind === 'session') saved.sessions.push(next as SessionRecord);
        else saved.agreement = next as AgreementRecord;
        parts.push({ key, kind: part.kind, next });
        entries.push({ ...part.audit, caseId, record: { kind: part.kind, id: next.id, revision, sha256: contentSha(next) } });
      }
      for (const f of unit.files ?? []) {
        if (!CASE_FILE_NAME.test(f.name)) throw new Error(`not a file name the app generates: ${f.name}`);
        if (this.state.files.has(`${caseId}/${f.area}/${f.name}`)) throw new Error(`refusing to overwrite ${f.area}/${f.name} of case ${caseId}`);
      }
      let record = current;
      if (unit.case) {
        if (unit.case.expectedRevision !== null && current.revision !== unit.case.expectedRevision) throw new RevisionConflictError(caseId, unit.case.expectedRevision, current.revision);
        record = CaseRecordSchema.parse({ ...unit.case.change(current, saved), id: caseId, revision: current.revision + 1 });
        entries.push({ ...unit.case.audit, caseId, record: { kind: 'case', id: caseId, revision: record.revision, sha256: contentSha(record) } });
      }
      const summary = unit.case ? this.summarise(record) : null;
      for (const entry of entries) this.appendAudit(caseId, entry);
      for (const p of parts) (p.kind === 'session' ? this.state.sessions : this.state.agreements).set(p.key, clone(p.next) as never);
      for (const f of unit.files ?? []) this.state.files.set(`${caseId}/${f.area}/${f.name}`, new Uint8Array(f.data));
      await this.registerIssuedFiles((unit.issued ?? []).map((i) => ({ ...i, caseId })));
      if (summary) {
        this.state.cases.set(caseId, clone(record));
        this.index.upsert(summary);
      }
      for (const p of parts) this.feed.emit({ caseId, kind: p.kind, origin: 'local' });
      if ((unit.files ?? []).length > 0) this.feed.emit({ caseId, kind: 'file', origin: 'local' });
      if (summary) this.feed.emit({ caseId, kind: 'case', origin: 'local' });
      return { record, ...saved };
    });
  }

  importCases(bundles: readonly CaseBundle[]): Promise<('imported' | 'present')[]> {
    return importOneByOne(this, bundles);
  }

  readonly exportsInBulk = false;

  exportCases(ids: readonly string[]): Promise<Map<string, CaseBundle>> {
    return exportOneByOne(this, ids);
  }

  importCase(bundle: CaseBundle): Promise<'imported' | 'present'> {
    const run = this.registering.then(async () => {
      checkBundle(bundle);
      const { record } = bundle;
      if (this.state.cases.has(record.id)) {
        const last = this.state.audits.get(record.id)?.at(-1);
        return presentOrRefused(bundle, last ? { seq: last.seq, hash: last.hash } : null);
      }
      if ([...this.index.all()].some((i) => i.year === record.year && i.seq === record.seq)) throw new BundleRefusedError(record.id, `案号${record.caseNumber}已被另一案件使用`);
      this.state.cases.set(record.id, clone(record));
      for (const s of bundle.sessions) this.state.sessions.set(`${record.id}/${s.id}`, clone(s));
      if (bundle.agreement) this.state.agreements.set(`${record.id}/${bundle.agreement.id}`, clone(bundle.agreement));
      for (const f of bundle.files) this.state.files.set(`${record.id}/${f.area}/${f.name}`, new Uint8Array(f.data));
      this.state.audits.set(record.id, clone(bundle.events));
      for (const e of issuedOf(record)) if (!this.state.issued.has(e.sha256)) this.state.issued.set(e.sha256, e);
      this.state.sequence.set(record.year, Math.max(this.state.sequence.get(record.year) ?? 0, record.seq));
      this.index.upsert(this.summarise(record));
      this.feed.emit({ caseId: record.id, kind: 'case', origin: 'local' });
      return 'imported' as const;
    });
    this.registering = run.catch(() => undefined);
    return run;
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    return this.feed.subscribe(listener);
  }

  problems(): FileProblem[] {
    return [];
  }

  async idle(): Promise<void> {}

  async close(): Promise<void> {
    await this.registering;
  }
}
