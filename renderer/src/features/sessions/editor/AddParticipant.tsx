import { type FormEvent, useRef, useState } from 'react';
import { Button, Group, Paper, Stack, TextInput } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import type { Attendee } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';

const A = t.sessionEditor.attendance;

/**
 * 添加参加人: someone invited with the parties' consent (人民调解法 art. 20) — a relative, the village committee head, a
 * traffic policeman. They join as present: they are added when they sit down.
 */
export function AddParticipant({ onAdd }: { onAdd: (attendee: Attendee) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [relation, setRelation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(A.participantNameRequired);
      nameRef.current?.focus();
      return;
    }
    onAdd({ id: crypto.randomUUID(), kind: 'participant', name: trimmed.slice(0, 50), relation: relation.trim().slice(0, 60), presence: 'present', note: '' });
    setName('');
    setRelation('');
    setError(null);
    setOpen(false);
  };

  if (!open) {
    return (
      <Button variant="subtle" size="compact-sm" leftSection={<IconUserPlus size={14} />} onClick={() => setOpen(true)} mt={4}>
        {A.addParticipant}
      </Button>
    );
  }
  return (
    <Paper withBorder p="xs" mt={6} radius="sm" component="form" onSubmit={submit} aria-label={A.addParticipant}>
      <Stack gap={6}>
        <TextInput ref={nameRef} size="xs" label={A.participantName} value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} maxLength={50} data-autofocus autoFocus />
        <TextInput size="xs" label={A.participantRelation} placeholder={A.participantRelationPlaceholder} value={relation} onChange={(e) => setRelation(e.currentTarget.value)} maxLength={60} />
        <Group gap="xs" justify="flex-end">
          <Button size="compact-sm" variant="default" onClick={() => setOpen(false)}>
            {t.common.cancel}
          </Button>
          <Button size="compact-sm" type="submit">
            {A.add}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
