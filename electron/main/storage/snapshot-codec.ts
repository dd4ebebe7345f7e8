import type { CaseSummary } from '../../shared/domain';
import { type CaseFilter, searchTextOf } from './case-query';

/**
 * The encoding of the index snapshot (index/snapshot.bin, sealed like every record). As one JSON text the summaries
 * of 100k cases were 90 MB, and decoding that UTF-8 and parsing it took most of a second of every start-up, before
 * the first screen could show. Here each field is a column: numbers as float64, strings as indices into a table of
 * the column's strings. A table is turned into one string in a single copy (Latin-1 when all its characters allow,
 * else UTF-16LE: both lossless, neither needs decoding) and cut into its strings by their lengths, with no parsing.
 * A value that repeats (a status, a room, a mediator) is kept once and is then one string shared by every summary.
 *
 * Layout (little-endian, as typed arrays are on every platform the app runs on): "MWIX" | version u32 | count u32 |
 * the columns of COLUMNS, in that order:
 *   number   count × f64
 *   string   table | count × u32 index (NULL_INDEX for null)
 *   strings  table | count × u32 item count | Σ × u32 index
 *   json     u32 byte length | UTF-8 JSON array of the count values
 *   table    u32 entries | u8 text encoding (0 Latin-1, 1 UTF-16LE) | u32 text bytes | entries × u32 length | text
 *
 * Authenticity comes from the sealing (sealed-fs.ts). The checks here reject a file this code did not write (cut
 * short, another format, a bug), so that the index is rebuilt from the cases instead of trusted.
 */
const MAGIC = Buffer.from('MWIX', 'latin1');
const NULL_INDEX = 0xffffffff;

type Kind = 'number' | 'string' | 'string?' | 'strings' | 'json';

const COLUMNS = {
  id: 'string',
  caseNumber: 'string',
  year: 'number',
  seq: 'number',
  revision: 'number',
  status: 'string',
  disputeType: 'string',
  disputeSubType: 'string',
  source: 'string',
  riskLevel: 'string',
  complexity: 'string',
  escalation: 'strings',
  title: 'string',
  applicants: 'strings',
  respondents: 'strings',
  agents: 'strings',
  identityKeys: 'strings',
  mediatorIds: 'strings',
  room: 'string',
  registeredAt: 'string',
  updatedAt: 'string',
  mediationDue: 'string?',
  decidedAt: 'string?',
  agreementDue: 'string?',
  confirmationDue: 'string?',
  scanAwaitedSince: 'string?',
  agreementStatus: 'string?',
  sessions: 'json',
} as const satisfies Record<keyof CaseSummary, Kind>;

/**
 * Columns whose values repeat (a few statuses, types, rooms, mediators, due dates): their table holds each value once.
 * The others (ids, titles, instants, names, keys) are stored as they come: looking each up would cost more than it saves.
 */
const SHARED = new Set<keyof CaseSummary>(['status', 'disputeType', 'disputeSubType', 'source', 'riskLevel', 'complexity', 'escalation', 'mediatorIds', 'room', 'mediationDue', 'agreementDue', 'confirmationDue', 'agreementStatus']);

/** Rows encoded between two calls of `pause` (the store yields to the event loop there: a few ms of work). */
const ROWS_PER_PAUSE = 5000;

class Writer {
  readonly chunks: Buffer[] = [];
  u32s(values: ArrayLike<number>): void {
    this.chunks.push(Buffer.from(Uint32Array.from(values).buffer));
  }
  table(strings: readonly string[]): void {
    const text = strings.join('');
    // Latin-1 keeps every code unit below 0x100 as one byte; anything else goes as UTF-16 code units (lone
    // surrogates included, which UTF-8 would not carry).
    const latin1 = !/[^\u0000-\u00ff]/.test(text);
    const bytes = Buffer.from(text, latin1 ? 'latin1' : 'utf16le');
    const head = Buffer.alloc(9);
    head.writeUInt32LE(strings.length, 0);
    head.writeUInt8(latin1 ? 0 : 1, 4);
    head.writeUInt32LE(bytes.length, 5);
    this.chunks.push(head);
    this.u32s(strings.map((s) => s.length));
    this.chunks.push(bytes);
  }
}

