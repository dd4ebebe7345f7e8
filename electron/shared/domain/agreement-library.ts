import type { AgreementItem } from './agreement';
import type { Party } from './party';

/**
 * The clause library (templates/clauses): ready-made agreement items per dispute type, inserted into a draft and
 * then edited. Entries are plain data; parties are named by side ("the respondents pay the applicants"), resolved
 * against the case when inserted (null: nobody, e.g. a clause that binds no one in particular), and amounts/dates are left for the advisor to fill (the legal checks name them).
 */
export type Side = 'applicants' | 'respondents' | 'third_parties';

type WithSides<T> = {
  [K in keyof T]: K extends `${string}Ids` ? Side | null : T[K];
};
type Templated<T extends AgreementItem> = Omit<WithSides<T>, 'id'>;
export type ItemTemplate = { [K in AgreementItem['type']]: Templated<Extract<AgreementItem, { type: K }>> }[AgreementItem['type']];

export interface ClauseTemplate {
  id: string;
  title: string;
  /** Dispute type codes (codes.ts) it is offered for first; other types can still use it. */
  disputeTypes: string[];
  /** One line for the picker. */
  description: string;
  items: ItemTemplate[];
}

const ROLE_OF_SIDE: Record<Side, Party['role']> = { applicants: 'applicant', respondents: 'respondent', third_parties: 'third_party' };

/** The library entry's items with the case's parties in place of the sides, each with a new id. */
export function instantiateClause(template: ClauseTemplate, parties: readonly Pick<Party, 'id' | 'role'>[], newId: () => string): AgreementItem[] {
  const ids = (side: Side) => parties.filter((p) => p.role === ROLE_OF_SIDE[side]).map((p) => p.id);
  return template.items.map((item) => {
    const resolved: Record<string, unknown> = { id: newId() };
    for (const [key, value] of Object.entries(item)) resolved[key] = key.endsWith('Ids') ? (value === null ? [] : ids(value as Side)) : Array.isArray(value) ? value.map((v) => ({ ...v })) : value;
    return resolved as AgreementItem;
  });
}
