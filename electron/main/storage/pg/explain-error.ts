import type { CenterDatabase } from '../../../shared/ipc/auth-inputs';
import { PgSchemaOutdatedError, PgSchemaTooNewError } from './migrations';
import { CenterStateUnreadableError } from './pg-center-state';

/**
 * Why a desk could not use the center database, in Chinese, for the person at the setup screen or reading the
 * start-up error: what failed and what to check, never a driver's English message alone.
 */
export function explainPgError(error: unknown, db: Pick<CenterDatabase, 'host' | 'port' | 'database' | 'user'>): string {
  const e = error as { code?: string; message?: string } | null;
  const where = `${db.host}:${db.port}`;
  const message = e?.message ?? String(error);
  if (error instanceof PgSchemaOutdatedError) return `数据库“${db.database}”的表结构需要升级，本工作台所用账号“${db.user}”无权升级：请中心管理员先用数据库所有者账号打开一次本软件（或运行 npm run migrate），再连接`;
  if (error instanceof PgSchemaTooNewError) return `数据库“${db.database}”已由更新版本的调解工作台使用，本版本无法安全读写：请先将本工作台升级到最新版本`;
  if (error instanceof CenterStateUnreadableError) return `数据库“${db.database}”中的中心设置与人员名单无法读取（可能在本软件之外被改动），已拒绝使用：请中心管理员核对或从备份恢复`;
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `无法连接数据库服务器 ${where}（连接被拒绝）：请确认 PostgreSQL 已启动、端口正确，并已允许本机连接（listen_addresses）`;
    case 'ENOENT':
      return `本机数据库套接字 ${where} 不存在：请确认 PostgreSQL 已启动，并核对套接字目录和端口`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `找不到数据库服务器“${db.host}”：请核对服务器地址或本机的网络设置`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `连接数据库服务器 ${where} 超时：请检查网络连接和服务器防火墙`;
    case 'ECONNRESET':
      return `数据库服务器 ${where} 中断了连接：请检查“加密连接（TLS）”设置是否与服务器一致`;
    case '28P01':
      return `数据库用户名或密码错误（用户“${db.user}”）`;
    case '28000':
      return `数据库服务器拒绝了本机以用户“${db.user}”连接数据库“${db.database}”：请中心管理员在服务器的 pg_hba.conf 中允许本机连接`;
    case '3D000':
      return `数据库服务器上没有名为“${db.database}”的数据库：请核对数据库名，或请中心管理员先创建该数据库`;
    case '42501':
      return `数据库用户“${db.user}”的权限不足：请中心管理员将其加入 mw_desk 角色（见 README“中心数据库”一节）`;
    case '53300':
      return `数据库服务器 ${where} 的连接数已满：请稍后重试，或请中心管理员调大 max_connections`;
    case '57P03':
      return `数据库服务器 ${where} 正在启动或关闭，请稍后重试`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `数据库服务器 ${where} 的证书未通过校验（${e.code}）：请改用“加密，不校验证书”，或为服务器配置受信任的证书`;
  }
  if (/does not support SSL/i.test(message)) return `数据库服务器 ${where} 未开启加密连接（TLS）：请将“加密连接”设为“不加密”，或在服务器上开启 ssl`;
  if (/timeout/i.test(message)) return `连接数据库服务器 ${where} 超时：请检查服务器地址、端口、网络连接和服务器防火墙`;
  if (/terminated|Connection terminated/i.test(message)) return `与数据库服务器 ${where} 的连接意外中断：请检查“加密连接（TLS）”设置和网络`;
  return `无法使用数据库服务器 ${where} 上的数据库“${db.database}”：${message.slice(0, 200)}`;
}
