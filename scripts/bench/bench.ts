/**
 * Case-store and document benchmark:
 * `npx tsx scripts/bench/bench.ts [--json] [--sizes 1000,10000,100000] [--samples 200] [--keep] [--only store|documents|workflows|auth|backup|desks]`
 * (`--only desks`: the multi-desk run of desks/run.ts on the file store and PostgreSQL side by side, at the largest size)
 *
 * Builds one data directory that grows through the requested sizes. The bulk of the cases is written straight
 * into case folders in the store's own formats by generate-cases.ts (case.json validated by CaseRecordSchema on
 * the way back in, audit.jsonl with a real hash chain, documents/ and attachments/), without fsync, and the store
 * then indexes the new folders once when it opens: creating 100k cases through the fsynced create path would take
 * minutes and measure nothing the "save" samples below do not. Everything that is measured goes through the real store:
 * Workstation.open, dispatch('cases:get' | 'cases:list' | 'cases:create') and ws.cases.update / ws.cases.related.
 *
 * Documents: the 2-page 人民调解协议书 of the document fixtures (tests/fixtures/documents.ts) rendered to PDF and to
 * DOCX, warm (after a few renders), median and p95, and the size of the PDF with its font subset.
 * `--only documents` runs that part alone (no case generation).
 *
 * Accounts and the policy table (auth.ts, `--only auth`): a real sign-in through dispatch and the scrypt verify
 * alone (budget: 50–300 ms), `decide()` for every method (budget: p95 < 0.05 ms a call), and `cases:get` through
 * dispatch against its handler alone (what the policy check, the case facts and the parse add to a call).
 *
 * Backups (backup.ts, `--only backup [--backup-store both|file|pg]`, not part of a run without --only): full backup,
 * incremental after 100 changed cases and full restore at each size, on the file store and on PostgreSQL (budgets at
 * the largest size: full <= 2 min, incremental <= 10 s, restore <= 3 min).
 *
 * Prints a table and budget verdicts; with --json the last line is one JSON object of snake_case metrics.
 */
import '../../electron/main/threadpool';
import { randomBytes, randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../electron/main/api/dispatch';
import { buildDocumentData } from '../../electron/main/documents/document-data';
import type { TemplateDefinition } from '../../electron/main/documents/model';
import { renderDocx } from '../../electron/main/documents/render-docx';
import { renderPdf } from '../../electron/main/documents/render-pdf';
import { fixedClock } from '../../electron/main/services/clock';
import { createCenterCertificate, inspectPdfSignature, signPdf } from '../../electron/main/signing';
import { sealerFor } from '../../electron/main/storage/sealed-fs';
import { checkAllData } from '../../electron/main/services/data-check';
import { subKey } from '../../electron/main/crypto/keyring';
import { Workstation } from '../../electron/main/services/workstation';
import { type CaseStatus, disputeTypeLabel, getCaseSummary } from '../../electron/shared/domain';
import type { ApiContract } from '../../electron/shared/ipc/contract';
import type { ApiMethod } from '../../electron/shared/ipc/channels';
import { TEMPLATES } from '../../templates';
import { FIXTURE_NOW, type Rng, chineseName, seededRng, syntheticCase } from '../../tests/fixtures/cases';
import { twoPageAgreementInput } from '../../tests/fixtures/documents';
import { Generator, type Staffing, flushPageCache } from './generate-cases';
import { type AuthMetrics, BENCH_SETUP, measureAuth } from './auth';
import { type WorkflowMetrics, measureWorkflows } from './workflows';
import { type BackupBenchStore, type BackupMetrics, measureBackup } from './backup';

// ---------------------------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------------------------

function parseArgs(argv: string[]) {
  const opts = { json: false, sizes: [1000, 10_000, 100_000], samples: 200, keep: false, loadRuns: 5, only: 'all' as 'all' | 'store' | 'documents' | 'workflows' | 'auth' | 'backup' | 'desks', docSamples: 20, backupStore: 'both' as BackupBenchStore };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!v) throw new Error(`missing value for ${arg}`);
      return v;
    };
    if (arg === '--json') opts.json = true;
    else if (arg === '--keep') opts.keep = true;
    else if (arg.startsWith('--sizes')) opts.sizes = value().split(',').map((s) => Number(s.trim().replace(/k$/i, '000')));
    else if (arg.startsWith('--samples')) opts.samples = Number(value());
    else if (arg.startsWith('--load-runs')) opts.loadRuns = Number(value());
    else if (arg.startsWith('--doc-samples')) opts.docSamples = Number(value());
    else if (arg.startsWith('--only')) {
      const only = value();
      if (only !== 'store' && only !== 'documents' && only !== 'workflows' && only !== 'auth' && only !== 'backup' && only !== 'desks') throw new Error('--only: store, documents, workflows, auth, backup or desks');
      opts.only = only;
    } else if (arg.startsWith('--backup-store')) {
      const store = value();
      if (store !== 'both' && store !== 'file' && store !== 'pg') throw new Error('--backup-store: both, file or pg');
      opts.backupStore = store;
    }
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: tsx scripts/bench/bench.ts [--json] [--sizes 1000,10000,100000] [--samples 200] [--load-runs 5] [--keep] [--only store|documents|workflows|auth|backup] [--backup-store both|file|pg] [--doc-samples 20]');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (opts.sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error('--sizes: integers >= 10');
  if (!Number.isInteger(opts.docSamples) || opts.docSamples < 5) throw new Error('--doc-samples: an integer >= 5');
  opts.sizes.sort((a, b) => a - b);
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
/** Progress goes to stderr so that stdout stays the table (and the JSON line). */
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

