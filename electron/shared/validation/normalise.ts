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

/**
 * The identity keys a search text could be, when it looks like what a visitor hands over: a document number (an ID
 * card, a passport, a credit code: letters and digits, at least six, with a digit) or a phone. The list's search
 * matches them exactly against the keys the cases store; a name or a case number gives none.
 */
export function searchIdentityKeys(raw: string): string[] {
  const keys: string[] = [];
  const phone = checkPhone(raw);
  if (phone.ok) keys.push(identityKey.tel(phone.value));
  const doc = normaliseDocumentNumber(raw).replace(/-/g, '');
  if (/^[0-9A-Z]{6,40}$/.test(doc) && /\d/.test(doc)) keys.push(identityKey.id(doc), identityKey.org(doc));
  return keys;
}
