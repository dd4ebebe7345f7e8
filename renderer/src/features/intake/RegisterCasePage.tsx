import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FormErrors } from '@mantine/form';
import { Alert, Button, Center, Group, Kbd, Loader, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconCloudCheck, IconCloudExclamation, IconHistory, IconRefresh } from '@tabler/icons-react';
import { call } from '../../api/client';
import { isApiCallError } from '../../api/errors';
import { useRouter } from '../../app/router';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { formatTime } from '../../lib/format';
import { handleFormKeyDown, selectComboboxTextOnFocus } from '../../lib/keyboard-nav';
import { notifyError, notifySuccess } from '../../lib/notify';
import { focusFirstError, issuesToFormErrors } from '../../lib/zod-form';
import { AgentsSection } from './components/AgentsSection';
import { DisputeFields } from './components/DisputeFields';
import { PartiesSection } from './components/PartiesSection';
import { RelatedCasesPanel } from './components/RelatedCasesPanel';
import { BringPartyModal } from './components/BringPartyModal';
import { type DraftStatus, isBlankIntake, restoreDraft, useDraftAutosave, waitForDraftSave } from './drafts';
import { IntakeFormProvider, useIntakeForm } from './form-context';
import { type IntakeValues, checkIntake, initialIntakeValues, validateIntake } from './intake-form';
import { useRegisterCaseMutation } from './mutations';
import { useRelatedCases } from './related';
import classes from './RegisterCasePage.module.css';

interface Start {
  values: IntakeValues;
  /** When the restored draft was saved; null for a blank form. */
  restoredAt: string | null;
}

/**
 * 登记案件: first reads the clerk's unsaved draft (a half-filled registration survives interruptions and restarts),
 * then shows the form with it. 清空重填 and 放弃草稿 start again from a blank form.
 */
export function RegisterCasePage() {
  const [start, setStart] = useState<Start | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    void (async () => {
      let restored: Start | null = null;
      try {
        await waitForDraftSave();
        const draft = await call('drafts:get');
        const values = draft ? restoreDraft(draft.data) : null;
        if (draft && values && !isBlankIntake(values)) restored = { values, restoredAt: draft.savedAt };
      } catch {
        // No draft to offer (or the host could not read it): a blank form is the right start either way.
      }
      if (live) setStart(restored ?? { values: initialIntakeValues(), restoredAt: null });
    })();
    return () => {
      live = false;
    };
  }, []);

  const startOver = useCallback(async (announce: boolean) => {
    try {
      await call('drafts:discard');
      if (announce) notifySuccess(t.intake.draftDiscarded);
    } catch (error) {
      notifyError(error);
    }
    setStart({ values: initialIntakeValues(), restoredAt: null });
    setGeneration((g) => g + 1);
  }, []);

  if (!start) {
    return (
      <Center h={320}>
        <Stack align="center" gap="xs">
          <Loader aria-label={t.intake.loadingDraft} />
          <Text c="dimmed" fz="sm">
            {t.intake.loadingDraft}
          </Text>
        </Stack>
      </Center>
    );
  }
  return <IntakeForm key={generation} start={start} onStartOver={startOver} />;
}

function DraftIndicator({ status }: { status: DraftStatus }) {
  if (status.state === 'saving') {
    return (
      <Group gap={4} c="dimmed">
        <Loader size={12} />
        <Text fz="xs">{t.intake.draftSaving}</Text>
      </Group>
    );
  }
  if (status.state === 'saved') {
    return (
      <Group gap={4} c="teal.8">
        <IconCloudCheck size={16} />
        <Text fz="xs">{t.intake.draftSaved(formatTime(status.savedAt))}</Text>
      </Group>
    );
  }
  if (status.state === 'failed') {
    return (
      <Group gap={4} c="red.7">
        <IconCloudExclamation size={16} />
        <Text fz="xs">{t.intake.draftSaveFailed}</Text>
      </Group>
    );
  }
  return null;
}

function KeyHints() {
  const k = t.intake.keys;
  return (
    <Group gap="md" c="dimmed" fz="xs" wrap="nowrap" aria-label={k.title}>
      <span>
        <Kbd size="xs">Enter</Kbd> {k.next}
      </span>
      <span>
        <Kbd size="xs">↓</Kbd> {k.open}
      </span>
      <span>
        <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Enter</Kbd> {k.submit}
      </span>
    </Group>
  );
}

/**
 * The form itself: validates field by field on blur and as a whole on submit, with the schema main applies; looks up
 * related cases while identifiers are typed; keeps a draft. Uncontrolled, so that typing in one of fifty fields does
 * not re-render the other forty-nine.
 */
