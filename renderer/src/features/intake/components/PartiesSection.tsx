import { Alert, Button, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { PARTY_ROLES, type PartyRole } from '../../../../../electron/shared/domain/codes';
import { SectionCard } from '../../../components/SectionCard';
import { t } from '../../../i18n';
import { useIntakeFormContext } from '../form-context';
import { newParty } from '../intake-form';
import { PartyFields } from './PartyFields';

/** Titles like "申请人 1", "被申请人 2", numbered per role in order of entry. */
export function partyTitles(roles: readonly PartyRole[]): string[] {
  const seen: Partial<Record<PartyRole, number>> = {};
  return roles.map((role) => {
    seen[role] = (seen[role] ?? 0) + 1;
    return t.intake.partyTitle(PARTY_ROLES[role], seen[role]);
  });
}

const ROLE_ORDER: PartyRole[] = ['applicant', 'respondent', 'third_party'];

function focusSoon(path: string) {
  // After React has rendered the new card.
  setTimeout(() => document.querySelector<HTMLElement>(`[data-path="${path}"]`)?.focus(), 0);
}

/** 当事人: the party cards, with buttons to add 申请人 / 被申请人 / 第三人. */
export function PartiesSection() {
  const form = useIntakeFormContext();
  const { parties, agents } = form.getValues();
  const titles = partyTitles(parties.map((p) => p.role));
  const count = (role: PartyRole) => parties.filter((p) => p.role === role).length;
  const partiesError = form.errors.parties;

  /** A new party goes after the others of its role, so that the cards read like the paper form: 申请人, 被申请人, 第三人. */
  const add = (role: PartyRole) => {
    const rank = (r: PartyRole) => ROLE_ORDER.indexOf(r);
    const after = parties.findIndex((p) => rank(p.role) > rank(role));
    const index = after === -1 ? parties.length : after;
    form.insertListItem('parties', newParty(role), index);
    form.clearFieldError('parties');
    focusSoon(`parties.${index}.name`);
  };
  const remove = (index: number) => {
    const removed = parties[index]!;
    form.removeListItem('parties', index);
    // An agent cannot act for a party that is no longer in the case.
    agents.forEach((agent, i) => {
      if (agent.principalId === removed.id) form.setFieldValue(`agents.${i}.principalId`, '');
    });
  };

  const addButtons = (
    <>
      <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => add('applicant')}>
        {t.intake.addApplicant}
      </Button>
      <Button size="xs" variant="light" color="grape" leftSection={<IconPlus size={14} />} onClick={() => add('respondent')}>
        {t.intake.addRespondent}
      </Button>
      <Button size="xs" variant="light" color="gray" leftSection={<IconPlus size={14} />} onClick={() => add('third_party')}>
        {t.intake.addThirdParty}
      </Button>
    </>
  );

  return (
    <SectionCard id="parties" title={t.intake.partiesSection} hint={t.intake.partiesHint} actions={addButtons}>
      {partiesError ? (
        <Alert color="red" variant="light" data-path="parties" tabIndex={-1}>
          {partiesError}
        </Alert>
      ) : null}
      <Stack gap="md">
        {parties.map((party, index) => (
          <PartyFields
            key={party.id}
            index={index}
            title={titles[index]!}
            removable={party.role === 'third_party' || count(party.role) > 1}
            onRemove={() => remove(index)}
          />
        ))}
      </Stack>
    </SectionCard>
  );
}
