import { ActionIcon, Button, Tooltip, type MantineColor } from '@mantine/core';
import { IconCertificate, IconFlag, IconHeartHandshake } from '@tabler/icons-react';
import { STATEMENT_MARKS, type StatementMark } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import { MARK_KEYS } from './keyboard';
import classes from './SessionEditor.module.css';

/** Each mark's colour and icon: the tags in the record and the toggles beside them look the same. */
const MARK_STYLE: Record<StatementMark, { color: MantineColor; Icon: typeof IconFlag }> = {
  focus: { color: 'red', Icon: IconFlag },
  concession: { color: 'green', Icon: IconHeartHandshake },
  evidence: { color: 'violet', Icon: IconCertificate },
};

export const MARK_ORDER: StatementMark[] = ['focus', 'concession', 'evidence'];

/** The marks of a statement as coloured tags, in a fixed order (plain elements: one list holds thousands). */
export function MarkTags({ marks }: { marks: readonly StatementMark[] }) {
  return MARK_ORDER.filter((m) => marks.includes(m)).map((m) => {
    const { color, Icon } = MARK_STYLE[m];
    return (
      <span key={m} className={classes.tag} data-color={color}>
        <Icon size={11} aria-hidden />
        {STATEMENT_MARKS[m]}
      </span>
    );
  });
}

/** Toggle buttons for the three marks (pressed when set); the tooltip names the key. `labelled`: icon and name. */
export function MarkToggles({ marks, onToggle, size = 'sm', labelled = false }: { marks: readonly StatementMark[]; onToggle: (mark: StatementMark) => void; /** @default 'sm' */ size?: 'sm' | 'md'; /** @default false */ labelled?: boolean }) {
  return MARK_ORDER.map((m) => {
    const { color, Icon } = MARK_STYLE[m];
    const on = marks.includes(m);
    const label = t.sessionEditor.marks.toggle(STATEMENT_MARKS[m], MARK_KEYS[m]);
    if (labelled) {
      return (
        <Tooltip key={m} label={label} withinPortal openDelay={300}>
          <Button size="compact-xs" variant={on ? 'filled' : 'subtle'} color={on ? color : 'gray'} leftSection={<Icon size={13} />} aria-label={label} aria-pressed={on} onClick={() => onToggle(m)} onMouseDown={(e) => e.preventDefault()} fw={500}>
            {STATEMENT_MARKS[m]}
          </Button>
        </Tooltip>
      );
    }
    return (
      <Tooltip key={m} label={label} withinPortal openDelay={300}>
        <ActionIcon size={size} variant={on ? 'filled' : 'subtle'} color={on ? color : 'gray'} aria-label={label} aria-pressed={on} onClick={() => onToggle(m)} onMouseDown={(e) => e.preventDefault()}>
          <Icon size={size === 'md' ? 16 : 14} />
        </ActionIcon>
      </Tooltip>
    );
  });
}
