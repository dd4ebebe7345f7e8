/**
 * The case store contract: what every implementation of the port (electron/main/storage/case-store.ts) must do,
 * written once and run unchanged against each (file store, PostgreSQL, memory). Only the port is used here, never a
 * store's own files or tables: those belong to each store's own tests.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findBrokenLink } from '../../../../electron/main/storage/audit-log';
import { BundleRefusedError, type CaseBundle, exportCase } from '../../../../electron/main/storage/case-bundle';
import { MemoryCaseStore } from '../../../../electron/main/storage/memory-case-store';
import { type CaseAudit, CaseNotFoundError, type CaseStore, RevisionConflictError, SessionNotFoundError, type StoreChange } from '../../../../electron/main/storage/case-store';
import { contentSha, sha256Hex } from '../../../../electron/main/storage/sha256';
import type { AgreementRecord, CaseRecord, DisputeTypeCode, SessionRecord } from '../../../../electron/shared/domain';
import { AGREEMENT_SCHEMA_VERSION } from '../../../../electron/shared/domain';
import { CLERK, MEDIATOR, RECORDER, mediatedRecord, sessionRecordFixture } from '../../../fixtures/documents';

/** Opens stores over one backing data set: the first open creates it; a later one is a restart (or another desk). */
export interface StoreHarness {
  open(): Promise<CaseStore>;
  dispose(): Promise<void>;
}

const AUDIT: CaseAudit = { actorId: CLERK.id, actorName: CLERK.name, action: 'test', detail: '测试' };
const PHONE = '13957912345';

interface Variant {
  disputeType?: DisputeTypeCode;
  registeredAt?: string;
  mediatorIds?: string[];
  room?: string;
  accepted?: boolean;
  applicant?: string;
  phone?: string;
}

/** A case as the registration service builds one, from the road-traffic fixture with a few things varied. */
function builder(v: Variant = {}) {
  return ({ id, year, seq }: { id: string; year: number; seq: number }): CaseRecord =>
    mediatedRecord((r) => {
      const at = v.registeredAt ?? '2026-05-01T01:30:00.000Z';
      const parties = r.parties.map((p, i) => (i === 0 ? { ...p, ...(v.applicant ? { name: v.applicant } : {}), ...(v.phone ? { phone: v.phone } : {}) } : p));
      return {
        ...r,
        id,
        year,
        seq,
        caseNumber: `（${year}）X调字第${String(seq).padStart(4, '0')}号`,
        revision: 1,
        createdAt: at,
        updatedAt: at,
        dispute: { ...r.dispute, disputeType: v.disputeType ?? r.dispute.disputeType },
        parties,
        assignment: v.mediatorIds ? { mediatorIds: v.mediatorIds, room: v.room ?? '' } : r.assignment,
        documents: [],
        actions: v.accepted === false ? r.actions.slice(0, 1) : r.actions,
      };
    });
}

function sessionOf(caseId: string, id = randomUUID()): SessionRecord {
  return sessionRecordFixture(2, (s) => ({ ...s, id, caseId, revision: 0 }));
}

function agreementOf(caseId: string, id = randomUUID()): AgreementRecord {
  return {
    schemaVersion: AGREEMENT_SCHEMA_VERSION,
    id,
    caseId,
    kind: 'written',
    number: '（2026）X调字第0001号',
    status: 'draft',
    content: { facts: '双方就赔偿数额发生争议。', disputedMatters: '赔偿数额', responsibility: '', items: [], breach: '', copies: 3, place: '交通事故调解室', reachedOn: '' },
    review: [],
    signatures: [],
    seal: null,
    effectiveOn: null,
    signedDocumentId: null,
    performance: [],
    mediatorIds: [MEDIATOR.id],
    recorderId: RECORDER.id,
    revision: 0,
    createdAt: '2026-05-08T02:00:00.000Z',
    createdBy: CLERK.id,
    editors: [],
    updatedAt: '2026-05-08T02:00:00.000Z',
  };
}

const seqsOf = (r: { items: { seq: number }[] }) => r.items.map((i) => i.seq);

/** The case's slot for a session (what the sessions service lists on the case). */
function sessionSlot(s: SessionRecord) {
  return { id: s.id, kind: s.kind, number: s.number, status: s.status, scheduledAt: s.scheduledAt, place: s.place, mediatorIds: s.mediatorIds, startedAt: s.startedAt, endedAt: s.endedAt, outcome: s.outcome?.type ?? null, subjectLabel: '' };
}

