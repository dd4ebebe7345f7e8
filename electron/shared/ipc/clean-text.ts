/**
 * Text arriving at the API boundary is cleaned before it is validated: characters nobody can see or type but that
 * break documents and deceive readers never reach the store. Vertical tab and form feed (Word's manual line and page
 * breaks, pasted along with the text) become line breaks; other C0 controls and DEL are removed; bidirectional
 * overrides and isolates (which can make "张三" display as something else) are removed; a lone UTF-16 surrogate
 * (unencodable in PDF, DOCX and JSON files) becomes U+FFFD. Tab, line feed and carriage return are kept.
 */
const ANY = /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;
const BREAKS = /[\u000b\u000c]/g;
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanText(s: string): string {
  if (!ANY.test(s)) return s;
  return s.replace(BREAKS, '\n').replace(INVISIBLE, '').replace(LONE_SURROGATE, '\ufffd');
}

/** Deeper than any real payload; anything deeper is left as it is for the schema to refuse. */
const MAX_DEPTH = 64;

/**
 * A copy of a payload with every string cleaned (keys too). Objects are rebuilt with Object.fromEntries, which
 * defines own properties, so a hostile "__proto__" key stays a plain key for the strict schema to refuse.
 */
export function cleanPayload(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => cleanPayload(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanPayload(v, depth + 1)]));
}
