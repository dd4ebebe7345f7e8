import { Alert, Badge, Button, Center, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangleFilled, IconFileCertificate, IconRefresh, IconShieldCheck } from '@tabler/icons-react';
import type { AgreementView, IssuedDocument } from '../../../../../electron/shared/ipc/contract';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { PdfViewer } from '../../../components/PdfViewer';
import { t } from '../../../i18n';
import { agreementQueries } from './queries';
import classes from './Signing.module.css';

const p = t.signing.preview;
/** The pages fill the pane below its header (the pane's grid row has a definite height). */
const HEIGHT = '100%';

function Waiting({ label }: { label: string }) {
  return (
    <Center className={classes.waiting}>
      <Stack align="center" gap="xs">
        <Loader />
        <Text c="dimmed" fz="sm">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

/**
 * What is being signed, as it prints: the approved text rendered now (with the signatures taken so far, as the host
 * draws them), or, once effective, the signed original itself (digitally signed, read back and checked).
 */
export function AgreementDocumentPane({ view, signed }: { view: AgreementView; signed: UseQueryResult<IssuedDocument | null> | null }) {
  const showSigned = signed !== null;
  return (
    <section className={classes.document} aria-label={p.label}>
      <Group className={classes.documentHeader} justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <IconFileCertificate size={18} color="var(--mantine-color-navy-7)" aria-hidden />
          <Text fw={600} fz="sm">
            {p.label}
          </Text>
          {showSigned ? (
            <Tooltip label={p.signedHint} withinPortal multiline w={280}>
              <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={12} />}>
                {p.signedBadge}
              </Badge>
            </Tooltip>
          ) : (
            <Badge color="navy" variant="light">
              {p.approvedBadge}
            </Badge>
          )}
        </Group>
        <Text fz="xs" c="dimmed">
          {view.caseNumber}
        </Text>
      </Group>
      {showSigned ? <SignedPages signed={signed} /> : <PreviewPages view={view} />}
    </section>
  );
}

function SignedPages({ signed }: { signed: UseQueryResult<IssuedDocument | null> }) {
  if (signed.error) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangleFilled size={18} />} title={t.pdf.failed}>
        {signed.error.message}
      </Alert>
    );
  }
  if (!signed.data) return <Waiting label={t.documents.reading} />;
  return (
    <div className={classes.documentBody}>
      {signed.data.intact ? null : (
        <Alert color="red" variant="filled" radius={0} icon={<IconAlertTriangleFilled size={18} />}>
          {p.tampered}
        </Alert>
      )}
      <PdfViewer key={signed.data.document.id} pdfBase64={signed.data.pdfBase64} label={`${p.label} ${p.signedBadge}`} height={HEIGHT} />
    </div>
  );
}

function PreviewPages({ view }: { view: AgreementView }) {
  const preview = useQuery(agreementQueries.preview(view.agreement.caseId, view.agreement.id, view.agreement.revision));
  if (preview.error) {
    return (
      <Alert color="orange" variant="light" icon={<IconAlertTriangleFilled size={18} />} title={p.failed}>
        <Stack gap="sm" align="flex-start">
          <Text fz="sm">{preview.error.message}</Text>
          <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={() => void preview.refetch()}>
            {p.retry}
          </Button>
        </Stack>
      </Alert>
    );
  }
  // Keep the pages of the previous revision while the next one renders: no flash after each signature.
  if (!preview.data) return <Waiting label={p.loading} />;
  return <PdfViewer pdfBase64={preview.data.pdfBase64} label={p.label} height={HEIGHT} />;
}
