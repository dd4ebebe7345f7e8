import { useState } from 'react';
import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { allows } from '../../../../../electron/shared/policy/policy';
import { call } from '../../../api/client';
import { useQueryClient } from '@tanstack/react-query';
import { refreshCase } from '../../../api/case-cache';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n';
import { notifyError } from '../../../lib/notify';

const R = t.staffAdmin.reveal;

export interface RevealValueProps {
  caseId: string;
  /** The party's or agent's id. */
  personId: string;
  field: 'idNumber' | 'phone';
  /** What is shown until the full value is asked for (maskIdNumber / maskPhone). */
  masked: string;
}

/**
 * A masked ID number or phone with a small 查看 (eye) button: the full value comes from the host on request
 * (cases:reveal, which records who looked at whose number in the case's audit trail) and is hidden again on a second
 * click. It is never kept beyond this card.
 */
export function RevealValue({ caseId, personId, field, masked }: RevealValueProps) {
  const { staff } = useSession();
  const [value, setValue] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const queryClient = useQueryClient();
  const what = R[field];
  const label = value === null ? R.show(what) : R.hide(what);

  const toggle = async () => {
    if (value !== null) {
      setValue(null);
      return;
    }
    setPending(true);
    try {
      const revealed = await call('cases:reveal', { caseId, personId, field });
      setValue(revealed.value);
      // The look is in the case's audit trail (and recorded on the case): show it, keep the revision current.
      void refreshCase(queryClient, caseId);
    } catch (error) {
      notifyError(error, R.failed);
    } finally {
      setPending(false);
    }
  };

  return (
    <Group component="span" gap={4} wrap="nowrap" style={{ display: 'inline-flex' }}>
      <span data-testid={`${field}-${personId}`} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value ?? masked}
      </span>
      {allows('cases:reveal', staff.roles) ? (
        <Tooltip label={label} withArrow openDelay={300}>
          <ActionIcon size="sm" variant="subtle" color="gray" aria-label={label} aria-pressed={value !== null} loading={pending} onClick={() => void toggle()}>
            {value === null ? <IconEye size={14} /> : <IconEyeOff size={14} />}
          </ActionIcon>
        </Tooltip>
      ) : null}
    </Group>
  );
}
