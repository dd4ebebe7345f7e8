import { useRef, useState } from 'react';
import { Anchor, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconFileTypePdf, IconPhoto, IconPrinter, IconUpload } from '@tabler/icons-react';
import type { Attachment } from '../../../../../electron/shared/domain/attachment';
import type { CaseRecord } from '../../../../../electron/shared/domain/case';
import type { AgreementView } from '../../../../../electron/shared/ipc/contract';
import { call } from '../../../api/client';
import { SectionCard } from '../../../components/SectionCard';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { AttachmentViewerModal, type AttachmentViewing } from '../../attachments/AttachmentViewerModal';
import { KIND_LABELS, sizeText } from '../../attachments/attachment-file';
import { useDocumentViewer } from '../../documents/useDocumentViewer';
import { agreementScans, currentPaperVersion, paperVersions } from './paper-versions';
import { ScanUploadModal } from './ScanUploadModal';
import classes from './Signing.module.css';

const l = t.signing.paper;

/**
 * 纸质签署: print the approved text for wet ink (issued as a version first, through the documents viewer, so the paper
 * always matches a stored, hashed file), then file the scan of the signed copy against that version.
 */
export function PaperSigning({ view, record, staffName }: { view: AgreementView; record: CaseRecord; staffName: (id: string) => string }) {
  const { agreement } = view;
  const viewer = useDocumentViewer({ caseId: record.id, caseNumber: record.caseNumber, documents: record.documents });
  const [uploading, setUploading] = useState(false);
  const [viewing, setViewing] = useState<AttachmentViewing | null>(null);
  const request = useRef(0);
  const current = currentPaperVersion(agreement, record.documents);
  // Scans may still come in for an older printed version; the newest one is where a new scan goes.
  const target = current ?? paperVersions(agreement, record.documents).at(-1) ?? null;
  const scans = agreementScans(agreement, record.documents, record.attachments);
  const versionOf = (id: string | null) => record.documents.find((d) => d.id === id)?.version ?? 0;
  const printable = agreement.status === 'approved' || agreement.status === 'effective';

  const print = () => void (current ? viewer.open(current) : viewer.preview('agreement', agreement.id));
  const open = async (attachment: Attachment) => {
    const id = ++request.current;
    setViewing({ attachment, result: null });
    try {
      const file = await call('attachments:file', { caseId: record.id, attachmentId: attachment.id });
      if (id === request.current) setViewing({ attachment, result: file });
    } catch (error) {
      if (id === request.current) setViewing({ attachment, result: { error } });
    }
  };

  return (
    <SectionCard title={l.title} hint={l.hint} id="paper">
      <Stack gap="sm">
        <Group gap="sm">
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={print} disabled={!printable}>
            {l.print}
          </Button>
          {target ? (
            <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => setUploading(true)}>
              {l.upload}
            </Button>
          ) : (
            <Tooltip label={l.uploadNeedsVersion} withinPortal multiline w={260}>
              <Button variant="default" leftSection={<IconUpload size={16} />} data-disabled onClick={(e) => e.preventDefault()}>
                {l.upload}
              </Button>
            </Tooltip>
          )}
        </Group>
        <Text fz="xs" c="dimmed">
          {current ? `${l.printed(current.version)}。` : ''}
          {l.printHint}
        </Text>
        <Stack gap={4}>
          <Text fz="sm" fw={600}>
            {l.scans}
          </Text>
          {scans.length === 0 ? (
            <Text fz="sm" c="dimmed">
              {l.noScans}
            </Text>
          ) : (
            <ul className={classes.scans} aria-label={l.scans}>
              {scans.map((scan) => (
                <li key={scan.id}>
                  <Group justify="space-between" wrap="nowrap" py={6} gap="sm">
                    <Group gap="xs" wrap="nowrap" miw={0}>
                      {scan.mimeType === 'application/pdf' ? <IconFileTypePdf size={18} color="var(--mantine-color-red-7)" aria-hidden /> : <IconPhoto size={18} color="var(--mantine-color-navy-6)" aria-hidden />}
                      <Stack gap={0} miw={0}>
                        <Text fz="sm" truncate>
                          {scan.label}
                        </Text>
                        <Text fz="xs" c="dimmed">
                          {l.scanOf(versionOf(scan.documentId))} · {KIND_LABELS[scan.mimeType]} · {sizeText(scan.size)} · {formatDateTime(scan.addedAt)} · {staffName(scan.addedBy)}
                        </Text>
                      </Stack>
                    </Group>
                    <Anchor component="button" type="button" fz="sm" onClick={() => void open(scan)}>
                      {l.view}
                    </Anchor>
                  </Group>
                </li>
              ))}
            </ul>
          )}
        </Stack>
      </Stack>
      {target ? <ScanUploadModal caseId={record.id} version={target} opened={uploading} onClose={() => setUploading(false)} /> : null}
      <AttachmentViewerModal
        viewing={viewing}
        onClose={() => {
          request.current += 1;
          setViewing(null);
        }}
      />
      {viewer.modal}
    </SectionCard>
  );
}
