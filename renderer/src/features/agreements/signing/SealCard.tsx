import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheckFilled, IconInfoCircle, IconRubberStamp, IconSettings } from '@tabler/icons-react';
import type { AgreementView } from '../../../../../electron/shared/ipc/contract';
import { allows } from '../../../../../electron/shared/policy/policy';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from '../../../app/router';
import { useSession } from '../../../app/session';
import { SectionCard } from '../../../components/SectionCard';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { settingsQueries } from '../../staff/queries';
import { ConfirmModal } from './ConfirmModal';
import { useSealMutation } from './mutations';
import { whoMay } from '../who-may';
import { canSeal } from './signer-order';
import classes from './Signing.module.css';

const l = t.signing.seal;

/**
 * 人民调解委员会印章: applied by a legal advisor or 中心负责人 (the policy table) once the text is approved, after a confirmation
 * that says what follows (the agreement takes effect if this was the last condition; either way the text is fixed).
 */
export function SealCard({ view, staffName }: { view: AgreementView; staffName: (id: string) => string }) {
  const { staff } = useSession();
  const { navigate } = useRouter();
  const images = useQuery(settingsQueries.images());
  const [confirming, setConfirming] = useState(false);
  const { seal, pending } = useSealMutation(view.agreement.caseId);
  const applied = view.agreement.seal;
  const allowed = canSeal(staff, view.caseStatus);
  // What else is still needed besides the seal (by key; the Chinese names are what the confirmation says).
  const otherMissing = view.effectiveness.missing.filter((_, i) => view.effectiveness.missingKeys[i] !== 'seal');
  const mayUploadSeal = allows('settings:set-image', staff.roles);
  const image = images.data?.seal ?? null;

  const apply = async () => {
    try {
      const next = await seal(view.agreement.revision);
      notifySuccess(next.effectiveness.effective && next.effectiveness.effectiveOn ? l.becameEffective(next.effectiveness.effectiveOn) : l.done);
    } catch {
      // notified by the mutation
    } finally {
      setConfirming(false);
    }
  };

  return (
    <SectionCard title={l.title} id="seal">
      <Group gap="md" wrap="nowrap" align="center">
        <div className={classes.sealPreview}>
          {image ? <img src={`data:image/png;base64,${image.pngBase64}`} alt={l.title} style={{ opacity: applied ? 1 : 0.35 }} /> : <IconRubberStamp size={40} color="var(--mantine-color-gray-4)" aria-hidden />}
        </div>
        <Stack gap={6} style={{ flex: 1 }} miw={0}>
          {applied ? (
            <Group gap={6} wrap="nowrap">
              <IconCircleCheckFilled size={18} color="var(--mantine-color-teal-6)" aria-hidden />
              <Text fz="sm" fw={600} c="teal.8" data-testid="seal-status">
                {l.applied(formatDateTime(applied.at), staffName(applied.by))}
              </Text>
            </Group>
          ) : (
            <Text fz="sm" c="orange.8" fw={600} data-testid="seal-status">
              {l.notApplied}
            </Text>
          )}
          {applied ? null : !allowed ? (
            <Text fz="xs" c="dimmed">
              {l.rolesOnly(whoMay('agreements:seal'))}
            </Text>
          ) : !view.sealConfigured ? null : (
            // The last condition stands out; before that the seal is still possible but not the next step.
            <Button leftSection={<IconRubberStamp size={18} />} onClick={() => setConfirming(true)} w="fit-content" color="red.8" variant={otherMissing.length === 0 ? 'filled' : 'light'}>
              {l.apply}
            </Button>
          )}
        </Stack>
      </Group>
      {!applied && !view.sealConfigured ? (
        <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} />} title={l.notConfigured}>
          <Stack gap="xs" align="flex-start">
            <Text fz="sm">{mayUploadSeal ? l.notConfiguredHint : l.notConfiguredOthers}</Text>
            {mayUploadSeal ? (
              <Button size="xs" leftSection={<IconSettings size={14} />} onClick={() => navigate({ name: 'staff', focus: 'seal' })}>
                {l.goToSettings}
              </Button>
            ) : null}
          </Stack>
        </Alert>
      ) : null}
      <ConfirmModal opened={confirming} title={l.confirmTitle} confirmLabel={l.confirm} pending={pending} color="red.8" onConfirm={() => void apply()} onCancel={() => setConfirming(false)}>
        <Text fz="sm" fw={600}>
          {otherMissing.length === 0 ? l.confirmEffective : l.confirmPending(otherMissing.join('、'))}
        </Text>
        <Text fz="sm" c="dimmed">
          {l.confirmFixed}
        </Text>
      </ConfirmModal>
    </SectionCard>
  );
}