// ---------------------------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------------------------

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
const median = (xs: number[]) => percentile(xs, 0.5);
const round = (x: number) => Math.round(x * 1000) / 1000;

async function sample(n: number, warmup: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// API helpers
// ---------------------------------------------------------------------------------------------------------------

const CONN = 'bench';
const CLOCK = fixedClock(FIXTURE_NOW);
/** The first administrator also does every kind of case work (bench measures the store, not the roles). */
const SETTINGS = { ...BENCH_SETUP, otherRoles: [...BENCH_SETUP.otherRoles] };
const STAFF_PASSWORD = 'Chushi-mima-01';

async function call<K extends ApiMethod>(ws: Workstation, method: K, payload?: ApiContract[K]['input']): Promise<ApiContract[K]['output']> {
  const result = await dispatch(ws, CONN, method, payload);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as ApiContract[K]['output'];
}

/**
 * Start-up as a desk sees it: the folder opened, then the first sign-in, which unwraps the data key (scrypt) and opens
 * the sealed store. A folder not set up yet opens without it.
 */
async function openWs(dataDir: string): Promise<Workstation> {
  const ws = await Workstation.open({ dataDir, host: 'web', version: 'bench', clock: CLOCK });
  if (ws.state.data.keyring) await call(ws, 'auth:sign-in', { loginName: SETTINGS.loginName, password: SETTINGS.password });
  return ws;
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------------------------

type Metrics = Record<string, number>;

const STATUSES_WITH_DETAILS: CaseStatus[] = ['registered', 'accepted', 'mediating'];
const LIST_STATUSES: CaseStatus[] = ['registered', 'accepted', 'mediating', 'agreed', 'closed', 'archived'];
const DISPUTE_CODES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15'] as const;

async function measure(dataDir: string, size: number, staff: Staffing): Promise<Metrics> {
  const m: Metrics = {};
  const rng: Rng = seededRng(size);

  // Start-up: open an existing directory (snapshot load, folder scan, sequence), several runs.
  const loads: number[] = [];
  for (let r = 0; r < opts.loadRuns; r++) {
    const t0 = performance.now();
    const ws = await openWs(dataDir);
    loads.push(performance.now() - t0);
    await ws.close();
  }
  m.index_load_ms = median(loads);
  m.index_load_max_ms = Math.max(...loads);

  // The related-case postings are built in the background just after start-up (FileCaseStore.open). A clerk's first
  // lookup comes seconds later: measure it after one second. Then, on a fresh open, the cold cost of a lookup typed
  // before the warm-up ran (it builds the postings itself).
  const warmWs = await openWs(dataDir);
  await new Promise((r) => setTimeout(r, 1000));
  let t0 = performance.now();
  await warmWs.cases.related(['tel:13900000000'], ['张伟']);
  m.related_first_call_ms = performance.now() - t0;
  await warmWs.close();
  const ws = await openWs(dataDir);
  t0 = performance.now();
  await ws.cases.related(['tel:13900000000'], ['张伟']);
  m.related_cold_build_ms = performance.now() - t0;
  await call(ws, 'auth:sign-in', { loginName: SETTINGS.loginName, password: SETTINGS.password });
  const everything = await call(ws, 'cases:list', { page: 1, pageSize: 1 });
  m.cases = everything.total;
  m.heap_mb = process.memoryUsage().heapUsed / 2 ** 20;
  m.snapshot_mb = statSync(path.join(dataDir, 'index', 'snapshot.bin')).size / 2 ** 20;

  // Random case ids: a page of 200 from random offsets.
  const ids: string[] = [];
  const pages = Math.ceil(everything.total / 200);
  for (let k = 0; k < 10; k++) ids.push(...(await call(ws, 'cases:list', { page: rng.int(1, pages), pageSize: 200 })).items.map((i) => i.id));

  // Open one case.
  const open = await sample(opts.samples, 20, () => call(ws, 'cases:get', { id: rng.pick(ids) }));
  m.open_p50_ms = percentile(open, 0.5);
  m.open_p95_ms = percentile(open, 0.95);

  // First page of the list with status + dispute-type filter.
  const filtered = await sample(opts.samples, 20, () => call(ws, 'cases:list', { page: 1, pageSize: 20, status: rng.pick(LIST_STATUSES), disputeType: rng.pick(DISPUTE_CODES) }));
  m.list_filtered_p50_ms = percentile(filtered, 0.5);
  m.list_filtered_p95_ms = percentile(filtered, 0.95);

  // First page with a text filter: a party name, a case-number fragment, or a company word.
  const texts = () => rng.weighted([[chineseName(rng, rng.chance(0.5) ? 'male' : 'female'), 5], [`第${String(rng.int(1, 9999)).padStart(4, '0')}号`, 3], [rng.pick(['货运', '物业', '医院', '服饰']), 2]] as const);
  const text = await sample(opts.samples, 20, () => call(ws, 'cases:list', { page: 1, pageSize: 20, text: texts() }));
  m.list_text_p50_ms = percentile(text, 0.5);
  m.list_text_p95_ms = percentile(text, 0.95);

  // Related-case lookup for real cases: by resident-ID key, by phone, by name, and all of a case's keys and names.
  const probes: { id: string; keys: string[]; names: string[] }[] = [];
  for (let k = 0; k < opts.samples; k++) {
    const record = await ws.cases.get(rng.pick(ids));
    const summary = getCaseSummary(record, disputeTypeLabel);
    probes.push({ id: record.id, keys: summary.identityKeys, names: [...summary.applicants, ...summary.respondents] });
  }
  const byKind = async (pick: (p: (typeof probes)[number]) => { keys: string[]; names: string[] }) => {
    let k = 0;
    return sample(probes.length, 10, (i) => {
      const p = probes[i < 0 ? 0 : k++ % probes.length]!;
      const q = pick(p);
      return ws.cases.related(q.keys, q.names, p.id);
    });
  };
  const relId = await byKind((p) => ({ keys: p.keys.filter((x) => x.startsWith('id:')).slice(0, 1), names: [] }));
  const relPhone = await byKind((p) => ({ keys: p.keys.filter((x) => x.startsWith('tel:')).slice(0, 1), names: [] }));
  const relName = await byKind((p) => ({ keys: [], names: p.names.slice(0, 1) }));
  const relAll = await byKind((p) => ({ keys: p.keys, names: p.names }));
  m.related_id_p95_ms = percentile(relId, 0.95);
  m.related_phone_p95_ms = percentile(relPhone, 0.95);
  m.related_name_p95_ms = percentile(relName, 0.95);
  m.related_p50_ms = percentile(relAll, 0.5);
  m.related_p95_ms = percentile(relAll, 0.95);

  // Save one case: a durable update through the store (audit append, journal append, case file replace, fsyncs).
  const editable: { id: string }[] = [];
  for (const status of STATUSES_WITH_DETAILS) {
    const { total } = await call(ws, 'cases:list', { page: 1, pageSize: 1, status });
    editable.push(...(await call(ws, 'cases:list', { page: rng.int(1, Math.max(1, Math.ceil(total / 200))), pageSize: 200, status })).items);
  }
  const admin = { actorId: staff.adminId, actorName: staff.adminName };
  let note = 0;
  const saveOnly: number[] = [];
  const saves = Math.max(opts.samples, 200);
  for (let k = -20; k < saves; k++) {
    const target = rng.pick(editable).id;
    const current = await ws.cases.get(target); // what the form was opened with: not part of the save
    const at = CLOCK.now().toISOString();
    const t0 = performance.now();
    await ws.cases.update(
      target,
      current.revision,
      (c) => ({
        ...c,
        updatedAt: at,
        dispute: { ...c.dispute, occurredPlace: `${c.dispute.occurredPlace.slice(0, 150)}（更正${++note}）` },
        actions: [...c.actions, { id: randomUUID(), type: 'DETAILS_UPDATED', at, by: staff.adminId, note: '更正纠纷发生地点' }],
      }),
      { ...admin, action: 'cases:update', detail: '修改登记信息' },
    );
    if (k >= 0) saveOnly.push(performance.now() - t0); // the first 20 are warm-up
  }
  m.save_p50_ms = percentile(saveOnly, 0.5);
  m.save_p95_ms = percentile(saveOnly, 0.95);

  // 数据核验 of every case (npm run verify, the administrator's screen): each record authenticated, checked against
  // its trail, each chain verified.
  t0 = performance.now();
  const checked = await checkAllData(ws.cases, () => CLOCK.now());
  m.verify_all_ms = performance.now() - t0;
  m.verify_files = checked.files;
  m.verify_problems = checked.problems.length;

  // Register a case through the API (validation, number allocation, folder creation, audit, journal, case file).
  let n = 0;
  const create = await sample(Math.max(opts.samples, 200), 10, () => call(ws, 'cases:create', syntheticCase(500_000 + size + n++, seededRng(size * 7 + n))));
  m.create_p50_ms = percentile(create, 0.5);
  m.create_p95_ms = percentile(create, 0.95);

  // Closing compacts the index: the stall every COMPACT_AFTER saves costs about this much.
  t0 = performance.now();
  await ws.close();
  m.compact_ms = performance.now() - t0;
  return m;
}

/**
 * Runs every measured path a few hundred times on a scratch store first, so that the first size measured is not
 * the one that pays for V8 compiling the zod schemas and the store code (which made "1k" look slower than "100k").
 */
async function warmUp(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mediation-bench-warmup-'));
  try {
    const ws = await openWs(dataDir);
    const { staff: admin } = await call(ws, 'setup:complete', SETTINGS);
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) ids.push((await call(ws, 'cases:create', syntheticCase(i, seededRng(i)))).id);
    const rng = seededRng(1);
    for (let k = 0; k < 300; k++) {
      const id = rng.pick(ids);
      const current = await ws.cases.get(id);
      const at = CLOCK.now().toISOString();
      await ws.cases.update(id, current.revision, (c) => ({ ...c, updatedAt: at, actions: c.actions.length < 40 ? [...c.actions, { id: randomUUID(), type: 'DETAILS_UPDATED', at, by: admin.id, note: '' }] : c.actions }), { actorId: admin.id, actorName: admin.name, action: 'cases:update', detail: '' });
      await call(ws, 'cases:get', { id });
      await call(ws, 'cases:list', { page: 1, pageSize: 20, status: 'registered', disputeType: rng.pick(DISPUTE_CODES) });
      await call(ws, 'cases:list', { page: 1, pageSize: 20, text: chineseName(rng, 'male') });
      const summary = getCaseSummary(current, disputeTypeLabel);
      await ws.cases.related(summary.identityKeys, summary.applicants, id);
    }
    await ws.close();
    for (let r = 0; r < 3; r++) await (await openWs(dataDir)).close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------------------------

/** The form measured (issue 4's budget: "a 2-page agreement"). */
const DOC_TEMPLATE = 'agreement' satisfies keyof typeof TEMPLATES;
/** Metric key of the form: doc_agreement_pdf_p50_ms. */
const DOC_KEY = `doc_${DOC_TEMPLATE}`;

/** Pages of a pdfkit PDF (its page objects are written uncompressed). */
const pdfPageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;

/**
 * Render times of one form to PDF and to DOCX: the first render in the process (fonts read, code compiled), then,
 * after a warm-up of five renders each, `opts.docSamples` samples of each, alternating.
 */
async function measureDocuments(): Promise<Metrics> {
  const def: TemplateDefinition = TEMPLATES[DOC_TEMPLATE];
  const data = buildDocumentData(twoPageAgreementInput());
  const m: Metrics = {};
  let t0 = performance.now();
  const pdf = await renderPdf(def, data);
  m.pdf_first_ms = performance.now() - t0;
  t0 = performance.now();
  const docx = await renderDocx(def, data);
  m.docx_first_ms = performance.now() - t0;
  const pdfTimes = await sample(opts.docSamples, 5, () => renderPdf(def, data));
  const docxTimes = await sample(opts.docSamples, 5, () => renderDocx(def, data));
  m.pdf_p50_ms = percentile(pdfTimes, 0.5);
  m.pdf_p95_ms = percentile(pdfTimes, 0.95);
  m.docx_p50_ms = percentile(docxTimes, 0.5);
  m.docx_p95_ms = percentile(docxTimes, 0.95);
  m.pdf_kb = pdf.length / 1024;
  m.pdf_pages = pdfPageCount(pdf);
  m.docx_kb = docx.length / 1024;

  // PAdES signing of the rendered agreement with a generated center certificate (a new P12Signer each time, as in
  // the app), and inspectPdfSignature of the signed file and of 20 MB of junk with a forged ByteRange (the verify
  // screen's worst input). These were time limits in unit tests; timing belongs here.
  const certDir = await mkdtemp(path.join(os.tmpdir(), 'mediation-bench-cert-'));
  try {
    const cert = await createCenterCertificate(certDir, { centerName: BENCH_SETUP.centerName, committeeName: BENCH_SETUP.committeeName, now: new Date(), sealKey: randomBytes(32) });
    const info = { reason: '人民调解协议书 电子签章', name: BENCH_SETUP.committeeName, location: BENCH_SETUP.centerName, signedAt: new Date() };
    let signed = pdf;
    const signTimes = await sample(opts.docSamples, 3, async () => {
      signed = await signPdf(pdf, cert, info);
    });
    if (!inspectPdfSignature(signed).intact) throw new Error('the benchmark signature is not intact');
    m.sign_p50_ms = percentile(signTimes, 0.5);
    m.sign_p95_ms = percentile(signTimes, 0.95);
    m.inspect_signed_p50_ms = percentile(await sample(opts.docSamples, 3, () => inspectPdfSignature(signed)), 0.5);
    const junk = randomBytes(20 * 1024 * 1024);
    junk.write(`/ByteRange [0 100 ${junk.length - 100} 100] /Contents <${'ab'.repeat(40)}>`, 10 * 1024 * 1024, 'latin1');
    m.inspect_junk_20mb_p50_ms = percentile(await sample(5, 1, () => inspectPdfSignature(junk)), 0.5);
  } finally {
    await rm(certDir, { recursive: true, force: true });
  }
  return m;
}

// ---------------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------------

const label = (n: number) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));

async function main(): Promise<void> {
  const started = performance.now();
  // Several desks at once, the file store and PostgreSQL side by side (desks/run.ts: 5 desks, 10 minutes, the largest size).
  if (opts.only === 'desks') {
    const { spawnSync } = await import('node:child_process');
    const args = ['scripts/bench/desks/run.ts', '--cases', String(opts.sizes.at(-1)), ...(opts.json ? ['--json'] : [])];
    process.exitCode = spawnSync(process.execPath, [createRequire(import.meta.url).resolve('tsx/cli'), ...args], { stdio: 'inherit' }).status ?? 1;
    return;
  }
  const results = new Map<number, Metrics>();
  if (opts.only === 'all' || opts.only === 'store') await measureStore(results, started);
  let docs: Metrics | null = null;
  if (opts.only === 'all' || opts.only === 'documents') {
    log(`documents: rendering ${DOC_TEMPLATE} to PDF and DOCX …`);
    docs = await measureDocuments();
  }
  let flows: WorkflowMetrics | null = null;
  if (opts.only === 'all' || opts.only === 'workflows') {
    log('workflows: session autosave, session record, agreement taking effect …');
    flows = await measureWorkflows();
  }
  let auth: AuthMetrics | null = null;
  if (opts.only === 'all' || opts.only === 'auth') {
    log('auth: sign-in, decide() for every method, cases:get through dispatch …');
    auth = await measureAuth({ samples: Math.max(opts.samples, 200) * 10 });
  }
  let backups: Map<number, BackupMetrics> | null = null;
  if (opts.only === 'backup') {
    log(`backup: full, incremental after 100 changed cases, restore (${opts.backupStore}) …`);
    backups = await measureBackup({ sizes: opts.sizes, store: opts.backupStore, log });
  }
  report(results, docs, flows, auth, performance.now() - started, backups);
}

async function measureStore(results: Map<number, Metrics>, started: number): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mediation-bench-'));
  log(`data dir ${dataDir}`);
  log('warming up …');
  await warmUp();
  try {
    // First run: setup and a few mediators, through the API.
    const ws = await openWs(dataDir);
    const { staff: admin } = await call(ws, 'setup:complete', SETTINGS);
    const mediators = [];
    const mrng = seededRng(99);
    for (let k = 0; k < 8; k++) mediators.push(await call(ws, 'staff:create', { name: chineseName(mrng, mrng.chance(0.5) ? 'male' : 'female'), loginName: `mediator${k + 1}`, roles: ['mediator'], password: STAFF_PASSWORD }));
    // Generated folders are sealed with the center's key, as the store writes them.
    const seal = sealerFor(dataDir, subKey(ws.heldKey(), 'records'));
    await ws.close();
    const staff: Staffing = { adminId: admin.id, adminName: admin.name, mediators: mediators.map((s) => ({ id: s.id, name: s.name })) };
    const gen = new Generator(path.join(dataDir, 'cases'), staff, SETTINGS.caseNumberAbbr, seal);

    for (const size of opts.sizes) {
      log(`${label(size)}: writing ${size - gen.generated} case folders …`);
      const genMs = gen.topUp(size);
      // The generator does not fsync; flush its dirty pages now so that they are not written back (and do not
      // slow down the store's own fsyncs) in the middle of the measurements.
      flushPageCache();
      log(`${label(size)}: written in ${(genMs / 1000).toFixed(1)} s; first open indexes the new folders …`);
      const t0 = performance.now();
      const first = await openWs(dataDir);
      const indexNewMs = performance.now() - t0;
      await first.close();
      flushPageCache();
      log(`${label(size)}: indexed in ${(indexNewMs / 1000).toFixed(1)} s; measuring …`);
      const m = await measure(dataDir, size, staff);
      m.generate_ms = genMs;
      m.index_new_folders_ms = indexNewMs;
      results.set(size, m);
      log(`${label(size)}: done (${((performance.now() - started) / 1000).toFixed(0)} s so far)`);
    }
  } finally {
    if (opts.keep) log(`kept ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
  }
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

type Budget = [key: string, text: string, pass: boolean];

function report(results: Map<number, Metrics>, docs: Metrics | null, flows: WorkflowMetrics | null, auth: AuthMetrics | null, totalMs: number, backups: Map<number, BackupMetrics> | null = null): void {
  const json: Record<string, number | string | boolean> = {};
  const budgets: Budget[] = [];
  if (results.size > 0) reportStore(results, json, budgets, totalMs);
  if (docs) reportDocuments(docs, json, budgets);
  if (flows) reportWorkflows(flows, json, budgets);
  if (auth) reportAuth(auth, json, budgets);
  if (backups) reportBackups(backups, json, budgets);
  console.log('\nBudgets');
  for (const [key, text, pass] of budgets) {
    console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${text}`);
    json[`budget_${key}`] = pass ? 'PASS' : 'FAIL';
  }
  json.budgets_pass = budgets.every(([, , p]) => p);
  json.total_s = round(totalMs / 1000);
  if (opts.json) console.log(JSON.stringify(json));
  if (!json.budgets_pass) process.exitCode = 1;
}

