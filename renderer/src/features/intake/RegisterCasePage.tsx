import { useMemo, useRef, useState } from 'react';
import type { FormErrors } from '@mantine/form';
import { Alert, Button, Group, Paper, Stack } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconRefresh } from '@tabler/icons-react';
import { isApiCallError } from '../../api/errors';
import { useRouter } from '../../app/router';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { SectionCard } from '../../components/SectionCard';
import { t } from '../../i18n';
import { focusFirstError, issuesToFormErrors } from '../../lib/zod-form';
import { AgentsSection } from './components/AgentsSection';
import { DisputeFields } from './components/DisputeFields';
import { PartiesSection } from './components/PartiesSection';
import { IntakeFormProvider, useIntakeForm } from './form-context';
import { type IntakeValues, checkIntake, initialIntakeValues, validateIntake } from './intake-form';
import { useRegisterCaseMutation } from './mutations';
import classes from './RegisterCasePage.module.css';

/**
 * 登记案件: validates field by field on blur and as a whole on submit, with the schema main applies. The form is
 * uncontrolled so that typing in one of fifty fields does not re-render the other forty-nine.
 */
export function RegisterCasePage() {
  const { info } = useSession();
  const { navigate } = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [attempted, setAttempted] = useState(false);
  const { register, pending } = useRegisterCaseMutation();
  const validate = useMemo(() => (values: IntakeValues) => validateIntake(values, info.today), [info.today]);
  const [initialValues] = useState(initialIntakeValues);
  const form = useIntakeForm({ mode: 'uncontrolled', initialValues, validate, validateInputOnBlur: true });

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
      try {
        const record = await register(checked.input);
        navigate({ name: 'case', id: record.id });
      } catch (error) {
        if (isApiCallError(error) && error.issues.length > 0) {
          const errors = issuesToFormErrors(error.issues);
          form.setErrors(errors);
          showErrors(errors);
        }
      }
    },
    (errors) => showErrors(errors),
  );

  // After a failed submit the summary follows the fields: it shrinks as errors are fixed and disappears at zero.
  const errorCount = attempted ? Object.keys(form.errors).length : 0;

  return (
    <IntakeFormProvider form={form}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t.intake.title}>
        <PageHeader title={t.intake.title} description={t.intake.subtitle} />
        <Stack gap="md">
          <SectionCard id="dispute" title={t.intake.disputeSection}>
            <DisputeFields />
          </SectionCard>
          <PartiesSection />
          <AgentsSection />
        </Stack>
        <Paper withBorder shadow="sm" p="sm" mt="md" className={classes.actions}>
          <Group justify="space-between">
            <div>
              {errorCount > 0 ? (
                <Alert color="red" variant="transparent" p={0} icon={<IconAlertCircle size={18} />} role="alert">
                  {t.intake.invalidCount(errorCount)}
                </Alert>
              ) : null}
            </div>
            <Group gap="sm">
              <Button
                variant="default"
                leftSection={<IconRefresh size={16} />}
                onClick={() => {
                  form.reset();
                  setAttempted(false);
                }}
                disabled={pending}
              >
                {t.intake.reset}
              </Button>
              <Button type="submit" leftSection={<IconCheck size={16} />} loading={pending} miw={120}>
                {t.intake.submit}
              </Button>
            </Group>
          </Group>
        </Paper>
      </form>
    </IntakeFormProvider>
  );
}
