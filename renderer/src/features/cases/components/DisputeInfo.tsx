import { SimpleGrid, Stack } from '@mantine/core';
import type { Dispute } from '../../../../../electron/shared/domain/case';
import { CASE_SOURCES, COMPLEXITIES, disputeTypeLabel } from '../../../../../electron/shared/domain/codes';
import { checkAmountYuan, formatFen } from '../../../../../electron/shared/validation/amount';
import { InfoField } from '../../../components/InfoField';
import { t } from '../../../i18n';
import { EscalationBadges } from './Escalation';
import { RiskBadge } from './RiskBadge';

const f = t.caseDetail.fields;

/** "45800" → "45,800.00 元"; stored amounts are already checked, anything else is shown as stored. */
function formatAmount(amount: string): string {
  if (!amount) return '';
  const fen = checkAmountYuan(amount);
  return t.caseDetail.amountYuan(fen.ok ? formatFen(fen.value) : amount);
}

/** 纠纷信息 of a case, read-only. */
export function DisputeInfo({ dispute }: { dispute: Dispute }) {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="md" verticalSpacing="md">
        <InfoField label={f.disputeType}>{disputeTypeLabel(dispute.disputeType)}</InfoField>
        <InfoField label={f.disputeSubType}>{dispute.disputeSubType}</InfoField>
        <InfoField label={f.source}>{CASE_SOURCES[dispute.source]}</InfoField>
        <InfoField label={f.applicationForm}>{dispute.applicationForm === 'oral' ? t.intake.applicationOral : t.intake.applicationWritten}</InfoField>
        <InfoField label={f.occurredOn}>{dispute.occurredOn}</InfoField>
        <InfoField label={f.occurredPlace}>{dispute.occurredPlace}</InfoField>
        <InfoField label={f.amount}>{formatAmount(dispute.amount)}</InfoField>
        <InfoField label={f.peopleInvolved}>{t.caseDetail.peopleCount(dispute.peopleInvolved)}</InfoField>
        <InfoField label={f.riskLevel}>
          <RiskBadge level={dispute.riskLevel} />
        </InfoField>
        <InfoField label={f.complexity}>{COMPLEXITIES[dispute.complexity]}</InfoField>
        <InfoField label={f.escalation}>{dispute.escalation.length > 0 ? <EscalationBadges escalation={dispute.escalation} size="sm" /> : ''}</InfoField>
      </SimpleGrid>
      <InfoField label={f.summary}>{dispute.summary}</InfoField>
    </Stack>
  );
}
