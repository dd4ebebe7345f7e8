import { Group, List, Text } from '@mantine/core';
import { IconAlertTriangleFilled, IconCircleCheckFilled, IconCircleDashed, IconShieldExclamation } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { VerificationReason, VerificationReasonCode } from '../../../../electron/shared/ipc/contract';
import { t } from '../../i18n';
import { fingerprintPrefix } from '../../lib/fingerprint';

const v = t.signing.verify;
type Tone = 'good' | 'bad' | 'warn' | 'neutral';

/** How each reason weighs, by its code (never by its words). */
export const REASON_TONES: Record<VerificationReasonCode, Tone> = {
  unsigned: 'neutral',
  signature_intact: 'good',
  signature_broken: 'bad',
  signature_partial: 'bad',
  padding_not_zero: 'bad',
  signer_current_certificate: 'good',
  signer_earlier_certificate: 'good',
  signer_unknown: 'warn',
  registered: 'good',
  not_registered: 'neutral',
  registered_but_case_disagrees: 'bad',
};

const ICONS: Record<Tone, ReactNode> = {
  good: <IconCircleCheckFilled size={18} color="var(--mantine-color-teal-6)" aria-hidden />,
  bad: <IconAlertTriangleFilled size={18} color="var(--mantine-color-red-7)" aria-hidden />,
  warn: <IconShieldExclamation size={18} color="var(--mantine-color-orange-7)" aria-hidden />,
  neutral: <IconCircleDashed size={18} color="var(--mantine-color-gray-6)" aria-hidden />,
};

export function reasonText(reason: VerificationReason): string {
  if (reason.code === 'signer_earlier_certificate') {
    const { fingerprintSha256, notBefore, notAfter } = reason.certificate;
    return v.reasons.signer_earlier_certificate(fingerprintPrefix(fingerprintSha256), notBefore.slice(0, 10), notAfter.slice(0, 10));
  }
  return v.reasons[reason.code];
}

/** 核验依据: why the verdict is what it is — the signature, its signer, the registry — one line each. */
export function VerifyReasons({ reasons }: { reasons: VerificationReason[] }) {
  return (
    <div>
      <Text fz="sm" fw={600} mb={4}>
        {v.reasonsTitle}
      </Text>
      <List spacing={4} listStyleType="none" aria-label={v.reasonsTitle} data-testid="verify-reasons">
        {reasons.map((reason) => (
          <List.Item key={reason.code} data-reason={reason.code} data-tone={REASON_TONES[reason.code]}>
            <Group gap={8} wrap="nowrap" align="flex-start">
              {ICONS[REASON_TONES[reason.code]]}
              <Text fz="sm">{reasonText(reason)}</Text>
            </Group>
          </List.Item>
        ))}
      </List>
    </div>
  );
}
