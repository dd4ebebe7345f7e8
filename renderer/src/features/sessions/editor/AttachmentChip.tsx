import { Button } from '@mantine/core';
import { IconFileTypePdf, IconPhoto } from '@tabler/icons-react';
import type { Attachment } from '../../../../../electron/shared/domain/attachment';
import { t } from '../../../i18n';

/** An attached material as a small chip; opening it reads the file (attachments:file) and shows it. */
export function AttachmentChip({ attachment, onOpen }: { attachment: Attachment; onOpen: (attachment: Attachment) => void }) {
  const Icon = attachment.mimeType === 'application/pdf' ? IconFileTypePdf : IconPhoto;
  return (
    <Button
      size="compact-xs"
      variant="light"
      color="violet"
      radius="xl"
      leftSection={<Icon size={13} />}
      onClick={() => onOpen(attachment)}
      aria-label={t.sessionEditor.attachments.open(attachment.label)}
      maw={260}
      styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
    >
      {attachment.label}
    </Button>
  );
}
