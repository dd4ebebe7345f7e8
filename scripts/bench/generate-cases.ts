/**
 * Bulk generation of cases in the store's own formats, shared by the host benchmark (bench.ts) and the UI benchmark
 * (ui/seed.ts): case folders written straight to disk (case.json that CaseRecordSchema accepts on the way back in,
 * audit.jsonl with a real hash chain, empty documents/ and attachments/), without fsync. The store indexes the new
 * folders once when it next opens: creating 100k cases through the fsynced create path would take minutes and
 * measure nothing the benchmarks care about. Deterministic: case i is made from seededRng(i) alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { GENESIS_HASH, hashEvent } from '../../electron/main/storage/audit-log';
import {
  CASE_SCHEMA_VERSION,
  type AuditEvent,
  type CaseAction,
  type CaseActionType,
  type CaseRecord,
  DEFAULT_CASE_NUMBER_PATTERN,
  disputeTypeLabel,
  formatCaseNumber,
  normaliseCaseInput,
} from '../../electron/shared/domain';
import { addDays } from '../../electron/shared/validation/dates';
import { seededRng, syntheticCase } from '../../tests/fixtures/cases';

export interface Staffing {
  adminId: string;
  adminName: string;
  mediators: { id: string; name: string }[];
}

/** Final status of a generated case and the history that leads there (weights: a center with years of history). */
export const LIFECYCLES: readonly (readonly [readonly CaseActionType[], number])[] = [
  [[], 6], // 待受理
  [['ACCEPTED'], 5],
  [['ACCEPTED', 'ASSIGNED'], 10],
  [['ACCEPTED', 'ASSIGNED', 'SESSION_RECORDED'], 6],
  [['ACCEPTED', 'ASSIGNED', 'SESSION_RECORDED', 'SUSPENDED'], 1],
  [['ACCEPTED', 'ASSIGNED', 'SESSION_RECORDED', 'AGREEMENT_REACHED'], 6],
  [['ACCEPTED', 'ASSIGNED', 'SESSION_RECORDED', 'AGREEMENT_REACHED', 'CLOSED'], 30],
  [['ACCEPTED', 'ASSIGNED', 'SESSION_RECORDED', 'MEDIATION_TERMINATED', 'CLOSED'], 8],
  [['ACCEPTED', 'ASSIGNED', 'SESSION_RECORDED', 'AGREEMENT_REACHED', 'CLOSED', 'ARCHIVED'], 22],
  [['REFUSED', 'CLOSED'], 2],
  [['TRANSFERRED', 'TRANSFER_REPLIED'], 2],
  [['TRANSFERRED', 'TRANSFER_REPLIED', 'CLOSED'], 2],
];

const ACTION_NOTES: Partial<Record<CaseActionType, string>> = {
  ACCEPTED: '材料齐全，予以受理',
  ASSIGNED: '指派调解员',
  SESSION_RECORDED: '第一次调解',
  AGREEMENT_REACHED: '双方达成调解协议',
  MEDIATION_TERMINATED: '一方拒绝继续调解，调解终止',
  CLOSED: '结案',
  ARCHIVED: '归档',
  REFUSED: '不属于人民调解受理范围',
  TRANSFERRED: '转交劳动人事争议仲裁委员会',
  TRANSFER_REPLIED: '已收到转办单位反馈',
  SUSPENDED: '当事人住院治疗，中止调解',
};

/** Registration time of the i-th generated case: one every 45 minutes from 2017 (about 11.7k cases a year). */
const EPOCH = Date.parse('2017-01-02T00:30:00Z');
const STEP_MS = 45 * 60 * 1000;

export class Generator {
  private readonly perYear = new Map<number, number>();
  generated = 0;

  constructor(
    private readonly casesDir: string,
    private readonly staff: Staffing,
    /** The center's 编号简称, as set up (case numbers are formatted with it). */
    private readonly caseNumberAbbr: string,
    /** Seals each file as the store would (storage/sealed-fs.ts sealerFor), with the center's data key. */
    private readonly seal: (file: string, data: Uint8Array) => Uint8Array = (_file, data) => data,
  ) {}

