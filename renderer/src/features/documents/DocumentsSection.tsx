import { useEffect, useRef, useState } from 'react';
import { Anchor, Badge, Box, Button, Group, Modal, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangleFilled, IconDownload, IconFileText, IconPrinter, IconShieldCheck } from '@tabler/icons-react';
import type { CaseRecord } from '../../../../electron/shared/domain/case';
import { DOCUMENT_TEMPLATES, type DocumentTemplateKey, type DocumentVersion } from '../../../../electron/shared/domain/document';
import type { IssuedDocument } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { invalidate } from '../../api/query';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { pdfObjectUrl } from '../../lib/pdf';
import { caseQueries } from '../cases/queries';
import classes from './DocumentsSection.module.css';

/**
 * The documents a case may be given at the desk. A refusal or a transfer gets its notice and nothing else. Otherwise
 * the acceptance register and the rights notice; the 申请书 only for an oral application, written up from what the
 * clerk recorded: for a written application the visitor's own signed 申请书 is the original, and a second,
 * app-made one would only compete with it.
 */
export function issuableTemplates(record: Pick<CaseRecord, 'decision' | 'dispute'>): DocumentTemplateKey[] {
  if (record.decision?.kind === 'refused') return ['refusal-notice'];
  if (record.decision?.kind === 'transferred') return ['transfer-notice'];
  return [...(record.dispute.applicationForm === 'oral' ? (['application'] as const) : []), 'acceptance-register', 'rights-notice'];
}

const sha = (doc: DocumentVersion) => doc.files.find((f) => f.format === 'pdf')?.sha256 ?? doc.files[0]?.sha256 ?? '';

interface Preview {
  issued: IssuedDocument;
  url: string;
}

/** The PDF in a frame, with 打印 (the frame's own print) and 保存PDF (a download with a readable Chinese name). */
function PreviewModal({ preview, caseNumber, onClose }: { preview: Preview | null; caseNumber: string; onClose: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const doc = preview?.issued.document;
  return (
    <Modal
      opened={preview !== null}
      onClose={onClose}
      size="min(1100px, 92vw)"
      centered
      title={
        doc ? (
          <Group gap="sm">
            <Text fw={600}>{t.documents.previewTitle(doc.title, doc.version)}</Text>
            {preview.issued.intact ? (
              <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={12} />}>
                {t.documents.intact}
              </Badge>
            ) : (
              <Badge color="red" variant="filled" leftSection={<IconAlertTriangleFilled size={12} />}>
                {t.documents.tampered}
              </Badge>
            )}
          </Group>
        ) : null
      }
    >
      {preview && doc ? (
        <Stack gap="sm">
          <iframe ref={frame} src={preview.url} title={doc.title} className={classes.frame} />
          <Group justify="space-between">
            <Text fz="xs" c="dimmed" ff="monospace">
              {t.documents.hash(sha(doc).slice(0, 12))}
            </Text>
            <Group gap="sm">
              <Button
                component="a"
                href={preview.url}
                download={t.documents.fileName(doc.title, caseNumber, doc.version)}
                variant="default"
                leftSection={<IconDownload size={16} />}
              >
                {t.documents.savePdf}
              </Button>
              <Button leftSection={<IconPrinter size={16} />} onClick={() => frame.current?.contentWindow?.print()} data-autofocus>
                {t.documents.print}
              </Button>
            </Group>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

/** 文书: make the documents that fit the case now, and re-open any issued version (checked against its SHA-256). */
export function DocumentsSection({ record, staffName }: { record: CaseRecord; staffName: (id: string) => string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  /** Versions found altered when re-opened (documents:read said intact: false). */
  const [tampered, setTampered] = useState<Set<string>>(new Set());

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview.url)), [preview]);

  const show = (issued: IssuedDocument) => {
    setPreview({ issued, url: pdfObjectUrl(issued.pdfBase64) });
    if (!issued.intact) setTampered((s) => new Set(s).add(issued.document.id));
  };

  const issue = async (template: DocumentTemplateKey) => {
    setBusy(template);
    try {
      show(await call('documents:issue', { caseId: record.id, template }));
      invalidate(caseQueries.detail(record.id).key);
      invalidate(caseQueries.audit(record.id).key);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };

  const open = async (doc: DocumentVersion) => {
    setBusy(doc.id);
    try {
      show(await call('documents:read', { caseId: record.id, documentId: doc.id }));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };

  const versions = [...record.documents].reverse();
  return (
    <SectionCard title={t.documents.section} id="documents">
      <Stack gap={6}>
        {issuableTemplates(record).map((key) => (
          <Button key={key} variant="light" justify="flex-start" leftSection={<IconPrinter size={16} />} loading={busy === key} disabled={busy !== null && busy !== key} onClick={() => void issue(key)} fullWidth>
            {t.documents.issue(DOCUMENT_TEMPLATES[key].title)}
          </Button>
        ))}
        {record.dispute.applicationForm === 'written' && !record.decision ? (
          <Text fz="xs" c="dimmed">
            {t.documents.oralOnly}
          </Text>
        ) : null}
      </Stack>
      <Box>
        <Text fz="xs" fw={600} c="dimmed" mb={6}>
          {t.documents.versions}
        </Text>
        {versions.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t.documents.noVersions}
          </Text>
        ) : (
          <Stack gap={4} component="ul" className={classes.list}>
            {versions.map((doc) => (
              <li key={doc.id}>
                <UnstyledButton className={classes.version} onClick={() => void open(doc)} disabled={busy !== null} aria-label={`${t.documents.open} ${doc.title} ${t.documents.version(doc.version)}`}>
                  <Group gap={6} wrap="nowrap" justify="space-between">
                    <Group gap={6} wrap="nowrap">
                      <IconFileText size={16} color="var(--mantine-color-navy-6)" />
                      <Text fz="sm" fw={500} truncate>
                        {doc.title}
                      </Text>
                      <Badge size="xs" variant="outline" color="gray">
                        {t.documents.version(doc.version)}
                      </Badge>
                    </Group>
                    <Anchor component="span" fz="xs">
                      {t.documents.open}
                    </Anchor>
                  </Group>
                  <Text fz="xs" c="dimmed" mt={2}>
                    {formatDateTime(doc.createdAt)} · {t.documents.by(staffName(doc.createdBy))} ·{' '}
                    <Tooltip label={sha(doc)} withinPortal>
                      <span className={classes.hash}>{t.documents.hash(sha(doc).slice(0, 12))}</span>
                    </Tooltip>
                  </Text>
                  {tampered.has(doc.id) ? (
                    <Badge mt={4} color="red" variant="filled" size="sm" leftSection={<IconAlertTriangleFilled size={10} />}>
                      {t.documents.tampered}
                    </Badge>
                  ) : null}
                </UnstyledButton>
              </li>
            ))}
          </Stack>
        )}
      </Box>
      <PreviewModal preview={preview} caseNumber={record.caseNumber} onClose={() => setPreview(null)} />
    </SectionCard>
  );
}
