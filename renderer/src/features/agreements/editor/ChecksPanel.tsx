import { Badge, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertCircleFilled, IconAlertTriangleFilled, IconCircleCheckFilled, IconListCheck } from '@tabler/icons-react';
import type { AgreementIssue } from '../../../../../electron/shared/domain/agreement-checks';
import { t } from '../../../i18n';
import classes from './AgreementEditor.module.css';

const C = t.agreements.checks;

type Area = keyof typeof C.groups;
const areaOf = (issue: AgreementIssue): Area => {
  if (issue.path[0] === 'parties') return 'parties';
  if (issue.path[1] === 'items') return 'items';
  if (issue.path[1] === 'facts' || issue.path[1] === 'disputedMatters' || issue.path[1] === 'responsibility') return 'text';
  return 'other';
};
const AREAS: Area[] = ['parties', 'text', 'items', 'other'];

function IssueButton({ issue, onGo }: { issue: AgreementIssue; onGo: (issue: AgreementIssue) => void }) {
  const error = issue.severity === 'error';
  return (
    <UnstyledButton className={classes.issue} data-severity={issue.severity} onClick={() => onGo(issue)} aria-label={C.goTo(issue.message)} data-code={issue.code}>
      <Group gap={8} wrap="nowrap" align="flex-start">
        {error ? (
          <IconAlertCircleFilled size={16} color="var(--mantine-color-red-7)" className={classes.issueIcon} aria-hidden />
        ) : (
          <IconAlertTriangleFilled size={16} color="var(--mantine-color-orange-6)" className={classes.issueIcon} aria-hidden />
        )}
        <Text fz="sm" lh={1.45}>
          {issue.message}
        </Text>
      </Group>
    </UnstyledButton>
  );
}

function IssueGroup({ title, issues, onGo }: { title: string; issues: AgreementIssue[]; onGo: (issue: AgreementIssue) => void }) {
  if (!issues.length) return null;
  return (
    <Stack gap={2}>
      <Text className={classes.issueGroup}>{title}</Text>
      {AREAS.flatMap((area) => {
        const list = issues.filter((i) => areaOf(i) === area);
        if (!list.length) return [];
        return [
          <div key={area} className={classes.issueArea} role="list" aria-label={`${title}：${C.groups[area]}`}>
            {list.map((issue, k) => (
              <div role="listitem" key={k}>
                <IssueButton issue={issue} onGo={onGo} />
              </div>
            ))}
          </div>,
        ];
      })}
    </Stack>
  );
}

/**
 * 法定内容检查: the same checks main runs before submitting, run as the advisor types. Errors first (they block
 * submitting), then warnings; each names its item, and a click goes to the field.
 */
export function ChecksPanel({ issues, next, onGo }: { issues: readonly AgreementIssue[]; next: 'submit' | 'register' | null; onGo: (issue: AgreementIssue) => void }) {
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  return (
    <Paper withBorder className={classes.checks} component="section" aria-label={C.title} data-state={errors.length ? 'errors' : 'ok'}>
      <Group justify="space-between" wrap="nowrap" className={classes.checksHead}>
        <Group gap={6} wrap="nowrap">
          <IconListCheck size={18} color="var(--mantine-color-navy-7)" aria-hidden />
          <Text fw={600} fz="sm">
            {C.title}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          {errors.length ? (
            <Badge color="red" variant="filled" size="sm">
              {C.errors(errors.length)}
            </Badge>
          ) : null}
          {warnings.length ? (
            <Badge color="orange" variant="light" size="sm">
              {C.warnings(warnings.length)}
            </Badge>
          ) : null}
        </Group>
      </Group>
      {errors.length === 0 ? (
        <Group gap={6} className={classes.checksOk} wrap="nowrap">
          <IconCircleCheckFilled size={16} color="var(--mantine-color-teal-7)" aria-hidden />
          <Text fz="sm" c="teal.8">
            {next === 'submit' ? C.ok : next === 'register' ? C.okOral : C.okPlain}
          </Text>
        </Group>
      ) : null}
      {issues.length ? (
        <div className={classes.checksList}>
          <Stack gap="xs">
            <IssueGroup title={C.errorGroup} issues={errors} onGo={onGo} />
            <IssueGroup title={C.warningGroup} issues={warnings} onGo={onGo} />
          </Stack>
        </div>
      ) : null}
    </Paper>
  );
}
