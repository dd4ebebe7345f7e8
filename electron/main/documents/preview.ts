import type { DocumentPreview } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import type { Workstation } from '../services/workstation';
import { checkRequiredFields } from './check';
import { buildDocumentData } from './document-data';
import { type IssueDocumentInput, templateDefinition, templateNotAllowedReason } from './issue';
import { renderPdf } from './render-pdf';

/**
 * The real PDF of a document as it would be issued now, for the preview before issuing: same checks, same data,
 * same renderer, but nothing is stored and no version is made.
 */
export async function previewDocument(ws: Workstation, input: IssueDocumentInput): Promise<DocumentPreview> {
  const settings = ws.state.data.settings;
  if (!settings) throw new ApiFailure('SETUP_REQUIRED', '请先完成中心初始设置');
  const def = templateDefinition(input.template);
  const record = await ws.cases.get(input.caseId);
  const refused = templateNotAllowedReason(record, input.template);
  if (refused) throw new ApiFailure('NOT_ALLOWED', refused);
  const data = buildDocumentData({ record, settings, staff: ws.state.data.staff, today: ws.clock.today() });
  const missing = checkRequiredFields(def, data);
  if (missing.length) {
    throw new ApiFailure('INVALID_INPUT', `无法出具《${def.title}》，案件缺少以下信息：${missing.join('、')}`, missing.map((m) => ({ code: 'REQUIRED', path: ['caseId'], message: `缺少${m}` })));
  }
  const pdf = await renderPdf(def, data, { createdAt: ws.clock.now() });
  return { title: def.title, pdfBase64: Buffer.from(pdf).toString('base64') };
}
