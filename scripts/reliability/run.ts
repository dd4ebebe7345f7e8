/**
 * Reliability figures (issue 7, items 1, 2 and 8): `npx tsx scripts/reliability/run.ts [--short] [--json]
 * [--cycles N] [--cuts N] [--control-cycles N]`.
 *
 * Long (default): 1,000 process-crash cycles (~8–9 min on 2 cores: ~0.5 s per cycle, mostly tsx start-up of the
 * child), 100 positive-control cycles (~1 min), 1,000 simulated power cuts and 200 negative-control cuts (~1 min).
 * Short (--short, what CI runs in tests/main/reliability): 50 cycles, 30 control cycles, 200 cuts, 50 control cuts.
 * With --json the last line is one JSON object. Exits 1 when a threshold is missed.
 */
import { runCrashLoop } from './crash-loop';
import { runPowerLoss } from './power-loss';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const num = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const short = flag('--short');
const json = flag('--json');
const log = (line: string) => console.error(line);

const crash = await runCrashLoop({ cycles: num('--cycles', short ? 50 : 1000), mode: 'real', log });
log(`crash loop: ${JSON.stringify(crash)}`);
const control = await runCrashLoop({ cycles: num('--control-cycles', short ? 30 : 100), mode: 'naive', log });
log(`positive control: ${JSON.stringify(control)}`);
const power = await runPowerLoss({ cuts: num('--cuts', short ? 200 : 1000), log });
log(`power loss: ${JSON.stringify(power)}`);
const noFsync = await runPowerLoss({ cuts: num('--control-cuts', short ? 50 : 200), dropSyncs: true, log });
log(`negative control: ${JSON.stringify(noFsync)}`);

const figures = {
  crash_cycles: crash.cycles,
  crash_acknowledged_writes: crash.acknowledged,
  crash_persisted_unacknowledged: crash.persistedUnacknowledged,
  crash_lost: crash.lost,
  crash_unparseable_files: crash.unparseableFiles,
  crash_cycles_with_stale_temps: crash.cyclesWithStaleTemps,
  crash_stale_temps_found: crash.staleTempsFound,
  crash_stale_temps_cleaned: crash.staleTempsRemovedAtOpen,
  crash_stale_temps_remaining: crash.staleTempsRemainingAfterOpen,
  crash_ms: crash.ms,
  positive_control_cycles: control.cycles,
  positive_control_corruption_detected: control.unparseableFiles,
  positive_control_lost: control.lost,
  power_cuts: power.cuts,
  power_acknowledged_writes: power.acknowledged,
  power_lost: power.lost,
  power_unparseable_files: power.unparseableFiles,
  power_reopen_failures: power.reopenFailures,
  power_ms: power.ms,
  negative_control_cuts: noFsync.cuts,
  negative_control_lost: noFsync.lost,
  negative_control_detected: noFsync.lost > 0 || noFsync.unparseableFiles > 0,
};
const pass =
  crash.lost === 0 &&
  crash.unparseableFiles === 0 &&
  crash.staleTempsRemainingAfterOpen === 0 &&
  control.unparseableFiles + control.lost > 0 &&
  power.lost === 0 &&
  power.unparseableFiles === 0 &&
  power.reopenFailures === 0 &&
  figures.negative_control_detected;
if (!json) for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(40)} ${v}`);
console.log(json ? JSON.stringify({ ...figures, pass }) : `verdict: ${pass ? 'PASS' : 'FAIL'}`);
process.exitCode = pass ? 0 : 1;
