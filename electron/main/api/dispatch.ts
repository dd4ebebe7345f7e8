import { API_SPEC } from '../../shared/ipc/contract';
import { API_METHODS, type ApiMethod } from '../../shared/ipc/channels';
import { ApiFailure, type ApiError, type Result, invalidInput } from '../../shared/ipc/result';
import { cleanPayload } from '../../shared/ipc/clean-text';
import { AgreementNotFoundError, CaseNotFoundError, RevisionConflictError, SessionNotFoundError } from '../storage/case-store';
import { CorruptFileError } from '../storage/durable-json-file';
import type { Workstation } from '../services/workstation';
import { handlers } from './handlers';

const METHODS = new Set<string>(API_METHODS);

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && METHODS.has(name);
}

/** Maps anything thrown by a handler to a coded, Chinese, user-presentable error; unexpected ones are logged. */
export function toApiError(error: unknown, log: (msg: string, err: unknown) => void = console.error): ApiError {
  if (error instanceof ApiFailure) return { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) };
  if (error instanceof CaseNotFoundError) return { code: 'NOT_FOUND', message: '未找到该案件' };
  if (error instanceof SessionNotFoundError) return { code: 'NOT_FOUND', message: '未找到该调解记录' };
  if (error instanceof AgreementNotFoundError) return { code: 'NOT_FOUND', message: '未找到该调解协议' };
  if (error instanceof RevisionConflictError) return { code: 'CONFLICT', message: '该案件已被他人修改，请刷新后重试' };
  if (error instanceof CorruptFileError) return { code: 'STORE_CORRUPT', message: '该案件的数据文件已损坏并已隔离，请联系管理员从备份恢复' };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC') return { code: 'STORE_IO', message: '磁盘空间不足，本次操作未保存' };
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return { code: 'STORE_IO', message: '无法写入数据目录（权限不足），本次操作未保存' };
  log('unexpected error in API handler', error);
  return { code: 'INTERNAL', message: '系统内部错误，本次操作未完成，请重试或联系管理员' };
}

/**
 * The single entry point for both hosts (Electron IPC and browser mode): unknown method → error; payload parsed
 * staff-only methods need a signed-in actor; the payload's text is cleaned (clean-text.ts) and parsed with the method's strict
 * schema; errors become Result values.
 */
export async function dispatch(ws: Workstation, connection: string, method: unknown, payload: unknown): Promise<Result<unknown>> {
  try {
    if (!isApiMethod(method)) throw new ApiFailure('UNKNOWN_METHOD', '未知的接口方法');
    const spec = API_SPEC[method];
    // Who first, then what: a caller that is not signed in learns nothing about the payload rules.
    const actor = ws.actorFor(connection);
    if (spec.auth === 'staff' && !actor) throw new ApiFailure('UNAUTHENTICATED', '请先选择工作人员登录');
    const parsed = spec.input.safeParse(cleanPayload(payload));
    if (!parsed.success) throw invalidInput(parsed.error);
    const handler = handlers[method] as (input: unknown, ctx: { ws: Workstation; connection: string; actor: typeof actor }) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data, { ws, connection, actor }) };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}
