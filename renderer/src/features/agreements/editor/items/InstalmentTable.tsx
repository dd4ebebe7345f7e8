import { ActionIcon, Badge, Box, Button, Group, Input, Table, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconDivide, IconPlus, IconTrash } from '@tabler/icons-react';
import type { Instalment } from '../../../../../../electron/shared/domain/agreement';
import { DateField } from '../../../../components/DateField';
import { t } from '../../../../i18n';
import { useEditorContext, useField } from '../editor-context';
import { fieldId } from '../field-paths';
import { AmountInput } from './AmountInput';
import { displayFen, splitEvenly, tallyInstalments } from './item-model';
import classes from '../AgreementEditor.module.css';

const T = t.agreements.instalments;

export interface InstalmentTableProps {
  /** ['content', 'items', i] */
  itemPath: readonly (string | number)[];
  total: string;
  value: readonly Instalment[];
  onChange: (next: Instalment[]) => void;
}

/** The instalment plan: one row per instalment, the running sum against the total, 添加一期 and 平均分配. */
export function InstalmentTable({ itemPath, total, value, onChange }: InstalmentTableProps) {
  const { readOnly, issues } = useEditorContext();
  const path = [...itemPath, 'instalments'];
  const group = useField(path);
  const warning = issues.warningAt(path);
  const tally = tallyInstalments(total, value);
  const set = (k: number, patch: Partial<Instalment>) => onChange(value.map((inst, i) => (i === k ? { ...inst, ...patch } : inst)));
  const split = splitEvenly(total, value);
  const matches = tally.difference === 0 && tally.complete;

  return (
    <Box id={group.id} data-field-box>
      <Input.Wrapper label={T.label} error={group.error ?? warning} component="div" classNames={warning && !group.error ? { error: classes.warningText } : undefined}>
      <Table className={classes.instalments} withTableBorder verticalSpacing={6} horizontalSpacing="sm" mt={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={64}>{T.number}</Table.Th>
            <Table.Th>{T.amount}</Table.Th>
            <Table.Th w={200}>{T.dueOn}</Table.Th>
            {readOnly ? null : <Table.Th w={44} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {value.map((inst, k) => (
            <Table.Tr key={k}>
              <Table.Td>
                <Text fz="sm">{T.nth(k + 1)}</Text>
              </Table.Td>
              <Table.Td>
                <AmountInput path={[...path, k, 'amount']} aria-label={`${T.nth(k + 1)}${T.amount}`} value={inst.amount} onChange={(amount) => set(k, { amount })} withCapitals={false} size="xs" />
              </Table.Td>
              <Table.Td>
                <DateField
                  id={fieldId([...path, k, 'dueOn'])}
                  aria-label={`${T.nth(k + 1)}${T.dueOn}`}
                  error={issues.errorAt([...path, k, 'dueOn'])}
                  readOnly={readOnly}
                  clearable={!readOnly}
                  size="xs"
                  value={inst.dueOn}
                  onChange={(dueOn) => set(k, { dueOn })}
                />
              </Table.Td>
              {readOnly ? null : (
                <Table.Td>
                  <Tooltip label={T.remove(k + 1)} withinPortal>
                    <ActionIcon variant="subtle" color="gray" aria-label={T.remove(k + 1)} disabled={value.length <= 1} onClick={() => onChange(value.filter((_, i) => i !== k))}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr className={classes.tallyRow}>
            <Table.Th>{T.sumLabel}</Table.Th>
            <Table.Td>
              <Text fz="sm" fw={700} data-testid="instalment-sum">
                {T.sum(displayFen(tally.sum))}
              </Text>
            </Table.Td>
            <Table.Td colSpan={readOnly ? 1 : 2} aria-live="polite" data-testid="instalment-tally" data-matches={matches}>
              {tally.total === null ? (
                <Text fz="sm" c="dimmed">
                  {T.noTotal}
                </Text>
              ) : !tally.complete || tally.difference === null ? null : matches ? (
                <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />}>
                  {T.matches}
                </Badge>
              ) : (
                <Badge color="red" variant="filled">
                  {T.differs(displayFen(Math.abs(tally.difference)), tally.difference < 0)}
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      {readOnly ? null : (
        <Group gap={6} mt={6} wrap="nowrap">
          <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, { amount: '', dueOn: '' }])}>
            {T.add}
          </Button>
          <Tooltip label={T.splitHint} withinPortal multiline w={240}>
            <Button size="compact-sm" variant="default" leftSection={<IconDivide size={14} />} disabled={!split} onClick={() => split && onChange(split)}>
              {T.split}
            </Button>
          </Tooltip>
        </Group>
      )}
      </Input.Wrapper>
    </Box>
  );
}
