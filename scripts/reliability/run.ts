/**
 * Reliability and security figures (issue 7): `npm run reliability [-- --short] [--json] [--cycles N] [--cuts N]
 * [--control-cycles N] [--control-cuts N] [--payloads N] [--no-lock] [--backup-kills N] [--backup-restore-every N]
 * [--backup-tamper-trials N]`.
 *
 * 1. Process-crash loop (crash-loop.ts): the real store under SIGKILL while it writes cases, documents, attachments
 *    and sessions typed with autosaves; positive control: fs.writeFile in place must show torn files.
 * 2. Simulated power loss (power-loss.ts, sim-fs.ts): the same workload, cut at random points; negative control:
 *    fsync dropped must lose acknowledged writes.
 * 3. Recovery (recovery.ts): damaged case, session, index, sequence and settings files; a second instance refused.
 * 4. Tampering (tampering.ts): someone with the folder and no password edits, swaps, rolls back, reorders and
 *    deletes files, deletes the registry, re-signs an altered PDF with the certificate file; 1,000 trials (100 short):
 *    every one detected, none served as intact, untouched controls quiet.
 * 5. Hostile input (hostile.ts): generated payloads for every API method, signed in and not, and under each role
 *    (single-role accounts: what the policy table refuses never succeeds); hostile file names.
 * 6. The center database (pg-outage.ts): 3 desks on a throwaway PostgreSQL 15; `pg_ctl stop -m immediate` under them
 *    (--pg-crashes, 10; short 2), then the server away (--pg-away seconds, 60; short 5) while they type. Skipped with
 *    MW_NO_POSTGRES=1.
 * 7. Backups (issue 15): SIGKILL at random moments during backups (backup-kill-loop.ts; --backup-kills, 500; short
 *    20): every earlier generation still complete and whole, the killed one recognised as incomplete, and after each
 *    cycle (--backup-restore-every) the last complete generation restored and compared case by case with what was
 *    acknowledged before it started; then damaged backups (backup-tampering.ts; --backup-tamper-trials, 200; short
 *    30): every one refused by the check and the restore with a code, none restored, destinations left empty.
 *
 * Long (default, ~10 min on 2 shared cores): 1,000 crash cycles (~0.35 s each), 100 control cycles, 1,000 cuts, 200
 * control cuts, 48 recovery scenarios + the second-instance check, 10,000 payloads, the name corpus.
 * Short (--short, ~30 s): 20 cycles, 15 control cycles, 100 cuts, 30 control cuts, the same recovery scenarios,
 * 1,000 payloads, the name corpus. CI runs the parts separately (tests/main/reliability, tests/main/hostile).
 *
 * Progress goes to stderr; stdout gets a table and the verdict, or with --json exactly one JSON object on the last
 * line. Exits 1 when a threshold is missed.
 */
import { runCrashLoop } from './crash-loop';
import { hostileFailures, runHostile, runHostileNames } from './hostile';
import { runPowerLoss } from './power-loss';
import { pgOutagePasses, runPgOutage } from './pg-outage';
import { postgresSkipped } from '../../tests/fixtures/postgres';
import { runRecovery } from './recovery';
import { runTampering, tamperingPasses } from './tampering';
import { runBackupKillLoop } from './backup-kill-loop';
import { backupTamperingPasses, runBackupTampering } from './backup-tampering';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const num = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const short = flag('--short');
const json = flag('--json');
const log = (line: string) => console.error(line);
const started = Date.now();

