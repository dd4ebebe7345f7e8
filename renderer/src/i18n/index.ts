import { zhCN } from './zh-CN';

/** The UI string table. Only Simplified Chinese is needed; a lookup object keeps strings typed and greppable. */
export const t = zhCN;
export type { Messages } from './zh-CN';