  /** Writes cases [generated, target) as folders. Returns the time taken (ms). */
  topUp(target: number): number {
    const t0 = performance.now();
    for (let i = this.generated; i < target; i++) this.writeCase(i);
    this.generated = Math.max(this.generated, target);
    return performance.now() - t0;
  }

  private writeCase(i: number): void {
    const rng = seededRng(0x9e3779b1 ^ (i + 1));
    const created = new Date(EPOCH + i * STEP_MS + rng.int(0, 30) * 60_000);
    const createdAt = created.toISOString();
    const today = createdAt.slice(0, 10);
    const year = Number(createdAt.slice(0, 4)); // UTC year; close enough for generated history
    const seq = (this.perYear.get(year) ?? 0) + 1;
    this.perYear.set(year, seq);
    const input = normaliseCaseInput(syntheticCase(i, rng, today), today);
    const id = rng.uuid();

    const steps = rng.weighted(LIFECYCLES);
    const actions: CaseAction[] = [{ id: rng.uuid(), type: 'REGISTERED', at: createdAt, by: this.staff.adminId, note: '' }];
    let at = created.getTime();
    const mediator = rng.pick(this.staff.mediators);
    for (const type of steps) {
      at += rng.int(1, 10) * 86_400_000;
      actions.push({ id: rng.uuid(), type, at: new Date(at).toISOString(), by: type === 'ACCEPTED' || type === 'REFUSED' ? this.staff.adminId : mediator.id, note: ACTION_NOTES[type] ?? '' });
    }
    const assigned = steps.includes('ASSIGNED');
    const record: CaseRecord = {
      schemaVersion: CASE_SCHEMA_VERSION,
      id,
      caseNumber: formatCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, year, this.caseNumberAbbr, seq),
      year,
      seq,
      revision: actions.length,
      createdAt,
      updatedAt: actions.at(-1)!.at,
      dispute: input.dispute,
      parties: input.parties,
      agents: input.agents,
      assignment: assigned ? { mediatorIds: [mediator.id], room: rng.pick(['交通事故调解室', '劳动争议调解室', '婚姻家庭调解室', '综合调解室']) } : null,
      deadlines: { mediationDue: assigned ? addDays(today, 30) : null, transferReplyDue: null },
      decision: null,
      sessions: [],
      attachments: [],
      termination: null,
      agreement: null,
      documents: [],
      actions,
    };

    let prevHash = GENESIS_HASH;
    const audit = actions.map((a, seqNo) => {
      const actorName = a.by === this.staff.adminId ? this.staff.adminName : mediator.name;
      const base: Omit<AuditEvent, 'hash'> = { seq: seqNo, at: a.at, actorId: a.by, actorName, caseId: id, action: seqNo === 0 ? 'cases:create' : `cases:${a.type.toLowerCase()}`, detail: seqNo === 0 ? `登记${disputeTypeLabel(record.dispute.disputeType)}` : a.note, prevHash };
      const event: AuditEvent = { ...base, hash: hashEvent(base) };
      prevHash = event.hash;
      return JSON.stringify(event);
    });

    const dir = path.join(this.casesDir, id);
    mkdirSync(path.join(dir, 'documents'), { recursive: true });
    mkdirSync(path.join(dir, 'attachments'));
    const write = (file: string, text: string) => writeFileSync(file, this.seal(file, Buffer.from(text, 'utf8')));
    write(path.join(dir, 'case.json'), JSON.stringify(record));
    write(path.join(dir, 'audit.jsonl'), `${audit.join('\n')}\n`);
  }
}


/** `sync(1)`: write back all dirty pages (POSIX; a no-op where there is no sync command). */
export function flushPageCache(): void {
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // Windows: nothing equivalent without native code; measurements may then include write-back noise.
  }
}
