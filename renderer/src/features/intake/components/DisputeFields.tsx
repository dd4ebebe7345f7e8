import { Checkbox, Grid, Group, NumberInput, Paper, Radio, Select, TextInput, Textarea } from '@mantine/core';
import {
  CASE_SOURCES,
  COMPLEXITIES,
  DISPUTE_TYPES,
  type DisputeTypeCode,
  ESCALATION_FLAGS,
  RISK_LEVELS,
} from '../../../../../electron/shared/domain/codes';
import { useSession } from '../../../app/session';
import { DateField } from '../../../components/DateField';
import { t } from '../../../i18n';
import { optionsOf } from '../../../lib/options';
import { useIntakeFormContext } from '../form-context';
import classes from './DisputeFields.module.css';

const TYPE_OPTIONS = DISPUTE_TYPES.map((type) => ({ value: type.code, label: `${type.code} ${type.label}` }));
const SOURCE_OPTIONS = optionsOf(CASE_SOURCES);

function subTypesOf(code: string): string[] {
  return [...(DISPUTE_TYPES.find((type) => type.code === code)?.subTypes ?? [])];
}

/** 纠纷信息: classification, what happened, and the intake clerk's first assessment (risk, complexity, warnings). */
export function DisputeFields() {
  const form = useIntakeFormContext();
  const { info } = useSession();
  // The form is uncontrolled (typing re-renders nothing); these two fields drive what is shown, so they are watched.
  const disputeType = form.useWatchValue('dispute.disputeType');
  const escalation = form.useWatchValue('dispute.escalation');
  const subTypes = subTypesOf(disputeType);
  const typeProps = form.getInputProps('dispute.disputeType');
  const subTypeProps = form.getInputProps('dispute.disputeSubType');

  const changeType = (code: DisputeTypeCode | null) => {
    typeProps.onChange(code ?? '');
    const next = subTypesOf(code ?? '');
    const current = form.getValues().dispute.disputeSubType;
    // A category with a single sub-type (其他纠纷) needs no second choice.
    form.setFieldValue('dispute.disputeSubType', next.length === 1 ? next[0]! : next.includes(current) ? current : '');
  };

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Select<DisputeTypeCode>
          key={form.key('dispute.disputeType')}
          label={t.intake.disputeType}
          placeholder={t.intake.disputeTypePlaceholder}
          data={TYPE_OPTIONS}
          searchable
          withAsterisk
          {...typeProps}
          defaultValue={disputeType || null}
          onChange={changeType}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Select
          key={form.key('dispute.disputeSubType')}
          label={t.intake.disputeSubType}
          placeholder={disputeType ? t.intake.disputeSubTypeChoose : t.intake.disputeSubTypePlaceholder}
          data={subTypes}
          disabled={subTypes.length === 0}
          withAsterisk
          {...subTypeProps}
          defaultValue={(subTypeProps.defaultValue as string) || null}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Select key={form.key('dispute.source')} label={t.intake.source} data={SOURCE_OPTIONS} withAsterisk {...form.getInputProps('dispute.source')} />
      </Grid.Col>

      <Grid.Col span={{ base: 12, md: 4 }}>
        <DateField key={form.key('dispute.occurredOn')} label={t.intake.occurredOn} maxDate={info.today} {...form.getInputProps('dispute.occurredOn')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <TextInput key={form.key('dispute.occurredPlace')} label={t.intake.occurredPlace} {...form.getInputProps('dispute.occurredPlace')} />
      </Grid.Col>

      <Grid.Col span={12}>
        <Textarea
          key={form.key('dispute.summary')}
          label={t.intake.summary}
          placeholder={t.intake.summaryPlaceholder}
          withAsterisk
          autosize
          minRows={4}
          maxRows={12}
          {...form.getInputProps('dispute.summary')}
        />
      </Grid.Col>

      <Grid.Col span={{ base: 12, md: 4 }}>
        <TextInput key={form.key('dispute.amount')} label={t.intake.amount} placeholder={t.intake.amountPlaceholder} inputMode="decimal" {...form.getInputProps('dispute.amount')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <NumberInput
          key={form.key('dispute.peopleInvolved')}
          label={t.intake.peopleInvolved}
          min={1}
          max={100000}
          allowDecimal={false}
          allowNegative={false}
          withAsterisk
          {...form.getInputProps('dispute.peopleInvolved')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Radio.Group key={form.key('dispute.applicationForm')} label={t.intake.applicationForm} withAsterisk {...form.getInputProps('dispute.applicationForm')}>
          <Group gap="lg" mt={8}>
            <Radio value="written" label={t.intake.applicationWritten} />
            <Radio value="oral" label={t.intake.applicationOral} />
          </Group>
        </Radio.Group>
      </Grid.Col>

      <Grid.Col span={{ base: 12, md: 4 }}>
        <Radio.Group key={form.key('dispute.riskLevel')} label={t.intake.riskLevel} withAsterisk {...form.getInputProps('dispute.riskLevel')}>
          <Group gap="lg" mt={8}>
            {optionsOf(RISK_LEVELS).map((o) => (
              <Radio key={o.value} value={o.value} label={o.label} color={o.value === 'high' ? 'red' : o.value === 'medium' ? 'orange' : undefined} />
            ))}
          </Group>
        </Radio.Group>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Radio.Group key={form.key('dispute.complexity')} label={t.intake.complexity} withAsterisk {...form.getInputProps('dispute.complexity')}>
          <Group gap="lg" mt={8}>
            {optionsOf(COMPLEXITIES).map((o) => (
              <Radio key={o.value} value={o.value} label={o.label} />
            ))}
          </Group>
        </Radio.Group>
      </Grid.Col>

      <Grid.Col span={12}>
        <Paper withBorder p="sm" className={classes.flags} data-flagged={escalation.length > 0 || undefined}>
          <Checkbox.Group key={form.key('dispute.escalation')} label={t.intake.escalation} description={t.intake.escalationHint} {...form.getInputProps('dispute.escalation')}>
            <Group gap="xl" mt="xs">
              {optionsOf(ESCALATION_FLAGS).map((o) => (
                <Checkbox key={o.value} value={o.value} label={o.label} color="red" />
              ))}
            </Group>
          </Checkbox.Group>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
