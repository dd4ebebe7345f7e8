import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { GENDERS, ID_TYPES, PARTY_ROLES } from '../../../../../electron/shared/domain/codes';
import { maskIdNumber, maskPhone } from '../../../../../electron/shared/domain/masking';
import type { Party } from '../../../../../electron/shared/domain/party';
import { ageOn } from '../../../../../electron/shared/validation/dates';
import { InfoField } from '../../../components/InfoField';
import { t } from '../../../i18n';
import { RevealValue } from './RevealValue';

const f = t.caseDetail.fields;

/**
 * One party, read-only. ID numbers and phones are masked (PIPL: lists and views show only what is needed); the full
 * value is shown on request (查看, audited by the host).
 */
export function PartyCard({ party, today, caseId }: { party: Party; today: string; caseId: string }) {
  const age = party.kind === 'person' && party.birthDate ? ageOn(party.birthDate, today) : NaN;
  return (
    <Paper withBorder p="md" bg="gray.0" aria-label={`${PARTY_ROLES[party.role]} ${party.name}`} role="group">
      <Stack gap="sm">
        <Group gap="xs">
          <Badge variant="filled" color={party.role === 'applicant' ? 'navy' : party.role === 'respondent' ? 'grape' : 'gray'}>
            {PARTY_ROLES[party.role]}
          </Badge>
          <Text fw={600}>{party.name}</Text>
          <Text fz="xs" c="dimmed">
            {party.kind === 'person' ? t.caseDetail.person : t.caseDetail.organization}
          </Text>
        </Group>
        {party.kind === 'person' ? (
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="sm">
            <InfoField label={`${f.idNumber}（${ID_TYPES[party.idType]}）`}>{party.idNumber ? <RevealValue caseId={caseId} personId={party.id} field="idNumber" masked={maskIdNumber(party.idNumber)} /> : ''}</InfoField>
            <InfoField label={f.gender}>{GENDERS[party.gender]}</InfoField>
            <InfoField label={f.ethnicity}>{party.ethnicity}</InfoField>
            <InfoField label={f.birthDate}>{party.birthDate ? `${party.birthDate}${Number.isNaN(age) ? '' : `（${t.common.ageSuffix(age)}）`}` : ''}</InfoField>
            <InfoField label={f.phone}>{party.phone ? <RevealValue caseId={caseId} personId={party.id} field="phone" masked={maskPhone(party.phone)} /> : ''}</InfoField>
            <InfoField label={f.occupation}>{party.occupation}</InfoField>
            <InfoField label={f.workUnit}>{party.workUnit}</InfoField>
            <InfoField label={f.address}>{party.address}</InfoField>
          </SimpleGrid>
        ) : (
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="sm">
            <InfoField label={f.usccCode}>{party.usccCode}</InfoField>
            <InfoField label={f.legalRepresentative}>{party.legalRepresentative}</InfoField>
            <InfoField label={f.representativeTitle}>{party.representativeTitle}</InfoField>
            <InfoField label={f.phone}>{party.phone ? <RevealValue caseId={caseId} personId={party.id} field="phone" masked={maskPhone(party.phone)} /> : ''}</InfoField>
            <InfoField label={f.orgAddress}>{party.address}</InfoField>
          </SimpleGrid>
        )}
        {party.requests ? <InfoField label={f.requests}>{party.requests}</InfoField> : null}
      </Stack>
    </Paper>
  );
}
