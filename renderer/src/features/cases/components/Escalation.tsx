import { Badge, Group } from '@mantine/core';
import { IconAlertTriangleFilled } from '@tabler/icons-react';
import { ESCALATION_FLAGS } from '../../../../../electron/shared/domain/codes';
import classes from './Escalation.module.css';

/** The rule for every list: a case with any escalation flag is shown in red. */
export function isEscalated(escalation: readonly string[]): boolean {
  return escalation.length > 0;
}

export function escalationLabel(flag: string): string {
  return flag in ESCALATION_FLAGS ? ESCALATION_FLAGS[flag as keyof typeof ESCALATION_FLAGS] : flag;
}

/** Props for a list row (`<Table.Tr>`): red text and a marker attribute when the case is escalated. */
export function escalatedRowProps(escalation: readonly string[]): { className?: string; 'data-escalated'?: 'true' } {
  return isEscalated(escalation) ? { className: classes.escalated, 'data-escalated': 'true' } : {};
}

/** Small red badges naming the escalation flags; renders nothing for an ordinary case. */
export function EscalationBadges({ escalation, size = 'xs' }: { escalation: readonly string[]; /** @default 'xs' */ size?: 'xs' | 'sm' | 'md' }) {
  if (!isEscalated(escalation)) return null;
  return (
    <Group gap={4} wrap="wrap">
      {escalation.map((flag) => (
        <Badge key={flag} color="red" variant="filled" size={size} leftSection={<IconAlertTriangleFilled size={10} />}>
          {escalationLabel(flag)}
        </Badge>
      ))}
    </Group>
  );
}
