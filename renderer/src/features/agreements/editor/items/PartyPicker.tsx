import { Chip, Group, Text } from '@mantine/core';
import { PARTY_ROLES } from '../../../../../../electron/shared/domain/codes';
import { t } from '../../../../i18n';
import { useEditorContext } from '../editor-context';
import classes from '../AgreementEditor.module.css';

export interface PartyPickerProps {
  /** 付款方 / 收款方 / 义务人 … */
  label: string;
  value: readonly string[];
  onChange: (ids: string[]) => void;
}

/**
 * The case's parties as chips (a case has two to a handful): one click chooses or drops one. The item's own check
 * (请选择义务人和权利人) is shown once for all its pickers, by the card.
 */
export function PartyPicker({ label, value, onChange }: PartyPickerProps) {
  const { parties, readOnly } = useEditorContext();
  // Keep the case's order (applicants first), whatever order they were clicked in.
  const ordered = (ids: string[]) => parties.map((p) => p.id).filter((id) => ids.includes(id));
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" role="group" aria-label={label}>
      <Text fz="sm" fw={500} className={classes.pickerLabel}>
        {label}
      </Text>
      {readOnly ? (
        <Text fz="sm" pt={5}>
          {parties
            .filter((p) => value.includes(p.id))
            .map((p) => `${PARTY_ROLES[p.role]}${p.name}`)
            .join('、') || t.common.none}
        </Text>
      ) : parties.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t.agreements.fields.noParties}
        </Text>
      ) : (
        <Chip.Group multiple value={[...value]} onChange={(ids) => onChange(ordered(ids))}>
          <Group gap={6}>
            {parties.map((p) => (
              <Chip key={p.id} value={p.id} size="sm" radius="sm" variant="outline">
                {PARTY_ROLES[p.role]} {p.name}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
    </Group>
  );
}
