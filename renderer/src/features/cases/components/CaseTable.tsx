import { Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { disputeTypeLabel } from '../../../../../electron/shared/domain/codes';
import type { CaseListItem } from '../../../../../electron/shared/ipc/contract';
import { t } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/format';
import { EscalationBadges, escalatedRowProps, isEscalated } from './Escalation';
import { RiskBadge } from './RiskBadge';
import { StatusBadge } from './StatusBadge';
import classes from './CaseTable.module.css';

export interface CaseTableProps {
  /** Rows of the current page */
  items: CaseListItem[];
  /** Opens a case (click on the row, or Enter on its case number) */
  onOpen: (id: string) => void;
}

/** The case list as a table. Escalated cases are red (see Escalation.tsx). */
export function CaseTable({ items, onOpen }: CaseTableProps) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table highlightOnHover className={classes.table}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={200}>{t.caseList.colNumber}</Table.Th>
            <Table.Th>{t.caseList.colTitle}</Table.Th>
            <Table.Th w={170}>{t.caseList.colType}</Table.Th>
            <Table.Th w={100}>{t.caseList.colStatus}</Table.Th>
            <Table.Th w={64}>{t.caseList.colRisk}</Table.Th>
            <Table.Th w={150}>{t.caseList.colRegistered}</Table.Th>
            <Table.Th w={110}>{t.caseList.colDue}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const escalated = isEscalated(item.escalation);
            return (
              <Table.Tr key={item.id} onClick={() => onOpen(item.id)} className={classes.row} {...escalatedRowProps(item.escalation)}>
                <Table.Td>
                  <UnstyledButton className={classes.number} onClick={(event) => {
                      event.stopPropagation();
                      onOpen(item.id);
                    }}
                    aria-label={t.caseList.openCase(item.caseNumber)}>
                    {item.caseNumber}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    <Text fz="sm" fw={500} lineClamp={2}>
                      {item.title}
                    </Text>
                    <EscalationBadges escalation={item.escalation} />
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm">{disputeTypeLabel(item.disputeType)}</Text>
                  <Text fz="xs" c={escalated ? 'red.6' : 'dimmed'}>
                    {item.disputeSubType}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={item.status} size="sm" />
                </Table.Td>
                <Table.Td>
                  <RiskBadge level={item.riskLevel} />
                </Table.Td>
                <Table.Td>
                  <Text fz="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(item.registeredAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm">{formatDate(item.mediationDue)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
