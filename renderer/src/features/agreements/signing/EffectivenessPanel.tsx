import { Badge, Group, Paper, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCircleCheckFilled } from '@tabler/icons-react';
import { formatDateCn } from '../../../../../electron/shared/format/dates';
import type { AgreementView, IssuedDocument } from '../../../../../electron/shared/ipc/contract';
import { addDays } from '../../../../../electron/shared/validation/dates';
import { type UseQueryResult } from '@tanstack/react-query';
import { t } from '../../../i18n';
import { progressOf } from './signer-order';
import { SignedOriginal } from './SignedOriginal';
import classes from './Signing.module.css';

const l = t.signing.progress;
const CONFIRMATION_DAYS = 30;

/**
 * Where the agreement stands (人民调解法 art. 29): until it takes effect, how far along it is and what is still
 * missing; from then on the date it took effect, large, the judicial-confirmation period it opened, and the signed
 * original (digitally signed PDF) with its SHA-256 and a download.
 */
export function EffectivenessPanel({ view, signed }: { view: AgreementView; signed: UseQueryResult<IssuedDocument | null> | null }) {
  const { effectiveness } = view;
  if (effectiveness.effective && effectiveness.effectiveOn) {
    return (
      <Paper p="lg" className={classes.effective} component="section" aria-labelledby="effective-title" data-testid="effective-panel">
        <Stack gap="sm">
          <Group gap="xs">
            <IconCircleCheckFilled size={22} color="var(--mantine-color-teal-6)" aria-hidden />
            <Title order={3} fz="lg" id="effective-title" c="teal.9">
              {l.effectiveTitle}
            </Title>
          </Group>
          <Stack gap={0}>
            <Text fz="xs" c="dimmed">
              {l.effectiveOn}
            </Text>
            <Text className={classes.effectiveDate} data-testid="effective-date">
              {formatDateCn(effectiveness.effectiveOn)}
            </Text>
          </Stack>
          {view.agreement.kind === 'written' ? (
            <Text fz="sm" c="dimmed">
              {l.confirmationDue(formatDateCn(addDays(effectiveness.effectiveOn, CONFIRMATION_DAYS)))}
            </Text>
          ) : null}
          <SignedOriginal view={view} signed={signed} />
        </Stack>
      </Paper>
    );
  }
  const { done, total } = progressOf(view);
  return (
    <Paper withBorder className={classes.progress} component="section" aria-labelledby="progress-title">
      <Stack gap={8}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap={6} align="baseline">
            <Title order={3} fz="md" id="progress-title">
              {l.title}
            </Title>
            <Tooltip label={l.rule} withinPortal multiline w={300}>
              <Text fz="xs" c="dimmed" style={{ cursor: 'help' }}>
                {l.hint}
              </Text>
            </Tooltip>
          </Group>
          <Text fz="sm" fw={600} c={done === total ? 'teal.8' : undefined}>
            {l.done(done, total)}
          </Text>
        </Group>
        <Progress value={(done / total) * 100} color="teal" size="sm" aria-label={l.done(done, total)} />
        {effectiveness.missing.length > 0 ? (
          <Group gap={6} align="center">
            <Text fz="xs" c="dimmed">
              {l.missing}
            </Text>
            <ul className={classes.missing} aria-label={l.missing} data-testid="missing">
              {effectiveness.missing.map((m) => (
                <li key={m}>
                  <Badge color="orange" variant="light" size="md" radius="sm" tt="none" fw={500}>
                    {m}
                  </Badge>
                </li>
              ))}
            </ul>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
