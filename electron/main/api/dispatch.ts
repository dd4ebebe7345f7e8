import { API_SPEC } from '../../shared/ipc/contract';
import { API_METHODS, type ApiMethod } from '../../shared/ipc/channels';
import { ApiFailure, type ApiError, type Result, invalidInput } from '../../shared/ipc/result';
import { cleanPayload } from '../../shared/ipc/clean-text';
import { AgreementNotFoundError, CaseNotFoundError, LinkedFileError, RevisionConflictError, SessionNotFoundError } from '../storage/case-store';
import { CorruptFileError } from '../storage/durable-json-file';
import { isTampered } from '../storage/sealed-fs';
import { DATA_FOLDER_GONE_MESSAGE, DataFolderGoneError } from '../storage/folder-guard';
import { isDatabaseUnreachable } from '../storage/pg/connection';
import { CenterStateUnreadableError } from '../storage/pg/pg-center-state';

export const DATABASE_UNAVAILABLE_MESSAGE = '数据库连接中断，本次操作未保存。正在重连，已输入的内容仍在本屏，连接恢复后请再保存一次';
import { WORKSTATION_TAMPERED, type Workstation } from '../services/workstation';
import { type CallContext, handlers } from './handlers';
import { type MethodPolicy, POLICY, type PolicyFacts, type Refusal, decide, isSessionWriter, needsReauth } from '../../shared/policy/policy';
import type { Staff } from '../../shared/domain';
import { type HeldSealKey, withSealKey } from '../signing/seal-scope';

const METHODS = new Set<string>(API_METHODS);

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && METHODS.has(name);
}

/** Maps anything thrown by a handler to a coded, Chinese, user-presentable error; unexpected ones are logged. */
export function toApiError(error: unknown, log: (msg: string, err: unknown) => void = console.error): ApiError {
  if (error instanceof ApiFailure) return { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}), ...error.extra };
  if (error instanceof CaseNotFoundError) return { code: 'NOT_FOUND', message: '未找到该案件' };
  if (error instanceof SessionNotFoundError) return { code: 'NOT_FOUND', message: '未找到该调解记录' };
  if (error instanceof AgreementNotFoundError) return { code: 'NOT_FOUND', message: '未找到该调解协议' };
  if (error instanceof RevisionConflictError) return { code: 'CONFLICT', message: '该案件已被他人修改，请刷新后重试' };
  if (error instanceof DataFolderGoneError) return { code: 'DATA_FOLDER_GONE', message: DATA_FOLDER_GONE_MESSAGE };
  if (error instanceof CorruptFileError) return { code: 'STORE_CORRUPT', message: '该案件的数据文件已损坏并已隔离，请联系管理员从备份恢复' };
  if (isTampered(error)) return { code: 'STORE_CORRUPT', message: '该文件未通过完整性校验（可能已被改动），未予显示，请联系管理员从备份恢复' };
  if (error instanceof CenterStateUnreadableError) return { code: 'STORE_CORRUPT', message: WORKSTATION_TAMPERED };
  if (isDatabaseUnreachable(error)) return { code: 'DATABASE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof LinkedFileError || code === 'ELOOP') {
    log('a link in the data folder was refused', error);
    return { code: 'STORE_CORRUPT', message: '数据目录中的文件被替换为指向别处的链接，已拒绝读取。请联系管理员检查数据目录。' };
  }
  if (code === 'ENOSPC') return { code: 'STORE_IO', message: '磁盘空间不足，本次操作未保存' };
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return { code: 'STORE_IO', message: '无法写入数据目录（权限不足），本次操作未保存' };
  log('unexpected error in API handler', error);
  return { code: 'INTERNAL', message: '系统内部错误，本次操作未完成，请重试或联系管理员' };
}

/**
 * The single entry point for both hosts (Electron IPC and browser mode). In this order, so that a caller learns
 * nothing it may not: the method must exist; the policy table (electron/shared/policy/policy.ts) says whether this
 * caller may call it at all (signed in, not locked, no new password pending, a role that may); the payload's text
 * is cleaned (clean-text.ts) and parsed with the method's strict schema; the table's case rules are checked against
 * the case (its status, the resource rules); a password entered again is asked for where the table says; then the
 * handler runs. Errors become Result values.
 */
