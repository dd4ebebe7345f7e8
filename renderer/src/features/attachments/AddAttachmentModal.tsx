import { useState } from 'react';
import { Button, FileInput, Grid, Group, Modal, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPaperclip, IconUpload } from '@tabler/icons-react';
import { ATTACHMENT_CATEGORIES, type Attachment } from '../../../../electron/shared/domain/attachment';
import type { CaseRecord } from '../../../../electron/shared/domain/case';
import { call } from '../../api/client';
import { isApiCallError } from '../../api/errors';
import { useQueryClient } from '@tanstack/react-query';
import { refreshCase } from '../../api/case-cache';
import { t } from '../../i18n';
import { notifyError, notifySuccess } from '../../lib/notify';
import { sessionOrdinal } from '../sessions/list/session-labels';
import { ACCEPT, fileProblem, fileToBase64, labelFromFileName, mimeTypeOf } from './attachment-file';

const f = t.sessions.attachments.form;
type Category = Attachment['category'];
const CATEGORY_OPTIONS = (Object.keys(ATTACHMENT_CATEGORIES) as Category[]).map((value) => ({ value, label: ATTACHMENT_CATEGORIES[value] }));

/** The 所属调解/调查 option for material of the case as a whole. */
const CASE_LEVEL = 'case';

interface Values {
  file: File | null;
  category: Category;
  label: string;
  sessionId: string;
}

/** 添加材料: a photo, scan or PDF for the case (optionally for one of its sessions). */
export function AddAttachmentModal({ record, opened, onClose }: { record: CaseRecord; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={f.title} size="lg" closeOnClickOutside={false}>
      {opened ? <AddAttachmentForm record={record} onDone={onClose} /> : null}
    </Modal>
  );
}

function AddAttachmentForm({ record, onDone }: { record: CaseRecord; onDone: () => void }) {
  const [pending, setPending] = useState(false);
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: { file: null, category: 'evidence', label: '', sessionId: CASE_LEVEL },
    validate: {
      file: (file) => (file ? fileProblem(file) : f.fileRequired),
      label: (label) => (label.trim() ? null : '请填写材料名称'),
    },
  });
  const sessions = record.sessions.filter((s) => s.status !== 'cancelled');

  const pick = (file: File | null) => {
    form.setFieldValue('file', file);
    form.setFieldError('file', file ? fileProblem(file) : null);
    // The label follows the file until the user writes their own.
    if (file && (!form.values.label || form.values.label === labelFromFileName(form.values.file?.name ?? ''))) form.setFieldValue('label', labelFromFileName(file.name));
  };

  const submit = form.onSubmit(async (values) => {
    const file = values.file!;
    const mimeType = mimeTypeOf(file)!;
    setPending(true);
    try {
      let base64: string;
      try {
        base64 = await fileToBase64(file);
      } catch {
        form.setFieldError('file', f.readFailed);
        return;
      }
      const added = await call('attachments:add', { caseId: record.id, sessionId: values.sessionId === CASE_LEVEL ? null : values.sessionId, statementId: null, category: values.category, label: values.label.trim(), mimeType, base64 });
      void refreshCase(queryClient, record.id);
      notifySuccess(t.sessions.attachments.added(added.label));
      onDone();
    } catch (error) {
      if (isApiCallError(error) && error.issues.length > 0) {
        // The bytes (type, size, empty) belong to the file field; the rest to the field they name.
        for (const issue of error.issues) {
          const field = issue.path[0] === 'base64' || issue.path[0] === 'mimeType' ? 'file' : String(issue.path[0]);
          form.setFieldError(field in form.values ? field : 'file', issue.message);
        }
      } else {
        notifyError(error);
      }
    } finally {
      setPending(false);
    }
  });

  const categoryProps = form.getInputProps('category');
  const sessionProps = form.getInputProps('sessionId');
  return (
    <form onSubmit={submit} noValidate aria-label={f.title}>
      <Grid gap="md">
        <Grid.Col span={12}>
          <FileInput
            label={f.file}
            placeholder={f.filePlaceholder}
            description={f.fileHint}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            withAsterisk
            accept={ACCEPT}
            leftSection={<IconPaperclip size={16} />}
            clearable
            data-autofocus
            value={form.values.file}
            onChange={pick}
            error={form.errors.file}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput label={f.label} placeholder={f.labelPlaceholder} withAsterisk maxLength={120} {...form.getInputProps('label')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select label={f.category} data={CATEGORY_OPTIONS} searchable={false} {...categoryProps} onChange={(value) => categoryProps.onChange(value ?? 'evidence')} />
        </Grid.Col>
        {sessions.length > 0 ? (
          <Grid.Col span={12}>
            <Select
              label={f.session}
              data={[{ value: CASE_LEVEL, label: f.sessionNone }, ...sessions.map((s) => ({ value: s.id, label: sessionOrdinal(s) }))]}
              searchable={false}
              {...sessionProps}
              onChange={(value) => sessionProps.onChange(value ?? CASE_LEVEL)}
            />
          </Grid.Col>
        ) : null}
      </Grid>
      <Group justify="flex-end" mt="lg" gap="sm">
        <Button variant="default" onClick={onDone} disabled={pending}>
          {t.common.cancel}
        </Button>
        <Button type="submit" loading={pending} leftSection={<IconUpload size={16} />} miw={110}>
          {f.submit}
        </Button>
      </Group>
    </form>
  );
}
