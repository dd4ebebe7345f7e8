import { ActionIcon, Badge, Grid, Group, Paper, Radio, Select, Stack, TextInput, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { AGENT_AUTHORITIES, ID_TYPES } from '../../../../../electron/shared/domain/codes';
import { t } from '../../../i18n';
import { optionsOf } from '../../../lib/options';
import { useIntakeFormContext } from '../form-context';

const ID_TYPE_OPTIONS = optionsOf(ID_TYPES);

export interface AgentFieldsProps {
  /** Position of the agent in `agents` */
  index: number;
  /** The parties an agent may act for: value = party id, label = "申请人 1 张三" */
  principals: { value: string; label: string }[];
  onRemove: () => void;
}

/** One 代理人: who they act for, identity, contact, and 一般代理 / 特别授权. */
export function AgentFields({ index, principals, onRemove }: AgentFieldsProps) {
  const form = useIntakeFormContext();
  const path = `agents.${index}` as const;
  const { id } = form.getValues().agents[index]!;
  const title = t.intake.agentTitle(index + 1);
  const titleId = `agent-${id}-title`;
  const principalProps = form.getInputProps(`${path}.principalId`);
  return (
    <Paper withBorder p="md" role="group" aria-labelledby={titleId}>
      <Stack gap="md">
        <Group justify="space-between">
          <Badge variant="light" color="teal" size="lg" radius="sm" id={titleId}>
            {title}
          </Badge>
          <Tooltip label={t.intake.removeAgent(index + 1)}>
            <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t.intake.removeAgent(index + 1)}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Select
              key={form.key(`${path}.principalId`)}
              label={t.intake.principal}
              placeholder={t.intake.principalPlaceholder}
              data={principals}
              withAsterisk
              {...principalProps}
              defaultValue={(principalProps.defaultValue as string) || null}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput key={form.key(`${path}.name`)} label={t.intake.agentName} withAsterisk {...form.getInputProps(`${path}.name`)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Radio.Group key={form.key(`${path}.authority`)} label={t.intake.authority} withAsterisk {...form.getInputProps(`${path}.authority`)}>
              <Group gap="lg" mt={8}>
                {optionsOf(AGENT_AUTHORITIES).map((o) => (
                  <Radio key={o.value} value={o.value} label={o.label} />
                ))}
              </Group>
            </Radio.Group>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Select key={form.key(`${path}.idType`)} label={t.intake.idType} data={ID_TYPE_OPTIONS} {...form.getInputProps(`${path}.idType`)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <TextInput key={form.key(`${path}.idNumber`)} label={t.intake.agentIdNumber} autoComplete="off" spellCheck={false} {...form.getInputProps(`${path}.idNumber`)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <TextInput key={form.key(`${path}.phone`)} label={t.intake.phone} inputMode="tel" autoComplete="off" {...form.getInputProps(`${path}.phone`)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <TextInput key={form.key(`${path}.workUnitOrRelation`)} label={t.intake.workUnitOrRelation} placeholder={t.intake.workUnitOrRelationPlaceholder} {...form.getInputProps(`${path}.workUnitOrRelation`)} />
          </Grid.Col>
        </Grid>
      </Stack>
    </Paper>
  );
}
