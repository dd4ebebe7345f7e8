/**
 * Checks on template definitions (is the definition well-formed?) and on case data (does this case have everything
 * the definition asks for?). Both run before anything is rendered.
 */
import {
  type Block,
  type Condition,
  type DocField,
  type DocumentData,
  FIELD_LABELS,
  FLAG_FIELDS,
  type FormRow,
  LIST_FIELDS,
  PARTY_DETAILS,
  PARTY_LIST_FIELDS,
  type PartyDetail,
  type PartyEntry,
  type PartyListField,
  SCALAR_FIELDS,
  SIGNER_LIST_FIELDS,
  STATEMENT_LIST_FIELDS,
  TABLE_FIELDS,
  type TemplateDefinition,
} from './model';
import type { CenterSettingKey } from '../../shared/ipc/contract';

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
/** Placeholders only signature labels may use, filled per party. */
const PARTY_PLACEHOLDERS = new Set(['role', 'name']);

const SCALARS = new Set<string>(SCALAR_FIELDS);
const LISTS = new Set<string>(LIST_FIELDS);
const PARTY_LISTS = new Set<string>(PARTY_LIST_FIELDS);
const FLAGS = new Set<string>(FLAG_FIELDS);
const STATEMENT_LISTS = new Set<string>(STATEMENT_LIST_FIELDS);
const TABLES = new Set<string>(TABLE_FIELDS);
const SIGNER_LISTS = new Set<string>(SIGNER_LIST_FIELDS);

export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

export function isActive(cond: Condition, data: Pick<DocumentData, (typeof FLAG_FIELDS)[number]>): boolean {
  if (cond.when && !data[cond.when]) return false;
  if (cond.unless && data[cond.unless]) return false;
  return true;
}

/** Texts of a block (its own, not those of nested blocks). */
function blockTexts(block: Block): string[] {
  switch (block.type) {
    case 'title':
      return [block.text, block.issuer ?? ''];
    case 'numberLine':
    case 'heading':
    case 'paragraph':
    case 'dateLine':
    case 'note':
      return [block.text];
    case 'signatureLine':
      return [block.label];
    case 'sealArea':
      return [block.issuer, block.date];
    case 'listTable':
      return block.columns.map((c) => c.label);
    case 'statements':
    case 'fields':
    case 'signatures':
    case 'parties':
    case 'numberedList':
    case 'formTable':
    case 'keep':
    case 'spacer':
    case 'pageBreak':
      return [];
    default:
      throw new Error(`unknown block ${JSON.stringify(block satisfies never)}`);
  }
}

function itemTexts(block: Block): { texts: string[]; cond: Condition }[] {
  return block.type === 'fields' ? block.items.map((item) => ({ texts: [item.label, item.text], cond: { when: item.when, unless: item.unless } })) : [];
}

function rowTexts(row: FormRow): string[] {
  if ('cells' in row) return row.cells.map((c) => ('label' in c ? c.label : c.text));
  if ('seal' in row) return [row.seal.issuer, row.seal.date];
  return [];
}

/** Every field a block (and, for groups and tables, what it contains) uses directly, with the block's condition. */
interface FieldUse {
  field: string;
  conds: Condition[];
  /** Party details required of the parties of `field` (a party list). */
  details?: PartyDetail[];
}

function collectUses(blocks: Block[], outer: Condition[], out: FieldUse[]): void {
  for (const block of blocks) {
    const conds = [...outer, { when: block.when, unless: block.unless }];
    for (const text of blockTexts(block)) for (const f of placeholders(text)) out.push({ field: f, conds });
    for (const item of itemTexts(block)) for (const text of item.texts) for (const f of placeholders(text)) out.push({ field: f, conds: [...conds, item.cond] });
    switch (block.type) {
      case 'parties':
        out.push({ field: block.source, conds, details: block.require ?? [] });
        break;
      case 'signatures':
        out.push({ field: block.source, conds });
        for (const f of [...placeholders(block.personLabel), ...placeholders(block.organizationLabel), ...placeholders(block.agentLabel ?? '')]) {
          if (!PARTY_PLACEHOLDERS.has(f)) out.push({ field: f, conds });
        }
        break;
      case 'numberedList':
      case 'statements':
      case 'listTable':
        out.push({ field: block.field, conds });
        break;
      case 'formTable':
        for (const row of block.rows) {
          const rowConds = [...conds, { when: row.when, unless: row.unless }];
          for (const text of rowTexts(row)) for (const f of placeholders(text)) out.push({ field: f, conds: rowConds });
          if ('parties' in row) out.push({ field: row.parties, conds: rowConds, details: row.require ?? [] });
        }
        break;
      case 'keep':
        collectUses(block.blocks, conds, out);
        break;
      default:
        break;
    }
  }
}

