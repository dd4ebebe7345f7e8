import { Anchor, Badge, Box, Button, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangleFilled, IconEye, IconFilePlus, IconFileText, IconPencilExclamation } from '@tabler/icons-react';
import type { CaseRecord } from '../../../../electron/shared/domain/case';
import { outdatedDocumentIds } from '../../../../electron/shared/domain/corrections';
import { DOCUMENT_TEMPLATES, type DocumentTemplateKey, type DocumentVersion } from '../../../../electron/shared/domain/document';
import { issuableTemplates } from '../../../../electron/shared/domain/issuable';
import type { SessionSummary } from '../../../../electron/shared/domain/session';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { recordTemplate, sessionOrdinal, sessionRecordName } from '../sessions/list/session-labels';
import { pdfSha256 } from './DocumentViewerModal';
import { useDocumentViewer } from './useDocumentViewer';
import classes from './DocumentsSection.module.css';

/** A form the case may be given now; records of a session name it (subjectId). */
export interface IssuableForm {
  template: DocumentTemplateKey;
  /** The session or investigation a record is made from @default undefined */
  subjectId?: string;
  /** As listed: the form's title, or for a record its session's (第1次调解记录). */
  title: string;
}

/**
 * The agreement's forms (subjectId = the agreement): the 协议书 or the 口头协议登记表 (previewable while drafted),
 * and once a written agreement is in effect the 司法确认申请书 (art. 33: within 30 days).
 */
export function issuableAgreementForms(record: Pick<CaseRecord, 'agreement'>): IssuableForm[] {
  const agreement = record.agreement;
  if (!agreement) return [];
  const form = (template: DocumentTemplateKey): IssuableForm => ({ template, subjectId: agreement.id, title: DOCUMENT_TEMPLATES[template].title });
  if (agreement.kind === 'oral') return [form('oral-agreement')];
  return [form('agreement'), ...(agreement.status === 'effective' ? [form('judicial-confirmation')] : [])];
}

/** One 人民调解记录 per session and one 调查记录 per investigation that has begun (a scheduled one has nothing to print). */
export function issuableRecords(record: Pick<CaseRecord, 'sessions'>): IssuableForm[] {
  return record.sessions
    .filter((s) => s.status === 'open' || s.status === 'closed')
    .map((s) => ({ template: recordTemplate(s.kind), subjectId: s.id, title: sessionRecordName(s) }));
}

function FormRow({ form, count, onPreview }: { form: IssuableForm; count: number; onPreview: () => void }) {
  const formTitle = DOCUMENT_TEMPLATES[form.template].title;
  const detail = [form.subjectId ? formTitle : null, count > 0 ? t.documents.versionCount(count) : null].filter(Boolean).join(' · ');
  return (
    <li className={classes.form}>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Group gap={6} wrap="nowrap" miw={0}>
          <IconFileText size={16} color="var(--mantine-color-navy-6)" className={classes.icon} aria-hidden />
          <Stack gap={0} miw={0}>
            <Text fz="sm" fw={500} truncate>
              {form.title}
            </Text>
            {detail ? (
              <Text fz="xs" c="dimmed">
                {detail}
              </Text>
            ) : null}
          </Stack>
        </Group>
        <Button size="compact-sm" variant="light" leftSection={<IconEye size={14} />} onClick={onPreview} aria-label={t.documents.previewOf(form.title)} className={classes.action}>
          {t.documents.preview}
        </Button>
      </Group>
    </li>
  );
}

