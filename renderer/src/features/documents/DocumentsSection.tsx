import { useRef, useState } from 'react';
import { Anchor, Badge, Box, Button, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangleFilled, IconEye, IconFileText } from '@tabler/icons-react';
import type { CaseRecord } from '../../../../electron/shared/domain/case';
import { DOCUMENT_TEMPLATES, type DocumentTemplateKey, type DocumentVersion } from '../../../../electron/shared/domain/document';
import { call } from '../../api/client';
import { invalidate } from '../../api/query';
import { type SettingFocus, useRouter } from '../../app/router';
import { useSession } from '../../app/session';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { caseQueries } from '../cases/queries';
import { DocumentViewerModal, type Viewing, pdfSha256 } from './DocumentViewerModal';
import classes from './DocumentsSection.module.css';

/**
 * The documents a case may be given at the desk. A refusal or a transfer gets its notice and nothing else. Otherwise
 * the acceptance register and the rights notice; the 申请书 only for an oral application, written up from what the
 * clerk recorded: for a written application the visitor's own signed 申请书 is the original, and a second,
 * app-made one would only compete with it. The mediation forms (records, agreements, the case file) are offered
 * once the case has the data they are made from.
 */
export function issuableTemplates(record: Pick<CaseRecord, 'decision' | 'dispute'>): DocumentTemplateKey[] {
  if (record.decision?.kind === 'refused') return ['refusal-notice'];
  if (record.decision?.kind === 'transferred') return ['transfer-notice'];
  return [...(record.dispute.applicationForm === 'oral' ? (['application'] as const) : []), 'acceptance-register', 'rights-notice'];
}

/** 文书: preview the documents that fit the case now and issue them; re-open any issued version (checked against its SHA-256). */
export function DocumentsSection({ record, staffName }: { record: CaseRecord; staffName: (id: string) => string }) {
  const { navigate } = useRouter();
  const { staff } = useSession();
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const [issuing, setIssuing] = useState(false);
  /** Versions found altered when re-opened (documents:read said intact: false). */
  const [tampered, setTampered] = useState<Set<string>>(new Set());
  /** Answers to an older request (the user closed the viewer or opened another document) are dropped. */
  const request = useRef(0);

  const versionsOf = (template: DocumentTemplateKey) => record.documents.filter((d) => d.template === template).length;

  const preview = async (template: DocumentTemplateKey) => {
    const id = ++request.current;
    const title = DOCUMENT_TEMPLATES[template].title;
    setViewing({ kind: 'preview', template, title, nextVersion: versionsOf(template) + 1, result: null });
    let result: { pdfBase64: string } | { error: unknown };
    try {
      result = { pdfBase64: (await call('documents:preview', { caseId: record.id, template })).pdfBase64 };
    } catch (error) {
      result = { error };
    }
    if (id === request.current) setViewing((v) => (v?.kind === 'preview' && v.template === template ? { ...v, result } : v));
  };

  const issue = async (template: DocumentTemplateKey) => {
    const id = ++request.current;
    setIssuing(true);
    try {
      const issued = await call('documents:issue', { caseId: record.id, template });
      invalidate(caseQueries.detail(record.id).key);
      invalidate(caseQueries.audit(record.id).key);
      // The viewer itself now says it (第N版, 文件校验一致); a notification would only cover its toolbar. Closed
      // meanwhile: then say it here.
      if (id === request.current) setViewing({ kind: 'version', doc: issued.document, result: issued });
      else notifySuccess(t.documents.issued(issued.document.title, issued.document.version));
    } catch (error) {
      notifyError(error);
    } finally {
      setIssuing(false);
    }
  };

  const open = async (doc: DocumentVersion) => {
    const id = ++request.current;
    setViewing({ kind: 'version', doc, result: null });
    try {
      const read = await call('documents:read', { caseId: record.id, documentId: doc.id });
      if (!read.intact) setTampered((s) => new Set(s).add(doc.id));
      if (id === request.current) setViewing({ kind: 'version', doc, result: read });
    } catch (error) {
      if (id === request.current) setViewing({ kind: 'version', doc, result: { error } });
    }
  };

  const close = () => {
    request.current += 1;
    setViewing(null);
  };

  const openSettings = (focus: SettingFocus) => {
    close();
    navigate({ name: 'staff', focus });
  };

  const versions = [...record.documents].reverse();
  return (
    <SectionCard title={t.documents.section} id="documents">
      <Box>
        <Text fz="xs" fw={600} c="dimmed" mb={6}>
          {t.documents.forms}
        </Text>
        <Stack gap={4} component="ul" className={classes.list}>
          {issuableTemplates(record).map((key) => {
            const title = DOCUMENT_TEMPLATES[key].title;
            const count = versionsOf(key);
            return (
              <li key={key} className={classes.form}>
                <Group gap="xs" wrap="nowrap" justify="space-between">
                  <Group gap={6} wrap="nowrap" miw={0}>
                    <IconFileText size={16} color="var(--mantine-color-navy-6)" className={classes.icon} aria-hidden />
                    <Stack gap={0} miw={0}>
                      <Text fz="sm" fw={500} truncate>
                        {title}
                      </Text>
                      {count > 0 ? (
                        <Text fz="xs" c="dimmed">
                          {t.documents.versionCount(count)}
                        </Text>
                      ) : null}
                    </Stack>
                  </Group>
                  <Button size="compact-sm" variant="light" leftSection={<IconEye size={14} />} onClick={() => void preview(key)} aria-label={t.documents.previewOf(title)} className={classes.action}>
                    {t.documents.preview}
                  </Button>
                </Group>
              </li>
            );
          })}
        </Stack>
        <Text fz="xs" c="dimmed" mt={6}>
          {t.documents.formsHint}
        </Text>
        {record.dispute.applicationForm === 'written' && !record.decision ? (
          <Text fz="xs" c="dimmed" mt={2}>
            {t.documents.oralOnly}
          </Text>
        ) : null}
      </Box>
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
                <UnstyledButton className={classes.version} onClick={() => void open(doc)} aria-label={`${t.documents.open} ${doc.title} ${t.documents.version(doc.version)}`}>
                  <Group gap={6} wrap="nowrap" justify="space-between">
                    <Group gap={6} wrap="nowrap" miw={0}>
                      <IconFileText size={16} color="var(--mantine-color-navy-6)" className={classes.icon} aria-hidden />
                      <Text fz="sm" fw={500} truncate>
                        {doc.title}
                      </Text>
                      <Badge size="xs" variant="outline" color="navy" className={classes.icon}>
                        {t.documents.version(doc.version)}
                      </Badge>
                    </Group>
                    <Anchor component="span" fz="xs" className={classes.icon}>
                      {t.documents.open}
                    </Anchor>
                  </Group>
                  <Text fz="xs" c="dimmed" mt={2}>
                    {formatDateTime(doc.createdAt)} · {t.documents.by(staffName(doc.createdBy))} ·{' '}
                    <Tooltip label={pdfSha256(doc)} withinPortal>
                      <span className={classes.hash}>{t.documents.hash(pdfSha256(doc).slice(0, 12))}</span>
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
      <DocumentViewerModal
        viewing={viewing}
        caseNumber={record.caseNumber}
        issuing={issuing}
        canOpenSettings={staff.roles.includes('admin')}
        onIssue={(template) => void issue(template)}
        onRetry={(template) => void preview(template)}
        onOpenSettings={openSettings}
        onClose={close}
      />
    </SectionCard>
  );
}