const seed = num('--seed', Date.now() % 1_000_000);
const crash = await runCrashLoop({ cycles: num('--cycles', short ? 20 : 1000), mode: 'real', seed, log });
log(`crash loop: ${JSON.stringify(crash)}`);
const control = await runCrashLoop({ cycles: num('--control-cycles', short ? 15 : 100), mode: 'naive', log });
log(`positive control: ${JSON.stringify(control)}`);
const power = await runPowerLoss({ cuts: num('--cuts', short ? 100 : 1000), log });
log(`power loss: ${JSON.stringify(power)}`);
const noFsync = await runPowerLoss({ cuts: num('--control-cuts', short ? 30 : 200), dropSyncs: true, log });
log(`negative control: ${JSON.stringify({ ...noFsync, lostExamples: noFsync.lostExamples.slice(0, 3) })}`);
const recovery = await runRecovery({ lock: !flag('--no-lock'), log });
log(`recovery: ${JSON.stringify(recovery)}`);
const tampering = await runTampering({ trials: num('--tamper-trials', short ? 100 : 1000), seed, log });
log(`tampering: ${JSON.stringify({ ...tampering, byKind: undefined })}`);
const hostile = await runHostile({ payloads: num('--payloads', short ? 1000 : 10_000), json: true, log });
log(`hostile payloads: ${JSON.stringify(hostile)}`);
const names = await runHostileNames();
log(`hostile names: ${JSON.stringify(names)}`);
// The center database (issue #14): crashes of the server under the desks, then the server away while they type.
const pg = postgresSkipped ? null : await runPgOutage({ crashes: num('--pg-crashes', short ? 2 : 10), awaySeconds: num('--pg-away', short ? 5 : 60), seed, log });
log(`pg outage: ${JSON.stringify(pg)}`);
// Backups (issue #15): killed at random moments, then damaged on the backup disk.
const backupKills = await runBackupKillLoop({ cycles: num('--backup-kills', short ? 20 : 500), restoreEvery: num('--backup-restore-every', 1), seed, log });
log(`backup kills: ${JSON.stringify({ ...backupKills, failures: backupKills.failures.slice(0, 3) })}`);
const backupTamper = await runBackupTampering({ trials: num('--backup-tamper-trials', short ? 30 : 200), seed, log });
log(`backup tampering: ${JSON.stringify({ ...backupTamper, byKind: undefined })}`);

