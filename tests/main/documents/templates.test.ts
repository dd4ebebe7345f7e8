import { describe, expect, it } from 'vitest';
import { DOCUMENT_TEMPLATES, DOCUMENT_TEMPLATE_KEYS } from '../../../electron/shared/domain';
import { checkDefinition, checkRequiredFields } from '../../../electron/main/documents/check';
import { buildDocumentData } from '../../../electron/main/documents/document-data';
import type { TemplateDefinition } from '../../../electron/main/documents/model';
import { TEMPLATES } from '../../../templates';
import { CLERK, MEDIATOR, fixtureRecord, fixtureSettings } from './helpers';

const staff = [CLERK, MEDIATOR];
const data = (record = fixtureRecord(), settings = fixtureSettings()) => buildDocumentData({ record, settings, staff, today: '2026-05-01' });

describe('template definitions', () => {
  it('there is one definition per issuable template key, with the title of the domain list', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...DOCUMENT_TEMPLATE_KEYS].sort());
    for (const key of DOCUMENT_TEMPLATE_KEYS) {
      expect(TEMPLATES[key].key).toBe(key);
      expect(TEMPLATES[key].title).toBe(DOCUMENT_TEMPLATES[key].title);
      expect(TEMPLATES[key].version).toBeGreaterThanOrEqual(1);
    }
  });

  it.each(DOCUMENT_TEMPLATE_KEYS)('%s is sound: known fields, all declared, tables span their grid, seals kept with text, plain data', (key) => {
    expect(checkDefinition(TEMPLATES[key])).toEqual([]);
  });

  it('every definition is plain data that survives a JSON round trip unchanged (no code can run)', () => {
    for (const key of DOCUMENT_TEMPLATE_KEYS) expect(JSON.parse(JSON.stringify(TEMPLATES[key]))).toEqual(TEMPLATES[key]);
  });

  it('uses the mediation terms (申请人/被申请人), never the litigation ones (原告/被告)', () => {
    for (const key of DOCUMENT_TEMPLATE_KEYS) expect(JSON.stringify(TEMPLATES[key])).not.toMatch(/原告|被告/);
  });

  it('the checker rejects definitions that would print a blank or run code', () => {
    const base = TEMPLATES['refusal-notice'];
    const undeclared: TemplateDefinition = { ...base, blocks: [...base.blocks, { type: 'paragraph', text: '调解员：{mediators}' }] };
    expect(checkDefinition(undeclared)).toContain('uses mediators without declaring it in requires or optional');
    const unknown: TemplateDefinition = { ...base, blocks: [{ type: 'paragraph', text: '{idNumber}' }] };
    expect(checkDefinition(unknown)).toContain('uses unknown field {idNumber}');
    const listAsText: TemplateDefinition = { ...base, requires: [...base.requires, 'requests'], blocks: [{ type: 'paragraph', text: '{requests}' }] };
    expect(checkDefinition(listAsText)).toContain('{requests} in paragraph is not a text field');
    const lonelySeal: TemplateDefinition = { ...base, blocks: [{ type: 'sealArea', issuer: '{committeeName}', date: '{issueDate}' }] };
    expect(checkDefinition(lonelySeal)).toContain('a sealArea must be inside a keep group, after text');
    const badRow: TemplateDefinition = { ...base, blocks: [{ type: 'formTable', widths: [1, 1, 1], rows: [{ cells: [{ label: '案号' }, { text: '{caseNumber}' }] }] }] };
    expect(checkDefinition(badRow)).toContain('formTable row 0 spans 2 of 3 columns');
    const withCode = { ...base, blocks: [{ type: 'paragraph', text: 'x', toString: () => 'y' }] } as unknown as TemplateDefinition;
    expect(checkDefinition(withCode)).toContain('definition is not plain data');
  });
});

describe('checkRequiredFields', () => {
  it('finds nothing missing for the complete road-traffic case (intake forms) once accepted', () => {
    const accepted = fixtureRecord((r) => ({
      ...r,
      assignment: { mediatorIds: [MEDIATOR.id], room: '交通事故调解室' },
      deadlines: { ...r.deadlines, mediationDue: '2026-05-31' },
      actions: [...r.actions, { id: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', type: 'ACCEPTED', at: '2026-05-01T02:00:00.000Z', by: CLERK.id, note: '' }],
    }));
    for (const key of ['application', 'acceptance-register', 'rights-notice'] as const) expect(checkRequiredFields(TEMPLATES[key], data(accepted))).toEqual([]);
  });

  it('reports missing fields by their Chinese names, before anything is rendered', () => {
    expect(checkRequiredFields(TEMPLATES['rights-notice'], data(fixtureRecord(), fixtureSettings({ phone: '' })))).toEqual(['中心联系电话']);
    expect(checkRequiredFields(TEMPLATES['transfer-notice'], data())).toEqual(['转办接收单位', '决定日期', '转办回复期限']);
    expect(checkRequiredFields(TEMPLATES['refusal-notice'], data())).toEqual(['不予受理的理由', '告知当事人前往的机关或途径']);
  });

  it('reports the missing details of a named party', () => {
    const record = fixtureRecord((r) => ({
      ...r,
      parties: r.parties.map((p) => (p.name === '李秀兰' && p.kind === 'person' ? { ...p, phone: '', occupation: '', birthDate: '', idNumber: '' } : p)),
    }));
    expect(checkRequiredFields(TEMPLATES.application, data(record))).toEqual(['申请人李秀兰的年龄（出生日期）', '申请人李秀兰的职业或职务', '申请人李秀兰的联系方式']);
  });

  it('asks for the clerk only when the application was oral, and for requests always', () => {
    const noClerk = (form: 'oral' | 'written') =>
      fixtureRecord((r) => ({ ...r, dispute: { ...r.dispute, applicationForm: form }, actions: r.actions.map((a) => ({ ...a, by: 'someone-unknown' })) }));
    expect(checkRequiredFields(TEMPLATES.application, data(noClerk('written')))).toEqual([]);
    expect(checkRequiredFields(TEMPLATES.application, data(noClerk('oral')))).toEqual(['登记人']);
    const noRequests = fixtureRecord((r) => ({ ...r, parties: r.parties.map((p) => ({ ...p, requests: '' })) }));
    expect(checkRequiredFields(TEMPLATES.application, data(noRequests))).toEqual(['申请事项']);
  });

  it('needs the acceptance details only once the case is accepted', () => {
    expect(checkRequiredFields(TEMPLATES['acceptance-register'], data())).toEqual([]);
    const acceptedWithoutDue = fixtureRecord((r) => ({
      ...r,
      actions: [...r.actions, { id: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', type: 'ACCEPTED', at: '2026-05-01T02:00:00.000Z', by: CLERK.id, note: '' }],
    }));
    expect(checkRequiredFields(TEMPLATES['acceptance-register'], data(acceptedWithoutDue))).toEqual(['调解期限']);
  });
});
