import type { ReactNode } from 'react';
import { Autocomplete, Box, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { DateField } from '../../../../components/DateField';
import { useEditorContext, useField } from '../editor-context';
import { type FieldPath, fieldId } from '../field-paths';

/** Small wrappers that give every field of an item its id (for the checks) and its error in place. */

/** The item's party pickers side by side; the item's party check (请选择义务人和权利人) below them. */
export function ItemParties({ itemPath, children }: { itemPath: FieldPath; children: ReactNode }) {
  const { issues } = useEditorContext();
  const path = [...itemPath, 'parties'];
  const error = issues.errorAt(path);
  return (
    <Box id={fieldId(path)} data-field-box data-error={error ? 'true' : undefined}>
      <Stack gap={8}>{children}</Stack>
      {error ? (
        <Text fz="xs" c="red.7" mt={4} role="alert">
          {error}
        </Text>
      ) : null}
    </Box>
  );
}

interface TextProps {
  path: FieldPath;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  description?: string;
}

/** Hints and examples are for typing: a read-only agreement shows just what it says. */
function hints(readOnly: boolean, placeholder?: string, description?: string): { placeholder?: string; description?: string } {
  if (readOnly) return {};
  return { ...(placeholder === undefined ? {} : { placeholder }), ...(description === undefined ? {} : { description }) };
}

export function TextField({ path, label, value, onChange, placeholder, description }: TextProps) {
  const field = useField(path);
  return <TextInput {...field} {...hints(field.readOnly, placeholder, description)} label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
}

export function AreaField({ path, label, value, onChange, placeholder, description, minRows = 2 }: TextProps & { minRows?: number }) {
  const field = useField(path);
  return (
    <Textarea
      {...field}
      {...hints(field.readOnly, placeholder, description)}
      label={label}
      value={value}
      autosize
      minRows={field.readOnly ? 1 : minRows}
      maxRows={14}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

/** Free text with the usual answers offered (银行转账, 当面 …). */
export function SuggestField({ options, ...props }: TextProps & { options: readonly string[] }) {
  const field = useField(props.path);
  return (
    <Autocomplete
      {...field}
      {...hints(field.readOnly, props.placeholder, props.description)}
      label={props.label}
      value={props.value}
      data={[...options]}
      openOnFocus
      onChange={props.onChange}
    />
  );
}

export function DueField({ path, label, value, onChange, description }: Omit<TextProps, 'placeholder'>) {
  const field = useField(path);
  return <DateField {...field} {...hints(field.readOnly, undefined, description)} {...(field.readOnly ? { placeholder: '' } : {})} clearable={!field.readOnly} label={label} value={value} onChange={onChange} />;
}
