import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Paper, Text } from '@mantine/core';
import { refusingParties } from '../../../../../electron/shared/domain/session';
import type { SessionView } from '../../../../../electron/shared/ipc/contract';
import { useRouter } from '../../../app/router';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n';
import { notifyError } from '../../../lib/notify';
import { AttachmentViewerModal } from '../../attachments/AttachmentViewerModal';
import { AttendancePanel } from './AttendancePanel';
import { NotSavedError } from '../../../lib/autosave';
import { EditorHeader } from './EditorHeader';
import { EndSessionModal } from './EndSessionModal';
import { RecordNotices } from './RecordNotices';
import type { Backup } from './local-backup';
import { RecordFooter } from './RecordFooter';
import { SaveBanner } from './SaveBanner';
import { hasSpoken } from './record-state';
import { caucusSides as sidesOf, numberedSpeakers, subjectIdOf } from './speakers';
import { type ListHandle, StatementList } from './StatementList';
import { useAttachments } from './useAttachments';
import { useEditorCommands } from './useEditorCommands';
import { usePrintRecord } from './usePrintRecord';
import { useRecord } from './useRecord';
import { useSessionLifecycle } from './useSessionLifecycle';
import classes from './SessionEditor.module.css';

/** The editor of one loaded record: header, attendance beside the statements, the composer below them. */
export function SessionEditor({ view: loaded, backup = null, onReplace, onReload }: { view: SessionView; backup?: Backup | null; onReplace: (view: SessionView) => void; onReload: () => void }) {
  const { navigate } = useRouter();
  const { info } = useSession();
  const [view, setView] = useState(loaded);
  const { session } = view;
  const { state, stateRef, dispatch, autosave, restoredAt, restoredDraftId } = useRecord(loaded, backup);
  const { saver, status } = autosave;
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const listHandle = useRef<ListHandle>(null);
  const flush = () => saver.flush();
  // A half-typed statement put back in the composer is continued where it stopped: the caret goes to its end.
  useEffect(() => {
    const input = composerRef.current;
    if (restoredDraftId !== null && input) input.setSelectionRange(input.value.length, input.value.length);
  }, [restoredDraftId]);

  // A hearing under way is continued at its end: the last words said are in view above the composer.
  useEffect(() => {
    if (loaded.session.status === 'open') requestAnimationFrame(() => listHandle.current?.scrollToEnd());
  }, [loaded.session.status]);

  const editable = view.editable && status.state !== 'conflict';
  const canType = editable && session.status === 'open';
  const speakers = useMemo(() => numberedSpeakers(state.attendees), [state.attendees]);
  const caucusSides = useMemo(() => (session.kind === 'session' ? sidesOf(state.attendees) : []), [session.kind, state.attendees]);
  const refused = refusingParties(state)
    .map((a) => `${a.relation}${a.name}`)
    .join('、');

  const files = useAttachments({
    caseId: session.caseId,
    sessionId: session.id,
    initial: loaded.attachments,
    flush,
    onAttached: (id) => {
      if (!stateRef.current.statements.find((s) => s.id === id)?.marks.includes('evidence')) dispatch({ type: 'statement/mark', id, mark: 'evidence' });
    },
  });
  const commands = useEditorCommands({ state, dispatch, speakers, caucusSides, composerRef, list: listHandle, flush: () => saver.retry(), attach: files.pick, openAttachment: (a) => void files.open(a) });
  const life = useSessionLifecycle({ view, setView, onReplace, saver, stateRef, afterOpen: commands.focusComposer });
  const print = usePrintRecord({ session, caseNumber: view.caseNumber, flush });

  const subjectId = subjectIdOf(session, state.attendees);
  /** Back to the case once the host has everything; if it cannot be reached, stay (the words are on this page). */
  const back = async () => {
    try {
      if (view.editable) await saver.flush();
    } catch (error) {
      // After a conflict the alert has said what to do (copy, reload); leaving is the user's choice.
      if (!(error instanceof NotSavedError && error.conflict)) {
        notifyError(new Error(t.sessionEditor.save.leaveUnsaved));
        return;
      }
    }
    navigate({ name: 'case', id: session.caseId });
  };

  const staffName = (id: string) => state.attendees.find((a) => a.id === id)?.name ?? '';
  const subject = state.attendees.find((a) => a.id === subjectId);
  const names = {
    mediators: session.mediatorIds.map(staffName).filter(Boolean).join('、'),
    recorder: staffName(session.recorderId),
    subject: subject ? `${subject.relation}${subject.name}` : '',
  };

  return (
    <div className={classes.page}>
      <EditorHeader
        session={session}
        caseNumber={view.caseNumber}
        caseTitle={view.caseTitle}
        names={names}
        editable={view.editable}
        save={status}
        busy={life.opening ? 'open' : print.preparing ? 'print' : null}
        onBack={() => void back()}
        onRetry={() => saver.retry()}
        onOpen={() => void life.open()}
        onPrint={() => void print.preview()}
        onEnd={() => life.setEnding(true)}
      />
      {view.integrity?.length ? (
        <Alert color="red" variant="filled" role="alert" title={t.caseDetail.integrityTitle(view.caseNumber)}>
          {view.integrity.map((message) => (
            <Text key={message} fz="sm">
              {message}
            </Text>
          ))}
        </Alert>
      ) : null}
      {view.editable ? <SaveBanner status={status} onRetry={() => saver.retry()} /> : null}
      <div className={classes.body}>
        <AttendancePanel
          attendees={state.attendees}
          speakers={speakers}
          sessionKind={session.kind}
          editable={editable}
          spoke={(id) => hasSpoken(state, id)}
          attachments={files.attachments}
          on={commands.attendees}
          onAdd={(attendee) => dispatch({ type: 'attendee/add', attendee })}
          onOpenAttachment={(a) => void files.open(a)}
        />
        <Paper withBorder className={classes.record}>
          <RecordNotices view={view} refused={refused} conflict={status.state === 'conflict'} state={state} restoredAt={restoredAt} onReload={onReload} />
          <StatementList
            listRef={listRef}
            handle={listHandle}
            statements={state.statements}
            attendees={state.attendees}
            sessionKind={session.kind}
            subjectId={subjectId}
            editable={editable}
            editing={commands.editing}
            speakers={speakers}
            attachments={files.byStatement}
            on={commands.items}
            closed={!view.editable}
          />
          <RecordFooter
            state={state}
            dispatch={dispatch}
            sessionKind={session.kind}
            subjectId={subjectId}
            status={session.status}
            canType={canType}
            editable={editable}
            speakers={speakers}
            caucusSides={caucusSides}
            composerRef={composerRef}
            commands={commands}
            draftRestored={restoredDraftId !== null && state.draft.id === restoredDraftId}
            onBlur={() => saver.retry()}
          />
        </Paper>
      </div>
      <input ref={files.inputRef} type="file" accept="image/png,image/jpeg,application/pdf" hidden onChange={(e) => void files.onFile(e)} aria-label={t.sessionEditor.list.attach} />
      <EndSessionModal
        key={life.ending ? 'open' : 'closed'}
        opened={life.ending}
        sessionKind={session.kind}
        refused={refused}
        today={info.today}
        pending={life.closing}
        onClose={() => life.setEnding(false)}
        onEnd={(outcome) => void life.close(outcome)}
      />
      {print.modal}
      <AttachmentViewerModal viewing={files.viewing} onClose={files.closeViewer} />
    </div>
  );
}