/** Encodes summaries; `pause` is awaited every few thousand rows, so that a large index does not hold up the process. */
export async function encodeSnapshot(summaries: readonly CaseSummary[], version: number, pause: () => Promise<void> = async () => undefined): Promise<Buffer> {
  const w = new Writer();
  const head = Buffer.alloc(12);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(version, 4);
  head.writeUInt32LE(summaries.length, 8);
  w.chunks.push(head);
  const each = async (fn: (s: CaseSummary) => void) => {
    for (let i = 0; i < summaries.length; i++) {
      fn(summaries[i]!);
      if (i % ROWS_PER_PAUSE === ROWS_PER_PAUSE - 1) await pause();
    }
  };
  for (const [key, kind] of Object.entries(COLUMNS) as [keyof CaseSummary, Kind][]) {
    if (kind === 'number') {
      const values = new Float64Array(summaries.length);
      let i = 0;
      await each((s) => void (values[i++] = s[key] as number));
      w.chunks.push(Buffer.from(values.buffer));
    } else if (kind === 'json') {
      const parts: string[] = [];
      await each((s) => void parts.push(JSON.stringify(s[key])));
      const bytes = Buffer.from(`[${parts.join(',')}]`, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32LE(bytes.length);
      w.chunks.push(length, bytes);
    } else {
      const shared = new Map<string, number>();
      const table: string[] = [];
      const dedupe = SHARED.has(key);
      const indexOf = (value: string | null) => {
        if (value === null) return NULL_INDEX;
        if (!dedupe) return table.push(value) - 1;
        let index = shared.get(value);
        if (index === undefined) shared.set(value, (index = table.push(value) - 1));
        return index;
      };
      const counts: number[] = [];
      const indices: number[] = [];
      await each((s) => {
        const value = s[key] as string | null | string[];
        if (kind !== 'strings') indices.push(indexOf(value as string | null));
        else {
          counts.push((value as string[]).length);
          for (const item of value as string[]) indices.push(indexOf(item));
        }
      });
      w.table(table);
      if (kind === 'strings') w.u32s(counts);
      w.u32s(indices);
    }
  }
  return Buffer.concat(w.chunks);
}

/** A string column: its table's text and where each string starts, the indices per case, cut into strings as asked. */
class Column {
  private readonly starts: Uint32Array;
  private readonly firsts: Uint32Array | null;
  /** The strings of a shared column, made once. */
  private readonly made: (string | undefined)[] | null;
  constructor(
    key: string,
    private readonly nullable: boolean,
    private readonly text: string,
    lengths: Uint32Array,
    counts: Uint32Array | null,
    private readonly indices: Uint32Array,
    shared: boolean,
  ) {
    this.starts = new Uint32Array(lengths.length + 1);
    let at = 0;
    for (let i = 0; i < lengths.length; i++) this.starts[i + 1] = at += lengths[i]!;
    if (at !== text.length) throw new Error('snapshot: string table does not add up');
    this.firsts = counts && new Uint32Array(counts.length + 1);
    if (counts) for (let i = 0; i < counts.length; i++) this.firsts![i + 1] = this.firsts![i]! + counts[i]!;
    this.made = shared ? new Array(lengths.length) : null;
    // Every index is checked now: rows are made into summaries only when asked (SnapshotRows), and a file this code
    // did not write must be rejected at start-up (the index is then rebuilt), not when a list first reaches the row.
    const entries = lengths.length;
    const nullOk = nullable && !counts;
    for (let i = 0; i < indices.length; i++) {
      const index = indices[i]!;
      if (index >= entries && !(nullOk && index === NULL_INDEX)) throw new Error(`snapshot: ${key} points outside its table`);
    }
  }
  private string(index: number): string {
    if (!this.made) return this.text.slice(this.starts[index], this.starts[index + 1]);
    return (this.made[index] ??= this.text.slice(this.starts[index], this.starts[index + 1]));
  }
  one(row: number): string | null {
    const index = this.indices[row]!;
    return index === NULL_INDEX && this.nullable ? null : this.string(index);
  }
  /** Calls `fn` with each of the row's items (a strings column), without making the list. */
  each(row: number, fn: (item: string) => void): void {
    for (let k = this.firsts![row]!; k < this.firsts![row + 1]!; k++) fn(this.string(this.indices[k]!));
  }
  has(row: number, value: string): boolean {
    for (let k = this.firsts![row]!; k < this.firsts![row + 1]!; k++) if (this.string(this.indices[k]!) === value) return true;
    return false;
  }
  list(row: number): string[] {
    const from = this.firsts![row]!;
    const items = new Array<string>(this.firsts![row + 1]! - from);
    for (let k = 0; k < items.length; k++) items[k] = this.string(this.indices[from + k]!);
    return items;
  }
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  private take(bytes: number): Buffer {
    if (!(bytes >= 0) || this.at + bytes > this.buf.length) throw new Error('snapshot cut short');
    const part = this.buf.subarray(this.at, this.at + bytes);
    this.at += bytes;
    return part;
  }
  u32(): number {
    return this.take(4).readUInt32LE(0);
  }
  /** Copied out: a typed array over the file's bytes would need them aligned. Taken first: a bad count throws, allocates nothing. */
  u32s(n: number): Uint32Array {
    const bytes = this.take(n * 4);
    const out = new Uint32Array(n);
    Buffer.from(out.buffer).set(bytes);
    return out;
  }
  f64s(n: number): Float64Array {
    const bytes = this.take(n * 8);
    const out = new Float64Array(n);
    Buffer.from(out.buffer).set(bytes);
    return out;
  }
  text(bytes: number, encoding: 'latin1' | 'utf16le' | 'utf8'): string {
    return this.take(bytes).toString(encoding);
  }
  column(key: keyof CaseSummary, kind: Kind, count: number): Column {
    const entries = this.u32();
    const encoding = this.take(1)[0];
    if (encoding !== 0 && encoding !== 1) throw new Error('snapshot: unknown text encoding');
    const bytes = this.u32();
    const lengths = this.u32s(entries);
    const text = this.text(bytes, encoding === 0 ? 'latin1' : 'utf16le');
    const counts = kind === 'strings' ? this.u32s(count) : null;
    const indices = this.u32s(counts ? counts.reduce((a, b) => a + b, 0) : count);
    return new Column(key, kind === 'string?', text, lengths, counts, indices, SHARED.has(key));
  }
  get done(): boolean {
    return this.at === this.buf.length;
  }
}

/** The version a snapshot was written with, or null when the bytes are not a snapshot in this encoding. */
export function snapshotVersion(bytes: Buffer): number | null {
  return bytes.length >= 12 && bytes.subarray(0, 4).equals(MAGIC) ? bytes.readUInt32LE(4) : null;
}

/**
 * A decoded snapshot whose rows become summaries only when asked: at 100k cases, making every summary (and the
 * garbage collector moving them all out of the young generation) was most of the start-up, while the first screen
 * shows one page. The columns answer the few things needed of every row without a summary: its id and number, the
 * related-case keys, a search text, and a quick first test of a filter (prefilter).
 */
export class SnapshotRows {
  constructor(
    readonly count: number,
    private readonly n: Record<keyof CaseSummary, Float64Array>,
    private readonly c: Record<keyof CaseSummary, Column>,
    private readonly sessions: unknown[],
  ) {}

  id(row: number): string {
    return this.c.id.one(row)!;
  }
  year(row: number): number {
    return this.n.year[row]!;
  }
  seq(row: number): number {
    return this.n.seq[row]!;
  }
  mediatorIds(row: number): string[] {
    return this.c.mediatorIds.list(row);
  }
  /** searchTextOf the row's summary. */
  searchText(row: number): string {
    return searchTextOf({ caseNumber: this.c.caseNumber.one(row)!, title: this.c.title.one(row)!, agents: this.c.agents.list(row) });
  }
  /** The row's identity keys and names, as CaseIndex posts a summary's (identityKeys, then applicants, respondents). */
  eachPosting(row: number, key: (k: string) => void, name: (n: string) => void): void {
    this.c.identityKeys.each(row, key);
    this.c.applicants.each(row, name);
    this.c.respondents.each(row, name);
  }

  /**
   * A test every row that compileFilter(filter) keeps passes, from the columns alone (so that a filtered list does
   * not make a summary of every case to reject most of them); null when it would rule nothing out. `exact` when it
   * is the whole filter (all but the text), so that a row it keeps needs no summary to be counted: the conditions on
   * sessions and on a scan awaited are left to the filter itself, and the test is then only a necessary condition.
   */
  prefilter(filter: CaseFilter | undefined): { test: (row: number) => boolean; exact: boolean } | null {
    if (!filter) return null;
    const { c } = this;
    const checks: ((row: number) => boolean)[] = [];
    if (filter.ids) {
      const wanted = new Set(filter.ids);
      checks.push((row) => wanted.has(c.id.one(row)!));
    }
    const { status, disputeType, mediatorId, registeredFrom, dueBy } = filter;
    if (status) checks.push((row) => status.includes(c.status.one(row) as CaseSummary['status']));
    if (disputeType) checks.push((row) => c.disputeType.one(row) === disputeType);
    if (mediatorId) checks.push((row) => c.mediatorIds.has(row, mediatorId));
    const room = filter.room?.trim();
    if (room) checks.push((row) => c.room.one(row) === room);
    if (registeredFrom) checks.push((row) => c.registeredAt.one(row)! >= registeredFrom);
    if (dueBy) {
      checks.push((row) => {
        const agreementDue = c.agreementDue.one(row);
        const confirmationDue = c.confirmationDue.one(row);
        return (agreementDue !== null && agreementDue <= dueBy) || (confirmationDue !== null && confirmationDue <= dueBy);
      });
    }
    if (checks.length === 0) return null;
    return {
      test: (row) => {
        for (const check of checks) if (!check(row)) return false;
        return true;
      },
      exact: filter.scanAwaited === undefined && !filter.sessionBetween,
    };
  }

  /** The row as a summary, in the shape every summary has (as JSON.parse gave them): a new object each call. */
  summary(i: number): CaseSummary {
    const { n, c } = this;
    return {
      id: c.id.one(i)!,
      caseNumber: c.caseNumber.one(i)!,
      year: n.year[i]!,
      seq: n.seq[i]!,
      revision: n.revision[i]!,
      status: c.status.one(i) as CaseSummary['status'],
      disputeType: c.disputeType.one(i)!,
      disputeSubType: c.disputeSubType.one(i)!,
      source: c.source.one(i)!,
      riskLevel: c.riskLevel.one(i)!,
      complexity: c.complexity.one(i)!,
      escalation: c.escalation.list(i),
      title: c.title.one(i)!,
      applicants: c.applicants.list(i),
      respondents: c.respondents.list(i),
      agents: c.agents.list(i),
      identityKeys: c.identityKeys.list(i),
      mediatorIds: c.mediatorIds.list(i),
      room: c.room.one(i)!,
      registeredAt: c.registeredAt.one(i)!,
      updatedAt: c.updatedAt.one(i)!,
      mediationDue: c.mediationDue.one(i),
      decidedAt: c.decidedAt.one(i),
      agreementDue: c.agreementDue.one(i),
      confirmationDue: c.confirmationDue.one(i),
      scanAwaitedSince: c.scanAwaitedSince.one(i),
      agreementStatus: c.agreementStatus.one(i) as CaseSummary['agreementStatus'],
      sessions: this.sessions[i] as CaseSummary['sessions'],
    };
  }
}

/** Reads what encodeSnapshot wrote, every column checked; throws on anything else. The rows are made when asked. */
export function openSnapshot(bytes: Buffer): SnapshotRows {
  if (snapshotVersion(bytes) === null) throw new Error('not a snapshot');
  const r = new Reader(bytes.subarray(12));
  const count = bytes.readUInt32LE(8);
  const n = {} as Record<keyof CaseSummary, Float64Array>;
  const c = {} as Record<keyof CaseSummary, Column>;
  let sessions: unknown[] = [];
  for (const [key, kind] of Object.entries(COLUMNS) as [keyof CaseSummary, Kind][]) {
    if (kind === 'number') n[key] = r.f64s(count);
    else if (kind === 'json') {
      sessions = JSON.parse(r.text(r.u32(), 'utf8')) as unknown[];
      if (!Array.isArray(sessions) || sessions.length !== count || !sessions.every(Array.isArray)) throw new Error(`snapshot: ${key} is not a list per case`);
    } else c[key] = r.column(key, kind, count);
  }
  if (!r.done) throw new Error('snapshot: bytes after the last column');
  return new SnapshotRows(count, n, c, sessions);
}

/** Decodes what encodeSnapshot wrote into summaries; throws on anything else. */
export function decodeSnapshot(bytes: Buffer): CaseSummary[] {
  const rows = openSnapshot(bytes);
  const summaries = new Array<CaseSummary>(rows.count);
  for (let i = 0; i < rows.count; i++) summaries[i] = rows.summary(i);
  return summaries;
}