function reportBackups(results: Map<number, BackupMetrics>, json: Record<string, number | string | boolean>, budgets: Budget[]): void {
  const sizes = [...results.keys()];
  const stores = (['file', 'pg'] as const).filter((s) => results.get(sizes[0]!)![`${s}_full_ms`] !== undefined);
  const rows: [string, string, string][] = [];
  for (const s of stores) {
    const name = s === 'file' ? 'file store' : 'PostgreSQL';
    rows.push(
      [`${name}: full backup`, 's', `${s}_full_ms`],
      [`${name}: files in a generation`, '', `${s}_full_files`],
      [`${name}: size of a generation`, 'MB', `${s}_full_mb`],
      [`${name}: incremental (100 cases changed)`, 's', `${s}_incremental_ms`],
      [`${name}: incremental objects written`, '', `${s}_incremental_objects_written`],
      [`${name}: incremental ${s === 'file' ? 'entries (case folders, …)' : 'entries (cases, center)'} read`, '', `${s}_incremental_entries_read`],
      [`${name}: incremental files read`, '', `${s}_incremental_files_read`],
      [`${name}: incremental files reused unread`, '', `${s}_incremental_files_reused`],
      [`${name}: full restore (with 数据核验)`, 's', `${s}_restore_ms`],
      [`${name}: problems after restore`, '', `${s}_restore_problems`],
      ...(s === 'pg' ? [[`${name}: seeding (fsync off, not a budget)`, 's', 'pg_seed_ms'] as [string, string, string]] : []),
    );
  }
  const value = (m: BackupMetrics, key: string, unit: string) => (unit === 's' ? m[key]! / 1000 : m[key]!);
  const w0 = Math.max(...rows.map(([n, u]) => n.length + u.length + 3));
  console.log(`\nBackups (Node ${process.version}, ${os.cpus().length} CPUs)\n`);
  console.log(`${'metric'.padEnd(w0)}${sizes.map((s) => label(s).padStart(11)).join('')}`);
  for (const [name, unit, key] of rows) console.log(`${`${name}${unit ? ` (${unit})` : ''}`.padEnd(w0)}${sizes.map((s) => fmt(value(results.get(s)!, key, unit)).padStart(11)).join('')}`);
  for (const [size, m] of results) for (const [k, v] of Object.entries(m)) json[`backup_${k}_${label(size)}`] = round(v);
  const large = sizes.at(-1)!;
  const L = results.get(large)!;
  for (const s of stores) {
    const name = s === 'file' ? 'file store' : 'PostgreSQL';
    budgets.push(
      [`backup_${s}_full_${label(large)}`, `${name}: full backup of ${label(large)} cases = ${fmt(L[`${s}_full_ms`]! / 1000)} s <= 120 s`, L[`${s}_full_ms`]! <= 120_000],
      [`backup_${s}_incremental_${label(large)}`, `${name}: incremental backup at ${label(large)} after ${100} changed cases = ${fmt(L[`${s}_incremental_ms`]! / 1000)} s <= 10 s`, L[`${s}_incremental_ms`]! <= 10_000],
      [`backup_${s}_restore_${label(large)}`, `${name}: full restore of ${label(large)} cases = ${fmt(L[`${s}_restore_ms`]! / 1000)} s <= 180 s, ${L[`${s}_restore_problems`]} problems`, L[`${s}_restore_ms`]! <= 180_000 && L[`${s}_restore_problems`] === 0],
    );
  }
}

