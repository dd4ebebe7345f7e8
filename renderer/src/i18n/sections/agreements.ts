/** UI strings: 调解协议（起草、法定内容检查、预览、审核、履行情况、司法确认）. Part of the one table in ../zh-CN.ts. */
export const agreementsText = {} as const;
