/**
 * UI benchmark (issue #16): `npm run bench:ui -- [--json] [--only editor|list|documents|startup] [--sizes 50,500,2000]
 * [--cases 10000] [--keep]`
 *
 * Playwright drives Debian's Chromium (never a downloaded browser) against the app in browser mode at 1366×768: the
 * server of tests/e2e/app-server.ts on a data directory seeded beforehand in-process (seed.ts), signed in as the
 * case's mediator. It measures, through the UI and with timestamps taken in the page (probes.ts):
 * the session editor at each record size (measure-editor.ts), the case list over the generated cases
 * (measure-list.ts), the 受理登记表 preview and issue (measure-documents.ts), start-up to the first usable screen
 * (measure-startup.ts) and the renderer's main chunk (bundle.ts).
 *
 * Prints a table and the budget verdicts; with --json the last line is one JSON object of snake_case metrics. Exits
 * with 1 when a budget fails, 2 when the benchmark itself failed. The data directory and the server are removed on
 * exit, also on failure or Ctrl+C (--keep keeps the directory).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs as parseCliArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContextOptions, type Cookie, chromium } from '@playwright/test';
import { AppServer } from '../../../tests/e2e/app-server';
import { AppPage } from '../../../tests/e2e/pages/app';
import { ensureRenderer, measureBundle } from './bundle';
import { measureDocuments } from './measure-documents';
import { measureEditor } from './measure-editor';
import { measureList, openCase } from './measure-list';
import { HOME_HEADING, fillSignIn, measureStartup, openContext } from './measure-startup';
import { mark } from './probes';
import { type Results, report } from './report';
import { seed } from './seed';

const PARTS = ['editor', 'list', 'documents', 'startup'] as const;
type Part = (typeof PARTS)[number];

function parseArgs(argv: string[]) {
  const { values: v } = parseCliArgs({
    args: argv,
    options: { json: { type: 'boolean' }, keep: { type: 'boolean' }, only: { type: 'string' }, sizes: { type: 'string' }, cases: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (v.help) {
    console.log(`usage: npm run bench:ui -- [--json] [--only ${PARTS.join('|')}] [--sizes 50,500,2000] [--cases 10000] [--keep]`);
    process.exit(0);
  }
  if (v.only !== undefined && !PARTS.includes(v.only as Part)) throw new Error(`--only: ${PARTS.join(', ')}`);
  const opts = {
    json: v.json ?? false,
    keep: v.keep ?? false,
    only: (v.only ?? null) as Part | null,
    sizes: (v.sizes ?? '50,500,2000').split(',').map((s) => Number(s.trim())),
    cases: Number((v.cases ?? '10000').replace(/k$/i, '000')),
  };
  if (opts.sizes.length === 0 || opts.sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 5000)) throw new Error('--sizes: integers from 1 to 5000 (a record holds at most 5,000 statements)');
  if (!Number.isInteger(opts.cases) || opts.cases < 100) throw new Error('--cases: an integer >= 100');
  opts.sizes.sort((a, b) => a - b);
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const wants = (part: Part) => opts.only === null || opts.only === part;
/** Progress goes to stderr so that stdout stays the table (and the JSON line). */
const log = (msg: string) => process.stderr.write(`[bench:ui] ${msg}\n`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// What the e2e specs use (playwright.config.ts), at the size of a common office laptop screen.
const CHROMIUM = { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--disable-features=Translate'] };
const CONTEXT: BrowserContextOptions = { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

let dataDir: string | null = null;
let server: AppServer | null = null;
let browser: Browser | null = null;
let interrupted = false;
let cleaning: Promise<void> | null = null;

/** Closes the browser, stops the server, removes the data directory; once, whoever asks first (a signal, an error). */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    if (dataDir && opts.keep) log(`kept ${dataDir}`);
    else if (dataDir) await rm(dataDir, { recursive: true, force: true });
  })();
  return cleaning;
}

// Ctrl+C reaches this process more than once (from the terminal, and relayed by npm and tsx): the handler stays, so
// that a second signal does not kill the process half-way through its clean-up.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main(): Promise<boolean> {
  const started = performance.now();
  const results: Results = { browser: '', cases: 0, totalMs: 0, load: [os.loadavg()[0]!, 0] };
  log('renderer build …');
  ensureRenderer(root);
  if (opts.only === null) results.bundle = measureBundle(root);

  dataDir = await mkdtemp(path.join(os.tmpdir(), 'mediation-bench-ui-'));
  log(`seeding ${dataDir} …`);
  const seeded = await seed(dataDir, { sizes: opts.sizes, cases: opts.cases }, log);
  results.cases = seeded.total;
  log(`seeded in ${(seeded.seedMs / 1000).toFixed(1)} s; starting the server …`);
  server = new AppServer(dataDir);
  await server.start();
  // Playwright would close the browser itself on Ctrl+C, under a step still running; cleanUp closes it instead.
  browser = await chromium.launch({ ...CHROMIUM, handleSIGINT: false, handleSIGTERM: false });
  results.browser = `Chromium ${browser.version()}`;

  let cookies: Cookie[] | null = null;
  if (wants('startup')) {
    const startup = await measureStartup(browser, server, CONTEXT, log);
    results.startup = startup.metrics;
    cookies = startup.cookies;
  }
  if (wants('list') || wants('editor') || wants('documents')) {
    const { context, url } = await openContext(browser, server, CONTEXT, cookies);
    const page = await context.newPage();
    await page.goto(url);
    await fillSignIn(page);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await mark(page, 'home');
    log(`signed in as the mediator (${seeded.mediatorName}); ${HOME_HEADING} shown`);
    const app = new AppPage(page, server);
    if (wants('list')) results.list = await measureList(page, app, seeded, log);
    if (wants('editor') || wants('documents')) await openCase(page, app, seeded.caseNumber);
    if (wants('editor')) results.editor = await measureEditor(page, server, seeded, log);
    if (wants('documents')) results.documents = await measureDocuments(page, log);
    await context.close();
  }
  results.totalMs = performance.now() - started;
  results.load[1] = os.loadavg()[0]!;
  return report(results, opts.json);
}

main()
  .then(async (pass) => {
    await cleanUp();
    if (!pass) process.exitCode = 1;
  })
  .catch(async (error: unknown) => {
    if (!interrupted) {
      console.error(error);
      if (server?.output) console.error(`server output:\n${server.output.slice(-4000)}`);
    }
    await cleanUp();
    process.exit(interrupted ? 130 : 2);
  });
