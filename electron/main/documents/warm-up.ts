/**
 * The first document a host made paid for loading pdfmake, reading the two fonts (≈30 MB) and compiling the
 * renderers' code paths: about a second (two on a busy machine) before the first 预览 or 出具 of the day could show
 * anything, while later ones take a tenth of that. Each host therefore renders one form (the 受理登记表, the form
 * previewed most) to PDF and DOCX from sample data shortly after it starts, while the person is still signing in, in
 * steps that let waiting requests through between them. Nothing is stored.
 */
import { EMPTY_ENTRY } from './document-data';
import { templateDefinition } from './prepare';
import {
  type DocumentData,
  FIELD_LABELS,
  FLAG_FIELDS,
  LIST_FIELDS,
  PARTY_LIST_FIELDS,
  type PartyEntry,
  SCALAR_FIELDS,
  SIGNER_LIST_FIELDS,
  STATEMENT_LIST_FIELDS,
  TABLE_FIELDS,
} from './model';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';

/** Long enough after start for the window (or the browser) to have loaded the app and asked its first questions. */
export const WARM_UP_DELAY_MS = 2000;

/** One entry per key, from the field registries of model.ts. */
const fill = <K extends string, V>(keys: readonly K[], value: (key: K) => V) => Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<K, V>;

const SAMPLE_PARTY: PartyEntry = {
  ...EMPTY_ENTRY,
  kind: 'person',
  role: '申请人',
  name: '张三',
  gender: '男',
  ethnicity: '汉族',
  birthDate: '1980年1月1日',
  age: '46岁',
  idType: '居民身份证',
  idNumber: '110101198001010011',
  phone: '13800000000',
  address: '某某县某某镇某某路1号',
  occupation: '农民',
  line: '申请人张三，男，汉族，1980年1月1日出生，住某某县某某镇某某路1号',
  agents: [],
};

/** Every field filled (its Chinese name as its text), every condition true: the form with all its parts. */
export function warmUpData(): DocumentData {
  return {
    ...fill(SCALAR_FIELDS, (field) => FIELD_LABELS[field]),
    ...fill(LIST_FIELDS, (field) => [FIELD_LABELS[field]]),
    ...fill(STATEMENT_LIST_FIELDS, () => [{ speaker: '调解员问', text: FIELD_LABELS.summary }]),
    ...fill(TABLE_FIELDS, () => [['1', FIELD_LABELS.caseTitle, '1', '']]),
    ...fill(PARTY_LIST_FIELDS, () => [SAMPLE_PARTY]),
    ...fill(SIGNER_LIST_FIELDS, () => [{ label: '申请人张三', fingerprint: true }]),
    ...fill(FLAG_FIELDS, () => true),
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Loads the fonts and renders the 受理登记表 from sample data to PDF and DOCX, yielding between the steps. */
export async function warmUpDocuments(): Promise<void> {
  const def = templateDefinition('acceptance-register');
  const data = warmUpData();
  await renderPdf(def, data);
  await nextTurn();
  await renderDocx(def, data);
}

/**
 * Warms the document engine `delayMs` after now, in the background (never keeping the process alive); a failure
 * only means the first document is made cold, and is logged.
 */
export function scheduleDocumentWarmUp(delayMs: number = WARM_UP_DELAY_MS): void {
  const timer = setTimeout(() => {
    warmUpDocuments().catch((error: unknown) => console.warn('[documents] warm-up failed; the first document will take longer:', error));
  }, delayMs);
  timer.unref();
}
