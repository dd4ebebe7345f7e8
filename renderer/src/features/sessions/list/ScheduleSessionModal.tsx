import { type KeyboardEvent, useRef } from 'react';
import { Alert, Autocomplete, Button, Center, Grid, Group, Loader, Modal, MultiSelect, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCalendarPlus, IconCheck } from '@tabler/icons-react';
import type { CaseRecord } from '../../../../../electron/shared/domain/case';
import type { SessionKind, SessionRecord } from '../../../../../electron/shared/domain/session';
import type { Staff } from '../../../../../electron/shared/domain/staff';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../../app/session';
import { DateField } from '../../../components/DateField';
import { TimeField } from '../../../components/TimeField';
import { t } from '../../../i18n';
import { handleFormKeyDown, selectComboboxTextOnFocus } from '../../../lib/keyboard-nav';
import { notifyError } from '../../../lib/notify';
import { focusFirstError } from '../../../lib/zod-form';
import { settingsQueries, staffQueries } from '../../staff/queries';
import { formatSessionTime, sessionOrdinal } from './session-labels';
import { type ScheduleValues, editScheduleValues, isScheduleField, issuesToErrors, newScheduleValues, toPlan, validateSchedule } from './schedule-form';
import { SubjectFields } from './SubjectFields';
import { useSessionMutations } from './mutations';
import { clock } from '../../../lib/clock';

const f = t.sessions.form;

/** What the dialog is for: a new session or investigation, or changing the plan of one (read fresh, with its revision). */
export type ScheduleTarget = { mode: 'new'; kind: SessionKind } | { mode: 'edit'; session: SessionRecord };

export interface ScheduleSessionModalProps {
  record: CaseRecord;
  caseTitle: string;
  /** null: closed. */
  target: ScheduleTarget | null;
  onClose: () => void;
}

/** 安排调解 / 安排调查 / 修改安排: one dialog; the form inside is made fresh each time it opens. */
export function ScheduleSessionModal({ record, caseTitle, target, onClose }: ScheduleSessionModalProps) {
  const kind = target ? (target.mode === 'new' ? target.kind : target.session.kind) : 'session';
  const title = !target ? '' : target.mode === 'new' ? f.titleNew[target.kind] : f.titleEdit(sessionOrdinal(target.session));
  return (
    <Modal opened={target !== null} onClose={onClose} title={title} size="lg" closeOnClickOutside={false}>
      {target ? <ScheduleForm key={target.mode === 'edit' ? target.session.id : kind} record={record} caseTitle={caseTitle} target={target} onDone={onClose} /> : null}
    </Modal>
  );
}

function ScheduleForm({ record, caseTitle, target, onDone }: { record: CaseRecord; caseTitle: string; target: ScheduleTarget; onDone: () => void }) {
  const settings = useQuery(settingsQueries.get());
  const staff = useQuery(staffQueries.list());
  if (settings.error || staff.error) {
    return (
      <Alert color="red" title={t.common.loadFailed}>
        {(settings.error ?? staff.error)?.message}
      </Alert>
    );
  }
  if (!settings.data || !staff.data) {
    return (
      <Center h={200}>
        <Loader aria-label={t.app.loading} />
      </Center>
    );
  }
  return <ScheduleFields record={record} caseTitle={caseTitle} target={target} rooms={settings.data.rooms} staff={staff.data} onDone={onDone} />;
}

