import { openUnits, sealUnit } from '../../crypto/sealing';
import { TamperedFileError } from '../sealed-fs';

/**
 * Every sealed column holds one unit of crypto/sealing.ts (the file store's format), sealed with the records key.
 * The associated data names the row: the table and its key. A unit copied onto another row (another case's record,
 * another entry of the trail, a file of another case) fails authentication there; what a record says about itself
 * (its revision, its content) is checked against the audit trail by the store.
 */
export const rowName = {
  case: (id: string) => `case/${id}`,
  summary: (caseId: string) => `summary/${caseId}`,
  session: (caseId: string, id: string) => `session/${caseId}/${id}`,
  agreement: (caseId: string, id: string) => `agreement/${caseId}/${id}`,
  audit: (caseId: string, seq: number) => `audit/${caseId}/${seq}`,
  file: (caseId: string, area: string, name: string) => `file/${caseId}/${area}/${name}`,
  key: (name: string) => `key/${name}`,
} as const;

const aadOf = (name: string) => `mw-pg-v1\0${name}`;

/** How a row is named where a file path would be (FileProblem.file, TamperedFileError.file). */
export const rowLabel = (name: string) => `postgresql:${name}`;

export function sealRow(key: Buffer, name: string, plaintext: Uint8Array | string): Buffer {
  return sealUnit(key, aadOf(name), typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext);
}

/** The plaintext of a sealed column, or a TamperedFileError (the same error the sealed files raise). */
export function openRow(key: Buffer, name: string, bytes: Buffer): Buffer {
  const opened = openUnits(key, aadOf(name), bytes, { appendLog: false });
  if (opened.damage) throw new TamperedFileError(rowLabel(name), opened.damage, bytes, Buffer.alloc(0));
  return opened.plaintext;
}
