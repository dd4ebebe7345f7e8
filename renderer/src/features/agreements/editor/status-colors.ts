import type { AgreementStatus } from '../../../../../electron/shared/domain/agreement';

/** Badge colours of the agreement's status, the same in the editor and on the case page. */
export const STATUS_COLORS: Record<AgreementStatus, string> = { draft: 'gray', in_review: 'blue', returned: 'orange', approved: 'teal', effective: 'green' };
