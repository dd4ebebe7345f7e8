import { BrowserWindow, dialog } from 'electron';
import { mainWindowOptions } from './window-options';

export interface MainWindowOptions {
  preloadPath: string;
  isPackaged: boolean;
  icon?: string;
}

/** A renderer that keeps crashing is not reloaded for ever: after this many reloads the error stays on screen. */
const MAX_CRASH_RELOADS = 3;

/**
 * The one application window, not yet loaded (see loadApp): the caller records it as the main window first, so
 * that the IPC sender check knows it before the page can send anything. Security guards (navigation, new windows,
 * permissions, CSP) are installed on every WebContents by security.ts before this runs.
 */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(opts));
  win.once('ready-to-show', () => win.show());

  let crashReloads = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error('[window] renderer process gone', details);
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    if (crashReloads >= MAX_CRASH_RELOADS) {
      dialog.showErrorBox('调解工作台', `界面进程多次意外退出（${details.reason}），请关闭后重新打开调解工作台。已保存的数据不受影响。`);
      return;
    }
    crashReloads += 1;
    win.webContents.reload();
  });
  return win;
}

/** Loads the app page; a missing or broken renderer build becomes a visible error, not a blank window. */
export function loadApp(win: BrowserWindow, appUrl: string): void {
  win.loadURL(appUrl).catch((error: unknown) => {
    console.error('[window] failed to load the app page', appUrl, error);
    if (win.isDestroyed()) return;
    win.show();
    dialog.showErrorBox('调解工作台', `界面文件无法加载，请重新安装调解工作台。\n\n${String(error)}`);
  });
}
