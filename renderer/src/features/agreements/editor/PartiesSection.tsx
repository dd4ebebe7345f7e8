import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconExternalLink } from '@tabler/icons-react';
import { GENDERS, PARTY_ROLES } from '../../../../../electron/shared/domain/codes';
import { maskPhone } from '../../../../../electron/shared/domain/masking';
import type { Party } from '../../../../../electron/shared/domain/party';
import { ageOn } from '../../../../../electron/shared/validation/dates';
import { SectionCard } from '../../../components/SectionCard';
import { t } from '../../../i18n';
import { useEditorContext } from './editor-context';
import { fieldId } from './field-paths';
import classes from './AgreementEditor.module.css';

const P = t.agreements.parties;

/** 男 · 汉族 · 58岁 · 个体经营 · 电话 139****2345 · 住 … (phones masked as everywhere on screen). */
function summary(party: Party, today: string): string {
  if (party.kind === 'organization') {
    return [P.representative(party.legalRepresentative), party.phone && P.phone(maskPhone(party.phone)), party.address && P.orgAddress(party.address)].filter(Boolean).join(' · ');
  }
  const age = party.birthDate ? ageOn(party.birthDate, today) : NaN;
  return [
    party.gender !== 'unknown' && GENDERS[party.gender],
    party.ethnicity,
    !Number.isNaN(age) && age >= 0 && P.age(age),
    party.occupation,
    party.phone && P.phone(maskPhone(party.phone)),
    party.address && P.address(party.address),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** 当事人: read-only, as registered; a party whose basic data the agreement needs is missing links to the correction form. */
export function PartiesSection({ today, onOpenCase }: { today: string; onOpenCase: (partyId: string) => void }) {
  const { parties, issues } = useEditorContext();
  return (
    <SectionCard title={P.title} hint={P.hint} id="agreement-parties">
      <Stack gap={6}>
        {parties.map((party) => {
          const error = issues.errorAt(['parties', party.id]);
          return (
            <div key={party.id} id={fieldId(['parties', party.id])} data-field-box className={classes.party} data-error={error ? 'true' : undefined}>
              <Group gap="xs" wrap="nowrap" align="baseline">
                <Badge size="sm" variant="light" color={party.role === 'applicant' ? 'navy' : party.role === 'respondent' ? 'grape' : 'gray'} style={{ flex: 'none' }}>
                  {PARTY_ROLES[party.role]}
                </Badge>
                <Text fw={600} fz="sm" style={{ flex: 'none' }}>
                  {party.name}
                </Text>
                <Text fz="xs" c="dimmed" lineClamp={1}>
                  {summary(party, today)}
                </Text>
              </Group>
              {error ? (
                <Group gap={6} mt={4} wrap="nowrap" align="flex-start">
                  <IconAlertCircle size={16} color="var(--mantine-color-red-7)" style={{ flex: 'none', marginTop: 2 }} />
                  <Text fz="xs" c="red.7">
                    {error}{' '}
                    <Anchor component="button" type="button" fz="xs" onClick={() => onOpenCase(party.id)} className={classes.inline}>
                      {P.openCase} <IconExternalLink size={12} />
                    </Anchor>
                  </Text>
                </Group>
              ) : null}
            </div>
          );
        })}
      </Stack>
    </SectionCard>
  );
}
