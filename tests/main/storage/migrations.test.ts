import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CASE_SCHEMA_VERSION, CaseRecordSchema } from '../../../electron/shared/domain';
import { migrateCase } from '../../../electron/main/storage/migrations';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { call, makeTempDir, openWorkstation, removeDir, setUp, signInFirst, storeFiles } from '../../fixtures/workstation';

let dir = '';
afterEach(async () => removeDir(dir));

describe('case schema migrations', () => {
  it('a version-1 case file (before decisions and documents) opens as the current version and is saved as such', async () => {
    dir = await makeTempDir();
    let ws = await openWorkstation(dir);
    await setUp(ws);
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    const files = storeFiles(ws);
    await ws.close();

    // Rewrite the file as version 1 wrote it (as sealing a folder from before encryption keeps it).
    const file = path.join(dir, 'cases', created.id, 'case.json');
    const { decision: _d, documents: _docs, ...v1 } = (await files.json(file)) as Record<string, unknown>;
    await files.write(file, JSON.stringify({ ...v1, schemaVersion: 1 }));

    ws = await openWorkstation(dir);
    await signInFirst(ws);
    const view = await call(ws, 'cases:get', { id: created.id });
    expect(view.record.schemaVersion).toBe(CASE_SCHEMA_VERSION);
    expect(view.record.decision).toBeNull();
    expect(view.record.documents).toEqual([]);
    expect(view.record.caseNumber).toBe(created.caseNumber);
    await ws.close();
  });

  it('migrates version 0 through every step to a record the current schema accepts', async () => {
    dir = await makeTempDir();
    const ws = await openWorkstation(dir);
    await setUp(ws);
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    await ws.close();
    const { schemaVersion: _v, deadlines: _dl, decision: _d, documents: _docs, ...v0 } = created;
    expect(CaseRecordSchema.safeParse(migrateCase(v0)).success).toBe(true);
  });
});

describe('case schema version 3 (sessions)', () => {
  it('a version-2 case with an issued document opens with no sessions, attachments or termination, and its documents name no session', async () => {
    dir = await makeTempDir();
    let ws = await openWorkstation(dir);
    await setUp(ws);
    const created = await call(ws, 'cases:create', roadTrafficCaseInput());
    const issued = await call(ws, 'documents:issue', { caseId: created.id, template: 'acceptance-register' });
    const files = storeFiles(ws);
    await ws.close();

    const file = path.join(dir, 'cases', created.id, 'case.json');
    const { sessions: _s, attachments: _a, termination: _t, documents, ...rest } = (await files.json(file)) as { documents: Record<string, unknown>[] } & Record<string, unknown>;
    const v2Documents = documents.map(({ subjectId: _subject, ...doc }: Record<string, unknown>) => doc);
    await files.write(file, JSON.stringify({ ...rest, documents: v2Documents, schemaVersion: 2 }));

    ws = await openWorkstation(dir);
    await signInFirst(ws);
    const view = await call(ws, 'cases:get', { id: created.id });
    expect(view.record).toMatchObject({ schemaVersion: 3, sessions: [], attachments: [], termination: null });
    expect(view.record.documents).toEqual([{ ...issued.document, subjectId: null }]);
    // The document still verifies: migration changed the case record, not the stored files.
    expect((await call(ws, 'documents:read', { caseId: created.id, documentId: issued.document.id })).intact).toBe(true);
    await ws.close();
  });
});
