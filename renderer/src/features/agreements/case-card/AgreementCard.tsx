import { useState } from 'react';
import { Badge, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconFilePencil, IconMicrophone, IconSignature } from '@tabler/icons-react';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, type AgreementKindSchema } from '../../../../../electron/shared/domain/agreement';
import type { CaseRecord } from '../../../../../electron/shared/domain/case';
import type { CaseStatus } from '../../../../../electron/shared/domain/case-actions';
import { call } from '../../../api/client';
import { useQueryClient } from '@tanstack/react-query';
import { refreshCase } from '../../../api/case-cache';
import { useRouter } from '../../../app/router';
import { InfoField } from '../../../components/InfoField';
import { SectionCard } from '../../../components/SectionCard';
import { t } from '../../../i18n';
import { notifyError } from '../../../lib/notify';
import { STATUS_COLORS } from '../editor/status-colors';
import { PerformancePanel } from '../performance/PerformancePanel';

const C = t.agreements.card;
type Kind = (typeof AgreementKindSchema.options)[number];
const DRAFTABLE: readonly CaseStatus[] = ['mediating', 'agreed'];

/**
 * 调解协议 on the case page: draft a written agreement or register an oral one once the mediation reached agreement;
 * afterwards where it stands, its number and effective date, and a way in (打开协议, 进入签署). The judicial-confirmation
 * deadline (art. 33) runs from the effective date: before that the card says so; afterwards PerformancePanel shows it
 * with the application, above the performance of each obligation.
 */
export function AgreementCard({ record, status }: { record: CaseRecord; status: CaseStatus }) {
  const { navigate } = useRouter();
  const [creating, setCreating] = useState<Kind | null>(null);
  const queryClient = useQueryClient();
  const summary = record.agreement;
  const open = () => navigate({ name: 'agreement', caseId: record.id });

  const create = async (kind: Kind) => {
    setCreating(kind);
    try {
      await call('agreements:create', { caseId: record.id, kind });
      void refreshCase(queryClient, record.id);
      open();
    } catch (error) {
      notifyError(error);
    } finally {
      setCreating(null);
    }
  };

  if (!summary) {
    if (!DRAFTABLE.includes(status)) return null;
    return (
      <SectionCard title={C.title} id="agreement">
        <Stack gap="sm">
          <Text fz="sm" c="dimmed">
            {C.noneHint}
          </Text>
          <Group gap="sm">
            <Button leftSection={<IconFilePencil size={16} />} loading={creating === 'written'} disabled={creating !== null} onClick={() => void create('written')}>
              {C.draftWritten}
            </Button>
            <Button variant="default" leftSection={<IconMicrophone size={16} />} loading={creating === 'oral'} disabled={creating !== null} onClick={() => void create('oral')}>
              {C.registerOral}
            </Button>
          </Group>
        </Stack>
      </SectionCard>
    );
  }

  const oral = summary.kind === 'oral';
  const actions = (
    <>
      {summary.status === 'approved' ? (
        <Button size="xs" color="teal" leftSection={<IconSignature size={14} />} onClick={() => navigate({ name: 'agreement-signing', caseId: record.id })}>
          {C.openSigning}
        </Button>
      ) : null}
      <Button size="xs" variant={summary.status === 'approved' ? 'default' : 'light'} leftSection={<IconFilePencil size={14} />} onClick={open}>
        {oral ? C.openOral : C.open}
      </Button>
    </>
  );
  return (
    <SectionCard title={C.title} id="agreement" actions={actions}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, md: 3 }} spacing="md" verticalSpacing="sm">
          <InfoField label={C.kind}>{AGREEMENT_KINDS[summary.kind]}</InfoField>
          <InfoField label={C.status}>
            <Badge color={STATUS_COLORS[summary.status]} variant={summary.status === 'effective' ? 'filled' : 'light'} data-testid="agreement-card-status">
              {AGREEMENT_STATUSES[summary.status]}
            </Badge>
          </InfoField>
          <InfoField label={C.number}>{summary.number}</InfoField>
          <InfoField label={C.effectiveOn}>{summary.effectiveOn ?? ''}</InfoField>
          {/* Once effective, the performance panel below shows the deadline with 出具司法确认申请书 (orange from 10 days left, red once past). */}
          {oral || summary.status === 'effective' ? null : (
            <InfoField label={C.confirmation}>
              <Text fz="sm" c="dimmed" component="span">
                {C.confirmationPending}
              </Text>
            </InfoField>
          )}
          {summary.status === 'effective' ? <InfoField label={C.nextDue}>{summary.nextDueOn ?? ''}</InfoField> : null}
        </SimpleGrid>
        {summary.status === 'effective' ? <PerformancePanel caseId={record.id} /> : null}
      </Stack>
    </SectionCard>
  );
}
