import { Alert, Button, Center, Grid, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangleFilled, IconArrowLeft, IconLock } from '@tabler/icons-react';
import { getCaseSummary } from '../../../../electron/shared/domain/case';
import { disputeTypeLabel } from '../../../../electron/shared/domain/codes';
import { isApiCallError } from '../../api/errors';
import { useQuery } from '../../api/query';
import { useRouter } from '../../app/router';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { SectionCard } from '../../components/SectionCard';
import { InfoField } from '../../components/InfoField';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { staffQueries } from '../staff/queries';
import { AgentList } from './components/AgentList';
import { AuditTimeline, CaseHistory } from './components/CaseHistory';
import { DisputeInfo } from './components/DisputeInfo';
import { escalationLabel } from './components/Escalation';
import { PartyCard } from './components/PartyCard';
import { StatusBadge } from './components/StatusBadge';
import { caseQueries } from './queries';

/** One case: what was registered, who the parties are (masked), and its history. */
export function CaseDetailPage({ id }: { id: string }) {
  const { navigate } = useRouter();
  const { info } = useSession();
  const view = useQuery(caseQueries.detail(id));
  const audit = useQuery(caseQueries.audit(id));
  const staff = useQuery(staffQueries.list());
  const back = (
    <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate({ name: 'cases' })} w="fit-content" px={4}>
      {t.caseDetail.back}
    </Button>
  );

  if (view.error) {
    return (
      <Stack>
        {back}
        <Alert color="red" title={isApiCallError(view.error) && view.error.code === 'NOT_FOUND' ? t.caseDetail.notFound : t.common.loadFailed}>
          {view.error.message}
        </Alert>
      </Stack>
    );
  }
  if (!view.data) {
    return (
      <Center h={320}>
        <Loader aria-label={t.app.loading} />
      </Center>
    );
  }
  const { record, status } = view.data;
  const staffName = (staffId: string) => staff.data?.find((s) => s.id === staffId)?.name ?? t.caseDetail.unknownStaff;
  const title = getCaseSummary(record, disputeTypeLabel).title;

  return (
    <>
      <PageHeader above={back} title={record.caseNumber} description={title} actions={<StatusBadge status={status} size="lg" />} />
      {record.dispute.escalation.length > 0 ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangleFilled />} mb="md" title={t.caseDetail.fields.escalation}>
          {record.dispute.escalation.map(escalationLabel).join('；')}
        </Alert>
      ) : null}
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <SectionCard title={t.caseDetail.disputeSection}>
              <DisputeInfo dispute={record.dispute} />
            </SectionCard>
            <SectionCard
              title={t.caseDetail.partiesSection}
              hint={
                <Group gap={4} component="span">
                  <IconLock size={14} />
                  {t.caseDetail.maskedNote}
                </Group>
              }
            >
              <Stack gap="sm">
                {record.parties.map((party) => (
                  <PartyCard key={party.id} party={party} today={info.today} />
                ))}
              </Stack>
            </SectionCard>
            <SectionCard title={t.caseDetail.agentsSection}>
              <AgentList agents={record.agents} parties={record.parties} />
            </SectionCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <SectionCard title={t.caseDetail.historySection}>
              <Group grow>
                <InfoField label={t.caseDetail.registeredAt}>{formatDateTime(record.createdAt)}</InfoField>
                <InfoField label={t.caseDetail.dueDate}>{record.deadlines.mediationDue ?? t.caseDetail.notSet}</InfoField>
              </Group>
              <CaseHistory actions={record.actions} staffName={staffName} />
            </SectionCard>
            <SectionCard title={t.caseDetail.auditSection}>
              {audit.error ? <Text c="red" fz="sm">{audit.error.message}</Text> : <AuditTimeline events={audit.data ?? []} />}
            </SectionCard>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
