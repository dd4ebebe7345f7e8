import type { ReactNode } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { t } from '../../../i18n';

export interface ConfirmModalProps {
  opened: boolean;
  title: string;
  /** The confirming button's words (the action, never "确定"). */
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** What happens when confirmed, in words. */
  children: ReactNode;
  /** Colour of the confirming button @default undefined (primary) */
  color?: string;
}

/** A step that cannot be undone (a signature on paper registered, the seal applied), said plainly before it is taken. */
export function ConfirmModal({ opened, title, confirmLabel, pending, onConfirm, onCancel, children, color }: ConfirmModalProps) {
  return (
    <Modal opened={opened} onClose={pending ? () => {} : onCancel} title={title} centered size="md">
      <Stack gap="lg">
        <Stack gap="xs">{children}</Stack>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            {t.common.cancel}
          </Button>
          <Button onClick={onConfirm} loading={pending} color={color} data-autofocus>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