const lock = recovery.lock;
const figures = {
  seed,
  crash_cycles: crash.cycles,
  crash_acknowledged_writes: crash.acknowledged,
  crash_acknowledged_by_kind: crash.acknowledgedByKind,
  crash_persisted_unacknowledged: crash.persistedUnacknowledged,
  crash_lost: crash.lost,
  crash_lost_by_kind: crash.lostByKind,
  crash_unparseable_files: crash.unparseableFiles,
  crash_stale_temps_found: crash.staleTempsFound,
  crash_stale_temps_cleaned: crash.staleTempsRemovedAtOpen,
  crash_stale_temps_remaining: crash.staleTempsRemainingAfterOpen,
  crash_write_errors: crash.writeErrors,
  crash_write_errors_by_cause: crash.writeErrorsByCause,
  crash_ms: crash.ms,
  crash_ms_per_cycle: Math.round(crash.ms / Math.max(1, crash.cycles)),
  crash_phase_ms: crash.phaseMs,
  positive_control_cycles: control.cycles,
  positive_control_corruption_detected: control.unparseableFiles,
  positive_control_lost: control.lost,
  positive_control_detected: control.unparseableFiles + control.lost > 0,
  power_cuts: power.cuts,
  power_acknowledged_writes: power.acknowledged,
  power_acknowledged_by_kind: power.acknowledgedByKind,
  power_lost: power.lost,
  power_lost_by_kind: power.lostByKind,
  power_unparseable_files: power.unparseableFiles,
  power_reopen_failures: power.reopenFailures,
  power_ms: power.ms,
  negative_control_cuts: noFsync.cuts,
  negative_control_lost: noFsync.lost,
  negative_control_lost_by_kind: noFsync.lostByKind,
  negative_control_detected: noFsync.lost > 0 || noFsync.unparseableFiles > 0,
  recovery_scenarios: recovery.scenarios,
  recovery_passed: recovery.passed,
  recovery_started: recovery.opened,
  recovery_refused_loudly: recovery.refusedLoudly,
  recovery_cases_kept: recovery.casesKept,
  recovery_cases_expected: recovery.casesExpected,
  recovery_restored_from_previous: recovery.restoredFromPrevious,
  recovery_quarantined: recovery.quarantined,
  recovery_reported: recovery.reported,
  recovery_reported_by_folder_only: recovery.reportedByFolderOnly,
  recovery_list_stale_scenarios: recovery.listStaleScenarios,
  second_instance_refused: lock ? lock.secondInstanceRefused : null,
  lock_taken_over_after_kill: lock ? lock.takenOverAfterKill : null,
  tampering_trials: tampering.trials,
  tampering_detected: tampering.detected,
  tampering_served_as_intact: tampering.servedAsIntact,
  tampering_unreported_harmless: tampering.harmlessUnreported,
  tampering_by_kind: tampering.byKind,
  tampering_controls: tampering.controls,
  tampering_control_false_alarms: tampering.controlFalseAlarms,
  tampering_ms: tampering.ms,
  hostile_payloads_tried: hostile.payloadsTried,
  hostile_calls: hostile.calls,
  hostile_methods_covered: hostile.methodsCovered,
  hostile_crashes: hostile.crashes,
  hostile_hangs: hostile.hangs,
  hostile_uncoded: hostile.uncoded,
  hostile_internal_errors: hostile.internalErrors,
  hostile_unexpected_writes: hostile.unexpectedWrites,
  hostile_auth_bypasses: hostile.authBypasses,
  hostile_audited_failures: hostile.auditedFailures,
  hostile_role_payloads: hostile.rolePayloads,
  hostile_role_calls: hostile.roleCalls,
  hostile_roles_denied_but_allowed: hostile.rolesDeniedButAllowed,
  hostile_roles_denied_other_code: hostile.rolesDeniedOtherCode,
  hostile_roles_allowed_but_refused: hostile.rolesAllowedButRefused,
  hostile_roles_denied_but_allowed_by_role: Object.fromEntries(Object.entries(hostile.roles).map(([role, r]) => [role, r.deniedButAllowed])),
  hostile_must_reject_accepted: hostile.mustRejectAccepted,
  hostile_attachments_accepted: hostile.attachmentsAccepted,
  hostile_generated_name_violations: hostile.generatedNameViolations + names.generatedNameViolations,
  hostile_prototype_polluted: hostile.prototypePolluted,
  hostile_p95_ms: hostile.p95LatencyMs,
  hostile_names_tried: names.namesTried,
  hostile_names_not_refused: names.notRefused,
  hostile_names_writes_outside_case: names.writesOutsideCase,
  hostile_labels_accepted: names.labelsAccepted,
  pg_desks: pg?.desks ?? null,
  pg_immediate_stops: pg?.crashes ?? null,
  pg_acknowledged_writes: pg?.acknowledged ?? null,
  pg_acknowledged_writes_lost: pg?.lost ?? null,
  pg_duplicate_numbers: pg?.duplicateNumbers ?? null,
  pg_skipped_numbers: pg?.skippedNumbers ?? null,
  pg_unacknowledged_registrations: pg?.unknownOutcomes ?? null,
  pg_registered_twice: pg?.registeredTwice ?? null,
  pg_away_seconds: pg?.awaySeconds ?? null,
  pg_desks_recovered: pg?.desksRecovered ?? null,
  pg_recovered_after_ms: pg?.recoveredAfterMs ?? null,
  pg_typed_text_lost: pg?.typedTextLost ?? null,
  pg_ms: pg?.ms ?? null,
  backup_kill_cycles: backupKills.cycles,
  backup_killed: backupKills.killed,
  backup_finished_before_kill: backupKills.finished,
  backup_killed_seen_incomplete: backupKills.incompleteSeen,
  backup_killed_before_marker: backupKills.killedBeforeMarker,
  backup_generation_checks: backupKills.generationChecks,
  backup_restores_compared: backupKills.restoresCompared,
  backup_cases_compared: backupKills.casesCompared,
  backup_records_lost: backupKills.recordsLost,
  backup_kill_failures: backupKills.failures.length,
  backup_kill_ms: backupKills.ms,
  backup_tamper_trials: backupTamper.trials,
  backup_tamper_refused: backupTamper.refused,
  backup_tamper_restored: backupTamper.restored,
  backup_tamper_check_passed: backupTamper.checkPassed,
  backup_tamper_uncoded: backupTamper.uncoded,
  backup_tamper_destination_not_empty: backupTamper.destinationNotEmpty,
  backup_tamper_by_kind: backupTamper.byKind,
  backup_tamper_controls: backupTamper.controls,
  backup_tamper_controls_restored: backupTamper.controlsRestored,
  backup_tamper_ms: backupTamper.ms,
  // Totals over everything above.
  acknowledged_writes: crash.acknowledged + power.acknowledged,
  acknowledged_writes_lost: crash.lost + power.lost,
  corrupt_files: crash.unparseableFiles + power.unparseableFiles,
  crashes: hostile.crashes + hostile.hangs,
  total_ms: Date.now() - started,
};

