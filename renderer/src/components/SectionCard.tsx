import type { ReactNode } from 'react';
import { Group, Paper, Stack, Text, Title } from '@mantine/core';

export interface SectionCardProps {
  /** Section title (h3) */
  title: ReactNode;
  /** Hint next to the title @default undefined */
  hint?: ReactNode;
  /** Controls on the right of the title row @default undefined */
  actions?: ReactNode;
  /** id of the section, for in-page links and focus @default undefined */
  id?: string;
  children: ReactNode;
}

/** A titled white card: the building block of forms and detail screens. */
export function SectionCard({ title, hint, actions, id, children }: SectionCardProps) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <Paper component="section" withBorder p="lg" id={id} aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" align="center" wrap="nowrap">
          <Group gap="sm" align="baseline">
            <Title order={3} fz="lg" id={headingId}>
              {title}
            </Title>
            {hint ? (
              <Text c="dimmed" fz="sm">
                {hint}
              </Text>
            ) : null}
          </Group>
          {actions ? <Group gap="xs">{actions}</Group> : null}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
