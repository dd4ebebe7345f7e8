import { ActionIcon, Badge, Group, Paper, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { PartyRole } from '../../../../../electron/shared/domain/codes';
import { t } from '../../../i18n';
import { useIntakeFormContext } from '../form-context';
import { OrganizationFields } from './OrganizationFields';
import { PersonFields } from './PersonFields';
import classes from './PartyFields.module.css';

const ROLE_COLORS: Record<PartyRole, string> = { applicant: 'navy', respondent: 'grape', third_party: 'gray' };

export interface PartyFieldsProps {
  /** Position of the party in `parties` */
  index: number;
  /** Card title, e.g. "申请人 1"; also the accessible name of the card */
  title: string;
  /** The only applicant or respondent cannot be removed @default true */
  removable?: boolean;
  onRemove: () => void;
}

/** One party card: role, 自然人 / 法人或其他组织 switch, and the fields of that kind. */
export function PartyFields({ index, title, removable = true, onRemove }: PartyFieldsProps) {
  const form = useIntakeFormContext();
  const { id, role } = form.getValues().parties[index]!;
  // Only the header and the kind switch follow typing; the fields below are uncontrolled.
  const kind = form.useWatchValue(`parties.${index}.kind`);
  const name = form.useWatchValue(`parties.${index}.name`);
  const titleId = `party-${id}-title`;
  return (
    <Paper withBorder p="md" role="group" aria-labelledby={titleId} className={classes.card} data-role={role}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm">
            <Badge color={ROLE_COLORS[role]} variant="filled" size="lg" radius="sm" id={titleId}>
              {title}
            </Badge>
            {name.trim() ? (
              <Text fw={600}>{name}</Text>
            ) : (
              <Text c="dimmed" fz="sm">
                {t.intake.unnamedParty}
              </Text>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SegmentedControl
              size="xs"
              aria-label={t.intake.kind}
              value={kind}
              onChange={(kind) => form.setFieldValue(`parties.${index}.kind`, kind === 'organization' ? 'organization' : 'person')}
              data={[
                { value: 'person', label: t.intake.kindPerson },
                { value: 'organization', label: t.intake.kindOrganization },
              ]}
            />
            <Tooltip label={t.intake.removeParty(title)} disabled={!removable}>
              <ActionIcon variant="subtle" color="red" onClick={onRemove} disabled={!removable} aria-label={t.intake.removeParty(title)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        {kind === 'person' ? <PersonFields index={index} /> : <OrganizationFields index={index} />}
      </Stack>
    </Paper>
  );
}

