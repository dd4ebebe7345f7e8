import type { DocumentPreview } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import type { Workstation } from '../services/workstation';
import { type IssueDocumentInput, prepareDocument } from './issue';
import { renderPdf } from './render-pdf';
import { versionTitle } from './subject';

/**
 * The real PDF of a document as it would be issued now, for the preview before issuing: same checks, same data (a
 * record from the session it names), same renderer, but nothing is stored and no version is made.
 */
export async function previewDocument(ws: Workstation, input: IssueDocumentInput): Promise<DocumentPreview> {
  const settings = ws.state.data.settings;
  if (!settings) throw new ApiFailure('SETUP_REQUIRED', '请先完成中心初始设置');
  const { def, subject, data } = await prepareDocument(ws, input, settings);
  const pdf = await renderPdf(def, data, { createdAt: ws.clock.now() });
  return { title: versionTitle(input.template, subject), pdfBase64: Buffer.from(pdf).toString('base64') };
}
