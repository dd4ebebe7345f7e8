import type { DocumentPreview } from '../../shared/ipc/contract';
import { ApiFailure } from '../../shared/ipc/result';
import type { Workstation } from '../services/workstation';
import type { IssueDocumentInput } from './issue';
import { prepareDocument } from './prepare';
import { renderPdf } from './render-pdf';
import { versionTitle } from './subject';

/**
 * The real PDF of a document as it would be issued now, for the preview before issuing: same checks, same data (a
 * record from the session it names, the agreement's forms from the agreement), same renderer, but nothing is stored,
 * nothing is signed and no version is made. A draft agreement may be previewed (marked 草稿, with （待填写） where
 * something is still missing); the agreement shows the signatures and the seal given so far.
 */
export async function previewDocument(ws: Workstation, input: IssueDocumentInput): Promise<DocumentPreview> {
  const settings = ws.state.data.settings;
  if (!settings) throw new ApiFailure('SETUP_REQUIRED', '请先完成中心初始设置');
  const { def, subject, data, render } = await prepareDocument(ws, input, settings, { mode: 'preview' });
  const pdf = await renderPdf(def, data, { createdAt: ws.clock.now(), ...render });
  return { title: versionTitle(input.template, subject), pdfBase64: Buffer.from(pdf).toString('base64') };
}
