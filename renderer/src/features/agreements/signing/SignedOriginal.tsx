import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangleFilled, IconClockHour4, IconDownload, IconShieldCheck } from '@tabler/icons-react';
import type { AgreementView, IssuedDocument } from '../../../../../electron/shared/ipc/contract';
import { call } from '../../../api/client';
import { type UseQueryResult, useQueryClient } from '@tanstack/react-query';
import { t } from '../../../i18n';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { pdfObjectUrl } from '../../../lib/pdf';
import { pdfSha256 } from '../../documents/DocumentViewerModal';
import { refreshAgreement } from './mutations';
import { useSession } from '../../../app/session';
import { allows } from '../../../../../electron/shared/policy/policy';
import { whoMay } from '../who-may';
import classes from './Signing.module.css';

const p = t.signing.preview;

/** The signed original: 已数字签章, the SHA-256's first digits (all of it on hover) and 下载签章PDF. */
export function SignedOriginal({ view, signed }: { view: AgreementView; signed: UseQueryResult<IssuedDocument | null> | null }) {
  const doc = signed?.data ?? null;
  const url = useMemo(() => (doc ? pdfObjectUrl(doc.pdfBase64) : null), [doc]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  const [issuing, setIssuing] = useState(false);
  const queryClient = useQueryClient();
  const { caseId, id, signedDocumentId } = view.agreement;
  // Making the signed original failed when the agreement took effect (it took effect all the same): issuing the
  // agreement now makes it and names it in the agreement.
  const { staff } = useSession();
  const maySign = allows('agreements:issue-signed', staff.roles, view.caseStatus);
  const issue = async () => {
    setIssuing(true);
    try {
      await call('agreements:issue-signed', { caseId });
      void refreshAgreement(queryClient, caseId);
      notifySuccess(p.issuedSigned);
    } catch (error) {
      notifyError(error);
    } finally {
      setIssuing(false);
    }
  };
  if (!signedDocumentId) {
    return (
      <Alert color="orange" variant="light" icon={<IconClockHour4 size={18} />} title={p.signedMissing}>
        <Stack gap="xs" align="flex-start">
          <Text fz="sm">{p.signedMissingHint}</Text>
          {maySign ? (
            <Button size="xs" leftSection={<IconShieldCheck size={14} />} loading={issuing} onClick={() => void issue()}>
              {p.issueSigned}
            </Button>
          ) : (
            <Text fz="sm" fw={500}>
              {p.signedMissingWho(whoMay('agreements:issue-signed'))}
            </Text>
          )}
        </Stack>
      </Alert>
    );
  }
  if (signed?.error) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangleFilled size={18} />}>
        {signed.error.message}
      </Alert>
    );
  }
  if (!doc) return null;
  const hash = pdfSha256(doc.document);
  return (
    <Paper withBorder p="sm" bg="white">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Stack gap={4} miw={0}>
          <Group gap={6}>
            <Tooltip label={p.signedHint} withinPortal multiline w={280}>
              <Badge color="teal" variant="filled" leftSection={<IconShieldCheck size={12} />}>
                {p.signedBadge}
              </Badge>
            </Tooltip>
            {doc.intact ? null : (
              <Badge color="red" variant="filled" leftSection={<IconAlertTriangleFilled size={12} />}>
                {t.documents.tampered}
              </Badge>
            )}
          </Group>
          <Tooltip label={hash} withinPortal>
            <Text fz="xs" c="dimmed" className={classes.hash} data-testid="signed-hash">
              {p.hash(hash.slice(0, 16))}
            </Text>
          </Tooltip>
        </Stack>
        <Button component="a" href={url ?? undefined} download={p.fileName(view.caseNumber)} leftSection={<IconDownload size={16} />} variant="light" color="teal">
          {p.download}
        </Button>
      </Group>
    </Paper>
  );
}