/** 文书: preview the documents that fit the case now and issue them; re-open any issued version (checked against its SHA-256). */
export function DocumentsSection({ record, staffName }: { record: CaseRecord; staffName: (id: string) => string }) {
  const sessionOf = (id: string | null): SessionSummary | undefined => (id ? record.sessions.find((s) => s.id === id) : undefined);
  const viewer = useDocumentViewer({
    caseId: record.id,
    caseNumber: record.caseNumber,
    documents: record.documents,
    subjectLabel: (id) => {
      const session = sessionOf(id);
      return session ? sessionOrdinal(session) : undefined;
    },
  });
  const { tampered } = viewer;

  const versionsOf = (form: IssuableForm) => record.documents.filter((d) => d.template === form.template && (d.subjectId ?? undefined) === form.subjectId).length;
  /** 第1次调解记录 for a session's record, else the form's title. */
  const versionTitle = (doc: DocumentVersion) => {
    const session = sessionOf(doc.subjectId);
    return session ? sessionRecordName(session) : doc.title;
  };
  const forms: IssuableForm[] = issuableTemplates(record).map((template) => ({ template, title: DOCUMENT_TEMPLATES[template].title }));
  const records = record.decision ? [] : [...issuableRecords(record), ...issuableAgreementForms(record)];

  const versions = [...record.documents].reverse();
  // Issued before the latest 修改登记信息: marked, and the newest of its kind offers a new version made from the new data.
  const outdated = outdatedDocumentIds(record);
  const offerable = new Set([...forms, ...records].map((f) => `${f.template}:${f.subjectId ?? ''}`));
  const newestOfKind = (doc: DocumentVersion) => !record.documents.some((d) => d.template === doc.template && d.subjectId === doc.subjectId && d.version > doc.version);
  return (
    <SectionCard title={t.documents.section} id="documents">
      <Box>
        <Text fz="xs" fw={600} c="dimmed" mb={6}>
          {t.documents.forms}
        </Text>
        <Stack gap={4} component="ul" className={classes.list}>
          {forms.map((form) => (
            <FormRow key={form.template} form={form} count={versionsOf(form)} onPreview={() => void viewer.preview(form.template)} />
          ))}
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
      {records.length > 0 ? (
        <Box>
          <Text fz="xs" fw={600} c="dimmed" mb={6}>
            {t.documents.recordForms}
          </Text>
          <Stack gap={4} component="ul" className={classes.list}>
            {records.map((form) => (
              <FormRow key={form.subjectId} form={form} count={versionsOf(form)} onPreview={() => void viewer.preview(form.template, form.subjectId)} />
            ))}
          </Stack>
        </Box>
      ) : null}
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
                <UnstyledButton className={classes.version} onClick={() => void viewer.open(doc)} aria-label={`${t.documents.open} ${versionTitle(doc)} ${t.documents.version(doc.version)}`}>
                  <Group gap={6} wrap="nowrap" justify="space-between">
                    <Group gap={6} wrap="nowrap" miw={0}>
                      <IconFileText size={16} color="var(--mantine-color-navy-6)" className={classes.icon} aria-hidden />
                      <Text fz="sm" fw={500} truncate>
                        {versionTitle(doc)}
                      </Text>
                      <Badge size="xs" variant="outline" color="navy" className={classes.icon}>
                        {t.documents.version(doc.version)}
                      </Badge>
                      {doc.signed ? (
                        <Badge size="xs" variant="light" color="teal" className={classes.icon}>
                          {t.documents.signedOriginal}
                        </Badge>
                      ) : null}
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
                  {outdated.has(doc.id) ? (
                    <Tooltip label={t.corrections.outdatedHint} withinPortal multiline w={260}>
                      <Badge mt={4} mr={6} color="orange" variant="light" size="sm" leftSection={<IconPencilExclamation size={11} />} data-outdated="true">
                        {t.corrections.outdated}
                      </Badge>
                    </Tooltip>
                  ) : null}
                  {tampered.has(doc.id) ? (
                    <Badge mt={4} color="red" variant="filled" size="sm" leftSection={<IconAlertTriangleFilled size={10} />}>
                      {t.documents.tampered}
                    </Badge>
                  ) : null}
                </UnstyledButton>
                {outdated.has(doc.id) && newestOfKind(doc) && offerable.has(`${doc.template}:${doc.subjectId ?? ''}`) ? (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="orange"
                    ml={22}
                    leftSection={<IconFilePlus size={12} />}
                    onClick={() => void viewer.preview(doc.template, doc.subjectId ?? undefined)}
                    aria-label={t.corrections.newVersionOf(versionTitle(doc))}
                  >
                    {t.corrections.newVersion}
                  </Button>
                ) : null}
              </li>
            ))}
          </Stack>
        )}
      </Box>
      {viewer.modal}
    </SectionCard>
  );
}
