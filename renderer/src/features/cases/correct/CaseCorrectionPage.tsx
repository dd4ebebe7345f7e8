import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { FormErrors } from '@mantine/form';
import { Alert, Button, Center, Group, Loader, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconCheck, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import type { CaseRecord } from '../../../../../electron/shared/domain/case';
import { correctionBlocked } from '../../../../../electron/shared/domain/corrections';
import { isApiCallError } from '../../../api/errors';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshCases } from '../../../api/case-cache';
import { call } from '../../../api/client';
import type { CaseView } from '../../../../../electron/shared/ipc/contract';
import type { CaseStatus } from '../../../../../electron/shared/domain/case-actions';
import { notifyError } from '../../../lib/notify';
import { type CorrectionFocus, useRouter } from '../../../app/router';
import { useSession } from '../../../app/session';
import { PageHeader } from '../../../components/PageHeader';
import { SectionCard } from '../../../components/SectionCard';
import { t } from '../../../i18n';
import { handleFormKeyDown, selectComboboxTextOnFocus } from '../../../lib/keyboard-nav';
import { focusFirstError, issuesToFormErrors } from '../../../lib/zod-form';
import { AgentsSection } from '../../intake/components/AgentsSection';
import { DisputeFields } from '../../intake/components/DisputeFields';
import { PartiesSection } from '../../intake/components/PartiesSection';
import { IntakeFormProvider, useIntakeForm } from '../../intake/form-context';
import { checkIntake, validateIntake } from '../../intake/intake-form';
import { caseQueries } from '../queries';
import { mayCorrect } from './may-correct';
import { intakeValuesOf } from './values';
import { useCorrectCaseMutation } from './mutations';
import classes from '../../intake/RegisterCasePage.module.css';

const C = t.corrections;

/**
 * 修改登记信息: the intake form's own sections, filled from the record, plus a required reason. Saved against the
 * revision the form was filled from; issues come back at the same field paths as at registration.
 */
export function CaseCorrectionPage({ id, focus, back = 'case' }: { id: string; focus?: CorrectionFocus; back?: 'case' | 'agreement' }) {
  const { navigate } = useRouter();
  const view = useQuery(caseQueries.detail(id));
  // The form is filled once from the case as first loaded; a background reload must not wipe what is being typed.
  // After a conflict, 重新载入 fetches the latest revision and fills the form again.
  const [loaded, setLoaded] = useState<CaseView | null>(null);
  const queryClient = useQueryClient();
  useEffect(() => {
    if (view.data && !loaded) setLoaded(view.data);
  }, [view.data, loaded]);

  const leave = () => navigate(back === 'agreement' ? { name: 'agreement', caseId: id } : { name: 'case', id });
  const backButton = (
    <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={leave} w="fit-content" px={4}>
      {back === 'agreement' ? C.backToAgreement : C.backToCase}
    </Button>
  );
  if (view.error && !loaded) {
    return (
      <Stack>
        {backButton}
        <Alert color="red" title={t.common.loadFailed}>
          {view.error.message}
        </Alert>
      </Stack>
    );
  }
  if (!loaded) {
    return (
      <Center h={320}>
        <Loader aria-label={C.loading} />
      </Center>
    );
  }
  const reload = async () => {
    try {
      setLoaded(await call('cases:get', { id }));
      void refreshCases(queryClient);
    } catch (error) {
      notifyError(error);
    }
  };
  // The case query keeps refreshing (live events); the form does not follow it, it only says the case moved on.
  const changedUnderneath = view.data !== undefined && view.data.record.revision > loaded.record.revision;
  return (
    <CorrectionForm
      key={loaded.record.revision}
      record={loaded.record}
      status={loaded.status}
      focus={focus}
      back={backButton}
      changedUnderneath={changedUnderneath}
      onDone={leave}
      onReload={() => void reload()}
    />
  );
}

