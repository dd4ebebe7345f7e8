/**
 * The form definitions, one per issued template key. Each is plain data (see electron/main/documents/model.ts);
 * adding a form means adding its key to DOCUMENT_TEMPLATES and its definition here.
 */
import type { DocumentTemplateKey } from '../electron/shared/domain';
import type { TemplateDefinition } from '../electron/main/documents/model';
import { acceptanceRegister } from './acceptance-register';
import { application } from './application';
import { refusalNotice } from './refusal-notice';
import { rightsNotice } from './rights-notice';
import { transferNotice } from './transfer-notice';

export const TEMPLATES: Readonly<Record<DocumentTemplateKey, TemplateDefinition>> = {
  application,
  'acceptance-register': acceptanceRegister,
  'rights-notice': rightsNotice,
  'refusal-notice': refusalNotice,
  'transfer-notice': transferNotice,
};
