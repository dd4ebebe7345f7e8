import { Group, Table, Text } from '@mantine/core';
import { AGENT_AUTHORITIES, ID_TYPES } from '../../../../../electron/shared/domain/codes';
import { maskIdNumber, maskPhone } from '../../../../../electron/shared/domain/masking';
import { type Agent, type Party, partyLabel } from '../../../../../electron/shared/domain/party';
import { t } from '../../../i18n';
import { RevealValue } from './RevealValue';

/** Agents of a case, read-only and masked like parties (the full value on request, audited). */
export function AgentList({ agents, parties, caseId }: { agents: Agent[]; parties: Party[]; caseId: string }) {
  if (agents.length === 0) {
    return (
      <Text c="dimmed" fz="sm">
        {t.caseDetail.noAgents}
      </Text>
    );
  }
  const principal = (id: string) => {
    const party = parties.find((p) => p.id === id);
    return party ? partyLabel(party) : t.common.none;
  };
  return (
    <Table withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t.intake.agentName}</Table.Th>
          <Table.Th>{t.caseDetail.principal}</Table.Th>
          <Table.Th>{t.caseDetail.fields.idNumber}</Table.Th>
          <Table.Th>{t.caseDetail.fields.phone}</Table.Th>
          <Table.Th>{t.caseDetail.fields.workUnitOrRelation}</Table.Th>
          <Table.Th>{t.caseDetail.agentAuthority}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {agents.map((agent) => (
          <Table.Tr key={agent.id}>
            <Table.Td fw={500}>{agent.name}</Table.Td>
            <Table.Td>{principal(agent.principalId)}</Table.Td>
            <Table.Td>
              {agent.idNumber ? (
                <Group gap={4} wrap="nowrap">
                  <RevealValue caseId={caseId} personId={agent.id} field="idNumber" masked={maskIdNumber(agent.idNumber)} />
                  <Text span fz="sm">
                    （{ID_TYPES[agent.idType]}）
                  </Text>
                </Group>
              ) : (
                t.common.none
              )}
            </Table.Td>
            <Table.Td>{agent.phone ? <RevealValue caseId={caseId} personId={agent.id} field="phone" masked={maskPhone(agent.phone)} /> : t.common.none}</Table.Td>
            <Table.Td>{agent.workUnitOrRelation || t.common.none}</Table.Td>
            <Table.Td>{AGENT_AUTHORITIES[agent.authority]}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
