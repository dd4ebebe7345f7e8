import { DataDirLockedError } from './storage/data-dir-lock';

/**
 * The dialog shown when the app cannot start, in Chinese, saying what to do. Start-up failures must be visible:
 * a packaged app has no console, so a silent exit looks like "the program does nothing".
 */
export function startupErrorMessage(error: unknown, dataDir: string | null): { title: string; message: string } {
  const title = '调解工作台无法启动';
  const where = dataDir ? `\n\n数据目录：${dataDir}` : '';
  if (error instanceof DataDirLockedError) {
    return {
      title,
      message: `数据目录正由另一个调解工作台程序${error.pid === null ? '' : `（进程号 ${error.pid}）`}使用，不能同时打开。\n请先关闭另一个窗口或浏览器模式的调解工作台，再重新打开。${where}`,
    };
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return { title, message: `无法读写数据目录（权限不足或磁盘只读），请联系管理员检查该目录的权限。${where}` };
  }
  if (code === 'ENOSPC') {
    return { title, message: `磁盘空间不足，无法打开数据目录。请清理磁盘后重试。${where}` };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { title, message: `启动时发生错误，请联系管理员。${where}\n\n错误信息：${detail}` };
}
