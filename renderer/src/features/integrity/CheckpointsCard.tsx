import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Progress, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPrinter, IconSignature, IconZoomCheck } from '@tabler/icons-react';
import { CHECKPOINT_REASONS, groupedRoot } from '../../../../electron/shared/domain/checkpoint';
import type { CheckpointsView } from '../../../../electron/shared/ipc/contract';
import { allows } from '../../../../electron/shared/policy/policy';
import { call } from '../../api/client';
import { useSession } from '../../app/session';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { CheckpointPdfModal } from './CheckpointPdfModal';
import { CompareForm } from './CompareForm';

const c = t.integrity;
const POLL_MS = 500;

/**
 * 完整性凭证: the recent signed checkpoints of the audit chains (services/checkpoints.ts), each printable for the paper
 * register; 立即签署凭证 for those the policy table lets sign; 核对纸质凭证 for a root copied from the register. A
 * checkpoint that reads every chain runs in the background: its progress is shown while it runs.
 */
export function CheckpointsCard() {
  const { staff } = useSession();
  const mayList = allows('integrity:checkpoints', staff.roles);
  const maySign = allows('integrity:checkpoint', staff.roles);
  const [view, setView] = useState<CheckpointsView | null>(null);
  const [signing, setSigning] = useState(false);
  const [comparing, setComparing] = useState(false);
  const [printing, setPrinting] = useState<number | null>(null);
  const isRunning = view?.running != null;

  useEffect(() => {
    if (!mayList) return;
    let live = true;
    const load = async () => {
      try {
        const next = await call('integrity:checkpoints');
        if (!live) return;
        setView(next);
        if (next.running) setTimeout(() => void load(), POLL_MS);
      } catch (error) {
        if (live) notifyError(error);
      }
    };
    if (view === null || view.running) void load();
    return () => {
      live = false;
    };
  }, [mayList, isRunning]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!mayList) return null;

  const sign = async () => {
    setSigning(true);
    try {
      const next = await call('integrity:checkpoint');
      setView(next);
      const made = next.lastRun?.number;
      if (!next.running && made) notifySuccess(c.signed(made));
    } catch (error) {
      notifyError(error);
    } finally {
      setSigning(false);
    }
  };

  const running = view?.running ?? null;
  const last = view?.lastRun ?? null;
  const percent = running?.total ? Math.floor((running.done / running.total) * 100) : 0;
  return (
    <SectionCard
      title={c.title}
      hint={c.hint}
      id="integrity-checkpoints"
      actions={
        <>
          <Button variant="default" leftSection={<IconZoomCheck size={18} />} onClick={() => setComparing((v) => !v)} aria-expanded={comparing}>
            {c.compare}
          </Button>
          {maySign ? (
            <Button leftSection={<IconSignature size={18} />} loading={signing || running !== null} onClick={() => void sign()}>
              {c.sign}
            </Button>
          ) : null}
        </>
      }
    >
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          {c.intro}
        </Text>
        {comparing ? <CompareForm /> : null}
        {running ? (
          <Stack gap={4}>
            <Text fz="sm">{c.running(CHECKPOINT_REASONS[running.reason])}</Text>
            <Progress value={percent} animated aria-label={c.title} />
            <Text fz="xs" aria-live="polite">
              {c.progress(running.done, running.total)}
            </Text>
          </Stack>
        ) : null}
        {!running && last?.error ? (
          <Alert color="red" title={c.lastFailed} role="alert">
            {last.error}
          </Alert>
        ) : null}
        {!running && last && last.problems.length > 0 ? (
          <Alert color="red" title={c.lastProblems(last.problems.length, last.number)}>
            <Table fz="sm" withRowBorders={false}>
              <Table.Tbody>
                {last.problems.map((p, i) => (
                  <Table.Tr key={i}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.caseNumber || c.noCase}</Table.Td>
                    <Table.Td>{p.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Alert>
        ) : null}
        {view && view.checkpoints.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {c.none}
          </Text>
        ) : null}
        {view && view.checkpoints.length > 0 ? (
          <Table fz="sm" striped aria-label={c.title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{c.columns.number}</Table.Th>
                <Table.Th>{c.columns.at}</Table.Th>
                <Table.Th>{c.columns.reason}</Table.Th>
                <Table.Th>{c.columns.by}</Table.Th>
                <Table.Th>{c.columns.root}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{c.columns.actions}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.checkpoints.map((cp) => (
                <Table.Tr key={cp.number}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.numberCell(cp.number)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(cp.at)}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {CHECKPOINT_REASONS[cp.reason]}
                      {cp.full ? (
                        <Badge size="xs" variant="light" color="teal">
                          {c.full}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>{cp.by.name}</Table.Td>
                  <Table.Td>
                    <Tooltip label={groupedRoot(cp.root)} withinPortal>
                      <Text component="span" fz="sm" ff="monospace">
                        {groupedRoot(cp.root.slice(0, 16))}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button size="compact-sm" variant="subtle" leftSection={<IconPrinter size={16} />} onClick={() => setPrinting(cp.number)} aria-label={`${c.print} ${c.numberCell(cp.number)}`}>
                      {c.print}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {view && view.total > view.checkpoints.length ? (
          <Text fz="xs" c="dimmed">
            {c.total(view.total)}
          </Text>
        ) : null}
      </Stack>
      <CheckpointPdfModal number={printing} onClose={() => setPrinting(null)} />
    </SectionCard>
  );
}
