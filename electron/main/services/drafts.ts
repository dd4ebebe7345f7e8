import path from 'node:path';
import type { Draft } from '../../shared/ipc/contract';
import { type DurableFs, realFs, writeFileDurable } from '../storage/durable-fs';
import type { Workstation } from './workstation';

/** The host's file access (owner-only modes, the data-folder guard), like the store's. */
const fsOf = (ws: Workstation): DurableFs => ws.opts.fs ?? realFs;

/**
 * Half-filled registrations, one per staff member, so an interrupted clerk (or a closed app) loses nothing.
 * They hold personal data, so they live in the data directory like cases and are deleted once used.
 */
function draftFile(ws: Workstation, staffId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(staffId)) throw new Error('staff id is not a uuid');
  return path.join(ws.opts.dataDir, 'drafts', `${staffId}.json`);
}

export async function getDraft(ws: Workstation, staffId: string): Promise<Draft | null> {
  try {
    const parsed = JSON.parse((await fsOf(ws).readFile(draftFile(ws, staffId))).toString('utf8')) as Draft;
    return typeof parsed.savedAt === 'string' ? parsed : null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A torn or unreadable draft is not worth failing the form over: start afresh (the case store is untouched).
    if (code === 'ENOENT' || error instanceof SyntaxError) return null;
    throw error;
  }
}

export async function saveDraft(ws: Workstation, staffId: string, data: unknown): Promise<{ savedAt: string }> {
  const savedAt = ws.clock.now().toISOString();
  const file = draftFile(ws, staffId);
  await fsOf(ws).mkdir(path.dirname(file), { recursive: true });
  await writeFileDurable(file, JSON.stringify({ savedAt, data } satisfies Draft), {}, fsOf(ws));
  return { savedAt };
}

export async function discardDraft(ws: Workstation, staffId: string): Promise<void> {
  await fsOf(ws).unlink(draftFile(ws, staffId)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
