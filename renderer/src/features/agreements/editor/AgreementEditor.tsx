import { useCallback, useEffect, useMemo, useState } from 'react';
import { type AgreementContent, reviewConflict } from '../../../../../electron/shared/domain/agreement';
import { type AgreementIssue, blockingIssues, checkAgreement } from '../../../../../electron/shared/domain/agreement-checks';
import type { CaseRecord } from '../../../../../electron/shared/domain/case';
import type { AgreementView } from '../../../../../electron/shared/ipc/contract';
import { allows } from '../../../../../electron/shared/policy/policy';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from '../../../app/router';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n';
import { useDocumentViewer } from '../../documents/useDocumentViewer';
import { staffQueries } from '../../staff/queries';
import { AgreementHeader } from './AgreementHeader';
import { ChecksPanel } from './ChecksPanel';
import { EditorContextProvider } from './editor-context';
import { focusField, indexIssues } from './field-paths';
import { ItemsSection } from './items/ItemsSection';
import { Notices } from './Notices';
import { PartiesSection } from './PartiesSection';
import { PreviewPane } from './PreviewPane';
import { ReturnModal } from './ReturnModal';
import { ReviewHistory } from './ReviewHistory';
import { SignedPane } from './SignedPane';
import { ClosingSection, FactsSection, OralSection } from './TextSections';
import { useAgreementActions } from './useAgreementActions';
import { useAgreementDraft } from './useAgreementDraft';
import { useAgreementPreview } from './useAgreementPreview';
import classes from './AgreementEditor.module.css';

export interface AgreementEditorProps {
  loaded: AgreementView;
  record: CaseRecord;
  requirePerformancePlace: boolean;
  /** 四眼审核 (center setting; on when the settings could not be read, as main assumes). */
  fourEyesReview?: boolean;
  onReload: () => void;
}

/** The editor of one loaded agreement: the form with its checks on the left, the printed agreement on the right. */
export function AgreementEditor({ loaded, record, requirePerformancePlace, fourEyesReview = true, onReload }: AgreementEditorProps) {
  const { navigate } = useRouter();
  const { info, staff } = useSession();
  const draft = useAgreementDraft(loaded);
  const { content, update, view, status, saver } = draft;
  const { agreement } = view;
  const actions = useAgreementActions(draft);
  const [returning, setReturning] = useState(false);
  const staffList = useQuery(staffQueries.list());
  const staffName = useCallback((id: string) => staffList.data?.find((s) => s.id === id)?.name ?? t.caseDetail.unknownStaff, [staffList.data]);
  const viewer = useDocumentViewer({ caseId: record.id, caseNumber: record.caseNumber, documents: record.documents });

  const oral = agreement.kind === 'oral';
  const effective = agreement.status === 'effective';
  const locked = effective || agreement.signatures.length > 0 || agreement.seal !== null;
  const conflict = status.state === 'conflict';
  const readOnly = locked || conflict;
  const canReview = allows('agreements:review', staff.roles, view.caseStatus);
  // The same rule main enforces at agreements:review: the drafter sees why 审核通过 is not hers to press.
  const reviewBlock = reviewConflict(agreement, staff.id, fourEyesReview);

  const issues = useMemo(
    () => checkAgreement({ kind: agreement.kind, content }, { record, today: info.today, requirePerformancePlace }),
    [agreement.kind, content, record, info.today, requirePerformancePlace],
  );
  const index = useMemo(() => indexIssues(issues), [issues]);
  const errorCount = blockingIssues(issues).length;
  const context = useMemo(() => ({ issues: index, readOnly, parties: record.parties }), [index, readOnly, record.parties]);

  const preview = useAgreementPreview({ caseId: record.id, template: oral ? 'oral-agreement' : 'agreement', subjectId: agreement.id, revision: agreement.revision, enabled: !(effective && agreement.signedDocumentId) });
  const signedDoc = agreement.signedDocumentId ? (record.documents.find((d) => d.id === agreement.signedDocumentId) ?? null) : null;

  const set = useCallback(<K extends keyof AgreementContent>(key: K, value: AgreementContent[K]) => update((c) => ({ ...c, [key]: value })), [update]);
  const setItems = useCallback((change: (items: AgreementContent['items']) => AgreementContent['items']) => update((c) => ({ ...c, items: change(c.items) })), [update]);
  const goTo = (issue: AgreementIssue) => void focusField(issue.path.length === 1 && issue.path[0] === 'content' ? ['content', 'items'] : issue.path);
  const save = () => void saver.flush().catch(() => undefined);

  // Ctrl+S saves now (the autosave would anyway, a second later).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saver.flush().catch(() => undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saver]);

  return (
    <div className={classes.page}>
      <AgreementHeader
        agreement={agreement}
        caseNumber={view.caseNumber}
        caseTitle={view.caseTitle}
        editable={!locked}
        canReview={canReview}
        reviewConflict={reviewBlock}
        errorCount={errorCount}
        save={status}
        busy={actions.busy}
        onBack={() => navigate({ name: 'case', id: record.id })}
        onSave={save}
        onRetry={() => saver.retry()}
        onSubmit={() => void actions.submit()}
        onApprove={() => void actions.approve()}
        onReturn={() => setReturning(true)}
        onRegister={() => void actions.register()}
        onSign={() => navigate({ name: 'agreement-signing', caseId: record.id })}
        onOpenSigned={() => signedDoc && void viewer.open(signedDoc)}
      />
      <div className={classes.body}>
        <EditorContextProvider value={context}>
          <div className={classes.form} aria-label={t.agreements.editorLabel} role="form">
            <Notices agreement={agreement} conflict={conflict} canReview={canReview} today={info.today} staffName={staffName} onReload={onReload} />
            {oral ? <OralSection content={content} set={set} /> : null}
            <PartiesSection
              today={info.today}
              onOpenCase={(partyId) =>
                // The correction form opens at the party's first missing field, as the check names it (by key).
                navigate({ name: 'case-edit', id: record.id, back: 'agreement', focus: { partyId, fields: issues.find((i) => i.code === 'PARTY_INCOMPLETE' && i.path[1] === partyId)?.fields ?? [] } })
              }
            />
            <FactsSection content={content} set={set} />
            <ItemsSection items={content.items} disputeType={record.dispute.disputeType} onChange={setItems} />
            {oral ? null : <ClosingSection content={content} set={set} partyCount={record.parties.length} />}
            {oral ? null : <ReviewHistory agreement={agreement} staffName={staffName} />}
          </div>
        </EditorContextProvider>
        <div className={classes.side}>
          {effective ? null : <ChecksPanel issues={issues} next={oral ? 'register' : agreement.status === 'draft' || agreement.status === 'returned' ? 'submit' : null} onGo={goTo} />}
          {effective && agreement.signedDocumentId ? (
            <SignedPane caseId={record.id} documentId={agreement.signedDocumentId} kind={agreement.kind} />
          ) : (
            <PreviewPane latest={preview.latest} error={preview.error} rendering={preview.rendering} onRetry={preview.retry} label={t.agreements.preview.label} />
          )}
        </div>
      </div>
      <ReturnModal
        key={returning ? 'open' : 'closed'}
        opened={returning}
        pending={actions.busy === 'return'}
        onClose={() => setReturning(false)}
        onReturn={(comment) => void actions.returnWith(comment).then((ok) => ok && setReturning(false))}
      />
      {viewer.modal}
    </div>
  );
}