function ScheduleFields({ record, caseTitle, target, rooms, staff, onDone }: { record: CaseRecord; caseTitle: string; target: ScheduleTarget; rooms: readonly string[]; staff: readonly Staff[]; onDone: () => void }) {
  const { info, staff: me } = useSession();
  const formRef = useRef<HTMLFormElement>(null);
  const kind: SessionKind = target.mode === 'new' ? target.kind : target.session.kind;
  const editing = target.mode === 'edit' ? target.session : null;
  const active = staff.filter((s) => s.active);
  const mediators = active.filter((s) => s.roles.includes('mediator'));
  const { schedule, updatePlan, pending } = useSessionMutations(record.id, (view) => ({ ordinal: sessionOrdinal(view.session), when: formatSessionTime(view.session.scheduledAt) }));

  const form = useForm<ScheduleValues>({
    initialValues: editing
      ? editScheduleValues(editing)
      : newScheduleValues(kind, record, { today: info.today, mediatorIds: mediators.map((m) => m.id), recorderId: active.some((s) => s.id === me.id) ? me.id : '' }),
    validate: (values) => validateSchedule(kind, values),
    validateInputOnBlur: true,
  });
  const showErrors = (errors: Record<string, unknown>) => requestAnimationFrame(() => focusFirstError(formRef.current, errors as Record<string, string>));

  const submit = form.onSubmit(async (values) => {
    const plan = toPlan(kind, values);
    const outcome = editing ? await updatePlan(editing.id, editing.revision, plan) : await schedule(plan);
    if (outcome.ok) return onDone();
    if (outcome.issues.length > 0) {
      const errors = issuesToErrors(outcome.issues, values);
      const elsewhere = Object.entries(errors).filter(([field]) => !isScheduleField(field));
      if (elsewhere.length > 0) notifyError(new Error(elsewhere.map(([, message]) => String(message)).join('；')));
      form.setErrors(errors);
      showErrors(errors);
    }
  }, showErrors);

  const staffOptions = (list: readonly Staff[]) => list.map((s) => ({ value: s.id, label: s.name }));
  // Someone on the plan who has since left stays listed (by name) so that the plan reads true until changed.
  const mediatorData = staffOptions([...mediators, ...staff.filter((s) => form.values.mediatorIds.includes(s.id) && !mediators.includes(s))]);
  const recorderData = staffOptions([...active, ...staff.filter((s) => s.id === form.values.recorderId && !active.includes(s))]);
  const placeProps = form.getInputProps('place');
  const recorderProps = form.getInputProps('recorderId');
  const scheduledAt = form.values.date && form.values.time ? toPlan(kind, form.values).scheduledAt : '';
  const inPast = scheduledAt !== '' && !editing && Date.parse(scheduledAt) < clock.nowMs();
  const who = kind === 'session' ? t.sessions.mediators : t.sessions.investigators;
  const defaultPurpose = f.defaultPurpose[kind](caseTitle);

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={submit}
      aria-label={editing ? f.titleEdit(sessionOrdinal(editing)) : f.titleNew[kind]}
      onKeyDown={(event: KeyboardEvent<HTMLFormElement>) => handleFormKeyDown(event, { submit: () => formRef.current?.requestSubmit(), fallback: () => formRef.current?.querySelector<HTMLElement>('button[type="submit"]') ?? null })}
      onFocusCapture={selectComboboxTextOnFocus}
    >
      <Grid gap="md">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <DateField label={f.date} withAsterisk clearable={false} data-autofocus {...form.getInputProps('date')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <TimeField
            label={f.time}
            withAsterisk
            description={inPast ? f.inPast : undefined}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            styles={{ description: { color: 'var(--mantine-color-orange-8)' } }}
            {...form.getInputProps('time')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          {kind === 'session' ? (
            <Select label={f.place} placeholder={f.placeRoom} withAsterisk data={[...new Set([...rooms, ...(placeProps.value ? [placeProps.value as string] : [])])]} {...placeProps} value={(placeProps.value as string) || null} onChange={(value) => placeProps.onChange(value ?? '')} />
          ) : (
            <Autocomplete label={f.place} placeholder={f.placeFree} withAsterisk data={[...rooms]} {...placeProps} />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <MultiSelect
            label={who}
            placeholder={form.values.mediatorIds.length === 0 ? (kind === 'session' ? f.mediatorsPlaceholder : f.investigatorsPlaceholder) : undefined}
            description={kind === 'session' && !editing ? f.mediatorsHint : undefined}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            withAsterisk
            data={mediatorData}
            maxValues={10}
            {...form.getInputProps('mediatorIds')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select label={f.recorder} placeholder={f.recorderPlaceholder} withAsterisk data={recorderData} {...recorderProps} value={(recorderProps.value as string) || null} onChange={(value) => recorderProps.onChange(value ?? '')} />
        </Grid.Col>
        {kind === 'investigation' ? <SubjectFields form={form} parties={record.parties} locked={editing !== null} /> : null}
        <Grid.Col span={12}>
          <TextInput label={f.purpose} placeholder={f.purposeDefault(defaultPurpose)} {...form.getInputProps('purpose')} />
        </Grid.Col>
      </Grid>
      <Group justify="flex-end" mt="lg" gap="sm">
        <Button variant="default" onClick={onDone} disabled={pending}>
          {t.common.cancel}
        </Button>
        <Button type="submit" loading={pending} leftSection={editing ? <IconCheck size={16} /> : <IconCalendarPlus size={16} />} miw={110}>
          {editing ? f.submitEdit : f.submitNew}
        </Button>
      </Group>
    </form>
  );
}
