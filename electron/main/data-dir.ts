import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = '调解工作台';
export const DATA_DIR_ENV = 'MEDIATION_DATA_DIR';

/** The per-user data folder, matching Electron's userData for this app on each platform. */
export function defaultDataDir(platform = process.platform, env = process.env, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

/** `--data-dir <dir>` or `--data-dir=<dir>` wins, then the environment variable, then the default. */
export function resolveDataDir(argv: readonly string[], env = process.env, fallback: () => string = () => defaultDataDir()): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir' && argv[i + 1]) return path.resolve(argv[i + 1]!);
    if (arg.startsWith('--data-dir=')) return path.resolve(arg.slice('--data-dir='.length));
  }
  if (env[DATA_DIR_ENV]) return path.resolve(env[DATA_DIR_ENV]!);
  return fallback();
}
