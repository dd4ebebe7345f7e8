import { describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../../../electron/main/storage/data-dir-lock';
import { startupErrorMessage } from '../../../electron/main/startup-error';

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('startupErrorMessage', () => {
  it('explains a data dir held by another process, with its pid and the directory', () => {
    const { title, message } = startupErrorMessage(new DataDirLockedError('/data', 4321), '/data');
    expect(title).toBe('调解工作台无法启动');
    expect(message).toContain('另一个调解工作台程序');
    expect(message).toContain('4321');
    expect(message).toContain('/data');
  });

  it('says the same without a pid when the holder did not give one', () => {
    const { message } = startupErrorMessage(new DataDirLockedError('/data', null), '/data');
    expect(message).toContain('另一个调解工作台程序使用');
    expect(message).not.toContain('进程号');
  });

  it.each([
    ['EACCES', '权限不足'],
    ['EPERM', '权限不足'],
    ['EROFS', '只读'],
    ['ENOSPC', '磁盘空间不足'],
  ])('explains %s', (code, text) => {
    expect(startupErrorMessage(errno(code), '/data').message).toContain(text);
  });

  it('falls back to the error text for anything else, with or without a data dir', () => {
    expect(startupErrorMessage(new Error('boom'), null).message).toContain('boom');
    expect(startupErrorMessage('weird', null).message).toContain('weird');
    expect(startupErrorMessage(new Error('boom'), null).message).not.toContain('数据目录：');
  });
});
