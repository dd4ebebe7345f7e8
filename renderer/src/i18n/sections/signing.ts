/** UI strings: 协议签署（当场签名、盖章、纸质签署与扫描件）与文书核验、签章证书. Part of the one table in ../zh-CN.ts. */
export const signingText = {} as const;
