import { Alert, Button, Center, Grid, Group, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { IconAlertTriangleFilled, IconArrowLeft, IconEdit, IconLock, IconUserPlus } from '@tabler/icons-react';
import { getCaseSummary } from '../../../../electron/shared/domain/case';
import { correctionBlocked } from '../../../../electron/shared/domain/corrections';
import { disputeTypeLabel } from '../../../../electron/shared/domain/codes';
import { isApiCallError } from '../../api/errors';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from '../../app/router';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { AgreementCard } from '../agreements/case-card/AgreementCard';
import { AssignPanel, DecisionPanel } from '../decision/DecisionPanel';
import { AttachmentsSection } from '../attachments/AttachmentsSection';
import { DocumentsSection } from '../documents/DocumentsSection';
import { SessionsSection } from '../sessions/list/SessionsSection';
import { staffQueries } from '../staff/queries';
import { HandlingInfo } from './components/HandlingInfo';
import { AgentList } from './components/AgentList';
import { AuditTimeline } from './components/CaseHistory';
import { CaseTimeline } from './components/CaseTimeline';
import { DisputeInfo } from './components/DisputeInfo';
import { escalationLabel } from './components/Escalation';
import { PartyCard } from './components/PartyCard';
import { StatusBadge } from './components/StatusBadge';
import { caseQueries } from './queries';
import { mayCorrect } from './correct/may-correct';

/** One case: what was registered, who the parties are (masked), and its history. */
export function CaseDetailPage({ id, from = 'cases' }: { id: string; from?: 'cases' | 'desk' | 'register' | 'mine' }) {
  const { navigate } = useRouter();
  const { info, staff: me } = useSession();
  const view = useQuery(caseQueries.detail(id));
  const audit = useQuery(caseQueries.audit(id));
  const staff = useQuery(staffQueries.list());
  const [reassigning, setReassigning] = useState(false);
  const back = (
    <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate({ name: from })} w="fit-content" px={4}>
      {t.caseDetail.backTo[from]}
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
  const { record, status, availableActions } = view.data;
  const canAssign = availableActions.includes('ASSIGNED');
  const unassigned = (record.assignment?.mediatorIds.length ?? 0) === 0;
  const staffName = (staffId: string) => staff.data?.find((s) => s.id === staffId)?.name ?? t.caseDetail.unknownStaff;
  const title = getCaseSummary(record, disputeTypeLabel).title;
  // Sessions belong to a case taken on for mediation; the desk's cases (待受理, 不予受理, 转办) have none to show.
  const showSessions = record.sessions.length > 0 || !(status === 'registered' || status === 'refused' || status === 'transferred');

  return (
    <>
      <PageHeader
        above={back}
        title={record.caseNumber}
        description={title}
        actions={
          <Group gap="sm" wrap="nowrap">
            {mayCorrect(me, record, status) && !correctionBlocked(record) ? (
              <Button variant="default" size="sm" leftSection={<IconEdit size={16} />} onClick={() => navigate({ name: 'case-edit', id: record.id })}>
                {t.corrections.open}
              </Button>
            ) : null}
            <StatusBadge status={status} size="lg" />
          </Group>
        }
      />
      {view.data.integrity?.length ? (
        <Alert color="red" variant="filled" icon={<IconAlertTriangleFilled />} mb="md" title={t.caseDetail.integrityTitle(record.caseNumber)} role="alert">
          <Stack gap={4}>
            {view.data.integrity.map((message) => (
              <Text key={message} fz="sm">
                {message}
              </Text>
            ))}
            <Text fz="sm" fw={600}>
              {t.caseDetail.integrityHint}
            </Text>
          </Stack>
        </Alert>
      ) : null}
      {record.dispute.escalation.length > 0 ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangleFilled />} mb="md" title={t.caseDetail.fields.escalation}>
          {record.dispute.escalation.map(escalationLabel).join('；')}
        </Alert>
      ) : null}
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {status === 'registered' ? <DecisionPanel record={record} actions={availableActions} /> : null}
            {canAssign && (unassigned || reassigning) ? <AssignPanel key={record.revision} record={record} onClose={unassigned ? undefined : () => setReassigning(false)} /> : null}
            {showSessions ? <SessionsSection record={record} status={status} caseTitle={title} staffName={staffName} /> : null}
            <AgreementCard record={record} status={status} />
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
                  <PartyCard key={party.id} party={party} today={info.today} caseId={record.id} />
                ))}
              </Stack>
            </SectionCard>
            <SectionCard title={t.caseDetail.agentsSection}>
              <AgentList agents={record.agents} parties={record.parties} caseId={record.id} />
            </SectionCard>
            <AttachmentsSection record={record} staffName={staffName} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <SectionCard
              id="handling"
              title={t.caseDetail.handlingSection}
              actions={
                canAssign && !unassigned && !reassigning ? (
                  <Button variant="subtle" size="compact-sm" leftSection={<IconUserPlus size={14} />} onClick={() => setReassigning(true)}>
                    {t.caseDetail.reassign}
                  </Button>
                ) : null
              }
            >
              <HandlingInfo record={record} status={status} today={info.today} staffName={staffName} />
            </SectionCard>
            <DocumentsSection record={record} staffName={staffName} />
            <SectionCard id="timeline" title={t.caseDetail.historySection}>
              <CaseTimeline record={record} staffName={staffName} />
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
