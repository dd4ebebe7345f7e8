/**
 * The form definitions, one per issued template key. Each is plain data (see electron/main/documents/model.ts);
 * adding a form means adding its key to DOCUMENT_TEMPLATES and its definition here.
 */
import type { DocumentTemplateKey } from '../electron/shared/domain';
import type { TemplateDefinition } from '../electron/main/documents/model';
import { acceptanceRegister } from './acceptance-register';
import { agreement } from './agreement';
import { application } from './application';
import { fileBackCover } from './file-back-cover';
import { fileCover } from './file-cover';
import { fileIndex } from './file-index';
import { followUp } from './follow-up';
import { investigationRecord } from './investigation-record';
import { judicialConfirmation } from './judicial-confirmation';
import { oralAgreement } from './oral-agreement';
import { powerOfAttorney } from './power-of-attorney';
import { refusalNotice } from './refusal-notice';
import { rightsNotice } from './rights-notice';
import { sessionRecord } from './session-record';
import { terminationNotice } from './termination-notice';
import { transferNotice } from './transfer-notice';

export const TEMPLATES: Readonly<Record<DocumentTemplateKey, TemplateDefinition>> = {
  application,
  'acceptance-register': acceptanceRegister,
  'rights-notice': rightsNotice,
  'refusal-notice': refusalNotice,
  'transfer-notice': transferNotice,
  'power-of-attorney': powerOfAttorney,
  'investigation-record': investigationRecord,
  'session-record': sessionRecord,
  agreement,
  'oral-agreement': oralAgreement,
  'follow-up': followUp,
  'termination-notice': terminationNotice,
  'judicial-confirmation': judicialConfirmation,
  'file-cover': fileCover,
  'file-index': fileIndex,
  'file-back-cover': fileBackCover,
};
