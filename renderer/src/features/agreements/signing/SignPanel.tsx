import { useId, useRef, useState } from 'react';
import { Button, Checkbox, Group, Input, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconEraser, IconPlayerSkipForward } from '@tabler/icons-react';
import type { SigningMethod } from '../../../../../electron/shared/domain/agreement';
import type { AgreementView, SignerSlot } from '../../../../../electron/shared/ipc/contract';
import { isApiCallError } from '../../../api/errors';
import { t } from '../../../i18n';
import { notifySuccess } from '../../../lib/notify';
import { ConfirmModal } from './ConfirmModal';
import { useSignMutation } from './mutations';
import { isStaffSlot, methodsFor } from './signer-order';
import { type CapturedSignature, SignaturePadField, type SignaturePadHandle } from './SignaturePadField';
import classes from './Signing.module.css';

const s = t.signing.sign;
type PaperMethod = Exclude<SigningMethod, 'drawn'>;

export interface SignPanelProps {
  view: AgreementView;
  /** The signer in turn (not yet signed, and one this desk may take). */
  slot: SignerSlot;
  /** Whether a scan of the signed printed copy is uploaded: without one, a paper signature needs a reason @default false */
  hasScan?: boolean;
  /** Offered for signers who need not sign (agents, the recorder): moves on to the next. @default undefined */
  onSkip?: () => void;
}

/**
 * The signer in turn: their name large, the way they sign (on screen, or on the paper copy: signed, fingerprinted or,
 * for an organisation, sealed), then a large pad with 清除重写 and 确认签名, or a checked confirmation for paper.
 */
export function SignPanel({ view, slot, hasScan = false, onSkip }: SignPanelProps) {
  const methods = methodsFor(slot);
  const [method, setMethod] = useState<SigningMethod>(methods[0]!);
  const [hasInk, setHasInk] = useState(false);
  const [padError, setPadError] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const pad = useRef<SignaturePadHandle>(null);
  const errorId = useId();
  const { sign, pending } = useSignMutation(view.agreement.caseId);
  const staff = isStaffSlot(slot);

  const submit = async (chosen: SigningMethod) => {
    let pngBase64: string | null = null;
    let strokes: CapturedSignature['strokes'] | null = null;
    if (chosen === 'drawn') {
      const captured = pad.current?.capture() ?? null;
      if (!captured) return setPadError(s.padEmpty);
      pngBase64 = captured.pngBase64;
      strokes = captured.strokes;
    }
    const paperReason = chosen !== 'drawn' && !hasScan ? reason.trim() : undefined;
    if (paperReason === '') return setReasonError(s.paperReasonRequired);
    try {
      await sign({ revision: view.agreement.revision, signerId: slot.signerId, method: chosen, pngBase64, strokes, ...(paperReason ? { paperReason } : {}) });
      notifySuccess(s.signedOk(slot.label));
    } catch (error) {
      // The pad's own problems (an empty or unreadable image) are shown at the pad; the rest was notified.
      if (isApiCallError(error) && error.issues.length > 0) {
        const issue = error.issues[0]!;
        if (issue.path[0] === 'paperReason') return setReasonError(issue.message);
        setPadError(issue.message);
      }
    } finally {
      if (chosen === 'drawn' || hasScan || reason.trim()) setConfirming(false);
    }
  };

  const paper = method !== 'drawn' ? (method as PaperMethod) : null;
  return (
    <Paper withBorder p="lg" className={classes.current} component="section" aria-labelledby={`${errorId}-title`}>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={3} fz="md" c="dimmed" fw={500} id={`${errorId}-title`}>
            {s.title(slot.label)}
          </Title>
          <Text className={classes.signerName}>{staff ? s.inviteStaff(slot.name) : slot.organization ? slot.name : s.invite(slot.name)}</Text>
        </Stack>
        {methods.length > 1 ? (
          <Input.Wrapper label={s.method}>
            <SegmentedControl
              fullWidth
              value={method}
              onChange={(value) => {
                setMethod(value as SigningMethod);
                setChecked(false);
                setPadError(null);
              }}
              data={methods.map((m) => ({ value: m, label: s.methods[m] }))}
              aria-label={s.method}
            />
          </Input.Wrapper>
        ) : null}
        {method === 'drawn' ? (
          <Stack gap="xs">
            <SignaturePadField
              label={slot.label}
              handleRef={pad}
              error={padError}
              errorId={errorId}
              onInkChange={(ink) => {
                setHasInk(ink);
                if (ink) setPadError(null);
              }}
            />
            {padError ? (
              <Input.Error id={errorId} role="alert">
                {padError}
              </Input.Error>
            ) : (
              <Text fz="xs" c="dimmed">
                {s.padHint}。{s.evidence}
              </Text>
            )}
            <Group justify="space-between">
              <Group gap="xs">
                <Button variant="default" leftSection={<IconEraser size={16} />} onClick={() => pad.current?.clear()} disabled={pending || !hasInk}>
                  {s.clear}
                </Button>
                {onSkip ? (
                  <Button variant="subtle" color="gray" leftSection={<IconPlayerSkipForward size={16} />} onClick={onSkip} disabled={pending}>
                    {s.skip}
                  </Button>
                ) : null}
              </Group>
              <Button size="md" leftSection={<IconCheck size={18} />} loading={pending} onClick={() => void submit('drawn')}>
                {s.confirm}
              </Button>
            </Group>
          </Stack>
        ) : paper ? (
          <Stack gap="sm">
            {slot.organization ? (
              <Text fz="sm" c="dimmed">
                {s.organizationHint}
              </Text>
            ) : null}
            <Text fz="sm">{s.paperIntro}</Text>
            <Paper withBorder p="sm" bg="gray.0">
              <Text fw={600}>{s.paperAction[paper](slot.label)}</Text>
            </Paper>
            <Checkbox label={s.paperCheck} checked={checked} onChange={(e) => setChecked(e.currentTarget.checked)} />
            <Group justify="space-between">
              {onSkip ? (
                <Button variant="subtle" color="gray" leftSection={<IconPlayerSkipForward size={16} />} onClick={onSkip} disabled={pending}>
                  {s.skip}
                </Button>
              ) : (
                <span />
              )}
              <Button size="md" leftSection={<IconCheck size={18} />} disabled={!checked} onClick={() => setConfirming(true)}>
                {s.paperConfirm}
              </Button>
            </Group>
            <ConfirmModal
              opened={confirming}
              title={s.paperModalTitle}
              confirmLabel={s.paperConfirm}
              pending={pending}
              onConfirm={() => void submit(paper)}
              onCancel={() => setConfirming(false)}
            >
              <Text fz="sm">{hasScan ? s.paperModalBody(s.paperAction[paper](slot.label)) : s.paperModalBodyNoScan(s.paperAction[paper](slot.label))}</Text>
              {hasScan ? null : (
                <TextInput
                  label={s.paperReason}
                  description={s.paperReasonHint}
                  placeholder={s.paperReasonPlaceholder}
                  required
                  maxLength={200}
                  value={reason}
                  error={reasonError}
                  onChange={(e) => {
                    setReason(e.currentTarget.value);
                    setReasonError(null);
                  }}
                />
              )}
            </ConfirmModal>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
