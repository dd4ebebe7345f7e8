import { Badge, Button, Group, Modal, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { AgreementItem } from '../../../../../../electron/shared/domain/agreement';
import { clausePlainText, renderClause } from '../../../../../../electron/shared/domain/agreement-clauses';
import { type ClauseTemplate, instantiateClause } from '../../../../../../electron/shared/domain/agreement-library';
import { disputeTypeLabel } from '../../../../../../electron/shared/domain/codes';
import type { Party } from '../../../../../../electron/shared/domain/party';
import { clausesFor } from '../../../../../../templates/clauses';
import { t } from '../../../../i18n';
import classes from '../AgreementEditor.module.css';

const L = t.agreements.library;

export interface ClauseLibraryModalProps {
  opened: boolean;
  disputeType: string;
  parties: readonly Party[];
  onClose: () => void;
  /** The entry's items, resolved against the case's parties, each with a new id. */
  onInsert: (items: AgreementItem[], template: ClauseTemplate) => void;
}

function Entry({ template, parties, onInsert }: { template: ClauseTemplate; parties: readonly Party[]; onInsert: () => void }) {
  // What the entry will print as with this case's parties (amounts and dates still empty).
  const sample = instantiateClause(template, parties, () => crypto.randomUUID()).map((item) => clausePlainText(renderClause(item, parties)));
  return (
    <Paper withBorder p="sm" className={classes.libraryEntry} role="listitem" aria-label={template.title}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="md">
        <Stack gap={4} miw={0}>
          <Group gap="xs">
            <Text fw={600}>{template.title}</Text>
            <Badge size="sm" variant="light" color="gray">
              {L.items(template.items.length)}
            </Badge>
          </Group>
          <Text fz="sm" c="dimmed">
            {template.description}
          </Text>
          <ol className={classes.librarySample}>
            {sample.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ol>
        </Stack>
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={onInsert} aria-label={`${L.insert}“${template.title}”`} style={{ flex: 'none' }}>
          {L.insert}
        </Button>
      </Group>
    </Paper>
  );
}

/** 条款库: the entries for the case's dispute type first, then the rest; 插入 adds the entry's items to edit. */
export function ClauseLibraryModal({ opened, disputeType, parties, onClose, onInsert }: ClauseLibraryModalProps) {
  const all = clausesFor(disputeType);
  const mine = all.filter((c) => c.disputeTypes.includes(disputeType));
  const others = all.filter((c) => !mine.includes(c));
  const insert = (template: ClauseTemplate) => onInsert(instantiateClause(template, parties, () => crypto.randomUUID()), template);
  const group = (title: string, list: ClauseTemplate[]) =>
    list.length ? (
      <Stack gap="xs">
        <Title order={4} fz="sm" c="dimmed">
          {title}
        </Title>
        <Stack gap="xs" role="list" aria-label={title}>
          {list.map((c) => (
            <Entry key={c.id} template={c} parties={parties} onInsert={() => insert(c)} />
          ))}
        </Stack>
      </Stack>
    ) : null;
  return (
    <Modal opened={opened} onClose={onClose} title={L.title} size="lg" scrollAreaComponent={ScrollArea.Autosize}>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {L.intro}
        </Text>
        {group(L.forType(disputeTypeLabel(disputeType)), mine)}
        {group(L.others, others)}
      </Stack>
    </Modal>
  );
}
