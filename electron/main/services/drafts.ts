import path from 'node:path';
import type { Draft } from '../../shared/ipc/contract';
import { writeFileDurable } from '../storage/durable-fs';
import { isTampered } from '../storage/sealed-fs';
import type { Workstation } from './workstation';

/**
 * Half-filled registrations, one per staff member, so an interrupted clerk (or a closed app) loses nothing.
 * They hold personal data, so they live in the data directory like cases, sealed like them, and are deleted once used.
 */
function draftFile(ws: Workstation, staffId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(staffId)) throw new Error('staff id is not a uuid');
  return path.join(ws.opts.dataDir, 'drafts', `${staffId}.json`);
}

export async function getDraft(ws: Workstation, staffId: string): Promise<Draft | null> {
  try {
    const parsed = JSON.parse((await ws.recordsFs.readFile(draftFile(ws, staffId))).toString('utf8')) as Draft;
    return typeof parsed.savedAt === 'string' ? parsed : null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A torn, unreadable or altered draft is not worth failing the form over: start afresh (the case store is
    // untouched, and an altered draft is never offered as the clerk's own words).
    if (code === 'ENOENT' || error instanceof SyntaxError || isTampered(error)) return null;
    throw error;
  }
}

export async function saveDraft(ws: Workstation, staffId: string, data: unknown): Promise<{ savedAt: string }> {
  const savedAt = ws.clock.now().toISOString();
  const file = draftFile(ws, staffId);
  // Through the store's file access: sealed, owner-only modes, the data-folder guard.
  await ws.recordsFs.mkdir(path.dirname(file), { recursive: true });
  await writeFileDurable(file, JSON.stringify({ savedAt, data } satisfies Draft), {}, ws.recordsFs);
  return { savedAt };
}

export async function discardDraft(ws: Workstation, staffId: string): Promise<void> {
  await ws.recordsFs.unlink(draftFile(ws, staffId)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
