import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Center, Group, List, Loader, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangleFilled, IconDownload, IconFileCertificate, IconFileTypeDocx, IconInfoCircle, IconPrinter, IconRefresh, IconSettings, IconShieldCheck } from '@tabler/icons-react';
import type { DocumentTemplateKey, DocumentVersion } from '../../../../electron/shared/domain/document';
import type { CenterSettingKey, IssuedDocument } from '../../../../electron/shared/ipc/contract';
import { call } from '../../api/client';
import { isApiCallError } from '../../api/errors';
import type { SettingFocus } from '../../app/router';
import { PdfViewer } from '../../components/PdfViewer';
import { t } from '../../i18n';
import { DOCX_MIME, downloadBase64 } from '../../lib/download';
import { notifyError } from '../../lib/notify';
import { pdfObjectUrl } from '../../lib/pdf';
import { printPdf } from '../../lib/print-pdf';
import classes from './DocumentsSection.module.css';

/** What the viewer shows: a preview (rendered now, not stored) or an issued version (read back and verified). */
export type Viewing =
  | {
      kind: 'preview';
      template: DocumentTemplateKey;
      /**
       * The session or investigation a 人民调解记录 / 调查记录 is made from (documents:preview and documents:issue need
       * it for those two templates) @default undefined
       */
      subjectId?: string;
      title: string;
      /** Which session it is, shown beside the title (第1次调解) @default undefined */
      subjectLabel?: string;
      /** The version number it would get when issued; null when the caller does not know the issued versions. */
      nextVersion: number | null;
      /** null while it is being made. */
      result: { pdfBase64: string } | { error: unknown } | null;
    }
  | {
      kind: 'version';
      doc: DocumentVersion;
      /** Which session a record belongs to (第1次调解) @default undefined */
      subjectLabel?: string;
      result: IssuedDocument | { error: unknown } | null;
      /** Just issued from the preview shown before: the same viewer goes on showing it @default undefined */
      fromPreview?: boolean;
    };

/**
 * The viewer's identity: a preview and the version issued from it share one, so that the viewer (and the pages it
 * drew) stays while the issued file replaces the preview; any other document gets a viewer of its own.
 */
const previewSlot = (template: DocumentTemplateKey, subjectId: string | null | undefined) => `preview-${template}-${subjectId ?? ''}`;

/** Center settings a refusal names by key (ApiError.missing), and where each is set. */
const CENTER_SETTINGS: Record<CenterSettingKey, SettingFocus> = {
  'center.centerName': 'centerName',
  'center.committeeName': 'committeeName',
  'center.address': 'address',
  'center.phone': 'phone',
  'center.courtName': 'courtName',
  'center.seal': 'seal',
  'center.logo': 'logo',
};

/** What the settings screen calls each of them. */
const SETTING_LABELS: Record<SettingFocus, string> = {
  centerName: t.staff.centerName,
  committeeName: t.staff.committeeName,
  address: t.staff.address,
  phone: t.staff.phone,
  courtName: t.staff.courtName,
  seal: t.staff.images.seal,
  logo: t.staff.images.logo,
};

export const pdfSha256 = (doc: DocumentVersion) => doc.files.find((f) => f.format === 'pdf')?.sha256 ?? doc.files[0]?.sha256 ?? '';

const isSettingKey = (key: string): key is CenterSettingKey => key in CENTER_SETTINGS;

/**
 * What the host said is missing: center settings by their keys (`missing`), the case's own gaps as INVALID_INPUT
 * issues at the case or the record ("缺少…"). Null when the error is something else.
 */
function missingOf(error: unknown): { settings: SettingFocus[]; caseFields: string[] } | null {
  if (!isApiCallError(error)) return null;
  const settings = [...new Set(error.missing.filter(isSettingKey).map((key) => CENTER_SETTINGS[key]))];
  const caseFields =
    error.code === 'INVALID_INPUT' ? [...new Set(error.issues.filter((i) => i.path[0] === 'caseId' || i.path[0] === 'subjectId').map((i) => i.message.replace(/^缺少/, '')))] : [];
  return settings.length > 0 || caseFields.length > 0 ? { settings, caseFields } : null;
}

