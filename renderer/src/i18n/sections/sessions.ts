/** UI strings: 调解会次列表、安排调解/调查、案件时间线、附件材料（案件详情页）. Part of the one table in ../zh-CN.ts. */
export const sessionsText = {} as const;