function uses(def: TemplateDefinition): FieldUse[] {
  const out: FieldUse[] = [];
  if (def.pageSigners) out.push({ field: def.pageSigners.source, conds: [] });
  collectUses(def.blocks, [], out);
  return out;
}

/**
 * Problems with a definition itself (a programming error, caught by the tests): unknown or misplaced fields, fields
 * used but not declared, table rows that do not span the table, seal areas that could stand alone, anything that is
 * not plain data. Empty when the definition is sound.
 */
export function checkDefinition(def: TemplateDefinition): string[] {
  const problems: string[] = [];
  const declared = new Set<string>([...def.requires, ...def.optional]);
  for (const f of declared) if (!(f in FIELD_LABELS)) problems.push(`declares unknown field ${f}`);
  for (const f of def.requires) if (def.optional.includes(f)) problems.push(`${f} is both required and optional`);
  for (const use of uses(def)) {
    if (!(use.field in FIELD_LABELS)) problems.push(`uses unknown field {${use.field}}`);
    else if (!declared.has(use.field)) problems.push(`uses ${use.field} without declaring it in requires or optional`);
    if (FLAGS.has(use.field)) problems.push(`prints the yes/no field ${use.field}`);
    for (const c of use.conds) {
      for (const f of [c.when, c.unless]) if (f !== undefined && !FLAGS.has(f)) problems.push(`condition on ${f}, which is not a yes/no field`);
    }
  }
  const checkBlocks = (blocks: Block[], inKeep: boolean) => {
    blocks.forEach((block, i) => {
      for (const text of [...blockTexts(block), ...itemTexts(block).flatMap((i) => i.texts)]) {
        for (const f of placeholders(text)) if (!SCALARS.has(f)) problems.push(`{${f}} in ${block.type} is not a text field`);
      }
      switch (block.type) {
        case 'parties':
        case 'signatures':
          if (!PARTY_LISTS.has(block.source)) problems.push(`${block.type} source ${block.source} is not a party list`);
          break;
        case 'numberedList':
          if (!LISTS.has(block.field)) problems.push(`numberedList field ${block.field} is not a list`);
          break;
        case 'fields':
          if (block.items.length === 0) problems.push('a fields block needs at least one item');
          break;
        case 'statements':
          if (!STATEMENT_LISTS.has(block.field)) problems.push(`statements field ${block.field} is not a statement list`);
          break;
        case 'listTable':
          if (!TABLES.has(block.field)) problems.push(`listTable field ${block.field} is not a table field`);
          if (block.columns.length === 0 || block.columns.some((c) => !(c.width > 0))) problems.push('listTable columns must have positive widths');
          if (block.minRows !== undefined && !(Number.isInteger(block.minRows) && block.minRows >= 0 && block.minRows <= 40)) problems.push('listTable minRows must be a whole number from 0 to 40');
          break;
        case 'formTable': {
          const n = block.widths.length;
          if (n === 0 || block.widths.some((w) => !(w > 0))) problems.push('formTable widths must be positive');
          block.rows.forEach((row, r) => {
            if ('cells' in row) {
              const span = row.cells.reduce((s, c) => s + (c.span ?? 1), 0);
              if (span !== n) problems.push(`formTable row ${r} spans ${span} of ${n} columns`);
              for (const c of row.cells) {
                for (const f of placeholders('label' in c ? c.label : c.text)) if (!SCALARS.has(f)) problems.push(`{${f}} in a table cell is not a text field`);
              }
            } else if ('parties' in row) {
              if (!PARTY_LISTS.has(row.parties)) problems.push(`formTable party rows ${row.parties} is not a party list`);
              if (n !== 8) problems.push('party rows need an 8-column formTable');
            } else {
              if (!inKeep || r !== block.rows.length - 1 || r === 0) problems.push('a seal row must be the last row of a table inside a keep group, after other rows');
            }
          });
          break;
        }
        case 'keep':
          if (inKeep) problems.push('keep groups cannot be nested');
          if (block.blocks.length < 2) problems.push('a keep group needs at least two blocks');
          checkBlocks(block.blocks, true);
          break;
        case 'sealArea':
          if (!inKeep || i === 0) problems.push('a sealArea must be inside a keep group, after text');
          break;
        default:
          break;
      }
    });
  };
  checkBlocks(def.blocks, false);
  if (def.pageSigners && !SIGNER_LISTS.has(def.pageSigners.source)) problems.push(`pageSigners source ${def.pageSigners.source} is not a signer list`);
  if (def.pageSigners && def.pageNumbers === false) problems.push('pageSigners needs page numbers (the signatures sit in the page footer)');
  // Plain data only: a JSON round trip must give the same definition (no functions, dates, classes, undefined).
  if (JSON.stringify(JSON.parse(JSON.stringify(def))) !== JSON.stringify(def) || containsNonData(def)) problems.push('definition is not plain data');
  return problems;
}