function reportWorkflows(m: WorkflowMetrics, json: Record<string, number | string | boolean>, budgets: Budget[]): void {
  console.log('\nWorkflows (through the API, durable writes)\n');
  for (const [k, v] of Object.entries(m)) {
    console.log(`${k.padEnd(34)}${fmt(v).padStart(11)}`);
    json[`workflow_${k}`] = round(v);
  }
  budgets.push(
    ['autosave_2000', `session autosave of a 2,000-statement record p95 = ${fmt(m.autosave_2000_p95_ms!)} ms < 200 ms (the editor promises a save within 2 s)`, m.autosave_2000_p95_ms! < 200],
    ['autosave_changes_2000', `session autosave as the editor sends it (one statement changed) of a 2,000-statement record p95 = ${fmt(m.autosave_changes_2000_p95_ms!)} ms < 200 ms`, m.autosave_changes_2000_p95_ms! < 200],
    ['agreement_effective', `agreement taking effect (signed PDF rendered and PAdES-signed) p50 = ${fmt(m.agreement_effective_p50_ms!)} ms < 1000 ms`, m.agreement_effective_p50_ms! < 1000],
  );
}

function reportAuth(m: AuthMetrics, json: Record<string, number | string | boolean>, budgets: Budget[]): void {
  const n = (k: string) => m[k] as number;
  const us = (ms: number) => `${(ms * 1000).toFixed(2)} µs`;
  const rows: [string, string][] = [
    ['sign-in through dispatch p50 (ms)', fmt(n('sign_in_p50_ms'))],
    ['sign-in through dispatch p95 (ms)', fmt(n('sign_in_p95_ms'))],
    [`scrypt verify alone p50 (ms; N=2^${Math.log2(n('scrypt_n'))}, r=${n('scrypt_r')})`, fmt(n('scrypt_verify_p50_ms'))],
    ['scrypt verify alone p95 (ms)', fmt(n('scrypt_verify_p95_ms'))],
    [`decide() per call p50 (${n('decide_methods')} methods)`, us(n('decide_p50_ms'))],
    ['decide() per call p95', us(n('decide_p95_ms'))],
    [`decide() worst method p95 (${m.decide_worst_method})`, us(n('decide_worst_method_p95_ms'))],
    ['cases:get through dispatch p50 (ms)', fmt(n('cases_get_dispatch_p50_ms'))],
    ['cases:get through dispatch p95 (ms)', fmt(n('cases_get_dispatch_p95_ms'))],
    ['cases:get handler alone p50 (ms)', fmt(n('cases_get_handler_p50_ms'))],
    ['cases:get handler alone p95 (ms)', fmt(n('cases_get_handler_p95_ms'))],
    ['dispatch adds (policy, facts, parse) p50 (ms)', fmt(n('dispatch_overhead_p50_ms'))],
  ];
  const w0 = Math.max(...rows.map(([k]) => k.length)) + 2;
  console.log('\nAccounts and the policy table (through the API)\n');
  console.log(rows.map(([k, v]) => `${k.padEnd(w0)}${v.padStart(11)}`).join('\n'));
  for (const [k, v] of Object.entries(m)) json[`auth_${k}`] = typeof v === 'number' ? round(v) : v;
  // decide() runs in well under a microsecond: keep its figures in µs resolution in the JSON too.
  json.auth_decide_p95_us = Math.round(n('decide_p95_ms') * 1e6) / 1000;
  json.auth_decide_worst_method_p95_us = Math.round(n('decide_worst_method_p95_ms') * 1e6) / 1000;
  const verify = n('scrypt_verify_p50_ms');
  budgets.push(
    ['scrypt', `scrypt verify p50 = ${fmt(verify)} ms (sign-in through dispatch p50 ${fmt(n('sign_in_p50_ms'))}, p95 ${fmt(n('sign_in_p95_ms'))} ms) between 50 and 300 ms`, verify >= 50 && verify <= 300],
    ['decide_p95', `decide() p95 = ${us(n('decide_p95_ms'))} a call (worst method ${m.decide_worst_method}: ${us(n('decide_worst_method_p95_ms'))}) < 50 µs`, Math.max(n('decide_p95_ms'), n('decide_worst_method_p95_ms')) < 0.05],
  );
}