export async function dispatch(ws: Workstation, connection: string, method: unknown, payload: unknown): Promise<Result<unknown>> {
  try {
    if (!isApiMethod(method)) throw new ApiFailure('UNKNOWN_METHOD', '未知的接口方法');
    const rule: MethodPolicy = POLICY[method];
    const current = ws.currentSignIn(connection);
    let held: HeldSealKey | null = null;
    const actor = current && !current.signIn.locked && !current.signIn.mustChangePassword ? current.staff : null;
    if (rule.who !== 'public') {
      if (!current) throw new ApiFailure('UNAUTHENTICATED', '请先登录');
      if (!rule.housekeeping && current.signIn.locked) throw new ApiFailure('LOCKED', '工作台已锁定，请输入密码解锁');
      if (!rule.housekeeping && current.signIn.mustChangePassword) throw new ApiFailure('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码');
      refuse(decide(method, { roles: current.staff.roles }));
    }
    const parsed = API_SPEC[method].input.safeParse(cleanPayload(payload));
    if (!parsed.success) throw invalidInput(parsed.error);
    if (current && rule.who !== 'public') {
      const facts = await caseFacts(ws, rule, parsed.data, current.staff);
      refuse(decide(method, facts));
      if (needsReauth(method, parsed.data, facts)) {
        const confirmed = ws.signIns.consumeReauth(current.signIn);
        if (!confirmed) throw new ApiFailure('REAUTH_REQUIRED', '此操作须再次输入您的登录密码');
        held = { staffId: current.staff.id, key: confirmed.sealKey };
      }
      if (!rule.background) ws.signIns.touch(current.signIn);
    }
    const handler = handlers[method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    const run = () => handler(parsed.data, { ws, connection, actor });
    // A confirmed call may sign with the seal key that password unlocked (signing/seal-scope.ts), nothing else may.
    return { ok: true, value: await (held ? withSealKey(held, run) : run()) };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

function refuse(refusal: Refusal | null): void {
  if (!refusal) return;
  if (refusal.reason === 'UNAUTHENTICATED') throw new ApiFailure('UNAUTHENTICATED', refusal.message);
  const detail =
    refusal.reason === 'ROLE' ? { roles: [...refusal.needed] } : refusal.reason === 'STATUS' ? { status: refusal.status } : { rule: refusal.rule };
  throw new ApiFailure('FORBIDDEN', refusal.message, undefined, { refusal: { reason: refusal.reason, ...detail } });
}

/**
 * What the table's case rules need to know, read from the store: the case's status (from its summary), whether the
 * caller writes this session's record, whether a signature being taken is the caller's own. A case or session that
 * does not exist gives no facts: the handler then answers NOT_FOUND.
 */
async function caseFacts(ws: Workstation, rule: MethodPolicy, input: unknown, staff: Staff): Promise<PolicyFacts> {
  const facts: PolicyFacts = { roles: staff.roles };
  if (!rule.caseField) return facts;
  const fields = input as Record<string, unknown>;
  const summary = await ws.cases.summary(String(fields[rule.caseField]));
  if (!summary) return facts;
  facts.caseStatus = summary.status;
  if (rule.resource === 'session-writer' && typeof fields.sessionId === 'string') {
    const session = await ws.cases.getSession(summary.id, fields.sessionId).catch(() => null);
    if (session) facts.isSessionWriter = isSessionWriter(staff.id, session, summary.mediatorIds);
  }
  if (rule.resource === 'case-mediator') facts.isCaseMediator = summary.mediatorIds.includes(staff.id);
  if (rule.resource === 'self-signer' && typeof fields.signerId === 'string') {
    const signerIsStaff = ws.state.data.staff.some((s) => s.id === fields.signerId);
    facts.signsAsSelf = signerIsStaff ? fields.signerId === staff.id : null;
  }
  return facts;
}