const checks: [string, boolean][] = [
  ['crash loop: 0 acknowledged writes lost', crash.lost === 0],
  ['crash loop: 0 unparseable files', crash.unparseableFiles === 0],
  ['crash loop: every stale temp removed at the next start', crash.staleTempsRemainingAfterOpen === 0],
  ['positive control detected', figures.positive_control_detected],
  ['power loss: 0 acknowledged writes lost', power.lost === 0],
  ['power loss: 0 unparseable files', power.unparseableFiles === 0],
  ['power loss: the store always reopens', power.reopenFailures === 0],
  ['negative control detected', figures.negative_control_detected],
  ['recovery: every scenario as specified', recovery.passed === recovery.scenarios],
  ['recovery: every other case kept', recovery.casesKept === recovery.casesExpected],
  ['second instance refused, lock taken over after a kill', lock === null || (lock.secondInstanceRefused && lock.takenOverAfterKill)],
  ['tampering: 100% detected, 0 served as intact, controls quiet', tamperingPasses(tampering)],
  ['hostile payloads: 0 crashes, hangs, uncoded or INTERNAL answers, writes on rejection, bypasses', hostileFailures(hostile) + hostile.internalErrors === 0],
  ['hostile payloads under each role: the policy table and dispatch agree (0 denied but allowed)', hostile.rolesDeniedButAllowed + hostile.rolesDeniedOtherCode + hostile.rolesAllowedButRefused === 0],
  ['hostile names: all refused, generated names only, nothing outside the case', names.notRefused + names.generatedNameViolations + names.writesOutsideCase === 0],
  ['center database: 0 acknowledged writes lost over immediate stops, 0 duplicate or skipped numbers, every desk saved what was typed after the server was away', pg === null || pgOutagePasses(pg)],
  [
    'backups killed at random moments: earlier generations intact, the killed one incomplete, 0 records lost relative to the last completed backup',
    backupKills.failures.length === 0 && backupKills.recordsLost === 0 && backupKills.killed + backupKills.finished === backupKills.cycles && backupKills.restoresCompared > 0,
  ],
  ['damaged backups: every one refused with a code, 0 restored, destinations empty, controls restore', backupTamperingPasses(backupTamper)],
];
const pass = checks.every(([, ok]) => ok);
// Not thresholds of reliability.md, but defects to fix (see the report): listed with the figures.
const findings = [
  ...(crash.writeErrors > 0 ? [`${crash.writeErrors} writes failed in the crash loop (not acknowledged, not lost): ${JSON.stringify(crash.writeErrorsByCause)}`] : []),
  ...(recovery.reportedByFolderOnly > 0 ? [`${recovery.reportedByFolderOnly} recovery scenarios named the damaged case only by its folder uuid`] : []),
  ...(recovery.listStaleScenarios > 0 ? [`${recovery.listStaleScenarios} recovery scenarios left a list row older than its case file until the case was opened`] : []),
  ...recovery.notes,
];
const failures = [...backupKills.failures, ...backupTamper.examples, ...(pg?.failures ?? []), ...crash.lostExamples, ...crash.unparseableExamples, ...power.lostExamples, ...power.unparseableExamples, ...power.reopenFailureExamples, ...recovery.failures, ...(lock?.failures ?? []), ...tampering.servedExamples, ...tampering.harmlessExamples, ...tampering.controlExamples, ...hostile.examples, ...names.examples].slice(0, 20);

if (json) {
  console.log(JSON.stringify({ ...figures, findings, failures, pass }));
} else {
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(40)} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : v}`);
  for (const [what, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
  for (const f of findings) console.log(`finding: ${f}`);
  for (const f of failures) console.log(`failure: ${f}`);
  console.log(`verdict: ${pass ? 'PASS' : 'FAIL'}`);
}
process.exitCode = pass ? 0 : 1;