function reportDocuments(m: Metrics, json: Record<string, number | string | boolean>, budgets: Budget[]): void {
  const title = TEMPLATES[DOC_TEMPLATE].title;
  const rows: [string, string, number][] = [
    ['PDF first render (cold)', 'ms', m.pdf_first_ms!],
    ['PDF warm p50', 'ms', m.pdf_p50_ms!],
    ['PDF warm p95', 'ms', m.pdf_p95_ms!],
    ['DOCX first render (cold)', 'ms', m.docx_first_ms!],
    ['DOCX warm p50', 'ms', m.docx_p50_ms!],
    ['DOCX warm p95', 'ms', m.docx_p95_ms!],
    ['PDF size', 'KB', m.pdf_kb!],
    ['PDF pages', '', m.pdf_pages!],
    ['DOCX size', 'KB', m.docx_kb!],
    ['PAdES sign warm p50', 'ms', m.sign_p50_ms!],
    ['PAdES sign warm p95', 'ms', m.sign_p95_ms!],
    ['inspect signature p50', 'ms', m.inspect_signed_p50_ms!],
    ['inspect 20 MB junk p50', 'ms', m.inspect_junk_20mb_p50_ms!],
  ];
  const w0 = Math.max(...rows.map(([n, u]) => n.length + u.length + 3));
  console.log(`\nDocuments: 《${title}》 (${DOC_TEMPLATE}, the 2-page fixture of tests/fixtures/documents.ts); ${opts.docSamples} warm samples each\n`);
  console.log(rows.map(([name, unit, v]) => `${`${name}${unit ? ` (${unit})` : ''}`.padEnd(w0)}${fmt(v).padStart(11)}`).join('\n'));
  for (const [k, v] of Object.entries(m)) json[`${DOC_KEY}_${k}`] = round(v);
  json.doc_template = DOC_TEMPLATE;
  budgets.push(
    [`${DOC_KEY}_pdf_warm`, `${title} PDF warm p50 = ${fmt(m.pdf_p50_ms!)} ms (p95 ${fmt(m.pdf_p95_ms!)}) < 150 ms`, m.pdf_p50_ms! < 150],
    [`${DOC_KEY}_docx_warm`, `${title} DOCX warm p50 = ${fmt(m.docx_p50_ms!)} ms (p95 ${fmt(m.docx_p95_ms!)}) < 50 ms`, m.docx_p50_ms! < 50],
    [`${DOC_KEY}_pdf_size`, `${title} PDF size = ${fmt(m.pdf_kb!)} KB (${m.pdf_pages} pages, font subset) < 400 KB`, m.pdf_kb! < 400],
    [`${DOC_KEY}_sign`, `${title} PAdES sign warm p50 = ${fmt(m.sign_p50_ms!)} ms (p95 ${fmt(m.sign_p95_ms!)}) < 150 ms`, m.sign_p50_ms! < 150],
    ['inspect_junk_20mb', `inspectPdfSignature of 20 MB junk with a forged ByteRange p50 = ${fmt(m.inspect_junk_20mb_p50_ms!)} ms < 1500 ms`, m.inspect_junk_20mb_p50_ms! < 1500],
  );
}

