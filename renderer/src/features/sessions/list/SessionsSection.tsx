import { useState } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { IconCalendarPlus, IconFileSearch, IconInfoCircle } from '@tabler/icons-react';
import type { CaseRecord } from '../../../../../electron/shared/domain/case';
import type { CaseStatus } from '../../../../../electron/shared/domain/case-actions';
import type { SessionKind, SessionSummary } from '../../../../../electron/shared/domain/session';
import { call } from '../../../api/client';
import { useRouter } from '../../../app/router';
import { useSession } from '../../../app/session';
import { SectionCard } from '../../../components/SectionCard';
import { t } from '../../../i18n';
import { notifyError } from '../../../lib/notify';
import { useDocumentViewer } from '../../documents/useDocumentViewer';
import { CancelSessionModal } from './CancelSessionModal';
import { ScheduleSessionModal, type ScheduleTarget } from './ScheduleSessionModal';
import { SessionRow } from './SessionRow';
import { canSchedule, schedulingHint } from './schedule-form';
import { recordTemplate, sessionOrdinal } from './session-labels';
import classes from './SessionsSection.module.css';

/** When each happened or is to happen (held ones when they began), ties in the order scheduled. */
function chronological(sessions: readonly SessionSummary[]): SessionSummary[] {
  const when = (s: SessionSummary) => Date.parse(s.startedAt ?? s.scheduledAt);
  return sessions.map((s, i) => ({ s, i })).sort((a, b) => when(a.s) - when(b.s) || a.i - b.i).map(({ s }) => s);
}

export interface SessionsSectionProps {
  record: CaseRecord;
  status: CaseStatus;
  /** The case's title (张三与李四邻里纠纷), the default 事由. */
  caseTitle: string;
  staffName: (id: string) => string;
}

/**
 * 调解与调查: the case's sessions and investigations in time order, with 安排调解 / 安排调查, and per row
 * 进入记录 (the session editor), 打印记录 (the record in the document viewer) and, before it begins, 修改安排 / 取消安排.
 */
export function SessionsSection({ record, status, caseTitle, staffName }: SessionsSectionProps) {
  const { navigate } = useRouter();
  const { info } = useSession();
  const [target, setTarget] = useState<ScheduleTarget | null>(null);
  const [cancelling, setCancelling] = useState<SessionSummary | null>(null);
  const [loadingEdit, setLoadingEdit] = useState<string | null>(null);
  const sessionById = (id: string) => record.sessions.find((s) => s.id === id);
  const viewer = useDocumentViewer({
    caseId: record.id,
    caseNumber: record.caseNumber,
    documents: record.documents,
    subjectLabel: (id) => {
      const s = sessionById(id);
      return s ? sessionOrdinal(s) : undefined;
    },
  });

  const edit = async (session: SessionSummary) => {
    setLoadingEdit(session.id);
    try {
      const view = await call('sessions:get', { caseId: record.id, sessionId: session.id });
      setTarget({ mode: 'edit', session: view.session });
    } catch (error) {
      notifyError(error);
    } finally {
      setLoadingEdit(null);
    }
  };

  /**
   * 打印记录: a closed session's record issued after it ended is final, so it opens to print at once; otherwise the
   * record is previewed, to be issued (a new version) and then printed.
   */
  const print = (session: SessionSummary) => {
    const template = recordTemplate(session.kind);
    const issued = record.documents.filter((d) => d.template === template && d.subjectId === session.id);
    const latest = issued.at(-1);
    if (session.status === 'closed' && session.endedAt && latest && Date.parse(latest.createdAt) >= Date.parse(session.endedAt)) return void viewer.open(latest);
    void viewer.preview(template, session.id);
  };

  const hint = schedulingHint(status);
  const scheduleButton = (kind: SessionKind) => (
    <Button
      size="compact-sm"
      variant={kind === 'session' ? 'filled' : 'default'}
      leftSection={kind === 'session' ? <IconCalendarPlus size={14} /> : <IconFileSearch size={14} />}
      disabled={!canSchedule(kind, status)}
      onClick={() => setTarget({ mode: 'new', kind })}
    >
      {t.sessions.schedule[kind]}
    </Button>
  );

  return (
    <SectionCard
      id="sessions"
      title={t.sessions.section}
      actions={
        <>
          {scheduleButton('investigation')}
          {scheduleButton('session')}
        </>
      }
    >
      {hint ? (
        <Text fz="sm" c={status === 'accepted' ? 'orange.8' : 'dimmed'} className={classes.blocked}>
          <IconInfoCircle size={16} style={{ flex: 'none', marginTop: 2 }} aria-hidden />
          <span>{hint}</span>
        </Text>
      ) : null}
      {record.sessions.length === 0 ? (
        <Stack gap={2}>
          <Text fz="sm" c="dimmed">
            {t.sessions.empty}
          </Text>
          {!hint ? (
            <Text fz="xs" c="dimmed">
              {t.sessions.emptyHint}
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Stack gap={8} component="ul" className={classes.list} aria-label={t.sessions.section}>
          {chronological(record.sessions).map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              staffName={staffName}
              today={info.today}
              loadingEdit={loadingEdit === session.id}
              onEnter={() => navigate({ name: 'session', caseId: record.id, sessionId: session.id })}
              onPrint={() => print(session)}
              onEdit={() => void edit(session)}
              onCancel={() => setCancelling(session)}
            />
          ))}
        </Stack>
      )}
      <ScheduleSessionModal record={record} caseTitle={caseTitle} target={target} onClose={() => setTarget(null)} />
      <CancelSessionModal caseId={record.id} session={cancelling} onClose={() => setCancelling(null)} />
      {viewer.modal}
    </SectionCard>
  );
}
