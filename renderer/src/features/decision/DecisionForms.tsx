import { type KeyboardEvent, useRef } from 'react';
import type { RefinementCtx, ZodType } from 'zod';
import { Autocomplete, Button, Grid, Group, Select, Text, Textarea } from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { IconArrowForwardUp, IconCheck, IconX } from '@tabler/icons-react';
import type { CaseRecord } from '../../../../electron/shared/domain/case';
import {
  AcceptInputSchema,
  RECEIVING_BODIES,
  REFUSAL_GROUNDS,
  type RefusalGround,
  RefuseInputSchema,
  TransferInputSchema,
  checkDecisionDates,
  defaultMediationDue,
} from '../../../../electron/shared/domain/decisions';
import { addDays } from '../../../../electron/shared/validation/dates';
import type { CenterSettings } from '../../../../electron/shared/domain/settings';
import type { MediatorLoad } from '../../../../electron/shared/ipc/contract';
import { useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { t } from '../../i18n';
import { handleFormKeyDown, selectComboboxTextOnFocus } from '../../lib/keyboard-nav';
import { focusFirstError, issuesToFormErrors } from '../../lib/zod-form';
import { AssignFields } from './AssignFields';
import { useDecisionMutation } from './mutations';
import { suggestRoom } from './options';

const GROUND_OPTIONS = (Object.keys(REFUSAL_GROUNDS) as RefusalGround[]).map((value) => ({ value, label: REFUSAL_GROUNDS[value] }));
const BODIES = [...RECEIVING_BODIES];
const REPLY_DAYS = 15;

/**
 * Validates a decision with its shared schema (the one main parses with) plus the shared date rule main applies (no
 * deadline in the past). The date rule runs on its own too, so that a past date shows even while another field is
 * still empty (zod skips refinements until the whole object has the right shape).
 */
function decisionValidator(schema: ZodType, today: string) {
  return (input: Record<string, unknown>): FormErrors => {
    const issues: { path: PropertyKey[]; message: string }[] = [];
    const parsed = schema.safeParse(input);
    if (!parsed.success) issues.push(...parsed.error.issues);
    const ctx = { addIssue: (issue: { path: PropertyKey[]; message: string }) => void issues.push(issue) } as unknown as RefinementCtx;
    const dates = { mediationDue: input.mediationDue, replyDue: input.replyDue } as { mediationDue?: string; replyDue?: string };
    checkDecisionDates({ mediationDue: dates.mediationDue || undefined, replyDue: dates.replyDue || undefined }, today, ctx);
    return issuesToFormErrors(issues);
  };
}

/** A keyboard-first <form>: Enter moves on, Ctrl+Enter decides, errors focus their field. */
function useDecisionForm() {
  const ref = useRef<HTMLFormElement>(null);
  const keyProps = {
    ref,
    noValidate: true,
    onKeyDown: (event: KeyboardEvent<HTMLFormElement>) =>
      handleFormKeyDown(event, { submit: () => ref.current?.requestSubmit(), fallback: () => ref.current?.querySelector<HTMLElement>('button[type="submit"]') ?? null }),
    onFocusCapture: selectComboboxTextOnFocus,
  };
  const showErrors = (errors: FormErrors) => requestAnimationFrame(() => focusFirstError(ref.current, errors));
  return { keyProps, showErrors };
}

interface AcceptValues {
  mediatorIds: string[];
  room: string;
  mediationDue: string;
  note: string;
}

/** 受理: mediators (or later), room, the mediation deadline prefilled by the sector rule, note. */
export function AcceptForm({ record, loads, settings }: { record: CaseRecord; loads: MediatorLoad[]; settings: CenterSettings }) {
  const { info } = useSession();
  const { keyProps, showErrors } = useDecisionForm();
  const { run, pending } = useDecisionMutation('cases:accept');
  const due = defaultMediationDue(record.dispute.disputeType, info.today, settings.mediationDays);
  const validate = decisionValidator(AcceptInputSchema, info.today);
  const form = useForm<AcceptValues>({
    initialValues: { mediatorIds: [], room: suggestRoom(record.dispute.disputeType, settings.rooms), mediationDue: due.due, note: '' },
    validate: (values) => validate({ id: record.id, revision: record.revision, ...values }),
    validateInputOnBlur: true,
    validateInputOnChange: ['mediationDue'],
  });
  const submit = form.onSubmit(async (values) => {
    const outcome = await run({ id: record.id, revision: record.revision, ...values, note: values.note.trim() }, (view) => t.decision.accepted(view.record.deadlines.mediationDue ?? values.mediationDue));
    if (!outcome.ok && Object.keys(outcome.errors).length > 0) {
      form.setErrors(outcome.errors);
      showErrors(outcome.errors);
    }
  }, showErrors);
  const none = form.values.mediatorIds.length === 0;
  return (
    <form {...keyProps} onSubmit={submit} aria-label={t.decision.accept}>
      <Grid gap="md">
        <AssignFields form={form} loads={loads} rooms={settings.rooms} span={4} />
        <Grid.Col span={{ base: 12, md: 4 }}>
          <DateField
            label={t.decision.mediationDue}
            withAsterisk
            description={t.decision.mediationDueRule(due.rule, due.due)}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            clearable={false}
            {...form.getInputProps('mediationDue')}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label={t.decision.note} placeholder={t.decision.notePlaceholder} autosize minRows={1} maxRows={4} {...form.getInputProps('note')} />
        </Grid.Col>
      </Grid>
      <Group justify="space-between" mt="md" wrap="nowrap">
        <Text fz="xs" c="dimmed">
          {none ? t.decision.acceptNoMediator : ''}
        </Text>
        <Button type="submit" leftSection={<IconCheck size={16} />} loading={pending} miw={120}>
          {t.decision.acceptSubmit}
        </Button>
      </Group>
    </form>
  );
}

interface RefuseValues {
  ground: RefusalGround | '';
  referTo: string;
  note: string;
}

/** 不予受理: the legal ground, where the visitor should go, note. */
export function RefuseForm({ record }: { record: CaseRecord }) {
  const { info } = useSession();
  const { keyProps, showErrors } = useDecisionForm();
  const { run, pending } = useDecisionMutation('cases:refuse');
  const validate = decisionValidator(RefuseInputSchema, info.today);
  const form = useForm<RefuseValues>({
    initialValues: { ground: '', referTo: '', note: '' },
    validate: (values) => validate({ id: record.id, revision: record.revision, ...values, ground: values.ground || undefined }),
    validateInputOnBlur: true,
  });
  const groundProps = form.getInputProps('ground');
  const submit = form.onSubmit(async (values) => {
    if (!values.ground) return;
    const outcome = await run({ id: record.id, revision: record.revision, ground: values.ground, referTo: values.referTo.trim(), note: values.note.trim() }, () => t.decision.refused);
    if (!outcome.ok && Object.keys(outcome.errors).length > 0) {
      form.setErrors(outcome.errors);
      showErrors(outcome.errors);
    }
  }, showErrors);
  return (
    <form {...keyProps} onSubmit={submit} aria-label={t.decision.refuse}>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Select
            label={t.decision.ground}
            placeholder={t.decision.groundPlaceholder}
            data={GROUND_OPTIONS}
            withAsterisk
            comboboxProps={{ shadow: 'md', width: 'target' }}
            {...groundProps}
            value={(groundProps.value as string) || null}
            onChange={(value) => groundProps.onChange(value ?? '')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Autocomplete label={t.decision.referTo} placeholder={t.decision.referToPlaceholder} data={BODIES} withAsterisk {...form.getInputProps('referTo')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label={t.decision.note} placeholder={t.decision.notePlaceholder} autosize minRows={1} maxRows={4} {...form.getInputProps('note')} />
        </Grid.Col>
      </Grid>
      <Group justify="flex-end" mt="md">
        <Button type="submit" color="red" leftSection={<IconX size={16} />} loading={pending} miw={120}>
          {t.decision.refuseSubmit}
        </Button>
      </Group>
    </form>
  );
}

interface TransferValues {
  receivingBody: string;
  replyDue: string;
  note: string;
}

/** 转办: the receiving body and the deadline for its reply. */
export function TransferForm({ record }: { record: CaseRecord }) {
  const { info } = useSession();
  const { keyProps, showErrors } = useDecisionForm();
  const { run, pending } = useDecisionMutation('cases:transfer');
  const validate = decisionValidator(TransferInputSchema, info.today);
  const form = useForm<TransferValues>({
    initialValues: { receivingBody: '', replyDue: addDays(info.today, REPLY_DAYS), note: '' },
    validate: (values) => validate({ id: record.id, revision: record.revision, ...values }),
    validateInputOnBlur: true,
    validateInputOnChange: ['replyDue'],
  });
  const submit = form.onSubmit(async (values) => {
    const body = values.receivingBody.trim();
    const outcome = await run({ id: record.id, revision: record.revision, receivingBody: body, replyDue: values.replyDue, note: values.note.trim() }, () => t.decision.transferred(body));
    if (!outcome.ok && Object.keys(outcome.errors).length > 0) {
      form.setErrors(outcome.errors);
      showErrors(outcome.errors);
    }
  }, showErrors);
  return (
    <form {...keyProps} onSubmit={submit} aria-label={t.decision.transfer}>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Autocomplete label={t.decision.receivingBody} placeholder={t.decision.receivingBodyPlaceholder} data={BODIES} withAsterisk {...form.getInputProps('receivingBody')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <DateField
            label={t.decision.replyDue}
            withAsterisk
            description={t.decision.replyDueHint}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            clearable={false}
            {...form.getInputProps('replyDue')}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label={t.decision.note} placeholder={t.decision.notePlaceholder} autosize minRows={1} maxRows={4} {...form.getInputProps('note')} />
        </Grid.Col>
      </Grid>
      <Group justify="flex-end" mt="md">
        <Button type="submit" color="violet" leftSection={<IconArrowForwardUp size={16} />} loading={pending} miw={120}>
          {t.decision.transferSubmit}
        </Button>
      </Group>
    </form>
  );
}

/** 指派 (a case accepted without a mediator, or a change of mediator): at least one mediator, and the room. */
export function AssignForm({
  target,
  loads,
  rooms,
  initial,
  onDone,
}: {
  target: { id: string; revision: number; caseNumber: string };
  loads: MediatorLoad[];
  rooms: readonly string[];
  initial: { mediatorIds: string[]; room: string };
  onDone?: () => void;
}) {
  const { keyProps, showErrors } = useDecisionForm();
  const { run, pending } = useDecisionMutation('cases:assign');
  const form = useForm<{ mediatorIds: string[]; room: string }>({ initialValues: initial });
  const names = (ids: string[]) => ids.map((id) => loads.find((l) => l.id === id)?.name ?? '').filter(Boolean).join('、');
  const submit = form.onSubmit(async (values) => {
    const outcome = await run({ id: target.id, revision: target.revision, mediatorIds: values.mediatorIds, room: values.room }, () => t.decision.assigned(names(values.mediatorIds)));
    if (outcome.ok) onDone?.();
    else if (Object.keys(outcome.errors).length > 0) {
      form.setErrors(outcome.errors);
      showErrors(outcome.errors);
    }
  }, showErrors);
  return (
    <form {...keyProps} onSubmit={submit} aria-label={t.decision.assignTitle}>
      <Grid gap="md">
        <AssignFields form={form} loads={loads} rooms={rooms} required span={6} />
      </Grid>
      <Group justify="flex-end" mt="md">
        <Button type="submit" leftSection={<IconCheck size={16} />} loading={pending} disabled={form.values.mediatorIds.length === 0} miw={120}>
          {t.decision.assignSubmit}
        </Button>
      </Group>
    </form>
  );
}
