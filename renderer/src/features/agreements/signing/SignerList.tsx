import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconLock, IconPencil } from '@tabler/icons-react';
import { SIGNER_KINDS } from '../../../../../electron/shared/domain/agreement';
import type { SignerSlot } from '../../../../../electron/shared/ipc/contract';
import { SectionCard } from '../../../components/SectionCard';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { canTake, isStaffSlot } from './signer-order';
import { SignatureThumb } from './SignatureThumb';
import classes from './Signing.module.css';

const l = t.signing.signers;

/** What the signer signs as: the printed label without the name (申请人, 申请人张建国的委托代理人, 人民调解员). */
export function roleOf(slot: Pick<SignerSlot, 'label' | 'name' | 'kind'>): string {
  return slot.label.endsWith(slot.name) && slot.label.length > slot.name.length ? slot.label.slice(0, -slot.name.length) : SIGNER_KINDS[slot.kind];
}

export interface SignerListProps {
  caseId: string;
  signers: readonly SignerSlot[];
  staffId: string;
  /** The signer now at the pad, highlighted; null when nobody. */
  currentId: string | null;
  /** Whether signatures are taken now (approved, not yet effective). */
  open: boolean;
  staffName: (id: string) => string;
  onChoose: (signerId: string) => void;
}

/** Everyone who signs, in the printed order, with what they signed and when, and who took it. */
export function SignerList({ caseId, signers, staffId, currentId, open, staffName, onChoose }: SignerListProps) {
  return (
    <SectionCard title={l.title} hint={l.hint} id="signers">
      <ol className={classes.signers} aria-label={l.title}>
        {signers.map((slot, i) => {
          const current = slot.signerId === currentId;
          const signature = slot.signature;
          return (
            <li key={slot.signerId} className={classes.signer} data-current={current ? true : undefined} aria-label={l.rowLabel(slot.label)} aria-current={current ? 'step' : undefined}>
              <span className={classes.order} data-signed={signature ? true : undefined} aria-hidden>
                {i + 1}
              </span>
              <Stack gap={2} miw={0}>
                <Group gap={6} wrap="nowrap">
                  <Text fw={600} fz="sm" truncate>
                    {slot.name}
                  </Text>
                  <Badge size="xs" variant="light" color={slot.kind === 'party' ? 'navy' : 'gray'} style={{ flex: 'none' }}>
                    {roleOf(slot)}
                  </Badge>
                  {slot.required ? null : (
                    <Badge size="xs" variant="outline" color="gray">
                      {l.optional}
                    </Badge>
                  )}
                </Group>
                {signature ? (
                  <Text fz="xs" c="dimmed">
                    <Text span c="teal.8" fz="xs" fw={600}>
                      {l.signed}
                    </Text>{' '}
                    · {l.at(formatDateTime(signature.at), staffName(signature.takenBy))}
                  </Text>
                ) : current ? (
                  <Text fz="xs" c="navy.7" fw={600}>
                    {l.current}
                  </Text>
                ) : open && isStaffSlot(slot) && slot.signerId !== staffId ? (
                  <Group gap={4} wrap="nowrap">
                    <IconLock size={12} color="var(--mantine-color-gray-6)" aria-hidden />
                    <Text fz="xs" c="dimmed">
                      {l.selfOnly}
                    </Text>
                  </Group>
                ) : (
                  <Text fz="xs" c={slot.required ? 'orange.8' : 'dimmed'}>
                    {l.pending}
                  </Text>
                )}
              </Stack>
              {signature ? (
                <SignatureThumb caseId={caseId} signature={signature} label={slot.label} />
              ) : open && !current && canTake(slot, staffId) ? (
                <Button size="xs" variant="light" leftSection={<IconPencil size={14} />} onClick={() => onChoose(slot.signerId)} aria-label={`${l.sign} ${slot.label}`}>
                  {l.sign}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ol>
    </SectionCard>
  );
}
