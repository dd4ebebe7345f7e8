import type { ChangeEvent } from 'react';
import { Grid, Select, TextInput, Textarea } from '@mantine/core';
import { ETHNICITIES, GENDERS, ID_TYPES, type IdType } from '../../../../../electron/shared/domain/codes';
import { ageOn } from '../../../../../electron/shared/validation/dates';
import { checkIdentity } from '../../../../../electron/shared/validation/identity';
import { normaliseDocumentNumber } from '../../../../../electron/shared/validation/normalise';
import { useSession } from '../../../app/session';
import { DateField } from '../../../components/DateField';
import { t } from '../../../i18n';
import { optionsOf } from '../../../lib/options';
import { useIntakeFormContext } from '../form-context';
import { SameAddressButton } from './SameAddressButton';

const ID_TYPE_OPTIONS = optionsOf(ID_TYPES);
const GENDER_OPTIONS = optionsOf(GENDERS);
const ETHNICITY_OPTIONS = [...ETHNICITIES];

/** 出生日期 with what can be said about it: filled from the ID, and the age. Re-renders alone as the ID is typed. */
function BirthDateField({ index }: { index: number }) {
  const form = useIntakeFormContext();
  const { info } = useSession();
  const path = `parties.${index}.birthDate` as const;
  const birthDate = form.useWatchValue(path);
  const idType = form.useWatchValue(`parties.${index}.idType`);
  const idNumber = form.useWatchValue(`parties.${index}.idNumber`);
  const identity = idNumber ? checkIdentity(idType, idNumber, info.today) : null;
  const derived = identity?.ok === true && identity.value.birthDate !== undefined && identity.value.birthDate === birthDate;
  const age = birthDate ? ageOn(birthDate, info.today) : NaN;
  const hint = [Number.isNaN(age) ? null : t.common.ageSuffix(age), derived ? t.intake.derivedFromId : null].filter(Boolean).join(' · ');
  return (
    <DateField
      key={form.key(path)}
      label={t.intake.birthDate}
      description={hint || undefined}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      maxDate={info.today}
      {...form.getInputProps(path)}
    />
  );
}

/** 自然人 fields of party `index`. A valid resident ID fills in 出生日期 and 性别 and shows the age. */
export function PersonFields({ index }: { index: number }) {
  const form = useIntakeFormContext();
  const { info } = useSession();
  const path = `parties.${index}` as const;
  const role = form.getValues().parties[index]!.role;

  /** Copies birth date and gender out of a valid 18-digit ID; a complete but wrong number is flagged at once. */
  const derive = (idType: IdType, idNumber: string) => {
    const normalised = normaliseDocumentNumber(idNumber);
    if (!normalised) return;
    const id = checkIdentity(idType, normalised, info.today);
    if (id.ok && id.value.birthDate && id.value.gender) {
      form.setFieldValue(`${path}.birthDate`, id.value.birthDate);
      form.setFieldValue(`${path}.gender`, id.value.gender);
    }
    if (normalised.length >= 18) form.validateField(`${path}.idNumber`);
  };

  const idProps = form.getInputProps(`${path}.idNumber`);
  const idTypeProps = form.getInputProps(`${path}.idType`);

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 3 }}>
        <TextInput key={form.key(`${path}.name`)} label={t.intake.name} withAsterisk {...form.getInputProps(`${path}.name`)} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 3 }}>
        <Select
          key={form.key(`${path}.idType`)}
          label={t.intake.idType}
          data={ID_TYPE_OPTIONS}
          {...idTypeProps}
          onChange={(value) => {
            idTypeProps.onChange(value);
            if (value) derive(value as IdType, form.getValues().parties[index]!.idNumber);
          }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <TextInput
          key={form.key(`${path}.idNumber`)}
          label={t.intake.idNumber}
          withAsterisk={role === 'applicant'}
          autoComplete="off"
          spellCheck={false}
          styles={{ input: { fontVariantNumeric: 'tabular-nums', letterSpacing: '0.02em' } }}
          {...idProps}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            idProps.onChange(event);
            derive(form.getValues().parties[index]!.idType, event.currentTarget.value);
          }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 2 }}>
        <Select key={form.key(`${path}.gender`)} label={t.intake.gender} data={GENDER_OPTIONS} {...form.getInputProps(`${path}.gender`)} />
      </Grid.Col>

      <Grid.Col span={{ base: 12, md: 3 }}>
        <Select key={form.key(`${path}.ethnicity`)} label={t.intake.ethnicity} data={ETHNICITY_OPTIONS} searchable {...form.getInputProps(`${path}.ethnicity`)} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 3 }}>
        <BirthDateField index={index} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 3 }}>
        <TextInput key={form.key(`${path}.phone`)} label={t.intake.phone} withAsterisk={role === 'applicant'} inputMode="tel" autoComplete="off" {...form.getInputProps(`${path}.phone`)} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 3 }}>
        <TextInput key={form.key(`${path}.occupation`)} label={t.intake.occupation} {...form.getInputProps(`${path}.occupation`)} />
      </Grid.Col>

      <Grid.Col span={{ base: 12, md: 4 }}>
        <TextInput key={form.key(`${path}.workUnit`)} label={t.intake.workUnit} {...form.getInputProps(`${path}.workUnit`)} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <TextInput key={form.key(`${path}.address`)} label={t.intake.address} rightSection={<SameAddressButton index={index} />} rightSectionWidth={56} rightSectionPointerEvents="all" {...form.getInputProps(`${path}.address`)} />
      </Grid.Col>

      <Grid.Col span={12}>
        <Textarea
          key={form.key(`${path}.requests`)}
          label={t.intake.requests}
          placeholder={t.intake.requestsPlaceholder}
          autosize
          minRows={2}
          maxRows={8}
          {...form.getInputProps(`${path}.requests`)}
        />
      </Grid.Col>
    </Grid>
  );
}
