import { Input, SegmentedControl, SimpleGrid, Stack } from '@mantine/core';
import type { AgreementItem } from '../../../../../../electron/shared/domain/agreement';
import { t } from '../../../../i18n';
import { useEditorContext } from '../editor-context';
import type { FieldPath } from '../field-paths';
import { AmountInput } from './AmountInput';
import { DueField, ItemParties, SuggestField, TextField } from './FieldParts';
import { InstalmentTable } from './InstalmentTable';
import { PartyPicker } from './PartyPicker';

type Payment = Extract<AgreementItem, { type: 'payment' }>;
const F = t.agreements.fields;

/** 给付金钱: who pays whom, what for, how much, at once or by instalments, how and where. */
export function PaymentFields({ item, path, onChange }: { item: Payment; path: FieldPath; onChange: (patch: Partial<Payment>) => void }) {
  const { readOnly } = useEditorContext();
  const setPlan = (plan: Payment['plan']) => {
    // Two empty instalments to start from; rows entered before are kept when switching back and forth.
    const instalments = plan === 'instalments' && item.instalments.length === 0 ? [{ amount: '', dueOn: '' }, { amount: '', dueOn: '' }] : item.instalments;
    onChange({ plan, instalments });
  };
  return (
    <Stack gap="sm">
      <ItemParties itemPath={path}>
        <PartyPicker label={F.payers} value={item.payerIds} onChange={(payerIds) => onChange({ payerIds })} />
        <PartyPicker label={F.payees} value={item.payeeIds} onChange={(payeeIds) => onChange({ payeeIds })} />
      </ItemParties>
      <SimpleGrid cols={2} spacing="md">
        <SuggestField path={[...path, 'purpose']} label={F.purpose} placeholder={F.purposePlaceholder} options={F.purposeOptions} value={item.purpose} onChange={(purpose) => onChange({ purpose })} />
        <AmountInput path={[...path, 'total']} label={F.total} value={item.total} onChange={(total) => onChange({ total })} />
      </SimpleGrid>
      <Input.Wrapper label={F.plan}>
        <div>
          <SegmentedControl
            mt={4}
            size="sm"
            readOnly={readOnly}
            value={item.plan}
            onChange={(v) => setPlan(v as Payment['plan'])}
            data={[
              { value: 'lump', label: F.lump },
              { value: 'instalments', label: F.instalments },
            ]}
          />
        </div>
      </Input.Wrapper>
      {item.plan === 'lump' ? (
        <SimpleGrid cols={2} spacing="md">
          <DueField path={[...path, 'dueOn']} label={F.dueOn} description={F.dueOnHint} value={item.dueOn} onChange={(dueOn) => onChange({ dueOn })} />
        </SimpleGrid>
      ) : (
        <InstalmentTable itemPath={path} total={item.total} value={item.instalments} onChange={(instalments) => onChange({ instalments })} />
      )}
      <SimpleGrid cols={2} spacing="md">
        <SuggestField path={[...path, 'method']} label={F.method} placeholder={F.methodPlaceholder} options={F.methodOptions} value={item.method} onChange={(method) => onChange({ method })} />
        <TextField path={[...path, 'place']} label={F.place} placeholder={F.placePlaceholder} value={item.place} onChange={(place) => onChange({ place })} />
      </SimpleGrid>
    </Stack>
  );
}
