import { Grid, TextInput, Textarea } from '@mantine/core';
import { t } from '../../../i18n';
import { useIntakeFormContext } from '../form-context';
import { SameAddressButton } from './SameAddressButton';

/** 法人或其他组织 fields of party `index`. */
export function OrganizationFields({ index }: { index: number }) {
  const form = useIntakeFormContext();
  const path = `parties.${index}` as const;
  const role = form.getValues().parties[index]!.role;
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <TextInput key={form.key(`${path}.name`)} label={t.intake.orgName} withAsterisk {...form.getInputProps(`${path}.name`)} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <TextInput
          key={form.key(`${path}.usccCode`)}
          label={t.intake.usccCode}
          withAsterisk={role === 'applicant'}
          autoComplete="off"
          spellCheck={false}
          maxLength={22}
          {...form.getInputProps(`${path}.usccCode`)}
        />
      </Grid.Col>

      <Grid.Col span={{ base: 12, md: 4 }}>
        <TextInput key={form.key(`${path}.legalRepresentative`)} label={t.intake.legalRepresentative} withAsterisk {...form.getInputProps(`${path}.legalRepresentative`)} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <TextInput key={form.key(`${path}.representativeTitle`)} label={t.intake.representativeTitle} {...form.getInputProps(`${path}.representativeTitle`)} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <TextInput key={form.key(`${path}.phone`)} label={t.intake.phone} withAsterisk={role === 'applicant'} inputMode="tel" autoComplete="off" {...form.getInputProps(`${path}.phone`)} />
      </Grid.Col>

      <Grid.Col span={12}>
        <TextInput key={form.key(`${path}.address`)} label={t.intake.orgAddress} rightSection={<SameAddressButton index={index} />} rightSectionWidth={56} rightSectionPointerEvents="all" {...form.getInputProps(`${path}.address`)} />
      </Grid.Col>
      <Grid.Col span={12}>
        <Textarea key={form.key(`${path}.requests`)} label={t.intake.requests} placeholder={t.intake.requestsPlaceholder} autosize minRows={2} maxRows={8} {...form.getInputProps(`${path}.requests`)} />
      </Grid.Col>
    </Grid>
  );
}
