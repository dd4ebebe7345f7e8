import { Badge, Button, Group, Loader, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconCircleCheck, IconLink, IconUserDown } from '@tabler/icons-react';
import type { RelatedCase } from '../../../../../electron/shared/ipc/contract';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { StatusBadge } from '../../cases/components/StatusBadge';
import { type RelatedState, STRONG_MATCHES, isStrong } from '../related';
import classes from './RelatedCasesPanel.module.css';

const r = t.intake.related;

function RelatedItem({ related, onOpen, onBring }: { related: RelatedCase; onOpen: (id: string) => void; onBring?: (id: string) => void }) {
  const { summary } = related;
  const strong = isStrong(related);
  const item = (
    <UnstyledButton className={classes.item} data-strength={strong ? 'strong' : 'weak'} onClick={() => onOpen(summary.id)} aria-label={r.open(summary.caseNumber)}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text className={classes.number} span>
            {summary.caseNumber}
          </Text>
          <StatusBadge status={summary.status} size="sm" />
        </Group>
        <Text fz="sm" lineClamp={2} c={strong ? undefined : 'dimmed'}>
          {summary.title}
        </Text>
        <Group gap={6} justify="space-between" wrap="wrap">
          <Text fz="xs" c="dimmed">
            {r.registered(formatDateTime(summary.registeredAt).slice(0, 10))}
          </Text>
          <Group gap={4}>
            {related.matches.map((m) => (
              <Badge key={m} size="sm" variant={STRONG_MATCHES.includes(m) ? 'filled' : 'outline'} color={STRONG_MATCHES.includes(m) ? 'orange' : 'gray'}>
                {m === 'name' && strong ? r.nameAlso : r.matches[m]}
              </Badge>
            ))}
          </Group>
        </Group>
      </Stack>
    </UnstyledButton>
  );
  if (!onBring) return item;
  // A returning visitor: their details come from this case instead of being typed again (after a confirmation).
  return (
    <Stack gap={4} data-testid="related-item">
      {item}
      <Button size="compact-xs" variant="light" color={strong ? 'orange' : 'gray'} leftSection={<IconUserDown size={14} />} onClick={() => onBring(summary.id)} aria-label={`${t.returning.bring}（${summary.caseNumber}）`} w="fit-content">
        {t.returning.bring}
      </Button>
    </Stack>
  );
}

/** 关联案件 / 重复来访: existing cases involving someone on the form; ID, credit-code and phone matches before name-only ones. */
export function RelatedCasesPanel({ state, onOpen, onBring }: { state: RelatedState; onOpen: (id: string) => void; /** 带入当事人信息 from a case; omitted: no such button */ onBring?: (id: string) => void }) {
  const cases = state.state === 'done' ? state.cases : state.state === 'loading' ? state.previous : [];
  const strong = cases.filter(isStrong);
  const weak = cases.filter((c) => !isStrong(c));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="related-title" className={classes.panel} data-strong={strong.length > 0 || undefined}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <IconLink size={18} color="var(--mantine-color-navy-7)" />
            <Title order={3} fz="md" id="related-title">
              {r.title}
            </Title>
          </Group>
          {state.state === 'loading' ? <Loader size={14} aria-label={r.searching} /> : cases.length > 0 ? <Badge color={strong.length > 0 ? 'orange' : 'gray'} variant="light">{r.count(cases.length)}</Badge> : null}
        </Group>
        <div aria-live="polite">
          {state.state === 'idle' ? (
            <Text fz="sm" c="dimmed">
              {r.idle}
            </Text>
          ) : null}
          {state.state === 'failed' ? (
            <Text fz="sm" c="red">
              {r.failed}
              {state.message ? `：${state.message}` : ''}
            </Text>
          ) : null}
          {state.state === 'done' && cases.length === 0 ? (
            <Group gap={6}>
              <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" />
              <Text fz="sm" c="dimmed">
                {r.none}
              </Text>
            </Group>
          ) : null}
          {state.state === 'loading' && cases.length === 0 ? (
            <Text fz="sm" c="dimmed">
              {r.searching}
            </Text>
          ) : null}
        </div>
        {strong.length > 0 ? (
          <Stack gap={6} data-testid="related-strong">
            <Text fz="xs" fw={600} c="orange.8">
              {r.strong}
            </Text>
            {strong.map((c) => (
              <RelatedItem key={c.summary.id} related={c} onOpen={onOpen} onBring={onBring} />
            ))}
          </Stack>
        ) : null}
        {weak.length > 0 ? (
          <Stack gap={6} data-testid="related-weak">
            <Text fz="xs" fw={600} c="dimmed">
              {r.weak}
            </Text>
            {weak.map((c) => (
              <RelatedItem key={c.summary.id} related={c} onOpen={onOpen} onBring={onBring} />
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
