import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangleFilled } from '@tabler/icons-react';
import { SESSION_KINDS, type SessionKind, type SessionOutcome } from '../../../../../electron/shared/domain/session';
import { DateField } from '../../../components/DateField';
import { TimeField } from '../../../components/TimeField';
import { t } from '../../../i18n';
import { type OutcomeErrors, type OutcomeValues, blankOutcome, buildOutcome } from './outcome-form';

const E = t.sessionEditor.end;
const TYPES: SessionOutcome['type'][] = ['continue', 'agreement', 'failed', 'suspended'];

export interface EndSessionModalProps {
  opened: boolean;
  sessionKind: SessionKind;
  /** Names of parties who refused mediation: then only 调解不成 may be chosen (人民调解法 art. 17). */
  refused: string;
  today: string;
  pending: boolean;
  onClose: () => void;
  onEnd: (outcome: SessionOutcome | null) => void;
}

function OutcomeFields({ v, errors, set }: { v: OutcomeValues; errors: OutcomeErrors; set: (patch: Partial<OutcomeValues>) => void }) {
  switch (v.type) {
    case 'continue':
      return (
        <Stack gap="sm">
          <Group grow align="flex-start">
            <DateField label={E.nextDate} value={v.nextDate} onChange={(nextDate) => set({ nextDate })} error={errors.nextDate} />
            <TimeField label={E.nextTime} value={v.nextTime} onChange={(nextTime) => set({ nextTime })} error={errors.nextTime} />
          </Group>
          <Text fz="xs" c="dimmed" mt={-6}>
            {E.nextHint}
          </Text>
          <Textarea label={E.note} autosize minRows={2} maxRows={5} maxLength={2000} value={v.note} onChange={(e) => set({ note: e.currentTarget.value })} />
        </Stack>
      );
    case 'agreement':
      return <Textarea label={E.agreementNote} placeholder={E.agreementNotePlaceholder} autosize minRows={3} maxRows={6} maxLength={2000} value={v.agreementNote} onChange={(e) => set({ agreementNote: e.currentTarget.value })} />;
    case 'failed':
      return (
        <Stack gap="sm">
          <Textarea label={E.failedReason} withAsterisk autosize minRows={2} maxRows={5} maxLength={500} value={v.failedReason} error={errors.failedReason} onChange={(e) => set({ failedReason: e.currentTarget.value })} />
          <Checkbox label={E.routesExplained} checked={v.routesExplained} error={errors.routesExplained} onChange={(e) => set({ routesExplained: e.currentTarget.checked })} />
          <TextInput label={E.routes} placeholder={E.routesPlaceholder} maxLength={500} value={v.routes} onChange={(e) => set({ routes: e.currentTarget.value })} />
        </Stack>
      );
    case 'suspended':
      return <Textarea label={E.suspendedReason} withAsterisk autosize minRows={2} maxRows={5} maxLength={500} value={v.suspendedReason} error={errors.suspendedReason} onChange={(e) => set({ suspendedReason: e.currentTarget.value })} />;
    default:
      throw new Error(`unknown outcome ${String(v.type satisfies never)}`);
  }
}

/** 结束调解: the outcome and what it needs (next date, reason, the art. 26 notice); an investigation just ends. */
export function EndSessionModal({ opened, sessionKind, refused, today, pending, onClose, onEnd }: EndSessionModalProps) {
  const kind = SESSION_KINDS[sessionKind];
  const [values, setValues] = useState<OutcomeValues>(() => blankOutcome(refused ? 'failed' : 'continue'));
  const [errors, setErrors] = useState<OutcomeErrors>({});
  const v = refused && values.type !== 'failed' ? { ...values, type: 'failed' as const } : values;
  const set = (patch: Partial<OutcomeValues>) => {
    setValues((old) => ({ ...old, ...patch }));
    setErrors((old) => Object.fromEntries(Object.entries(old).filter(([k]) => !(k in patch))));
  };

  const submit = () => {
    if (sessionKind === 'investigation') return onEnd(null);
    const built = buildOutcome(v, today);
    if (!built.ok) return setErrors(built.errors);
    onEnd(built.outcome);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={E.title(kind)} size={sessionKind === 'session' ? 620 : 440}>
      <Stack gap="md">
        {sessionKind === 'investigation' ? (
          <Text fz="sm">{E.investigationBody}</Text>
        ) : (
          <>
            {refused ? (
              <Alert color="red" variant="light" icon={<IconAlertTriangleFilled size={18} />} title={t.sessionEditor.refusal.title(refused)}>
                {E.refusedOnly}
              </Alert>
            ) : null}
            <Radio.Group value={v.type} onChange={(type) => set({ type: type as SessionOutcome['type'] })} label={E.outcome} error={errors.type}>
              <SimpleGrid cols={2} spacing="xs" mt={6}>
                {TYPES.map((type) => {
                  const disabled = Boolean(refused) && type !== 'failed';
                  return (
                    <Radio.Card key={type} value={type} p="sm" radius="md" disabled={disabled} aria-label={E.outcomes[type]} style={disabled ? { opacity: 0.45, cursor: 'not-allowed' } : undefined}>
                      <Group wrap="nowrap" align="flex-start" gap="sm">
                        <Radio.Indicator disabled={disabled} />
                        <div>
                          <Text fw={600} fz="sm">
                            {E.outcomes[type]}
                          </Text>
                          <Text fz="xs" c="dimmed">
                            {E.outcomeHints[type]}
                          </Text>
                        </div>
                      </Group>
                    </Radio.Card>
                  );
                })}
              </SimpleGrid>
            </Radio.Group>
            <OutcomeFields v={v} errors={errors} set={set} />
            <Text fz="xs" c="dimmed">
              {E.closedNotice}
            </Text>
          </>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={pending}>
            {t.common.cancel}
          </Button>
          <Button color={v.type === 'failed' && sessionKind === 'session' ? 'red' : undefined} loading={pending} onClick={submit}>
            {E.confirm(kind)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
