import { Grid, Group, Radio, Select, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { PARTY_ROLES } from '../../../../../electron/shared/domain/codes';
import type { Party } from '../../../../../electron/shared/domain/party';
import { t } from '../../../i18n';
import type { ScheduleValues } from './schedule-form';

const f = t.sessions.form;

/**
 * 被调查人 of an investigation: a party of the case, or another person (a witness) with name, relation and contact.
 * Fixed once scheduled (the host keeps the first subject: the record is about that person).
 */
export function SubjectFields({ form, parties, locked }: { form: UseFormReturnType<ScheduleValues>; parties: readonly Party[]; /** Changing a plan: shown, not editable */ locked: boolean }) {
  const partyProps = form.getInputProps('partyId');
  return (
    <>
      <Grid.Col span={12}>
        <Radio.Group label={f.subjectKind} withAsterisk {...form.getInputProps('subjectKind')}>
          <Group gap="lg" mt={6}>
            <Radio value="party" label={f.subjectParty} disabled={locked} />
            <Radio value="witness" label={f.subjectWitness} disabled={locked} />
          </Group>
        </Radio.Group>
      </Grid.Col>
      {form.values.subjectKind === 'party' ? (
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <Select
            label={f.party}
            placeholder={f.partyPlaceholder}
            withAsterisk
            disabled={locked}
            data={parties.map((p) => ({ value: p.id, label: `${PARTY_ROLES[p.role]} ${p.name}` }))}
            {...partyProps}
            value={(partyProps.value as string) || null}
            onChange={(value) => partyProps.onChange(value ?? '')}
          />
        </Grid.Col>
      ) : (
        <>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label={f.witnessName} withAsterisk disabled={locked} {...form.getInputProps('witness.name')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput label={f.witnessRelation} placeholder={f.witnessRelationPlaceholder} withAsterisk disabled={locked} {...form.getInputProps('witness.relation')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label={f.witnessId} placeholder={f.optional} disabled={locked} {...form.getInputProps('witness.idNumber')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label={f.witnessPhone} placeholder={f.optional} disabled={locked} {...form.getInputProps('witness.phone')} />
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput label={f.witnessAddress} placeholder={f.optional} disabled={locked} {...form.getInputProps('witness.address')} />
          </Grid.Col>
        </>
      )}
    </>
  );
}
