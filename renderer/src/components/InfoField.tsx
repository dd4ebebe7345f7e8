import type { ReactNode } from 'react';
import { Stack, Text } from '@mantine/core';
import { t } from '../i18n';

/** A read-only label/value pair for detail screens; empty values show a dash. */
export function InfoField({ label, children }: { label: ReactNode; children?: ReactNode }) {
  const empty = children === undefined || children === null || children === '';
  return (
    <Stack gap={2}>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="sm" component="div" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {empty ? t.common.none : children}
      </Text>
    </Stack>
  );
}
