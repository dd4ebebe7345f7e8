import { useState } from 'react';
import { Button, Group, Input, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { PERFORMANCE_STATUSES } from '../../../../../electron/shared/domain/agreement';
import { isApiCallError } from '../../../api/errors';
import { t } from '../../../i18n';
import { notifySuccess } from '../../../lib/notify';
import { usePerformanceMutation } from './mutations';
import type { PerformanceLine, PerformanceStatus } from './performance-rows';

const l = t.signing.performance;
const STATUSES = Object.keys(PERFORMANCE_STATUSES) as PerformanceStatus[];

export interface PerformanceModalProps {
  caseId: string;
  revision: number;
  /** The line being recorded, or null (closed). */
  line: PerformanceLine | null;
  /** 第1项第2期, for the title. */
  what: string;
  onClose: () => void;
}

/** 记录履行情况: the status (待履行/已履行/部分履行/未履行) and a note (how it was paid, what is still owed). */
export function PerformanceModal({ caseId, revision, line, what, onClose }: PerformanceModalProps) {
  return (
    <Modal opened={line !== null} onClose={onClose} title={l.recordTitle(what)} size="md" centered>
      {line ? <PerformanceForm key={`${line.itemId}/${line.instalment}`} caseId={caseId} revision={revision} line={line} onDone={onClose} /> : null}
    </Modal>
  );
}

function PerformanceForm({ caseId, revision, line, onDone }: { caseId: string; revision: number; line: PerformanceLine; onDone: () => void }) {
  const [status, setStatus] = useState<PerformanceStatus>(line.entry?.status ?? 'done');
  const [note, setNote] = useState(line.entry?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const { record, pending } = usePerformanceMutation(caseId);

  const save = async () => {
    try {
      await record({ revision, itemId: line.itemId, instalment: line.instalment, status, note: note.trim() });
      notifySuccess(l.saved);
      onDone();
    } catch (err) {
      if (isApiCallError(err)) setError(err.issues.find((i) => i.path[0] === 'note')?.message ?? null);
    }
  };

  return (
    <Stack gap="md">
      {line.dueOn ? (
        <Text fz="sm" c="dimmed">
          {[line.amount, l.due(line.dueOn)].filter(Boolean).join(' · ')}
        </Text>
      ) : null}
      <Input.Wrapper label={l.status}>
        <SegmentedControl fullWidth value={status} onChange={(v) => setStatus(v as PerformanceStatus)} data={STATUSES.map((s) => ({ value: s, label: l.statuses[s] }))} aria-label={l.status} />
      </Input.Wrapper>
      <Textarea label={l.note} placeholder={l.notePlaceholder} autosize minRows={2} maxRows={5} maxLength={500} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={error} data-autofocus />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onDone} disabled={pending}>
          {t.common.cancel}
        </Button>
        <Button onClick={() => void save()} loading={pending}>
          {l.save}
        </Button>
      </Group>
    </Stack>
  );
}
