import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeSnapshot, snapshotVersion } from '../../../electron/main/storage/snapshot-codec';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { call, makeTempDir, openWorkstation, removeDir, setUp, signInFirst, storeFiles } from '../../fixtures/workstation';

let dir = '';
afterEach(async () => removeDir(dir));

/** The index as the store reads it (decrypted, the snapshot decoded): even there, keyed hashes instead of ID numbers and phones. */
async function indexText(read: (file: string) => Promise<Buffer>): Promise<string> {
  const files = await readdir(path.join(dir, 'index'));
  const texts = await Promise.all(
    files
      .filter((f) => f !== 'identity.key')
      .map(async (f) => {
        const bytes = await read(path.join(dir, 'index', f));
        return snapshotVersion(bytes) === null ? bytes.toString('utf8') : JSON.stringify(decodeSnapshot(bytes));
      }),
  );
  return texts.join('\n');
}

describe('related-case lookup keys in the index', () => {
  it('the index holds no full ID number or phone, and a lookup still finds the case after a restart and after losing the key', async () => {
    dir = await makeTempDir();
    const input = roadTrafficCaseInput();
    const person = input.parties[0]! as Extract<(typeof input.parties)[number], { kind: 'person' }>;
    let ws = await openWorkstation(dir);
    await setUp(ws);
    const created = await call(ws, 'cases:create', input);
    const query = { idNumbers: [person.idNumber], usccCodes: [], phones: [], names: [] };
    expect((await call(ws, 'cases:related', query)).map((r) => r.summary.id)).toEqual([created.id]);
    const files = storeFiles(ws);
    await ws.close();

    const text = await indexText(files.read);
    expect(await indexText((f) => readFile(f))).not.toContain(created.caseNumber); // sealed at rest
    expect(text).toContain(created.caseNumber);
    expect(text).not.toContain(person.idNumber);
    expect(text).not.toContain(person.phone);

    ws = await openWorkstation(dir);
    await signInFirst(ws);
    expect((await call(ws, 'cases:related', query))[0]).toMatchObject({ matches: ['id'], summary: { id: created.id } });
    expect((await call(ws, 'cases:related', { ...query, idNumbers: [], phones: [person.phone] }))[0]).toMatchObject({ matches: ['phone'] });
    await ws.close();

    // A lost key: the index is rebuilt with a new one, and lookups keep working.
    await rm(path.join(dir, 'index', 'identity.key'));
    ws = await openWorkstation(dir);
    await signInFirst(ws);
    expect((await call(ws, 'cases:related', query)).map((r) => r.summary.id)).toEqual([created.id]);
    await ws.close();
  });
});
