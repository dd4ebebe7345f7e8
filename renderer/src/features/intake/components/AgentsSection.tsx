import { Button, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { SectionCard } from '../../../components/SectionCard';
import { t } from '../../../i18n';
import { useIntakeFormContext } from '../form-context';
import { newAgent } from '../intake-form';
import { AgentFields } from './AgentFields';
import { partyTitles } from './PartiesSection';

/** 代理人 (optional): any number of agents, each acting for one party. */
export function AgentsSection() {
  const form = useIntakeFormContext();
  const { agents } = form.getValues();
  // Principal choices show the parties' names as they are typed.
  const parties = form.useWatchValue('parties');
  const titles = partyTitles(parties.map((p) => p.role));
  const principals = parties.map((p, i) => ({ value: p.id, label: `${titles[i]!} ${p.name.trim() || t.intake.unnamedParty}` }));

  const add = () => {
    form.insertListItem('agents', newAgent());
    setTimeout(() => document.querySelector<HTMLElement>(`[data-path="agents.${agents.length}.principalId"]`)?.focus(), 0);
  };

  return (
    <SectionCard
      id="agents"
      title={t.intake.agentsSection}
      hint={t.intake.agentsHint}
      actions={
        <Button size="xs" variant="light" color="teal" leftSection={<IconPlus size={14} />} onClick={add}>
          {t.intake.addAgent}
        </Button>
      }
    >
      {agents.length === 0 ? (
        <Text c="dimmed" fz="sm">
          {t.intake.noAgents}
        </Text>
      ) : (
        <Stack gap="md">
          {agents.map((agent, index) => (
            <AgentFields key={agent.id} index={index} principals={principals} onRemove={() => form.removeListItem('agents', index)} />
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}
