import { useRef, useState } from 'react';
import { Anchor, Badge, Button, Group, Stack, Text, ThemeIcon, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangleFilled, IconFileTypePdf, IconPhoto, IconPlus } from '@tabler/icons-react';
import { ATTACHMENT_CATEGORIES, type Attachment } from '../../../../electron/shared/domain/attachment';
import type { CaseRecord } from '../../../../electron/shared/domain/case';
import { call } from '../../api/client';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { sessionOrdinal } from '../sessions/list/session-labels';
import { AddAttachmentModal } from './AddAttachmentModal';
import { AttachmentViewerModal, type AttachmentViewing } from './AttachmentViewerModal';
import { KIND_LABELS, sizeText } from './attachment-file';
import classes from './AttachmentsSection.module.css';

const a = t.sessions.attachments;

/** Where an attachment belongs: the case, a session (第1次调解), a statement in it, or an issued document's scan. */
function placeOf(attachment: Attachment, record: CaseRecord): string {
  const session = attachment.sessionId ? record.sessions.find((s) => s.id === attachment.sessionId) : undefined;
  const doc = attachment.documentId ? record.documents.find((d) => d.id === attachment.documentId) : undefined;
  const parts = [
    session ? sessionOrdinal(session) : null,
    attachment.statementId ? a.statement : null,
    doc ? `《${doc.title}》${t.documents.version(doc.version)}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : a.caseLevel;
}

/** 证据与材料: every photo, scan and PDF of the case (newest first), with 添加材料; each opens in a viewer, checked. */
export function AttachmentsSection({ record, staffName }: { record: CaseRecord; staffName: (id: string) => string }) {
  const [adding, setAdding] = useState(false);
  const [viewing, setViewing] = useState<AttachmentViewing | null>(null);
  /** Attachments found altered when opened (attachments:file said intact: false). */
  const [tampered, setTampered] = useState<Set<string>>(new Set());
  const request = useRef(0);

  const open = async (attachment: Attachment) => {
    const id = ++request.current;
    setViewing({ attachment, result: null });
    try {
      const file = await call('attachments:file', { caseId: record.id, attachmentId: attachment.id });
      if (!file.intact) setTampered((s) => new Set(s).add(attachment.id));
      if (id === request.current) setViewing({ attachment, result: file });
    } catch (error) {
      if (id === request.current) setViewing({ attachment, result: { error } });
    }
  };
  const close = () => {
    request.current += 1;
    setViewing(null);
  };

  const list = [...record.attachments].reverse();
  return (
    <SectionCard
      id="attachments"
      title={a.section}
      hint={a.sectionHint}
      actions={
        <Button size="compact-sm" variant="default" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
          {a.add}
        </Button>
      }
    >
      {list.length === 0 ? (
        <Stack gap={2}>
          <Text fz="sm" c="dimmed">
            {a.empty}
          </Text>
          <Text fz="xs" c="dimmed">
            {a.emptyHint}
          </Text>
        </Stack>
      ) : (
        <Stack gap={4} component="ul" className={classes.list} aria-label={a.section}>
          {list.map((item) => {
            const pdf = item.mimeType === 'application/pdf';
            const bad = tampered.has(item.id);
            return (
              <li key={item.id}>
                <UnstyledButton className={classes.row} data-tampered={bad || undefined} onClick={() => void open(item)} aria-label={a.openLabel(item.label)}>
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <ThemeIcon variant="light" color={bad ? 'red' : pdf ? 'red' : 'navy'} size={30} radius="sm" className={classes.flexNone} aria-hidden>
                      {pdf ? <IconFileTypePdf size={17} /> : <IconPhoto size={17} />}
                    </ThemeIcon>
                    <Stack gap={2} miw={0} className={classes.grow}>
                      <Group gap={6} wrap="nowrap" justify="space-between">
                        <Group gap={6} wrap="nowrap" miw={0}>
                          <Text fz="sm" fw={500} truncate>
                            {item.label}
                          </Text>
                          <Badge size="xs" variant="light" color="gray" className={classes.flexNone}>
                            {ATTACHMENT_CATEGORIES[item.category]}
                          </Badge>
                        </Group>
                        <Anchor component="span" fz="xs" className={classes.flexNone}>
                          {a.open}
                        </Anchor>
                      </Group>
                      <Text fz="xs" c="dimmed">
                        {placeOf(item, record)} · {KIND_LABELS[item.mimeType]} {sizeText(item.size)} · {formatDateTime(item.addedAt)} · {a.by(staffName(item.addedBy))} ·{' '}
                        <Tooltip label={item.sha256} withinPortal>
                          <span className={classes.hash}>{a.hash(item.sha256.slice(0, 12))}</span>
                        </Tooltip>
                      </Text>
                      {bad ? (
                        <Badge mt={2} color="red" variant="filled" size="sm" leftSection={<IconAlertTriangleFilled size={10} />} w="fit-content">
                          {a.tampered}
                        </Badge>
                      ) : null}
                    </Stack>
                  </Group>
                </UnstyledButton>
              </li>
            );
          })}
        </Stack>
      )}
      <AddAttachmentModal record={record} opened={adding} onClose={() => setAdding(false)} />
      <AttachmentViewerModal viewing={viewing} onClose={close} />
    </SectionCard>
  );
}