/** Why a document cannot be made now: the missing information, sorted into center settings and case data. */
function CannotMake({ title, error, canOpenSettings, onOpenSettings, onRetry }: { title: string; error: unknown; canOpenSettings: boolean; onOpenSettings: (focus: SettingFocus) => void; onRetry: () => void }) {
  const missing = missingOf(error);
  if (!missing) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangleFilled size={18} />} title={t.documents.cannotMake(title)}>
        <Stack gap="sm" align="flex-start">
          <Text fz="sm">{error instanceof Error ? error.message : t.errors.generic}</Text>
          <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
            {t.documents.retry}
          </Button>
        </Stack>
      </Alert>
    );
  }
  const { settings, caseFields } = missing;
  const firstSetting = settings[0];
  return (
    <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} />} title={t.documents.cannotMake(title)} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text fz="sm">{t.documents.missingIntro}</Text>
        {settings.length > 0 ? (
          <Stack gap={4}>
            <Text fz="xs" fw={600} c="dimmed">
              {t.documents.missingSetting}
            </Text>
            <List size="sm" spacing={2} data-testid="missing-settings">
              {settings.map((m) => (
                <List.Item key={m}>{SETTING_LABELS[m]}</List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
        {caseFields.length > 0 ? (
          <Stack gap={4}>
            <Text fz="xs" fw={600} c="dimmed">
              {t.documents.missingCase}
            </Text>
            <List size="sm" spacing={2} data-testid="missing-case">
              {caseFields.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
            <Text fz="xs" c="dimmed">
              {t.documents.missingCaseHint}
            </Text>
          </Stack>
        ) : null}
        {firstSetting ? (
          canOpenSettings ? (
            <Stack gap={6} align="flex-start">
              <Text fz="xs" c="dimmed">
                {t.documents.missingSettingsHint}
              </Text>
              <Button size="xs" leftSection={<IconSettings size={14} />} onClick={() => onOpenSettings(firstSetting)}>
                {t.documents.goToSettings}
              </Button>
            </Stack>
          ) : (
            <Text fz="xs" c="dimmed">
              {t.documents.missingSettingsAdminOnly}
            </Text>
          )
        ) : null}
      </Stack>
    </Alert>
  );
}

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

/** The viewer fills the dialog: 94dvh less the title bar, the action bar below it and paddings. */
const VIEWER_HEIGHT = 'calc(94dvh - 160px)';
const VIEWER_HEIGHT_WITH_ALERT = 'calc(94dvh - 262px)';

export interface DocumentViewerModalProps {
  viewing: Viewing | null;
  caseNumber: string;
  issuing: boolean;
  canOpenSettings: boolean;
  /** Issues the previewed document; `subjectId` is the preview's, passed back for records of a session. */
  onIssue: (template: DocumentTemplateKey, subjectId?: string) => void;
  /** Makes the preview again after a failure. */
  onRetry: (template: DocumentTemplateKey, subjectId?: string) => void;
  onOpenSettings: (focus: SettingFocus) => void;
  onClose: () => void;
}

/**
 * The document viewer: a preview (badge 预览（尚未出具）, with 出具) or an issued version (badge 第N版, its hash and
 * whether the stored file still matches it, with 打印 and 保存PDF). Printing and saving are offered for issued
 * versions only: paper always matches a stored, hashed version. The actions sit below the pages, bottom right, where
 * notifications (top right) never cover them.
 */
export function DocumentViewerModal({ viewing, caseNumber, issuing, canOpenSettings, onIssue, onRetry, onOpenSettings, onClose }: DocumentViewerModalProps) {
  const [printing, setPrinting] = useState(false);
  const issued = viewing?.kind === 'version' && viewing.result && 'document' in viewing.result ? viewing.result : null;
  const saveUrl = useMemo(() => (issued ? pdfObjectUrl(issued.pdfBase64) : null), [issued]);
  useEffect(() => () => void (saveUrl && URL.revokeObjectURL(saveUrl)), [saveUrl]);

  const title = viewing ? (viewing.kind === 'preview' ? viewing.title : viewing.doc.title) : '';
  const subjectLabel = viewing?.subjectLabel;

  const [fetchingWord, setFetchingWord] = useState(false);
  /**
   * The DOCX stored beside the PDF, to edit a copy. Like 保存PDF it needs no second password: it is the same form the
   * person may print and save as PDF anyway. A file that no longer matches its hash is not handed out.
   */
  const downloadWord = async (doc: DocumentVersion) => {
    setFetchingWord(true);
    try {
      const file = await call('documents:file', { caseId: doc.caseId, documentId: doc.id, format: 'docx' });
      if (!file.intact) throw new Error(t.documents.wordTampered);
      downloadBase64(file.base64, DOCX_MIME, t.documents.wordFileName(doc.title, caseNumber, doc.version));
    } catch (error) {
      notifyError(error);
    } finally {
      setFetchingWord(false);
    }
  };

  const print = async (doc: IssuedDocument) => {
    setPrinting(true);
    try {
      await printPdf(doc.pdfBase64, t.documents.fileName(doc.document.title, caseNumber, doc.document.version).replace(/\.pdf$/, ''));
    } catch (error) {
      notifyError(error, t.documents.printFailed);
    } finally {
      setPrinting(false);
    }
  };

  const header = viewing ? (
    <Group gap="sm" wrap="nowrap">
      <IconFileCertificate size={20} color="var(--mantine-color-navy-7)" aria-hidden />
      <Text fw={600} fz="md" component="span">
        {title}
      </Text>
      {subjectLabel ? (
        <Text fz="sm" c="dimmed" component="span">
          {subjectLabel}
        </Text>
      ) : null}
      {viewing.kind === 'preview' ? (
        <Badge color="orange" variant="light" size="md">
          {t.documents.previewBadge}
        </Badge>
      ) : (
        <>
          <Badge color="navy" variant="outline" size="md">
            {t.documents.version(viewing.doc.version)}
          </Badge>
          {issued ? (
            issued.intact ? (
              <Tooltip label={t.documents.intactHint} withinPortal>
                <Badge color="teal" variant="light" size="md" leftSection={<IconShieldCheck size={12} />}>
                  {t.documents.intact}
                </Badge>
              </Tooltip>
            ) : (
              <Badge color="red" variant="filled" size="md" leftSection={<IconAlertTriangleFilled size={12} />}>
                {t.documents.tampered}
              </Badge>
            )
          ) : null}
        </>
      )}
    </Group>
  ) : null;

  let body = null;
  if (viewing?.kind === 'preview') {
    const result = viewing.result;
    if (result === null) body = <Waiting label={t.documents.generating} />;
    else if ('error' in result)
      body = <CannotMake title={viewing.title} error={result.error} canOpenSettings={canOpenSettings} onOpenSettings={onOpenSettings} onRetry={() => onRetry(viewing.template, viewing.subjectId)} />;
    else
      body = (
        <Stack gap="sm">
          <PdfViewer key={previewSlot(viewing.template, viewing.subjectId)} pdfBase64={result.pdfBase64} label={viewing.title} height={VIEWER_HEIGHT} />
          <Group justify="space-between" wrap="nowrap" className={classes.footer}>
            <Text fz="sm" c="dimmed">
              {viewing.nextVersion === null ? t.documents.previewNoteUnnumbered : t.documents.previewNote(viewing.nextVersion)}
            </Text>
            <Button leftSection={<IconFileCertificate size={16} />} loading={issuing} onClick={() => onIssue(viewing.template, viewing.subjectId)}>
              {t.documents.issue}
            </Button>
          </Group>
        </Stack>
      );
  } else if (viewing?.kind === 'version') {
    const result = viewing.result;
    if (result === null) body = <Waiting label={t.documents.reading} />;
    else if ('error' in result)
      body = (
        <Alert color="red" variant="light" icon={<IconAlertTriangleFilled size={18} />} title={t.pdf.failed}>
          {result.error instanceof Error ? result.error.message : t.errors.generic}
        </Alert>
      );
    else {
      const doc = result.document;
      const hash = pdfSha256(doc);
      body = (
        <Stack gap="sm">
          {result.intact ? null : (
            <Alert color="red" variant="filled" icon={<IconAlertTriangleFilled size={20} />} title={t.documents.tampered} role="alert">
              {t.documents.tamperedDetail}
            </Alert>
          )}
          <PdfViewer key={viewing.fromPreview ? previewSlot(doc.template, doc.subjectId) : `version-${doc.id}`} pdfBase64={result.pdfBase64} label={`${doc.title} ${t.documents.version(doc.version)}`} height={result.intact ? VIEWER_HEIGHT : VIEWER_HEIGHT_WITH_ALERT} />
          <Group justify="space-between" wrap="nowrap" className={classes.footer}>
            <Tooltip label={hash} withinPortal>
              <Text fz="xs" c="dimmed" className={classes.hash}>
                {t.documents.hash(hash.slice(0, 12))}
              </Text>
            </Tooltip>
            <Group gap="sm" wrap="nowrap">
              <Button component="a" href={saveUrl ?? undefined} download={t.documents.fileName(doc.title, caseNumber, doc.version)} variant="default" leftSection={<IconDownload size={16} />}>
                {t.documents.savePdf}
              </Button>
              {doc.files.some((f) => f.format === 'docx') ? (
                <Button variant="default" leftSection={<IconFileTypeDocx size={16} />} loading={fetchingWord} onClick={() => void downloadWord(doc)}>
                  {t.documents.saveWord}
                </Button>
              ) : (
                // A version issued before DOCX files were made has none: the button stays, saying why it cannot.
                <Tooltip label={t.documents.noWord} withinPortal multiline w={260}>
                  <Button variant="default" leftSection={<IconFileTypeDocx size={16} />} data-disabled aria-disabled onClick={(e) => e.preventDefault()}>
                    {t.documents.saveWord}
                  </Button>
                </Tooltip>
              )}
              {/* An altered file is not printed: paper must match what was issued. It can still be saved, as evidence. */}
              <Button leftSection={<IconPrinter size={16} />} loading={printing} disabled={!result.intact} onClick={() => void print(result)}>
                {t.documents.print}
              </Button>
            </Group>
          </Group>
        </Stack>
      );
    }
  }

  return (
    <Modal opened={viewing !== null} onClose={onClose} size="min(1120px, 94vw)" yOffset="3dvh" title={header} classNames={{ title: classes.modalTitle }}>
      {body}
    </Modal>
  );
}
