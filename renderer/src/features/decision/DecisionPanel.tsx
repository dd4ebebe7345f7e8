import { useState } from 'react';
import { Alert, Button, Center, Group, Loader, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconGavel, IconUserPlus } from '@tabler/icons-react';
import type { CaseActionType } from '../../../../electron/shared/domain/case-actions';
import type { CaseRecord } from '../../../../electron/shared/domain/case';
import { useQuery } from '@tanstack/react-query';
import { t } from '../../i18n';
import { settingsQueries, staffQueries } from '../staff/queries';
import { AcceptForm, AssignForm, RefuseForm, TransferForm } from './DecisionForms';
import classes from './DecisionPanel.module.css';

type Decision = 'ACCEPTED' | 'REFUSED' | 'TRANSFERRED';
const DECISIONS: Decision[] = ['ACCEPTED', 'REFUSED', 'TRANSFERRED'];
const DECISION_LABELS: Record<Decision, string> = { ACCEPTED: t.decision.accept, REFUSED: t.decision.refuse, TRANSFERRED: t.decision.transfer };

/** Mediators with their load and the center's rooms, needed by 受理 and 指派. */
function useAssignmentData() {
  const loads = useQuery(staffQueries.workload());
  const settings = useQuery(settingsQueries.get());
  return { loads: loads.data, settings: settings.data, error: loads.error ?? settings.error };
}

function Loading({ error }: { error: Error | null }) {
  if (error) return <Alert color="red">{t.decision.loadFailed}：{error.message}</Alert>;
  return (
    <Center py="md">
      <Loader size="sm" />
    </Center>
  );
}

/**
 * 受理决定 while the case waits at the desk (待受理): the decisions the status allows (getAvailableActions), each with
 * its own short form. Shown first on the case, in a highlighted card: it is the clerk's next step.
 */
export function DecisionPanel({ record, actions }: { record: CaseRecord; actions: readonly CaseActionType[] }) {
  const available = DECISIONS.filter((d) => actions.includes(d));
  const [choice, setChoice] = useState<Decision>(available[0] ?? 'ACCEPTED');
  const { loads, settings, error } = useAssignmentData();
  if (available.length === 0) return null;
  return (
    <Paper withBorder p="lg" className={classes.panel} component="section" aria-labelledby="decision-title">
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <IconGavel size={20} color="var(--mantine-color-navy-7)" />
            <div>
              <Title order={3} fz="lg" id="decision-title">
                {t.decision.title}
              </Title>
              <Text fz="xs" c="dimmed">
                {t.decision.hint}
              </Text>
            </div>
          </Group>
          <SegmentedControl
            aria-label={t.decision.title}
            value={choice}
            onChange={(v) => setChoice(v as Decision)}
            data={available.map((d) => ({ value: d, label: DECISION_LABELS[d] }))}
            color={choice === 'REFUSED' ? 'red' : choice === 'TRANSFERRED' ? 'violet' : 'navy'}
          />
        </Group>
        {choice === 'ACCEPTED' ? loads && settings ? <AcceptForm key={record.revision} record={record} loads={loads} settings={settings} /> : <Loading error={error} /> : null}
        {choice === 'REFUSED' ? <RefuseForm key={record.revision} record={record} /> : null}
        {choice === 'TRANSFERRED' ? <TransferForm key={record.revision} record={record} /> : null}
      </Stack>
    </Paper>
  );
}

/**
 * 指派调解员 for an accepted case nobody has been assigned to yet (待分派), or a change of mediator (调整指派, closable).
 */
export function AssignPanel({ record, onClose }: { record: CaseRecord; /** Shown for a change of mediator: closes the panel @default undefined */ onClose?: () => void }) {
  const pendingAssignment = (record.assignment?.mediatorIds.length ?? 0) === 0;
  const { loads, settings, error } = useAssignmentData();
  return (
    <Paper withBorder p="lg" className={classes.panel} data-tone={pendingAssignment ? 'attention' : undefined} component="section" aria-labelledby="assign-title">
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <IconUserPlus size={20} color="var(--mantine-color-navy-7)" />
            <div>
              <Title order={3} fz="lg" id="assign-title">
                {pendingAssignment ? t.decision.assignTitle : t.caseDetail.reassign}
              </Title>
              {pendingAssignment ? (
                <Text fz="xs" c="dimmed">
                  {t.decision.assignPending}
                </Text>
              ) : null}
            </div>
          </Group>
          {onClose ? (
            <Button variant="subtle" color="gray" size="compact-sm" onClick={onClose}>
              {t.common.cancel}
            </Button>
          ) : null}
        </Group>
        {loads && settings ? (
          <AssignForm
            key={record.revision}
            target={{ id: record.id, revision: record.revision, caseNumber: record.caseNumber }}
            loads={loads}
            rooms={settings.rooms}
            initial={{ mediatorIds: record.assignment?.mediatorIds ?? [], room: record.assignment?.room ?? '' }}
            onDone={onClose}
          />
        ) : (
          <Loading error={error} />
        )}
      </Stack>
    </Paper>
  );
}