function CorrectionForm({
  record,
  status,
  focus,
  back,
  changedUnderneath,
  onDone,
  onReload,
}: {
  record: CaseRecord;
  status: CaseStatus;
  focus?: CorrectionFocus;
  back: ReactNode;
  /** Someone else saved the case after this form was filled (its typed values stay). */
  changedUnderneath: boolean;
  onDone: () => void;
  onReload: () => void;
}) {
  const { info, staff } = useSession();
  const formRef = useRef<HTMLFormElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [conflict, setConflict] = useState(false);
  const { correct, pending } = useCorrectCaseMutation();
  const initialValues = useMemo(() => intakeValuesOf(record), [record]);
  const validate = useMemo(() => (values: typeof initialValues) => validateIntake(values, info.today), [info.today]);
  const form = useIntakeForm({ mode: 'uncontrolled', initialValues, validate, validateInputOnBlur: true });
  const allowed = mayCorrect(staff, record, status);
  const blocked = correctionBlocked(record);

  useEffect(() => {
    // Opened from the agreement's checks: straight to the first field to complete, else the first field.
    const index = focus ? record.parties.findIndex((p) => p.id === focus.partyId) : -1;
    // A valid ID number fills in the birth date and gender too: when it is among the gaps, it comes first.
    const fields = focus ? [...focus.fields].sort((x, y) => Number(y === 'idNumber') - Number(x === 'idNumber')) : [];
    const path = index >= 0 ? `parties.${index}.${fields[0] ?? 'name'}` : 'dispute.disputeType';
    requestAnimationFrame(() => {
      const el = formRef.current?.querySelector<HTMLElement>(`[data-path="${path}"]`);
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const showErrors = (errors: FormErrors) => {
    setAttempted(true);
    requestAnimationFrame(() => focusFirstError(formRef.current, errors));
  };

  const submit = form.onSubmit(
    async (values) => {
      const checked = checkIntake(values, info.today);
      const missingReason = reason.trim() ? null : C.reasonMissing;
      setReasonError(missingReason);
      if (!checked.ok) return showErrors(checked.errors);
      if (missingReason) return showErrors({ reason: missingReason });
      setAttempted(false);
      try {
        await correct({ id: record.id, revision: record.revision, ...checked.input, reason: reason.trim() }, record.caseNumber);
        onDone();
      } catch (error) {
        if (!isApiCallError(error)) return;
        if (error.code === 'CONFLICT') return setConflict(true);
        if (error.issues.length > 0) {
          const errors = issuesToFormErrors(error.issues);
          const { reason: onReason, ...onForm } = errors;
          if (onReason) setReasonError(String(onReason));
          form.setErrors(onForm);
          showErrors(errors);
        }
      }
    },
    (errors) => {
      if (!reason.trim()) setReasonError(C.reasonMissing);
      showErrors(errors);
    },
  );

  const errorCount = attempted ? Object.keys(form.errors).length + (reasonError ? 1 : 0) : 0;

  return (
    <IntakeFormProvider form={form}>
      <PageHeader above={back} title={C.title} description={C.description(record.caseNumber)} />
      {!allowed || blocked ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={C.blocked} mb="md">
          {blocked ?? C.notAllowed}
        </Alert>
      ) : (
        <Alert color="navy" variant="light" icon={<IconInfoCircle size={18} />} mb="md">
          {focus ? C.fromAgreement : C.note}
        </Alert>
      )}
      {conflict || changedUnderneath ? (
        // A refused save (conflict) outranks the notice that the case changed meanwhile; both offer the reload.
        <Alert color="orange" variant="light" icon={<IconAlertCircle size={18} />} title={conflict ? C.conflict : C.changedUnderneath} mb="md" role={conflict ? 'alert' : 'status'}>
          <Group justify="space-between" wrap="nowrap">
            <Text fz="sm">{conflict ? C.conflictHint : C.changedUnderneathHint}</Text>
            <Button size="compact-sm" variant="outline" leftSection={<IconRefresh size={14} />} onClick={onReload}>
              {C.reload}
            </Button>
          </Group>
        </Alert>
      ) : null}
      <form
        ref={formRef}
        onSubmit={submit}
        noValidate
        aria-label={C.title}
        className={classes.form}
        onKeyDown={(event) => handleFormKeyDown(event, { submit: () => formRef.current?.requestSubmit(), fallback: () => submitRef.current })}
        onFocusCapture={selectComboboxTextOnFocus}
      >
        <Stack gap="md">
          <SectionCard id="dispute" title={t.intake.disputeSection}>
            <DisputeFields />
          </SectionCard>
          <PartiesSection />
          <AgentsSection />
          <SectionCard id="reason" title={C.reasonSection}>
            <Textarea
              label={C.reason}
              withAsterisk
              data-path="reason"
              placeholder={C.reasonPlaceholder}
              autosize
              minRows={2}
              maxRows={6}
              maxLength={500}
              value={reason}
              error={reasonError ?? undefined}
              onChange={(event) => {
                setReason(event.currentTarget.value);
                if (event.currentTarget.value.trim()) setReasonError(null);
              }}
            />
          </SectionCard>
        </Stack>
        <Paper withBorder shadow="sm" p="sm" mt="md" className={classes.actions}>
          <Group justify="space-between" wrap="nowrap">
            {errorCount > 0 ? (
              <Alert color="red" variant="transparent" p={0} icon={<IconAlertCircle size={18} />} role="alert">
                {C.invalidCount(errorCount)}
              </Alert>
            ) : (
              <span />
            )}
            <Group gap="sm" wrap="nowrap">
              <Button variant="default" onClick={onDone} disabled={pending}>
                {C.cancel}
              </Button>
              <Button ref={submitRef} type="submit" leftSection={<IconCheck size={16} />} loading={pending} disabled={!allowed || !!blocked || conflict} miw={120}>
                {C.save}
              </Button>
            </Group>
          </Group>
        </Paper>
      </form>
    </IntakeFormProvider>
  );
}
