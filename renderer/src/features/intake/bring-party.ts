import type { Party } from '../../../../electron/shared/domain';
import { GENDERS, ID_TYPES } from '../../../../electron/shared/domain/codes';
import { maskIdNumber, maskPhone } from '../../../../electron/shared/domain/masking';
import { t } from '../../i18n';
import type { IntakeValues, PartyDraft } from './intake-form';

type Field = keyof typeof t.returning.fields;

/**
 * 带入当事人信息: the fields of a party card an earlier party fills, kind first (the card switches to it). The earlier
 * case's requests are not taken: this visit has its own. Role and card id stay those of the card.
 */
export function broughtFields(party: Party): Partial<PartyDraft> {
  const base = { kind: party.kind, name: party.name, phone: party.phone, address: party.address };
  if (party.kind === 'organization') {
    return { ...base, usccCode: party.usccCode, legalRepresentative: party.legalRepresentative, representativeTitle: party.representativeTitle };
  }
  const { idType, idNumber, gender, birthDate, ethnicity, occupation, workUnit } = party;
  return { ...base, idType, idNumber, gender, birthDate, ethnicity, occupation, workUnit };
}

/** What the confirmation shows: every field that will be filled, ID numbers and phones masked. */
export function previewRows(party: Party): { field: Field; label: string; value: string }[] {
  const f = t.returning.fields;
  const rows: [Field, string][] = [
    ['kind', party.kind === 'person' ? t.intake.kindPerson : t.intake.kindOrganization],
    ['name', party.name],
  ];
  if (party.kind === 'person') {
    rows.push(
      ['idType', ID_TYPES[party.idType]],
      ['idNumber', party.idNumber ? maskIdNumber(party.idNumber) : ''],
      ['gender', GENDERS[party.gender]],
      ['birthDate', party.birthDate],
      ['ethnicity', party.ethnicity],
      ['occupation', party.occupation],
      ['workUnit', party.workUnit],
    );
  } else {
    rows.push(['usccCode', party.usccCode], ['legalRepresentative', party.legalRepresentative], ['representativeTitle', party.representativeTitle]);
  }
  rows.push(['phone', party.phone ? maskPhone(party.phone) : ''], ['address', party.address]);
  return rows.filter(([, value]) => value !== '').map(([field, value]) => ({ field, label: f[field], value }));
}

/** The card to fill by default: an empty card of the same role, else the first card of that role, else the first. */
export function defaultTarget(values: IntakeValues, party: Pick<Party, 'role'>): number {
  const empty = values.parties.findIndex((p) => p.role === party.role && !p.name.trim());
  if (empty !== -1) return empty;
  const sameRole = values.parties.findIndex((p) => p.role === party.role);
  return sameRole === -1 ? 0 : sameRole;
}

/** 同上: the card above of the same side (申请人 2 → 申请人 1), whose address a co-applicant or co-respondent shares. */
export function previousOfSameRole(values: IntakeValues, index: number): number | null {
  const role = values.parties[index]?.role;
  for (let i = index - 1; i >= 0; i--) if (values.parties[i]!.role === role) return i;
  return null;
}
