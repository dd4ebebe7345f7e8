import { approvedTextScans, signaturesAwaitingScan } from '../../../../../electron/shared/domain/signing';
import { type ReactNode, useState } from 'react';
import { Alert, Badge, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangleFilled, IconArrowLeft, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { AGREEMENT_STATUSES } from '../../../../../electron/shared/domain/agreement';
import type { AgreementView } from '../../../../../electron/shared/ipc/contract';
import { isApiCallError } from '../../../api/errors';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from '../../../app/router';
import { useSession } from '../../../app/session';
import { PageHeader } from '../../../components/PageHeader';
import { t } from '../../../i18n';
import { caseQueries } from '../../cases/queries';
import { staffQueries } from '../../staff/queries';
import { AgreementDocumentPane } from './AgreementDocumentPane';
import { EffectivenessPanel } from './EffectivenessPanel';
import { PaperSigning } from './PaperSigning';
import { agreementQueries } from './queries';
import { SealCard } from './SealCard';
import { SignerList } from './SignerList';
import { SignPanel } from './SignPanel';
import { canTake, nextSigner } from './signer-order';
import classes from './Signing.module.css';

const l = t.signing.page;

/**
 * 协议签署 at the desk: the approved agreement as it prints beside the signers in order (parties, agents, mediators,
 * recorder); the signer in turn signs on a large pad or on the printed copy; a legal advisor applies the seal; when the
 * last condition of art. 29 is met the agreement takes effect and its digitally signed original is shown.
 */
export function SigningPage({ caseId }: { caseId: string }) {
  const { navigate } = useRouter();
  const view = useQuery(agreementQueries.view(caseId));
  const back = (
    <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate({ name: 'agreement', caseId })} w="fit-content" px={4}>
      {l.back}
    </Button>
  );

  if (view.error) {
    const missing = isApiCallError(view.error) && view.error.code === 'NOT_FOUND';
    return (
      <Stack>
        {back}
        <Alert color={missing ? 'orange' : 'red'} title={missing ? l.noAgreement : l.loadFailed}>
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
  return <SigningDesk view={view.data} back={back} />;
}

function SigningDesk({ view, back }: { view: AgreementView; back: ReactNode }) {
  const { navigate } = useRouter();
  const { staff } = useSession();
  const staffList = useQuery(staffQueries.list());
  const record = useQuery(caseQueries.detail(view.agreement.caseId));
  const { agreement } = view;
  const effective = view.effectiveness.effective;
  const signed = useQuery(agreementQueries.signedDocument(agreement.caseId, agreement.signedDocumentId));
  const [chosen, setChosen] = useState<string | null>(null);
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const staffName = (id: string) => staffList.data?.find((s) => s.id === id)?.name ?? t.caseDetail.unknownStaff;
  const header = (
    <PageHeader
      above={back}
      title={l.title}
      description={`${view.caseNumber} · ${view.caseTitle}`}
      actions={
        <Badge size="lg" variant={effective ? 'filled' : 'light'} color={effective ? 'teal' : 'orange'} leftSection={effective ? <IconCircleCheck size={14} /> : null}>
          {AGREEMENT_STATUSES[agreement.status]}
        </Badge>
      }
    />
  );

  if (agreement.kind === 'oral' || (agreement.status !== 'approved' && agreement.status !== 'effective')) {
    return (
      <>
        {header}
        <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} />} title={agreement.kind === 'oral' ? l.oral : l.notApproved(AGREEMENT_STATUSES[agreement.status])}>
          <Stack gap="sm" align="flex-start">
            <Text fz="sm">{agreement.kind === 'oral' ? l.oralHint : l.notApprovedHint}</Text>
            <Button size="xs" onClick={() => navigate({ name: 'agreement', caseId: agreement.caseId })}>
              {l.openEditor}
            </Button>
          </Stack>
        </Alert>
      </>
    );
  }

  const open = agreement.status === 'approved';
  const picked = chosen ? view.signers.find((s) => s.signerId === chosen && canTake(s, staff.id)) : undefined;
  const current = open ? (picked ?? nextSigner(view.signers, staff.id, skipped)) : null;
  const remaining = view.signers.filter((s) => !s.signature);
  const signedDoc = effective && agreement.signedDocumentId ? signed : null;
  // The shared rule main registers paper signatures by: a scan of the printed approved text, or a reason (then awaited).
  const docs = record.data?.record.documents ?? [];
  const files = record.data?.record.attachments ?? [];
  const hasScan = approvedTextScans(agreement, docs, files).length > 0;
  const awaiting = record.data ? signaturesAwaitingScan(agreement, docs, files) : [];

  return (
    <>
      {header}
      <div className={classes.layout}>
        <AgreementDocumentPane view={view} signed={signedDoc} />
        <Stack gap="md" className={classes.side}>
          <EffectivenessPanel view={view} signed={signedDoc} />
          {awaiting.length > 0 ? (
            <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} />} title={t.signing.sign.scanAwaited} data-testid="scan-awaited">
              {awaiting.map((sig) => (
                <Text key={sig.signerId} fz="sm">
                  {t.signing.sign.scanAwaitedFor(sig.name, sig.paperReason ?? '')}
                </Text>
              ))}
            </Alert>
          ) : null}
          {current ? (
            <SignPanel
              key={current.signerId}
              view={view}
              slot={current}
              hasScan={hasScan}
              onSkip={
                current.required
                  ? undefined
                  : () => {
                      setChosen(null);
                      setSkipped((s) => new Set(s).add(current.signerId));
                    }
              }
            />
          ) : open && remaining.length > 0 ? (
            <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
              {t.signing.sign.noneForYou}
            </Alert>
          ) : open ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
              {t.signing.sign.allDone}
            </Alert>
          ) : null}
          <SignerList caseId={agreement.caseId} signers={view.signers} staffId={staff.id} currentId={current?.signerId ?? null} open={open} staffName={staffName} onChoose={setChosen} />
          <SealCard view={view} staffName={staffName} />
          {record.data ? (
            <PaperSigning view={view} record={record.data.record} staffName={staffName} />
          ) : record.error ? (
            <Alert color="red" icon={<IconAlertTriangleFilled size={18} />}>
              {record.error.message}
            </Alert>
          ) : null}
        </Stack>
      </div>
    </>
  );
}
