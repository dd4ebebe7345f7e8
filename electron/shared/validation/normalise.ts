/**
 * The one stored and compared form of what people type as identifiers, for main (which stores and looks up) and the
 * intake form (which derives, checks and asks for related cases as the clerk types).
 */
import { checkPhone } from './phone';

/** A document number (resident ID, passport, USCC code): no spaces, upper case (the X of an ID, a code's letters). */
export const normaliseDocumentNumber = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();

/** A phone as stored and printed: checkPhone's canonical form (no spaces, no +86), or what was typed if it is not one. */
export function normalisePhone(raw: string): string {
  const checked = raw ? checkPhone(raw) : null;
  return checked?.ok ? checked.value : raw;
}

/** The related-case lookup keys: the same person or organisation, whichever way the number was typed. */
export const identityKey = {
  id: (idNumber: string) => `id:${normaliseDocumentNumber(idNumber)}`,
  org: (usccCode: string) => `org:${normaliseDocumentNumber(usccCode)}`,
  tel: (phone: string) => `tel:${normalisePhone(phone).replace(/\D/g, '')}`,
} as const;
