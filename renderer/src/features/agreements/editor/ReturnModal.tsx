import { useState } from 'react';
import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { t } from '../../../i18n';

const R = t.agreements.returnModal;

/** 退回修改 needs a comment (main refuses one without): what to change, for whoever drafts it. */
export function ReturnModal({ opened, pending, onClose, onReturn }: { opened: boolean; pending: boolean; onClose: () => void; onReturn: (comment: string) => void }) {
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const empty = !comment.trim();
  return (
    <Modal opened={opened} onClose={onClose} title={R.title} size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!empty) onReturn(comment.trim());
        }}
      >
        <Stack gap="md">
          <Textarea
            label={R.comment}
            placeholder={R.placeholder}
            withAsterisk
            autosize
            minRows={3}
            maxRows={10}
            data-autofocus
            value={comment}
            error={tried && empty ? R.required : undefined}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t.common.cancel}
            </Button>
            <Button type="submit" color="orange" loading={pending}>
              {R.confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