function IntakeForm({ start, onStartOver }: { start: Start; onStartOver: (announce: boolean) => Promise<void> }) {
  const { info } = useSession();
  const { navigate } = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  // One id for this form's registration, kept through retries: a press of 登记 whose answer was lost (the database
  // gone at COMMIT) and is pressed again gives back the case it made, never a second one.
  const [requestId] = useState(() => crypto.randomUUID());
  const submitRef = useRef<HTMLButtonElement>(null);
  const [attempted, setAttempted] = useState(false);
  const [restoredAt, setRestoredAt] = useState(start.restoredAt);
  const [bringFrom, setBringFrom] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const { register, pending } = useRegisterCaseMutation();
  const related = useRelatedCases(info.today);
  const validate = useMemo(() => (values: IntakeValues) => validateIntake(values, info.today), [info.today]);
  const autosave = useDraftAutosave(() => form.getValues());
  const form = useIntakeForm({
    mode: 'uncontrolled',
    initialValues: start.values,
    validate,
    validateInputOnBlur: true,
    onValuesChange: (values) => {
      autosave.schedule();
      related.update(values);
    },
  });

  useEffect(() => {
    // A restored draft already has identifiers and names: look them up at once. Then the first field gets focus.
    related.commitNames(form.getValues());
    formRef.current?.querySelector<HTMLElement>('[data-path="dispute.disputeType"]')?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const showErrors = (errors: FormErrors) => {
    setAttempted(true);
    // Wait one frame so that newly shown messages do not shift the field after it got focus.
    requestAnimationFrame(() => focusFirstError(formRef.current, errors));
  };

  const submit = form.onSubmit(
    async (values) => {
      const checked = checkIntake(values, info.today);
      if (!checked.ok) return showErrors(checked.errors);
      setAttempted(false);
      autosave.stop();
      try {
        const record = await register({ ...checked.input, requestId });
        void call('drafts:discard').catch(() => undefined);
        navigate({ name: 'case', id: record.id, from: 'desk' });
      } catch (error) {
        autosave.resume();
        if (isApiCallError(error) && error.issues.length > 0) {
          const errors = issuesToFormErrors(error.issues);
          form.setErrors(errors);
          showErrors(errors);
        }
      }
    },
    (errors) => showErrors(errors),
  );

  const startOver = (announce: boolean) => {
    autosave.stop();
    void onStartOver(announce);
  };

  const openRelated = (id: string) => {
    void autosave.flush();
    navigate({ name: 'case', id, from: 'register' });
  };

  // After a failed submit the summary follows the fields: it shrinks as errors are fixed and disappears at zero.
  const errorCount = attempted ? Object.keys(form.errors).length : 0;

  return (
    <IntakeFormProvider form={form}>
      <PageHeader title={t.intake.title} description={t.intake.subtitle} />
      {restoredAt ? (
        <Alert color="navy" variant="light" icon={<IconHistory size={18} />} mb="md" role="status" withCloseButton onClose={() => setRestoredAt(null)} closeButtonLabel={t.common.close}>
          <Group justify="space-between" wrap="nowrap">
            <Text fz="sm">{t.intake.draftRestored(formatTime(restoredAt))}</Text>
            <Button size="compact-sm" variant="outline" color="red" onClick={() => startOver(true)}>
              {t.intake.draftDiscard}
            </Button>
          </Group>
        </Alert>
      ) : null}
      <div className={classes.layout}>
        <form
          ref={formRef}
          onSubmit={submit}
          noValidate
          aria-label={t.intake.title}
          className={classes.form}
          onKeyDown={(event) => handleFormKeyDown(event, { submit: () => formRef.current?.requestSubmit(), fallback: () => submitRef.current })}
          onFocusCapture={selectComboboxTextOnFocus}
          onBlurCapture={(event) => {
            // Names are looked up once typed in full, i.e. when the clerk leaves the field.
            if (/^(parties|agents)\.\d+\.name$/.test(event.target.getAttribute('data-path') ?? '')) related.commitNames(form.getValues());
          }}
        >
          <Stack gap="md">
            <SectionCard id="dispute" title={t.intake.disputeSection}>
              <DisputeFields />
            </SectionCard>
            <PartiesSection />
            <AgentsSection />
          </Stack>
          <Paper withBorder shadow="sm" p="sm" mt="md" className={classes.actions}>
            <Group justify="space-between" wrap="nowrap">
              <Group gap="lg" wrap="nowrap">
                {errorCount > 0 ? (
                  <Alert color="red" variant="transparent" p={0} icon={<IconAlertCircle size={18} />} role="alert">
                    {t.intake.invalidCount(errorCount)}
                  </Alert>
                ) : (
                  <KeyHints />
                )}
                <DraftIndicator status={autosave.status} />
              </Group>
              <Group gap="sm" wrap="nowrap">
                <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => setConfirmReset(true)} disabled={pending}>
                  {t.intake.reset}
                </Button>
                <Button ref={submitRef} type="submit" leftSection={<IconCheck size={16} />} loading={pending} miw={120}>
                  {t.intake.submit}
                </Button>
              </Group>
            </Group>
          </Paper>
        </form>
        <aside className={classes.aside} aria-label={t.intake.related.title}>
          <RelatedCasesPanel state={related.state} onOpen={openRelated} onBring={setBringFrom} />
        </aside>
      </div>
      <BringPartyModal caseId={bringFrom} onClose={() => setBringFrom(null)} />
      <Modal opened={confirmReset} onClose={() => setConfirmReset(false)} title={t.returning.resetTitle} size="sm">
        <Stack gap="md">
          <Text fz="sm">{t.returning.resetBody}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmReset(false)} data-autofocus>
              {t.returning.cancel}
            </Button>
            <Button
              color="red"
              onClick={() => {
                setConfirmReset(false);
                startOver(false);
              }}
            >
              {t.returning.resetConfirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </IntakeFormProvider>
  );
}
