import { Badge, type MantineColor } from '@mantine/core';
import { RISK_LEVELS, type RiskLevel } from '../../../../../electron/shared/domain/codes';

const RISK_COLORS: Record<RiskLevel, MantineColor> = { low: 'gray', medium: 'orange', high: 'red' };

function isRiskLevel(value: string): value is RiskLevel {
  return value in RISK_LEVELS;
}

/** Risk level (高/中/低) as a compact badge. */
export function RiskBadge({ level }: { level: string }) {
  if (!isRiskLevel(level)) return <>{level}</>;
  return (
    <Badge color={RISK_COLORS[level]} variant={level === 'low' ? 'outline' : 'light'} size="sm" w={36}>
      {RISK_LEVELS[level]}
    </Badge>
  );
}
