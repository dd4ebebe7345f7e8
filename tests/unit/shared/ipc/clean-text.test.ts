import { describe, expect, it } from 'vitest';
import { cleanPayload, cleanText } from '../../../../electron/shared/ipc/clean-text';

describe('text cleaned at the API boundary', () => {
  it.each([
    ['张三', '张三'],
    ['张\u0000三', '张三'],
    ['张\u202e三\u202c', '张三'],
    ['\u2066李四\u2069', '李四'],
    ['第一行\u000b第二行\u000c第三行', '第一行\n第二行\n第三行'],
    ['制表\t换行\n回车\r保留', '制表\t换行\n回车\r保留'],
    ['孤立\ud800代理', '孤立\ufffd代理'],
    ['\udc00开头', '\ufffd开头'],
    ['𠀀扩展B区', '𠀀扩展B区'],
    ['删除\u007f符', '删除符'],
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('cleans every string of a payload, keys too, without giving "__proto__" any power', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": "\\u0000yes"}, "a": ["x\\u0001", {"b\\u202e": "y"}]}');
    const cleaned = cleanPayload(hostile) as Record<string, unknown>;
    expect(Object.keys(cleaned)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(cleaned.a).toEqual(['x', { b: 'y' }]);
  });

  it('leaves anything nested deeper than a real payload for the schema to refuse', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(() => cleanPayload(deep)).not.toThrow();
  });
});
