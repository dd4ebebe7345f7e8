import { TextInput, type TextInputProps } from '@mantine/core';
import { formatAmountCn } from '../../../../../../electron/shared/format/amount';
import { t } from '../../../../i18n';
import type { FieldPath } from '../field-paths';
import { useField } from '../editor-context';

export interface AmountInputProps extends Omit<TextInputProps, 'value' | 'onChange' | 'id' | 'error'> {
  path: FieldPath;
  value: string;
  onChange: (value: string) => void;
  /** Show the amount in capitals below the field, as the agreement prints it @default true */
  withCapitals?: boolean;
}

/** An amount in yuan, kept as typed (exact); below it, how the agreement will print it: 人民币…元整（¥…）. */
export function AmountInput({ path, value, onChange, withCapitals = true, ...props }: AmountInputProps) {
  const field = useField(path);
  const capitals = withCapitals ? formatAmountCn(value) : null;
  return (
    <TextInput
      {...props}
      {...field}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      inputMode="decimal"
      placeholder={props.placeholder ?? t.agreements.fields.amountPlaceholder}
      rightSection={<span aria-hidden>{t.agreements.fields.yuan}</span>}
      description={capitals ?? props.description}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
    />
  );
}
