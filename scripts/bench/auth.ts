/**
 * Accounts and the policy table (`--only auth`), through the real API on a temp data directory:
 * - sign-in: a real `auth:sign-in` through dispatch (scrypt verify, the account's state written and audited), and
 *   the scrypt verify alone; the hash must cost between 50 and 300 ms (slow for a guesser, quick for a person);
 * - the policy check: `decide()` for every method of the table (timed in batches, the p95 of the per-call mean),
 *   and what dispatch adds to a call: `cases:get` through dispatch (policy, parse, case facts, handler) against the
 *   handler called alone with the same input.
 */
import { SETUP as FIXTURE_SETUP } from '../../tests/fixtures/workstation';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../electron/main/api/dispatch';
import { handlers } from '../../electron/main/api/handlers';
import { verifyPassword } from '../../electron/main/auth/password-hash';
import { fixedClock } from '../../electron/main/services/clock';
import { Workstation } from '../../electron/main/services/workstation';
import type { CaseStatus, StaffRole } from '../../electron/shared/domain';
import type { ApiContract } from '../../electron/shared/ipc/contract';
import type { ApiMethod } from '../../electron/shared/ipc/channels';
import { POLICY, type PolicyFacts, type PolicyMethod, decide } from '../../electron/shared/policy/policy';
import { FIXTURE_NOW, roadTrafficCaseInput } from '../../tests/fixtures/cases';

/** The first administrator of the test fixtures (also head, clerk, mediator and legal advisor). */
export const BENCH_SETUP = FIXTURE_SETUP;

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export interface AuthMetrics {
  [key: string]: number | string;
}

export interface AuthOptions {
  /** Sign-ins measured (after 2 warm-up ones). */
  signIns?: number;
  /** decide() calls per method. */
  decideIterations?: number;
  /** cases:get samples (dispatch and handler alone each). */
  samples?: number;
}

export async function measureAuth(opts: AuthOptions = {}): Promise<AuthMetrics> {
  const { signIns = 20, decideIterations = 100_000, samples = 2000 } = opts;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mediation-bench-auth-'));
  const ws = await Workstation.open({ dataDir: dir, host: 'web', version: 'bench', clock: fixedClock(FIXTURE_NOW) });
  const m: AuthMetrics = {};
  const call = async <K extends ApiMethod>(connection: string, method: K, payload?: ApiContract[K]['input']): Promise<ApiContract[K]['output']> => {
    const result = await dispatch(ws, connection, method, payload);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as ApiContract[K]['output'];
  };
  try {
    const { staff: admin } = await call('bench-setup', 'setup:complete', { ...BENCH_SETUP, otherRoles: [...BENCH_SETUP.otherRoles] });

    // Sign-in through dispatch, each on a new connection (a new window), the right password.
    const signInTimes: number[] = [];
    for (let k = -2; k < signIns; k++) {
      const t0 = performance.now();
      await call(`bench-signin-${k + 2}`, 'auth:sign-in', { loginName: BENCH_SETUP.loginName, password: BENCH_SETUP.password });
      if (k >= 0) signInTimes.push(performance.now() - t0);
    }
    m.sign_in_p50_ms = percentile(signInTimes, 0.5);
    m.sign_in_p95_ms = percentile(signInTimes, 0.95);
    // The scrypt verify alone, with the stored parameters.
    const stored = ws.state.data.credentials[admin.id]!.password;
    const verifyTimes: number[] = [];
    for (let k = 0; k < Math.max(5, Math.floor(signIns / 2)); k++) {
      const t0 = performance.now();
      if (!(await verifyPassword(BENCH_SETUP.password, stored))) throw new Error('the stored hash does not verify');
      verifyTimes.push(performance.now() - t0);
    }
    m.scrypt_verify_p50_ms = percentile(verifyTimes, 0.5);
    m.scrypt_verify_p95_ms = percentile(verifyTimes, 0.95);
    m.scrypt_n = stored.N;
    m.scrypt_r = stored.r;

    // decide() for every method, with the facts dispatch would pass (a case in mediation for the case methods).
    const BATCH = 100;
    let worstMethod = '';
    let worstP95 = 0;
    const all: number[] = [];
    for (const method of Object.keys(POLICY) as PolicyMethod[]) {
      const rule = POLICY[method];
      const roles: readonly StaffRole[] = rule.who === 'public' || rule.who === 'signed-in' ? ['clerk'] : [rule.who[rule.who.length - 1]!];
      const status: CaseStatus = 'mediating';
      const facts: PolicyFacts = { roles, ...('caseField' in rule ? { caseStatus: status, isSessionWriter: true, signsAsSelf: null } : {}) };
      let sink = 0;
      const perCall: number[] = [];
      for (let b = 0; b < decideIterations / BATCH; b++) {
        const t0 = performance.now();
        for (let i = 0; i < BATCH; i++) if (decide(method, facts) === null) sink++;
        perCall.push((performance.now() - t0) / BATCH);
      }
      if (sink < 0) throw new Error('unreachable');
      const p95 = percentile(perCall, 0.95);
      all.push(...perCall);
      if (p95 > worstP95) [worstP95, worstMethod] = [p95, method];
    }
    m.decide_p50_ms = percentile(all, 0.5);
    m.decide_p95_ms = percentile(all, 0.95);
    m.decide_worst_method_p95_ms = worstP95;
    m.decide_worst_method = worstMethod;
    m.decide_methods = Object.keys(POLICY).length;

    // cases:get through dispatch vs. the handler alone (the difference: policy check, case facts, parse).
    const connection = 'bench-setup';
    const created = await call(connection, 'cases:create', roadTrafficCaseInput());
    const current = ws.currentSignIn(connection)!;
    const input = { id: created.id };
    const ctx = { ws, connection, actor: current.staff };
    const viaDispatch: number[] = [];
    const alone: number[] = [];
    for (let k = -200; k < samples; k++) {
      let t0 = performance.now();
      await call(connection, 'cases:get', input);
      const d = performance.now() - t0;
      t0 = performance.now();
      await handlers['cases:get'](input, ctx);
      const h = performance.now() - t0;
      if (k >= 0) {
        viaDispatch.push(d);
        alone.push(h);
      }
    }
    m.cases_get_dispatch_p50_ms = percentile(viaDispatch, 0.5);
    m.cases_get_dispatch_p95_ms = percentile(viaDispatch, 0.95);
    m.cases_get_handler_p50_ms = percentile(alone, 0.5);
    m.cases_get_handler_p95_ms = percentile(alone, 0.95);
    m.dispatch_overhead_p50_ms = m.cases_get_dispatch_p50_ms - m.cases_get_handler_p50_ms;
  } finally {
    await ws.close();
    await rm(dir, { recursive: true, force: true });
  }
  return m;
}