function reportStore(results: Map<number, Metrics>, json: Record<string, number | string | boolean>, budgets: Budget[], totalMs: number): void {
  const sizes = [...results.keys()];
  const rows: [string, string, (m: Metrics) => number][] = [
    ['cases in store', '', (m) => m.cases!],
    ['save (update) p50', 'ms', (m) => m.save_p50_ms!],
    ['save (update) p95', 'ms', (m) => m.save_p95_ms!],
    ['create via API p50', 'ms', (m) => m.create_p50_ms!],
    ['create via API p95', 'ms', (m) => m.create_p95_ms!],
    ['open case p50', 'ms', (m) => m.open_p50_ms!],
    ['open case p95', 'ms', (m) => m.open_p95_ms!],
    ['list status+type p50', 'ms', (m) => m.list_filtered_p50_ms!],
    ['list status+type p95', 'ms', (m) => m.list_filtered_p95_ms!],
    ['list text p50', 'ms', (m) => m.list_text_p50_ms!],
    ['list text p95', 'ms', (m) => m.list_text_p95_ms!],
    ['related all keys p50', 'ms', (m) => m.related_p50_ms!],
    ['related all keys p95', 'ms', (m) => m.related_p95_ms!],
    ['related by ID p95', 'ms', (m) => m.related_id_p95_ms!],
    ['related by phone p95', 'ms', (m) => m.related_phone_p95_ms!],
    ['related by name p95', 'ms', (m) => m.related_name_p95_ms!],
    ['related first call (1 s after start)', 'ms', (m) => m.related_first_call_ms!],
    ['related cold (builds postings)', 'ms', (m) => m.related_cold_build_ms!],
    ['start-up: open + unlocking sign-in, median', 'ms', (m) => m.index_load_ms!],
    ['start-up: open + unlocking sign-in, max', 'ms', (m) => m.index_load_max_ms!],
    ['数据核验 of every case', 'ms', (m) => m.verify_all_ms!],
    ['数据核验 files read', '', (m) => m.verify_files!],
    ['compaction (close)', 'ms', (m) => m.compact_ms!],
    ['snapshot size', 'MB', (m) => m.snapshot_mb!],
    ['heap used', 'MB', (m) => m.heap_mb!],
    ['generate folders', 'ms', (m) => m.generate_ms!],
    ['index new folders', 'ms', (m) => m.index_new_folders_ms!],
  ];
  const w0 = Math.max(...rows.map(([n, u]) => n.length + u.length + 3));
  const lines = [`${'metric'.padEnd(w0)}${sizes.map((s) => label(s).padStart(11)).join('')}`];
  for (const [name, unit, get] of rows) lines.push(`${`${name}${unit ? ` (${unit})` : ''}`.padEnd(w0)}${sizes.map((s) => fmt(get(results.get(s)!)).padStart(11)).join('')}`);
  console.log(`\nCase store benchmark (Node ${process.version}, ${os.cpus().length} CPUs, ${os.platform()}; ${opts.samples} samples per latency; total ${(totalMs / 1000).toFixed(0)} s)\n`);
  console.log(lines.join('\n'));

  // Metric keys carry their unit (save_p95_ms); the size goes last: save_p95_ms_100k.
  for (const [size, m] of results) for (const [k, v] of Object.entries(m)) json[`${k}_${label(size)}`] = round(v);

  // Budgets. The size checks use the largest and smallest sizes measured (100k and 1k by default).
  const small = sizes[0]!;
  const large = sizes.at(-1)!;
  const S = results.get(small)!;
  const L = results.get(large)!;
  const ratio = L.save_p95_ms! / S.save_p95_ms!;
  json[`save_p95_ratio_${label(large)}_vs_${label(small)}`] = round(ratio);
  json[`create_p95_ratio_${label(large)}_vs_${label(small)}`] = round(L.create_p95_ms! / S.create_p95_ms!);
  budgets.push(
    ...sizes.map((s): Budget => [`save_p95_${label(s)}`, `save p95 at ${label(s)} = ${fmt(results.get(s)!.save_p95_ms!)} ms < 5 ms`, results.get(s)!.save_p95_ms! < 5]),
    [`save_p95_ratio`, `save p95 ${label(large)} / ${label(small)} = ${ratio.toFixed(2)} <= 1.5`, ratio <= 1.5],
    [`list_p95_${label(large)}`, `list page p95 at ${label(large)} = ${fmt(Math.max(L.list_filtered_p95_ms!, L.list_text_p95_ms!))} ms < 50 ms (status+type and text)`, Math.max(L.list_filtered_p95_ms!, L.list_text_p95_ms!) < 50],
    [`index_load_${label(large)}`, `start-up including the unlocking sign-in at ${label(large)} = ${fmt(L.index_load_ms!)} ms (median of ${opts.loadRuns}; max ${fmt(L.index_load_max_ms!)}) <= 1500 ms`, L.index_load_ms! <= 1500],
    [`save_p95_sealed_${label(large)}`, `save p95 at ${label(large)}, records sealed = ${fmt(L.save_p95_ms!)} ms <= 3 ms`, L.save_p95_ms! <= 3],
    [`verify_all_${label(large)}`, `数据核验 of every case at ${label(large)} = ${fmt(L.verify_all_ms! / 1000)} s <= 60 s, ${L.verify_problems} problems`, L.verify_all_ms! <= 60_000 && L.verify_problems === 0],
    [`related_p95_${label(large)}`, `related lookup p95 at ${label(large)} = ${fmt(Math.max(L.related_p95_ms!, L.related_id_p95_ms!, L.related_phone_p95_ms!, L.related_name_p95_ms!))} ms < 100 ms`, Math.max(L.related_p95_ms!, L.related_id_p95_ms!, L.related_phone_p95_ms!, L.related_name_p95_ms!) < 100],
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
