import { useEffect, useMemo } from 'react';
import { Alert, Badge, Button, Center, Group, Loader, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangleFilled, IconDownload, IconPaperclip, IconShieldCheck } from '@tabler/icons-react';
import { ATTACHMENT_CATEGORIES, ATTACHMENT_TYPES, type Attachment } from '../../../../electron/shared/domain/attachment';
import type { AttachmentFile } from '../../../../electron/shared/ipc/contract';
import { PdfViewer } from '../../components/PdfViewer';
import { t } from '../../i18n';
import { base64ToBytes } from '../../lib/pdf';
import classes from './AttachmentsSection.module.css';

const a = t.sessions.attachments;

/** What the viewer shows: the attachment as listed, and its file once read (null while reading). */
export interface AttachmentViewing {
  attachment: Attachment;
  result: AttachmentFile | { error: unknown } | null;
}

/** The viewer fills the dialog, like the document viewer: 94dvh less the title bar, the footer and paddings. */
const VIEW_HEIGHT = 'calc(94dvh - 160px)';
const VIEW_HEIGHT_WITH_ALERT = 'calc(94dvh - 262px)';

/**
 * One attachment: a photo shown whole, a PDF page by page (pdf.js, no plugin), checked against the SHA-256 recorded
 * when it was added; an altered file is flagged in red. It can be saved (as evidence of the alteration, too).
 */
export function AttachmentViewerModal({ viewing, onClose }: { viewing: AttachmentViewing | null; onClose: () => void }) {
  const file = viewing?.result && 'base64' in viewing.result ? viewing.result : null;
  const url = useMemo(() => (file ? URL.createObjectURL(new Blob([base64ToBytes(file.base64)], { type: file.attachment.mimeType })) : null), [file]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  const attachment = viewing?.attachment;
  const header = attachment ? (
    <Group gap="sm" wrap="nowrap">
      <IconPaperclip size={20} color="var(--mantine-color-navy-7)" aria-hidden />
      <Text fw={600} fz="md" component="span" truncate>
        {attachment.label}
      </Text>
      <Badge color="gray" variant="light" size="md" className={classes.flexNone}>
        {ATTACHMENT_CATEGORIES[attachment.category]}
      </Badge>
      {file ? (
        file.intact ? (
          <Tooltip label={a.intactHint} withinPortal>
            <Badge color="teal" variant="light" size="md" leftSection={<IconShieldCheck size={12} />} className={classes.flexNone}>
              {a.intact}
            </Badge>
          </Tooltip>
        ) : (
          <Badge color="red" variant="filled" size="md" leftSection={<IconAlertTriangleFilled size={12} />} className={classes.flexNone}>
            {a.tampered}
          </Badge>
        )
      ) : null}
    </Group>
  ) : null;

  let body = null;
  if (viewing && viewing.result === null) {
    body = (
      <Center className={classes.waiting}>
        <Stack align="center" gap="xs">
          <Loader />
          <Text c="dimmed" fz="sm">
            {a.reading}
          </Text>
        </Stack>
      </Center>
    );
  } else if (viewing?.result && 'error' in viewing.result) {
    body = (
      <Alert color="red" variant="light" icon={<IconAlertTriangleFilled size={18} />} title={a.readFailed}>
        {viewing.result.error instanceof Error ? viewing.result.error.message : t.errors.generic}
      </Alert>
    );
  } else if (file) {
    const height = file.intact ? VIEW_HEIGHT : VIEW_HEIGHT_WITH_ALERT;
    const name = `${file.attachment.label || a.section}.${ATTACHMENT_TYPES[file.attachment.mimeType]}`;
    body = (
      <Stack gap="sm">
        {file.intact ? null : (
          <Alert color="red" variant="filled" icon={<IconAlertTriangleFilled size={20} />} title={a.tampered} role="alert">
            {a.tamperedDetail}
          </Alert>
        )}
        {file.attachment.mimeType === 'application/pdf' ? (
          <PdfViewer key={file.attachment.id} pdfBase64={file.base64} label={file.attachment.label} height={height} />
        ) : (
          <div className={classes.imageFrame} style={{ height }}>
            {url ? <img src={url} alt={a.imageAlt(file.attachment.label)} className={classes.image} /> : null}
          </div>
        )}
        <Group justify="space-between" wrap="nowrap" className={classes.footer}>
          <Tooltip label={file.attachment.sha256} withinPortal>
            <Text fz="xs" c="dimmed" className={classes.hash}>
              {a.hash(file.attachment.sha256.slice(0, 12))}
            </Text>
          </Tooltip>
          <Button component="a" href={url ?? undefined} download={name} variant="default" leftSection={<IconDownload size={16} />}>
            {a.save}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Modal opened={viewing !== null} onClose={onClose} size="min(1120px, 94vw)" yOffset="3dvh" title={header} classNames={{ title: classes.modalTitle }}>
      {body}
    </Modal>
  );
}
