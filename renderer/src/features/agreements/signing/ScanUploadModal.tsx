import { useState } from 'react';
import { Button, FileInput, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPaperclip, IconUpload } from '@tabler/icons-react';
import type { DocumentVersion } from '../../../../../electron/shared/domain/document';
import { isApiCallError } from '../../../api/errors';
import { t } from '../../../i18n';
import { notifySuccess } from '../../../lib/notify';
import { ACCEPT, fileProblem, fileToBase64, mimeTypeOf } from '../../attachments/attachment-file';
import { useAddScanMutation } from './mutations';

const l = t.signing.paper;

interface Values {
  file: File | null;
  label: string;
}

/** 上传签署后的扫描件: a PDF, JPEG or PNG of the signed paper copy, filed against the version that was printed. */
export function ScanUploadModal({ caseId, version, opened, onClose }: { caseId: string; version: DocumentVersion; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={l.uploadTitle} size="lg" closeOnClickOutside={false}>
      {opened ? <ScanUploadForm caseId={caseId} version={version} onDone={onClose} /> : null}
    </Modal>
  );
}

function ScanUploadForm({ caseId, version, onDone }: { caseId: string; version: DocumentVersion; onDone: () => void }) {
  const { add, pending } = useAddScanMutation(caseId);
  const [reading, setReading] = useState(false);
  const form = useForm<Values>({
    initialValues: { file: null, label: l.labelDefault },
    validate: {
      file: (file) => (file ? fileProblem(file) : t.sessions.attachments.form.fileRequired),
      label: (label) => (label.trim() ? null : l.labelRequired),
    },
  });

  const submit = form.onSubmit(async (values) => {
    const file = values.file!;
    let base64: string;
    setReading(true);
    try {
      base64 = await fileToBase64(file);
    } catch {
      form.setFieldError('file', t.sessions.attachments.form.readFailed);
      return;
    } finally {
      setReading(false);
    }
    try {
      const added = await add({ documentId: version.id, label: values.label.trim(), mimeType: mimeTypeOf(file)!, base64 });
      notifySuccess(l.uploaded(added.label));
      onDone();
    } catch (error) {
      if (isApiCallError(error)) {
        for (const issue of error.issues) form.setFieldError(issue.path[0] === 'label' ? 'label' : 'file', issue.message);
      }
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={l.uploadTitle}>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {l.uploadFor(version.title, version.version)}
        </Text>
        <FileInput
          label={l.file}
          placeholder={l.filePlaceholder}
          description={l.fileHint}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          withAsterisk
          accept={ACCEPT}
          leftSection={<IconPaperclip size={16} />}
          clearable
          data-autofocus
          value={form.values.file}
          onChange={(file) => {
            form.setFieldValue('file', file);
            form.setFieldError('file', file ? fileProblem(file) : null);
          }}
          error={form.errors.file}
        />
        <TextInput label={l.label} withAsterisk maxLength={120} {...form.getInputProps('label')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={pending}>
            {t.common.cancel}
          </Button>
          <Button type="submit" loading={pending || reading} leftSection={<IconUpload size={16} />}>
            {l.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
