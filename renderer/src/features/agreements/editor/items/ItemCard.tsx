import { memo, useState } from 'react';
import { ActionIcon, Badge, Button, Group, Paper, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { AGREEMENT_ITEM_TYPES, type AgreementItem } from '../../../../../../electron/shared/domain/agreement';
import { clausePlainText, renderClause } from '../../../../../../electron/shared/domain/agreement-clauses';
import { t } from '../../../../i18n';
import { useEditorContext } from '../editor-context';
import { ActFields, ApologyFields, CostsFields, FreeFields, ReturnFields } from './OtherItemFields';
import { PaymentFields } from './PaymentFields';
import classes from '../AgreementEditor.module.css';

const T = t.agreements.items;

export interface ItemCardProps {
  item: AgreementItem;
  index: number;
  count: number;
  onChange: (index: number, next: AgreementItem) => void;
  onMove: (index: number, to: number) => void;
  onRemove: (index: number) => void;
}

function Fields({ item, index, onChange }: Pick<ItemCardProps, 'item' | 'index' | 'onChange'>) {
  const path = ['content', 'items', index];
  // Each branch patches its own variant; the spread keeps the discriminant.
  const patch = <T extends AgreementItem>(current: T) => (p: Partial<T>) => onChange(index, { ...current, ...p });
  switch (item.type) {
    case 'payment':
      return <PaymentFields item={item} path={path} onChange={patch(item)} />;
    case 'act':
      return <ActFields item={item} path={path} onChange={patch(item)} />;
    case 'apology':
      return <ApologyFields item={item} path={path} onChange={patch(item)} />;
    case 'return':
      return <ReturnFields item={item} path={path} onChange={patch(item)} />;
    case 'costs':
      return <CostsFields item={item} path={path} onChange={patch(item)} />;
    case 'free':
      return <FreeFields item={item} path={path} onChange={patch(item)} />;
    default:
      throw new Error(`unknown agreement item ${String(item satisfies never)}`);
  }
}

/** One agreement item: its fields by type, and below them the clause exactly as the agreement will print it. */
export const ItemCard = memo(function ItemCard({ item, index, count, onChange, onMove, onRemove }: ItemCardProps) {
  const { parties, readOnly, issues } = useEditorContext();
  const [confirming, setConfirming] = useState(false);
  const n = index + 1;
  const type = AGREEMENT_ITEM_TYPES[item.type];
  const clause = clausePlainText(renderClause(item, parties));
  const hasError = issues.hasErrorUnder(['content', 'items', index]);
  return (
    <Paper withBorder className={classes.itemCard} data-error={hasError ? 'true' : undefined} data-item-id={item.id} role="group" aria-label={T.card(n, type)}>
      <Group justify="space-between" wrap="nowrap" className={classes.itemHead}>
        <Group gap="xs" wrap="nowrap">
          <Text fw={700} fz="md" className={classes.itemNumber}>
            {T.ordinal(n)}
          </Text>
          <Badge variant="light" color="navy" size="md">
            {type}
          </Badge>
        </Group>
        {readOnly ? null : (
          <Group gap={2} wrap="nowrap" aria-label={T.actions(n)} role="toolbar">
            <Tooltip label={T.moveUp} withinPortal>
              <ActionIcon variant="subtle" color="gray" aria-label={`${T.ordinal(n)}${T.moveUp}`} disabled={index === 0} onClick={() => onMove(index, index - 1)}>
                <IconArrowUp size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={T.moveDown} withinPortal>
              <ActionIcon variant="subtle" color="gray" aria-label={`${T.ordinal(n)}${T.moveDown}`} disabled={index === count - 1} onClick={() => onMove(index, index + 1)}>
                <IconArrowDown size={16} />
              </ActionIcon>
            </Tooltip>
            <Popover opened={confirming} onChange={setConfirming} position="bottom-end" withArrow shadow="md">
              <Popover.Target>
                <ActionIcon variant="subtle" color="red" aria-label={`${T.ordinal(n)}${T.remove}`} onClick={() => setConfirming((o) => !o)}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Popover.Target>
              <Popover.Dropdown>
                <Stack gap="xs">
                  <Text fz="sm">{T.removeConfirm(n)}</Text>
                  <Group gap="xs" justify="flex-end">
                    <Button size="compact-sm" variant="default" onClick={() => setConfirming(false)}>
                      {t.common.cancel}
                    </Button>
                    <Button
                      size="compact-sm"
                      color="red"
                      onClick={() => {
                        setConfirming(false);
                        onRemove(index);
                      }}
                    >
                      {T.removeYes}
                    </Button>
                  </Group>
                </Stack>
              </Popover.Dropdown>
            </Popover>
          </Group>
        )}
      </Group>
      <div className={classes.itemBody}>
        <Fields item={item} index={index} onChange={onChange} />
      </div>
      {item.type === 'free' ? null : (
        <div className={classes.clause} aria-label={`${T.ordinal(n)}${T.clause}`} data-testid="clause-text">
          <Text fz="xs" c="dimmed" fw={600} mb={2}>
            {T.clause}
          </Text>
          <Text fz="sm" className={classes.clauseText}>
            {n}. {clause}
          </Text>
        </div>
      )}
    </Paper>
  );
});
