import { type MantineColorsTuple, createTheme } from '@mantine/core';
import { t } from '../i18n';

/** A deep official blue: calm, legible on white, the register of government service software. */
const navy: MantineColorsTuple = ['#edf2fa', '#d8e2f2', '#afc3e4', '#84a2d6', '#5f86ca', '#4874c3', '#3b6bc1', '#2c59aa', '#244f99', '#163f7f'];

const CJK_SANS = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

export const theme = createTheme({
  primaryColor: 'navy',
  primaryShade: 7,
  colors: { navy },
  fontFamily: CJK_SANS,
  fontFamilyMonospace: '"Noto Sans Mono CJK SC", "Consolas", monospace',
  headings: { fontFamily: CJK_SANS, fontWeight: '600' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { radius: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    // Keyboard first: tabbing through a form must not pop lists open over the next fields (ArrowDown or a click opens
    // them); typing filters the list (type-ahead) with the first match highlighted, Enter or Tab takes it.
    Select: {
      defaultProps: {
        size: 'sm',
        allowDeselect: false,
        searchable: true,
        openOnFocus: false,
        selectFirstOptionOnChange: true,
        autoSelectOnBlur: true,
        nothingFoundMessage: t.common.nothingFound,
        comboboxProps: { shadow: 'md' },
      },
    },
    MultiSelect: { defaultProps: { size: 'sm', searchable: true, openOnFocus: false, selectFirstOptionOnChange: true, hidePickedOptions: true, nothingFoundMessage: t.common.nothingFound, comboboxProps: { shadow: 'md' } } },
    Autocomplete: { defaultProps: { size: 'sm', openOnFocus: false, comboboxProps: { shadow: 'md' } } },
    Paper: { defaultProps: { radius: 'md' } },
    Badge: { defaultProps: { radius: 'sm' } },
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } },
    Notification: { defaultProps: { withBorder: true } },
  },
});
