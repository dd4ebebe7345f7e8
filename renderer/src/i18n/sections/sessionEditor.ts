/** UI strings: 调解记录编辑器（笔录录入、到场人员、结束调解）. Part of the one table in ../zh-CN.ts. */
export const sessionEditorText = {} as const;
