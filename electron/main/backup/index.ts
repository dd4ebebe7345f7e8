/** The backup engine (issue 15): plain Node, no Electron. See run-backup.ts and restore.ts. */
export { type BackupOptions, type BackupProgress, type BackupResult, runBackup } from './run-backup';
export { type BackupSource, type SourceEntry, type SourceFile, SourceBusyError } from './source';
export { FolderBackupSource, type FolderSourceOptions } from './folder-source';
export { type GenerationInfo, listGenerations } from './generations';
export { DEFAULT_RETENTION, type RetentionRule, generationsToKeep } from './retention';
export { type RestoreOptions, type RestoreReport, restoreBackup, restoreCase } from './restore';
export { type OpenedGeneration, RestoreRefusedError, type RestoreRefusal, type Unlock, openGeneration, verifyObjects } from './open-generation';
export { restoreCaseBundle } from './case-bundle-from-backup';
