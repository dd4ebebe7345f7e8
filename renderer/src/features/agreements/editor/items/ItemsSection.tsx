import { useCallback, useState } from 'react';
import { Button, Menu, Stack, Text } from '@mantine/core';
import { IconBooks, IconChevronDown, IconPlus } from '@tabler/icons-react';
import { AGREEMENT_ITEM_TYPES, type AgreementItem, type AgreementItemType } from '../../../../../../electron/shared/domain/agreement';
import { t } from '../../../../i18n';
import { useEditorContext } from '../editor-context';
import { fieldId } from '../field-paths';
import { SectionCard } from '../../../../components/SectionCard';
import { ClauseLibraryModal } from './ClauseLibraryModal';
import { ItemCard } from './ItemCard';
import { blankItem, moveItem } from './item-model';
import classes from '../AgreementEditor.module.css';

const T = t.agreements.items;

export interface ItemsSectionProps {
  items: readonly AgreementItem[];
  disputeType: string;
  onChange: (update: (items: AgreementItem[]) => AgreementItem[]) => void;
}

/** Scrolls to a newly added item and puts the cursor in its first empty field. */
function focusItem(id: string) {
  window.setTimeout(() => {
    const card = document.querySelector<HTMLElement>(`[data-item-id="${id}"]`);
    if (!card) return;
    card.scrollIntoView({ block: 'start', behavior: 'smooth' });
    const empty = [...card.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[type="text"], input:not([type]), textarea')].find((el) => !el.value && !el.readOnly);
    empty?.focus({ preventScroll: true });
  }, 50);
}

/** 协议内容: the items as cards, 添加条款 by type, and the clause library. */
export function ItemsSection({ items, disputeType, onChange }: ItemsSectionProps) {
  const { parties, readOnly, issues } = useEditorContext();
  const [library, setLibrary] = useState(false);
  const path = ['content', 'items'];
  const error = issues.errorAt(path);

  const change = useCallback((index: number, next: AgreementItem) => onChange((list) => list.map((item, i) => (i === index ? next : item))), [onChange]);
  const move = useCallback((from: number, to: number) => onChange((list) => moveItem(list, from, to)), [onChange]);
  const remove = useCallback((index: number) => onChange((list) => list.filter((_, i) => i !== index)), [onChange]);
  const add = (type: AgreementItemType) => {
    const item = blankItem(type, parties, crypto.randomUUID());
    onChange((list) => [...list, item]);
    focusItem(item.id);
  };

  const actions = readOnly ? null : (
    <>
      <Button variant="light" size="xs" leftSection={<IconBooks size={16} />} onClick={() => setLibrary(true)}>
        {T.library}
      </Button>
      <Menu position="bottom-end" shadow="md" withinPortal>
        <Menu.Target>
          <Button variant="default" size="xs" leftSection={<IconPlus size={16} />} rightSection={<IconChevronDown size={14} />}>
            {T.add}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {(Object.keys(AGREEMENT_ITEM_TYPES) as AgreementItemType[]).map((type) => (
            <Menu.Item key={type} onClick={() => add(type)}>
              {AGREEMENT_ITEM_TYPES[type]}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </>
  );

  return (
    <SectionCard title={T.title} hint={T.hint} actions={actions} id="agreement-items">
      <Stack gap="md" id={fieldId(path)} data-field-box tabIndex={-1}>
        {items.length === 0 ? (
          <div className={classes.emptyItems} data-error={error ? 'true' : undefined}>
            <Text fz="sm" c={error ? 'red.7' : 'dimmed'}>
              {T.empty}
            </Text>
          </div>
        ) : (
          items.map((item, i) => <ItemCard key={item.id} item={item} index={i} count={items.length} onChange={change} onMove={move} onRemove={remove} />)
        )}
      </Stack>
      <ClauseLibraryModal
        opened={library}
        disputeType={disputeType}
        parties={parties}
        onClose={() => setLibrary(false)}
        onInsert={(inserted) => {
          setLibrary(false);
          onChange((list) => [...list, ...inserted]);
          if (inserted[0]) focusItem(inserted[0].id);
        }}
      />
    </SectionCard>
  );
}