export function describeCaseStoreContract(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`case store contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: CaseStore;
    const open: CaseStore[] = [];
    const reopen = async (): Promise<CaseStore> => {
      await store.close();
      store = await harness.open();
      open.push(store);
      return store;
    };

    beforeEach(async () => {
      harness = await makeHarness();
      store = await harness.open();
      open.push(store);
    });
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close().catch(() => undefined);
      await harness.dispose();
    });

    describe('registration', () => {
      it('registers a request once: sent again, at once or later, it gives back the case it made', async () => {
        const requestId = randomUUID();
        const [a, b] = await Promise.all([store.create(2026, builder(), AUDIT, requestId), store.create(2026, builder(), AUDIT, requestId)]);
        expect(b.id).toBe(a.id);
        await store.update(a.id, 1, (r) => ({ ...r, assignment: { mediatorIds: [randomUUID()], room: '一号调解室' } }), AUDIT);
        const again = await store.create(2026, builder(), AUDIT, requestId);
        expect(again).toMatchObject({ id: a.id, seq: 1, revision: 2 });
        expect((await store.create(2026, builder(), AUDIT, randomUUID())).seq).toBe(2);
        expect((await store.create(2026, builder(), AUDIT)).seq).toBe(3);
        expect((await store.query({})).total).toBe(3);
        expect(await store.audit(a.id)).toHaveLength(2);
      });

      it('numbers cases 1, 2, 3 … per year and reads back exactly what was stored', async () => {
        const a = await store.create(2026, builder(), AUDIT);
        const b = await store.create(2026, builder(), AUDIT);
        expect([a.seq, b.seq]).toEqual([1, 2]);
        expect(a.caseNumber).toBe('（2026）X调字第0001号');
        expect(await store.get(a.id)).toEqual(a);
        expect(await store.summary(b.id)).toEqual({ id: b.id, status: 'accepted', mediatorIds: b.assignment!.mediatorIds });
      });

      it('20 registrations at once get 20 distinct numbers without a gap', async () => {
        const made = await Promise.all(Array.from({ length: 20 }, () => store.create(2026, builder(), AUDIT)));
        expect(made.map((c) => c.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect((await store.query({})).total).toBe(20);
      });

      it('a registration whose record is invalid stores nothing and uses no number', async () => {
        await expect(store.create(2026, (n) => ({ ...builder()(n), caseNumber: '' }), AUDIT)).rejects.toThrow();
        const next = await store.create(2026, builder(), AUDIT);
        expect(next.seq).toBe(1);
        expect((await store.query({})).total).toBe(1);
      });

      it('never numbers back a year: a clock behind the last number issued takes that number’s year', async () => {
        await store.create(2027, builder({ registeredAt: '2027-01-01T00:01:00.000Z' }), AUDIT);
        const behind = await store.create(2026, builder({ registeredAt: '2026-12-31T23:59:00.000Z' }), AUDIT);
        expect(behind).toMatchObject({ year: 2027, seq: 2 });
      });

      it('keeps every case and the numbering across a restart', async () => {
        const a = await store.create(2026, builder(), AUDIT);
        await reopen();
        expect(await store.get(a.id)).toEqual(a);
        expect((await store.create(2026, builder(), AUDIT)).seq).toBe(2);
      });

      it('an unknown case is CaseNotFoundError, and its summary null', async () => {
        const id = randomUUID();
        await expect(store.get(id)).rejects.toBeInstanceOf(CaseNotFoundError);
        await expect(store.update(id, 1, (c) => c, AUDIT)).rejects.toBeInstanceOf(CaseNotFoundError);
        await expect(store.note(id, AUDIT)).rejects.toBeInstanceOf(CaseNotFoundError);
        expect(await store.summary(id)).toBeNull();
      });
    });

    describe('updates', () => {
      it('an update from the current revision lands as the next revision; a stale one is a conflict and changes nothing', async () => {
        const a = await store.create(2026, builder(), AUDIT);
        const b = await store.update(a.id, a.revision, (c) => ({ ...c, dispute: { ...c.dispute, occurredPlace: '新地点' } }), AUDIT);
        expect(b.revision).toBe(a.revision + 1);
        const stale = store.update(a.id, a.revision, (c) => ({ ...c, dispute: { ...c.dispute, occurredPlace: '旧副本' } }), AUDIT);
        await expect(stale).rejects.toBeInstanceOf(RevisionConflictError);
        expect((await store.get(a.id)).dispute.occurredPlace).toBe('新地点');
      });

      it('parallel updates from one revision: exactly one wins', async () => {
        const a = await store.create(2026, builder(), AUDIT);
        const tries = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => store.update(a.id, a.revision, (c) => ({ ...c, dispute: { ...c.dispute, occurredPlace: `第${i}个` } }), AUDIT)));
        expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
        for (const t of tries) if (t.status === 'rejected') expect(t.reason).toBeInstanceOf(RevisionConflictError);
      });

      it('server-derived changes (no expected revision) all land in turn on the latest record', async () => {
        const a = await store.create(2026, builder(), AUDIT);
        await Promise.all(Array.from({ length: 10 }, (_, i) => store.update(a.id, null, (c) => ({ ...c, dispute: { ...c.dispute, occurredPlace: `${c.dispute.occurredPlace}${i},` } }), AUDIT)));
        const after = await store.get(a.id);
        expect(after.revision).toBe(a.revision + 10);
        for (let i = 0; i < 10; i++) expect(after.dispute.occurredPlace).toContain(`${i},`);
      });

      it('a change the schema refuses writes nothing: no revision, no audit entry', async () => {
        const a = await store.create(2026, builder(), AUDIT);
        const trail = await store.audit(a.id);
        await expect(store.update(a.id, a.revision, (c) => ({ ...c, caseNumber: '' }), AUDIT)).rejects.toThrow();
        expect(await store.get(a.id)).toEqual(a);
        expect(await store.audit(a.id)).toEqual(trail);
      });
    });

    describe('the audit trail', () => {
      it('records every change with the content it produced, chained, and notes without a new revision', async () => {
        const a = await store.create(2026, builder(), AUDIT);
        const b = await store.update(a.id, a.revision, (c) => ({ ...c, dispute: { ...c.dispute, occurredPlace: '改' } }), { ...AUDIT, action: 'cases:update' });
        await store.note(a.id, { ...AUDIT, action: 'cases:reveal', detail: '查看身份证号' });
        const trail = await store.audit(a.id);
        expect(trail.map((e) => [e.seq, e.action])).toEqual([
          [0, 'test'],
          [1, 'cases:update'],
          [2, 'cases:reveal'],
        ]);
        expect(trail[1]!.record).toEqual({ kind: 'case', id: a.id, revision: b.revision, sha256: contentSha(b) });
        expect(trail[2]!.record).toBeUndefined();
        expect(findBrokenLink(trail)).toBeNull();
        expect((await store.get(a.id)).revision).toBe(b.revision);
        expect(store.appendedHeads().get(a.id)).toEqual({ seq: 2, hash: trail[2]!.hash });
      });
    });

    describe('sessions and agreements', () => {
      it('a session is created at revision 0, saved from the revision read, a stale save is a conflict', async () => {
        const c = await store.create(2026, builder(), AUDIT);
        const s0 = await store.saveSession(c.id, null, sessionOf(c.id), AUDIT);
        expect(s0.revision).toBe(0);
        const s1 = await store.saveSession(c.id, 0, { ...s0, place: '第二调解室' }, AUDIT);
        expect(s1.revision).toBe(1);
        await expect(store.saveSession(c.id, 0, { ...s0, place: '旧副本' }, AUDIT)).rejects.toBeInstanceOf(RevisionConflictError);
        await expect(store.saveSession(c.id, null, s0, AUDIT)).rejects.toBeInstanceOf(RevisionConflictError);
        expect(await store.getSession(c.id, s0.id)).toEqual(s1);
        await expect(store.getSession(c.id, randomUUID())).rejects.toBeInstanceOf(SessionNotFoundError);
        const trail = await store.audit(c.id);
        expect(trail.at(-1)!.record).toEqual({ kind: 'session', id: s0.id, revision: 1, sha256: contentSha(s1) });
        await reopen();
        expect(await store.getSession(c.id, s0.id)).toEqual(s1);
      });

      it('an agreement is kept like a session, per case', async () => {
        const c = await store.create(2026, builder(), AUDIT);
        const other = await store.create(2026, builder(), AUDIT);
        const a0 = await store.saveAgreement(c.id, null, agreementOf(c.id), AUDIT);
        const a1 = await store.saveAgreement(c.id, 0, { ...a0, status: 'in_review' }, AUDIT);
        expect(await store.getAgreement(c.id, a0.id)).toEqual(a1);
        await expect(store.getAgreement(other.id, a0.id)).rejects.toThrow();
        await expect(store.saveAgreement(randomUUID(), null, agreementOf(c.id), AUDIT)).rejects.toBeInstanceOf(CaseNotFoundError);
      });
    });

    describe('files', () => {
      it('stores write-once files of a case and never overwrites one', async () => {
        const c = await store.create(2026, builder(), AUDIT);
        const bytes = new TextEncoder().encode('%PDF-1.7 测试');
        const name = `${randomUUID()}.pdf`;
        await store.putFile(c.id, 'documents', name, bytes);
        expect(new Uint8Array(await store.getFile(c.id, 'documents', name))).toEqual(bytes);
        await expect(store.putFile(c.id, 'documents', name, new Uint8Array([1]))).rejects.toThrow();
        await expect(store.putFile(c.id, 'documents', '../case.json', bytes)).rejects.toThrow();
        await expect(store.getFile(c.id, 'attachments', name)).rejects.toThrow();
        await reopen();
        expect(new Uint8Array(await store.getFile(c.id, 'documents', name))).toEqual(bytes);
      });

      it('registers issued files by SHA-256; the first registration of a fingerprint stands', async () => {
        const c = await store.create(2026, builder(), AUDIT);
        const sha = sha256Hex('文书');
        expect(await store.findIssuedFile(sha)).toBeNull();
        const documentId = randomUUID();
        await store.registerIssuedFiles([{ sha256: sha, caseId: c.id, documentId }]);
        await store.registerIssuedFiles([{ sha256: sha, caseId: c.id, documentId: randomUUID() }]);
        await reopen();
        expect(await store.findIssuedFile(sha)).toEqual({ sha256: sha, caseId: c.id, documentId });
      });
    });

    describe('units of work', () => {
      const withSession = (caseId: string, session: SessionRecord) => ({
        parts: [{ kind: 'session' as const, expectedRevision: null, record: session, audit: { ...AUDIT, action: 'sessions:schedule' } }],
        case: {
          expectedRevision: null,
          change: (c: CaseRecord, saved: { sessions: SessionRecord[] }) => ({ ...c, dispute: { ...c.dispute, occurredPlace: `已排第${saved.sessions[0]!.revision}版` } }),
          audit: { ...AUDIT, action: 'sessions:schedule:case' },
        },
      });

      it('commits a session with the case that lists it, the case seeing the session as saved, audited in that order', async () => {
        const c = await store.create(2026, builder(), AUDIT);
        const session = sessionOf(c.id);
        const done = await store.commit(c.id, withSession(c.id, session));
        expect(done.sessions[0]).toMatchObject({ id: session.id, revision: 0 });
        expect(done.record).toMatchObject({ revision: c.revision + 1, dispute: { occurredPlace: '已排第0版' } });
        expect(await store.getSession(c.id, session.id)).toEqual(done.sessions[0]);
        expect(await store.get(c.id)).toEqual(done.record);
        const trail = await store.audit(c.id);
        expect(trail.slice(-2).map((e) => [e.action, e.record?.kind])).toEqual([
          ['sessions:schedule', 'session'],
          ['sessions:schedule:case', 'case'],
        ]);
        expect(findBrokenLink(trail)).toBeNull();
        await reopen();
        expect(await store.get(c.id)).toEqual(done.record);
      });

      it('writes nothing when any part is stale: not the session, not the case, not a file, not an audit entry', async () => {
        const c = await store.create(2026, builder(), AUDIT);
        const s0 = await store.saveSession(c.id, null, sessionOf(c.id), AUDIT);
        const before = { record: await store.get(c.id), trail: await store.audit(c.id) };
        const name = `${randomUUID()}.pdf`;
        const stale = store.commit(c.id, {
          parts: [{ kind: 'session', expectedRevision: 7, record: { ...s0, place: '过时' }, audit: AUDIT }],
          files: [{ area: 'documents', name, data: new Uint8Array([1]) }],
          case: { expectedRevision: null, change: (r) => r, audit: AUDIT },
        });
        await expect(stale).rejects.toBeInstanceOf(RevisionConflictError);
        const staleCase = store.commit(c.id, { ...withSession(c.id, sessionOf(c.id)), case: { expectedRevision: c.revision + 3, change: (r) => r, audit: AUDIT } });
        await expect(staleCase).rejects.toBeInstanceOf(RevisionConflictError);
        const invalid = store.commit(c.id, { ...withSession(c.id, sessionOf(c.id)), case: { expectedRevision: null, change: (r) => ({ ...r, caseNumber: '' }), audit: AUDIT } });
        await expect(invalid).rejects.toThrow();
        expect(await store.get(c.id)).toEqual(before.record);
        expect(await store.audit(c.id)).toEqual(before.trail);
        expect(await store.getSession(c.id, s0.id)).toEqual(s0);
        await expect(store.getFile(c.id, 'documents', name)).rejects.toThrow();
      });

      it('stores an issued document’s files and fingerprints with the case that names them', async () => {
        const c = await store.create(2026, builder(), AUDIT);
        const pdf = new TextEncoder().encode('%PDF 受理通知书');
        const name = `${randomUUID()}.pdf`;
        const documentId = randomUUID();
        const seen: StoreChange[] = [];
        store.onChange((x) => seen.push(x));
        const done = await store.commit(c.id, {
          files: [{ area: 'documents', name, data: pdf }],
          issued: [{ sha256: sha256Hex(pdf), documentId }],
          case: { expectedRevision: c.revision, change: (r) => ({ ...r, updatedAt: '2026-05-02T01:00:00.000Z' }), audit: AUDIT },
        });
        expect(done.record.revision).toBe(c.revision + 1);
        expect(new Uint8Array(await store.getFile(c.id, 'documents', name))).toEqual(pdf);
        expect(await store.findIssuedFile(sha256Hex(pdf))).toEqual({ sha256: sha256Hex(pdf), caseId: c.id, documentId });
        expect(seen.map((x) => x.kind)).toEqual(['file', 'case']);
        await expect(store.commit(c.id, { files: [{ area: 'documents', name, data: pdf }] })).rejects.toThrow();
      });
    });

    describe('moving a case between stores', () => {
      /** A case with a session, an agreement, an issued document and an attachment, made in a memory store. */
      async function bundleFromElsewhere(): Promise<CaseBundle> {
        const other = new MemoryCaseStore();
        await other.create(2026, builder(), AUDIT);
        const c = await other.create(2026, builder({ applicant: '欧阳明月', phone: '13800001111' }), AUDIT);
        const session = sessionOf(c.id);
        await other.commit(c.id, { parts: [{ kind: 'session', expectedRevision: null, record: session, audit: AUDIT }], case: { expectedRevision: null, change: (r, s) => ({ ...r, sessions: [sessionSlot(s.sessions[0]!)] }), audit: AUDIT } });
        await other.commit(c.id, { parts: [{ kind: 'agreement', expectedRevision: null, record: agreementOf(c.id), audit: AUDIT }] });
        const pdf = new TextEncoder().encode('%PDF 受理通知书');
        const data = new TextEncoder().encode('{"快照":1}');
        const template = mediatedRecord().documents[0]!;
        const doc = { ...template, id: randomUUID(), caseId: c.id, files: [{ format: 'pdf' as const, file: 'acceptance-v1-0001.pdf', sha256: sha256Hex(pdf) }], data: { file: 'acceptance-v1-0001.json', sha256: sha256Hex(data) } };
        await other.commit(c.id, {
          files: [
            { area: 'documents', name: doc.files[0]!.file, data: pdf },
            { area: 'documents', name: doc.data.file, data },
          ],
          issued: [{ sha256: sha256Hex(pdf), documentId: doc.id }],
          case: { expectedRevision: null, change: (r) => ({ ...r, documents: [doc] }), audit: AUDIT },
        });
        await other.note(c.id, { ...AUDIT, action: 'cases:reveal' });
        return exportCase(other, c.id);
      }

      it('imports a case with its trail verbatim, its files, its number and its fingerprints; once', async () => {
        const bundle = await bundleFromElsewhere();
        expect(await store.importCase(bundle)).toBe('imported');
        expect(await exportCase(store, bundle.record.id)).toEqual(bundle);
        expect(seqsOf(await store.query({ filter: { text: '13800001111' } }))).toEqual([2]);
        expect(await store.findIssuedFile(bundle.record.documents[0]!.files[0]!.sha256)).toMatchObject({ caseId: bundle.record.id });
        expect((await store.create(2026, builder(), AUDIT)).seq).toBe(3);
        expect(await store.importCase(bundle)).toBe('present');
        await reopen();
        expect(await exportCase(store, bundle.record.id)).toEqual(bundle);
        // It goes on like any case: a change chains onto the imported trail.
        await store.update(bundle.record.id, bundle.record.revision, (r) => r, AUDIT);
        expect(findBrokenLink(await store.audit(bundle.record.id))).toBeNull();
      });

      it('refuses a bundle that does not hold together, and writes nothing of it', async () => {
        const bundle = await bundleFromElsewhere();
        const altered: CaseBundle[] = [
          { ...bundle, record: { ...bundle.record, dispute: { ...bundle.record.dispute, occurredPlace: '改过的地点' } } },
          { ...bundle, events: bundle.events.map((e, i) => (i === 1 ? { ...e, detail: '改过' } : e)) },
          { ...bundle, events: bundle.events.slice(1) },
          { ...bundle, files: bundle.files.map((f, i) => (i === 0 ? { ...f, data: new Uint8Array([...f.data, 1]) } : f)) },
          { ...bundle, files: bundle.files.slice(1) },
          { ...bundle, sessions: bundle.sessions.map((s) => ({ ...s, place: '改过' })) },
        ];
        for (const b of altered) await expect(store.importCase(b)).rejects.toBeInstanceOf(BundleRefusedError);
        expect((await store.query({})).total).toBe(0);
        await expect(store.get(bundle.record.id)).rejects.toBeInstanceOf(CaseNotFoundError);
        // The same case with another history than the one stored: refused, never overwritten.
        await store.importCase(bundle);
        const other = { ...bundle, events: [...bundle.events] };
        other.events.pop();
        await expect(store.importCase(other)).rejects.toBeInstanceOf(BundleRefusedError);
      });

      it('imports many cases at once, in order, and finishes an interrupted batch when run again', async () => {
        const other = new MemoryCaseStore();
        const made = [];
        for (let i = 0; i < 5; i++) made.push(await other.create(2026, builder({ applicant: `批量${i}`, phone: `1380000200${i}` }), AUDIT));
        await other.saveSession(made[1]!.id, null, sessionOf(made[1]!.id), AUDIT);
        const bundles = await Promise.all(made.map((c) => exportCase(other, c.id)));
        expect(await store.importCases(bundles.slice(0, 2))).toEqual(['imported', 'imported']);
        // A bad bundle in a batch: the call is refused (a store may have kept the cases before it, or none of the
        // batch); run again without it, every case ends up there exactly once.
        const bad = { ...bundles[4]!, events: bundles[4]!.events.slice(1) };
        await expect(store.importCases([...bundles.slice(1, 4), bad])).rejects.toBeInstanceOf(BundleRefusedError);
        const again = await store.importCases(bundles.slice(0, 4));
        expect(again.slice(0, 2)).toEqual(['present', 'present']);
        for (const r of again.slice(2)) expect(['imported', 'present']).toContain(r);
        expect(await store.importCases([bundles[4]!])).toEqual(['imported']);
        expect(await store.importCases([])).toEqual([]);
        for (const b of bundles) expect(await exportCase(store, b.record.id)).toEqual(b);
        expect((await store.query({})).total).toBe(5);
        expect(seqsOf(await store.query({ filter: { text: '13800002003' } }))).toEqual([4]);
        expect((await store.create(2026, builder(), AUDIT)).seq).toBe(6);
      });

      it('imports files, fingerprints and agreements in a batch as importCase does', async () => {
        const bundle = await bundleFromElsewhere();
        expect(await store.importCases([bundle])).toEqual(['imported']);
        expect(await exportCase(store, bundle.record.id)).toEqual(bundle);
        expect(await store.findIssuedFile(bundle.record.documents[0]!.files[0]!.sha256)).toMatchObject({ caseId: bundle.record.id });
        await reopen();
        expect(await exportCase(store, bundle.record.id)).toEqual(bundle);
      });

      describe('exporting many cases at once', () => {
        /** A case of this store with two sessions, its agreement (named on the case), an issued document, an attachment and a note. */
        async function richCase(): Promise<string> {
          const c = await store.create(2026, builder({ applicant: '司马青云', phone: '13800003333' }), AUDIT);
          const sessions = [sessionOf(c.id), { ...sessionOf(c.id), number: 2 }];
          await store.commit(c.id, {
            parts: sessions.map((record) => ({ kind: 'session' as const, expectedRevision: null, record, audit: AUDIT })),
            case: { expectedRevision: null, change: (r, s) => ({ ...r, sessions: s.sessions.map(sessionSlot) }), audit: AUDIT },
          });
          const agreement = agreementOf(c.id);
          await store.commit(c.id, {
            parts: [{ kind: 'agreement', expectedRevision: null, record: agreement, audit: AUDIT }],
            case: {
              expectedRevision: null,
              change: (r) => ({ ...r, agreement: { id: agreement.id, kind: 'written', number: agreement.number, status: 'draft', effectiveOn: null, confirmationDue: null, nextDueOn: null, scanAwaitedSince: null } }),
              audit: AUDIT,
            },
          });
          const pdf = new TextEncoder().encode('%PDF 调解协议书');
          const png = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
          const snapshot = new TextEncoder().encode('{"协议":1}');
          const template = mediatedRecord().documents[0]!;
          const stem = `agreement-${randomUUID()}`;
          const doc = { ...template, id: randomUUID(), caseId: c.id, files: [{ format: 'pdf' as const, file: `${stem}.pdf`, sha256: sha256Hex(pdf) }], data: { file: `${stem}.json`, sha256: sha256Hex(snapshot) } };
          const attachment = `${randomUUID()}.png`;
          await store.commit(c.id, {
            files: [
              { area: 'documents', name: doc.files[0]!.file, data: pdf },
              { area: 'documents', name: doc.data.file, data: snapshot },
              { area: 'attachments', name: attachment, data: png },
            ],
            issued: [{ sha256: sha256Hex(pdf), documentId: doc.id }],
            case: { expectedRevision: null, change: (r) => ({ ...r, documents: [doc], attachments: [{ id: randomUUID(), file: attachment, sha256: sha256Hex(png), size: png.length, mimeType: 'image/png', category: 'evidence', label: '现场照片', sessionId: null, statementId: null, documentId: null, addedAt: '2026-05-02T01:00:00.000Z', addedBy: CLERK.id }] }), audit: AUDIT },
          });
          await store.note(c.id, { ...AUDIT, action: 'cases:reveal' });
          return c.id;
        }

        it('gives each case as exportCase does, to the byte of its JSON; an unknown case is absent', async () => {
          // Imported first (it is number 2 of its store), then this store's own cases numbered after it.
          const imported = await bundleFromElsewhere();
          await store.importCase(imported);
          const rich = await richCase();
          const plain = (await store.create(2026, builder(), AUDIT)).id;
          const unknown = randomUUID();
          const ids = [rich, plain, imported.record.id, unknown, 'not-a-case'];
          const bundles = await store.exportCases(ids);
          expect([...bundles.keys()].sort()).toEqual([rich, plain, imported.record.id].sort());
          const single = await exportCase(store, rich);
          expect(single.sessions).toHaveLength(2);
          expect(single.agreement).not.toBeNull();
          expect(single.files.map((f) => f.area).sort()).toEqual(['attachments', 'documents', 'documents']);
          expect(single.events.map((e) => e.action)).toContain('cases:reveal');
          for (const id of [rich, plain, imported.record.id]) expect(JSON.stringify(bundles.get(id))).toBe(JSON.stringify(await exportCase(store, id)));
          expect(await store.exportCases([])).toEqual(new Map());
          expect(store.problems()).toEqual([]);
        });
      });
    });

    describe('the change feed', () => {
      it('tells its listeners of each durable change, with the case and what changed, and stops when asked', async () => {
        const seen: StoreChange[] = [];
        const stop = store.onChange((c) => seen.push(c));
        const c = await store.create(2026, builder(), AUDIT);
        await store.update(c.id, null, (r) => r, AUDIT);
        await store.saveSession(c.id, null, sessionOf(c.id), AUDIT);
        await store.note(c.id, AUDIT);
        await store.putFile(c.id, 'attachments', `${randomUUID()}.png`, new Uint8Array([1, 2, 3]));
        expect(seen).toEqual(['case', 'case', 'session', 'note', 'file'].map((kind) => ({ caseId: c.id, kind, origin: 'local' })));
        stop();
        await store.note(c.id, AUDIT);
        expect(seen).toHaveLength(5);
      });

      it('tells nothing of a write that failed', async () => {
        const c = await store.create(2026, builder(), AUDIT);
        const seen: StoreChange[] = [];
        store.onChange((x) => seen.push(x));
        await expect(store.update(c.id, c.revision + 5, (r) => r, AUDIT)).rejects.toBeInstanceOf(RevisionConflictError);
        expect(seen).toEqual([]);
      });
    });

    describe('queries', () => {
      const M2 = '0b7a3f5e-2c1d-4e8f-9a6b-5c4d3e2f1a99';
      let made: CaseRecord[];
      beforeEach(async () => {
        made = [];
        made.push(await store.create(2026, builder({ registeredAt: '2026-04-30T01:00:00.000Z', disputeType: '02', accepted: false }), AUDIT));
        made.push(await store.create(2026, builder({ registeredAt: '2026-05-01T01:00:00.000Z', mediatorIds: [MEDIATOR.id], room: '一号调解室' }), AUDIT));
        made.push(await store.create(2026, builder({ registeredAt: '2026-05-01T02:00:00.000Z', mediatorIds: [M2, MEDIATOR.id], room: '二号调解室', applicant: '欧阳明月', phone: '13800001111' }), AUDIT));
        made.push(await store.create(2026, builder({ registeredAt: '2026-05-01T03:00:00.000Z', mediatorIds: [M2], disputeType: '02' }), AUDIT));
      });
      const seqs = (r: { items: { seq: number }[] }) => r.items.map((i) => i.seq);

      it('lists newest first with offset, limit and the total of every match; oldest first on request', async () => {
        expect(seqs(await store.query({}))).toEqual([4, 3, 2, 1]);
        expect(await store.query({ offset: 1, limit: 2 })).toMatchObject({ total: 4, items: [{ seq: 3 }, { seq: 2 }] });
        expect(seqs(await store.query({ order: 'oldest', limit: 2 }))).toEqual([1, 2]);
        expect((await store.query({ offset: 10 })).items).toEqual([]);
      });

      it('filters by status, dispute type, mediator, room and registration time, all together', async () => {
        expect(seqs(await store.query({ filter: { status: ['registered'] } }))).toEqual([1]);
        expect(seqs(await store.query({ filter: { disputeType: '02' } }))).toEqual([4, 1]);
        expect(seqs(await store.query({ filter: { mediatorId: M2 } }))).toEqual([4, 3]);
        expect(seqs(await store.query({ filter: { room: ' 二号调解室 ' } }))).toEqual([3]);
        expect(seqs(await store.query({ filter: { registeredFrom: '2026-05-01T01:30:00.000Z' } }))).toEqual([4, 3]);
        expect(seqs(await store.query({ filter: { ids: [made[0]!.id, made[2]!.id] } }))).toEqual([3, 1]);
        expect(seqs(await store.query({ filter: { mediatorId: M2, disputeType: '02', status: ['accepted'] } }))).toEqual([4]);
      });

      it('finds a case by text: a name in the title, the case number, or exactly a party’s phone', async () => {
        expect(seqs(await store.query({ filter: { text: '欧阳明月' } }))).toEqual([3]);
        expect(seqs(await store.query({ filter: { text: '第0002号' } }))).toEqual([2]);
        expect(seqs(await store.query({ filter: { text: '13800001111' } }))).toEqual([3]);
        expect(seqs(await store.query({ filter: { text: '1380000' } }))).toEqual([]);
      });

      it('sees changes: an updated case moves between filters and keeps its place in the order', async () => {
        await store.update(made[0]!.id, null, (c) => ({ ...c, assignment: { mediatorIds: [M2], room: '' }, actions: [...c.actions, { id: randomUUID(), type: 'ACCEPTED', at: '2026-05-01T04:00:00.000Z', by: CLERK.id, note: '' }] }), AUDIT);
        expect(seqs(await store.query({ filter: { status: ['registered'] } }))).toEqual([]);
        expect(seqs(await store.query({ filter: { mediatorId: M2 } }))).toEqual([4, 3, 1]);
        await reopen();
        expect(seqs(await store.query({ filter: { mediatorId: M2 } }))).toEqual([4, 3, 1]);
      });

      it('tallies matching cases per mediator', async () => {
        const tally = await store.tallyByMediator({ status: ['accepted'] });
        expect(Object.fromEntries(tally)).toEqual({ [MEDIATOR.id]: 2, [M2]: 2 });
      });

      it('finds related cases by phone and by name, not the case itself', async () => {
        const byPhone = await store.related([`tel:13800001111`], [], made[1]!.id);
        expect(byPhone.map((r) => [r.summary.seq, r.matches])).toEqual([[3, ['phone']]]);
        const byName = await store.related([], ['欧阳明月'], made[2]!.id);
        expect(byName).toEqual([]);
        const everyone = await store.related([`tel:${PHONE}`], [], made[3]!.id);
        expect(everyone.map((r) => r.summary.seq).sort()).toEqual([1, 2]);
      });
    });
  });
}
