import type { FocusEvent } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { t } from '../i18n';
import { normaliseTime } from '../lib/time-of-day';

export interface TimeFieldProps extends Omit<TextInputProps, 'value' | 'defaultValue' | 'onChange'> {
  /** HH:mm (24-hour), '' when empty; for controlled use @default undefined */
  value?: string;
  /** HH:mm or ''; for uncontrolled use @default undefined */
  defaultValue?: string;
  /** Receives what is typed, and on leaving the field the time as HH:mm when it is one */
  onChange?: (value: string) => void;
}

/**
 * A time of day typed as 14:30, always on the 24-hour clock. The browser's own time field (Mantine's TimeInput is
 * one) follows the browser's language and showed 09:00 AM under an English browser; this field shows what the
 * center writes on its forms, whatever the locale.
 */
export function TimeField({ onChange, onBlur, ...props }: TimeFieldProps) {
  const settle = (event: FocusEvent<HTMLInputElement>) => {
    const typed = event.currentTarget.value;
    const time = normaliseTime(typed);
    if (time !== null && time !== typed) {
      event.currentTarget.value = time;
      onChange?.(time);
    }
    onBlur?.(event);
  };
  return (
    <TextInput
      placeholder={t.common.timePlaceholder}
      inputMode="numeric"
      autoComplete="off"
      maxLength={5}
      leftSection={<IconClock size={16} />}
      {...props}
      onChange={(event) => onChange?.(event.currentTarget.value)}
      onBlur={settle}
    />
  );
}
