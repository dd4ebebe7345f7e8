import { Input, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import type { AgreementItem } from '../../../../../../electron/shared/domain/agreement';
import { t } from '../../../../i18n';
import { useEditorContext } from '../editor-context';
import type { FieldPath } from '../field-paths';
import { AmountInput } from './AmountInput';
import { AreaField, DueField, ItemParties, SuggestField, TextField } from './FieldParts';
import { PartyPicker } from './PartyPicker';

const F = t.agreements.fields;
type Of<K extends AgreementItem['type']> = Extract<AgreementItem, { type: K }>;
interface Props<K extends AgreementItem['type']> {
  item: Of<K>;
  path: FieldPath;
  onChange: (patch: Partial<Of<K>>) => void;
}

/** 作为 / 不作为: do something by a date (拆除围墙), or stop doing something from a date (停止堆放杂物). */
export function ActFields({ item, path, onChange }: Props<'act'>) {
  const { readOnly } = useEditorContext();
  const cease = item.mode === 'cease';
  return (
    <Stack gap="sm">
      <ItemParties itemPath={path}>
        <PartyPicker label={F.obligors} value={item.obligorIds} onChange={(obligorIds) => onChange({ obligorIds })} />
        <PartyPicker label={F.beneficiaries} value={item.beneficiaryIds} onChange={(beneficiaryIds) => onChange({ beneficiaryIds })} />
      </ItemParties>
      <Input.Wrapper label={F.mode}>
        <div>
          <SegmentedControl
            mt={4}
            readOnly={readOnly}
            value={item.mode}
            onChange={(v) => onChange({ mode: v as Of<'act'>['mode'] })}
            data={[
              { value: 'perform', label: F.perform },
              { value: 'cease', label: F.cease },
            ]}
          />
        </div>
      </Input.Wrapper>
      <AreaField path={[...path, 'description']} label={F.description} placeholder={cease ? F.ceasePlaceholder : F.performPlaceholder} value={item.description} onChange={(description) => onChange({ description })} />
      <SimpleGrid cols={2} spacing="md">
        <DueField
          path={[...path, 'dueOn']}
          label={cease ? F.ceaseFrom : F.dueOn}
          description={cease ? F.ceaseFromHint : F.dueOnHint}
          value={item.dueOn}
          onChange={(dueOn) => onChange({ dueOn })}
        />
        {cease ? null : <TextField path={[...path, 'manner']} label={F.manner} placeholder={F.mannerPlaceholder} value={item.manner} onChange={(manner) => onChange({ manner })} />}
        <TextField path={[...path, 'place']} label={F.place} placeholder={F.placePlaceholder} value={item.place} onChange={(place) => onChange({ place })} />
      </SimpleGrid>
    </Stack>
  );
}

export function ApologyFields({ item, path, onChange }: Props<'apology'>) {
  return (
    <Stack gap="sm">
      <ItemParties itemPath={path}>
        <PartyPicker label={F.apologyFrom} value={item.fromIds} onChange={(fromIds) => onChange({ fromIds })} />
        <PartyPicker label={F.apologyTo} value={item.toIds} onChange={(toIds) => onChange({ toIds })} />
      </ItemParties>
      <SimpleGrid cols={2} spacing="md">
        <SuggestField path={[...path, 'manner']} label={F.apologyManner} options={F.apologyOptions} value={item.manner} onChange={(manner) => onChange({ manner })} />
        <DueField path={[...path, 'dueOn']} label={F.dueOn} description={F.dueOnHint} value={item.dueOn} onChange={(dueOn) => onChange({ dueOn })} />
      </SimpleGrid>
    </Stack>
  );
}

export function ReturnFields({ item, path, onChange }: Props<'return'>) {
  return (
    <Stack gap="sm">
      <ItemParties itemPath={path}>
        <PartyPicker label={F.returnFrom} value={item.fromIds} onChange={(fromIds) => onChange({ fromIds })} />
        <PartyPicker label={F.returnTo} value={item.toIds} onChange={(toIds) => onChange({ toIds })} />
      </ItemParties>
      <AreaField path={[...path, 'property']} label={F.property} placeholder={F.propertyPlaceholder} value={item.property} onChange={(property) => onChange({ property })} minRows={1} />
      <SimpleGrid cols={2} spacing="md">
        <DueField path={[...path, 'dueOn']} label={F.dueOn} description={F.dueOnHint} value={item.dueOn} onChange={(dueOn) => onChange({ dueOn })} />
        <TextField path={[...path, 'manner']} label={F.manner} placeholder={F.mannerPlaceholder} value={item.manner} onChange={(manner) => onChange({ manner })} />
        <TextField path={[...path, 'place']} label={F.place} placeholder={F.placePlaceholder} value={item.place} onChange={(place) => onChange({ place })} />
      </SimpleGrid>
    </Stack>
  );
}

export function CostsFields({ item, path, onChange }: Props<'costs'>) {
  return (
    <Stack gap="sm">
      <ItemParties itemPath={path}>
        <PartyPicker label={F.bearers} value={item.bearerIds} onChange={(bearerIds) => onChange({ bearerIds })} />
      </ItemParties>
      <SimpleGrid cols={2} spacing="md">
        <TextField path={[...path, 'description']} label={F.costsDescription} placeholder={F.costsPlaceholder} value={item.description} onChange={(description) => onChange({ description })} />
        <AmountInput path={[...path, 'amount']} label={F.amount} description={F.costsAmountHint} value={item.amount} onChange={(amount) => onChange({ amount })} />
      </SimpleGrid>
    </Stack>
  );
}

/** 其他条款: any wording; when it obliges a party, it needs a time limit and a manner like the others. */
export function FreeFields({ item, path, onChange }: Props<'free'>) {
  const obliges = item.obligorIds.length > 0;
  return (
    <Stack gap="sm">
      <AreaField path={[...path, 'text']} label={F.freeText} placeholder={F.freePlaceholder} value={item.text} onChange={(text) => onChange({ text })} />
      <ItemParties itemPath={path}>
        <PartyPicker label={F.freeObligors} value={item.obligorIds} onChange={(obligorIds) => onChange({ obligorIds })} />
        <Text fz="xs" c="dimmed">
          {F.freeObligorsHint}
        </Text>
      </ItemParties>
      {obliges ? (
        <SimpleGrid cols={2} spacing="md">
          <DueField path={[...path, 'dueOn']} label={F.dueOn} description={F.dueOnHint} value={item.dueOn} onChange={(dueOn) => onChange({ dueOn })} />
          <TextField path={[...path, 'manner']} label={F.manner} placeholder={F.mannerPlaceholder} value={item.manner} onChange={(manner) => onChange({ manner })} />
          <TextField path={[...path, 'place']} label={F.place} placeholder={F.placePlaceholder} value={item.place} onChange={(place) => onChange({ place })} />
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}
