import { Grid, MultiSelect, Select } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { MediatorLoad } from '../../../../electron/shared/ipc/contract';
import { t } from '../../i18n';
import { mediatorOptions } from './options';

export interface AssignValues {
  mediatorIds: string[];
  room: string;
}

/** 调解员 (with each one's open-case count) and 调解室: shared by 受理 and 指派. */
export function AssignFields<V extends AssignValues>({
  form,
  loads,
  rooms,
  required = false,
  span = 6,
}: {
  form: UseFormReturnType<V>;
  loads: readonly MediatorLoad[];
  rooms: readonly string[];
  /** 指派 needs at least one mediator; 受理 may leave it for later @default false */
  required?: boolean;
  /** Grid span of each field (md and up) @default 6 */
  span?: number;
}) {
  const roomProps = form.getInputProps('room');
  return (
    <>
      <Grid.Col span={{ base: 12, md: span }}>
        <MultiSelect
          label={t.decision.mediators}
          placeholder={required ? undefined : t.decision.mediatorsPlaceholder}
          description={t.decision.mediatorsHint}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          data={mediatorOptions(loads)}
          maxValues={5}
          withAsterisk={required}
          data-autofocus
          {...form.getInputProps('mediatorIds')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: span }}>
        <Select
          label={t.decision.room}
          placeholder={t.decision.roomPlaceholder}
          data={[...rooms]}
          {...roomProps}
          value={(roomProps.value as string) || null}
          onChange={(value) => roomProps.onChange(value ?? '')}
        />
      </Grid.Col>
    </>
  );
}
