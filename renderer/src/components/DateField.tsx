import { DateInput, type DateInputProps } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { t } from '../i18n';

export interface DateFieldProps extends Omit<DateInputProps, 'value' | 'defaultValue' | 'onChange'> {
  /** ISO date (YYYY-MM-DD), '' when empty; for controlled use @default undefined */
  value?: string;
  /** ISO date or '' ; for uncontrolled use (Mantine form's uncontrolled mode) @default undefined */
  defaultValue?: string;
  /** Receives an ISO date, or '' when cleared */
  onChange?: (value: string) => void;
}

const toPicker = (value: string | undefined) => (value === undefined ? undefined : value || null);

/**
 * A date typed as 2026-11-25 or picked from a Chinese calendar. Form values stay plain ISO strings ('' when empty),
 * which is what the shared schemas expect.
 */
export function DateField({ value, defaultValue, onChange, ...props }: DateFieldProps) {
  return (
    <DateInput
      valueFormat="YYYY-MM-DD"
      placeholder={t.intake.datePlaceholder}
      clearable
      leftSection={<IconCalendar size={16} />}
      // Chinese calendar headings: 2026年11月, 2026年, and 1月…12月 in the month list.
      monthLabelFormat="YYYY年M月"
      yearLabelFormat="YYYY年"
      monthsListFormat="M月"
      {...props}
      value={toPicker(value)}
      defaultValue={toPicker(defaultValue)}
      onChange={(next) => onChange?.(next ?? '')}
    />
  );
}