function containsNonData(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return false;
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(containsNonData);
  if (typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) return true;
    return Object.values(value as Record<string, unknown>).some((v) => v === undefined || containsNonData(v));
  }
  return true;
}

function isEmpty(data: DocumentData, field: DocField): boolean {
  const value = data[field];
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function missingDetails(entries: PartyEntry[], details: PartyDetail[]): string[] {
  const out: string[] = [];
  const visit = (p: PartyEntry) => {
    for (const d of details) {
      const rule = PARTY_DETAILS[d];
      if ((rule.kinds as readonly string[]).includes(p.kind) && !p[d].trim()) out.push(`${p.role}${p.name}的${rule.label}`);
    }
    p.agents.forEach(visit);
  };
  entries.forEach(visit);
  return out;
}

/** Fields filled from the center settings, by the key a refusal names the setting with (ApiError.missing). */
export const CENTER_SETTING_FIELDS: Partial<Record<DocField, CenterSettingKey>> = {
  centerName: 'center.centerName',
  committeeName: 'center.committeeName',
  centerPhone: 'center.phone',
  centerAddress: 'center.address',
};

/** One thing a document lacks: its name in Chinese, and the center setting it comes from (null: the case's data). */
export interface MissingField {
  label: string;
  setting: CenterSettingKey | null;
}

/**
 * What a case lacks for a template, in the order the form asks for it: required fields that are empty, and required
 * details of printed parties (申请人李秀兰的联系方式). A field used only by blocks that are switched off for this
 * case is not asked for. Empty when the document can be made.
 */
export function findMissingFields(def: TemplateDefinition, data: DocumentData): MissingField[] {
  const all = uses(def);
  const active = all.filter((u) => u.conds.every((c) => isActive(c, data)));
  const usedAnywhere = new Set(all.map((u) => u.field));
  const usedActively = new Set(active.map((u) => u.field));
  const missing: MissingField[] = [];
  for (const field of def.requires) {
    if ((usedActively.has(field) || !usedAnywhere.has(field)) && isEmpty(data, field)) missing.push({ label: FIELD_LABELS[field], setting: CENTER_SETTING_FIELDS[field] ?? null });
  }
  for (const use of active) {
    if (use.details?.length && PARTY_LISTS.has(use.field)) missing.push(...missingDetails(data[use.field as PartyListField], use.details).map((label) => ({ label, setting: null })));
  }
  const seen = new Set<string>();
  return missing.filter((m) => !seen.has(m.label) && !!seen.add(m.label));
}

/** The same, by name only (in Chinese). */
export function checkRequiredFields(def: TemplateDefinition, data: DocumentData): string[] {
  return findMissingFields(def, data).map((m) => m.label);
}
