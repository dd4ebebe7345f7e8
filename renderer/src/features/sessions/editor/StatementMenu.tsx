import { ActionIcon, Menu } from '@mantine/core';
import { IconArrowMergeAltLeft, IconCheck, IconDots, IconPaperclip, IconPencil, IconTrash, IconUser } from '@tabler/icons-react';
import type { Statement } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import type { ItemHandlers } from './StatementItem';

/** A speaker the statement can be given to (the present attendees, as numbered). */
export interface SpeakerOption {
  id: string;
  label: string;
  number: number | null;
}

/** 更多操作 of a statement: edit, merge, attach, change the speaker, delete. */
export function StatementMenu({ statement, n, editing, canMerge, speakerOptions, on }: { statement: Statement; n: number; editing: boolean; canMerge: boolean; speakerOptions: readonly SpeakerOption[]; on: ItemHandlers }) {
  const L = t.sessionEditor.list;
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={240}>
      <Menu.Target>
        <ActionIcon size="sm" variant="subtle" color="gray" aria-label={`${L.more}（${L.number(n)}）`}>
          <IconDots size={14} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {editing ? null : (
          <Menu.Item leftSection={<IconPencil size={14} />} rightSection="Enter" onClick={() => on.startEdit(statement.id)}>
            {L.edit}
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconArrowMergeAltLeft size={14} />} disabled={!canMerge} onClick={() => on.merge(statement.id)}>
          {L.merge}
        </Menu.Item>
        <Menu.Item leftSection={<IconPaperclip size={14} />} onClick={() => on.attach(statement.id)}>
          {L.attach}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{L.changeSpeaker}</Menu.Label>
        {speakerOptions.map((o) => (
          <Menu.Item
            key={o.id}
            leftSection={o.id === statement.speakerId ? <IconCheck size={14} /> : <IconUser size={14} />}
            rightSection={o.number ? `Alt+${o.number}` : null}
            onClick={() => on.speaker(statement.id, o.id)}
          >
            {o.label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconTrash size={14} />} rightSection="Delete" onClick={() => on.remove(statement.id)}>
          {L.delete}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
