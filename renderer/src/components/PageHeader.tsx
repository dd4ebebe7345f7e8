import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';

export interface PageHeaderProps {
  /** Screen title, rendered as the page's h2 */
  title: ReactNode;
  /** One line under the title @default undefined */
  description?: ReactNode;
  /** Buttons on the right @default undefined */
  actions?: ReactNode;
  /** Above the title, e.g. a back link @default undefined */
  above?: ReactNode;
}

/** Title row shared by every screen. */
export function PageHeader({ title, description, actions, above }: PageHeaderProps) {
  return (
    <Stack gap={4} mb="lg">
      {above}
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={2}>
          <Title order={2} fz={24}>
            {title}
          </Title>
          {description ? (
            <Text c="dimmed" fz="sm">
              {description}
            </Text>
          ) : null}
        </Stack>
        {actions ? <Group gap="sm">{actions}</Group> : null}
      </Group>
    </Stack>
  );
}
