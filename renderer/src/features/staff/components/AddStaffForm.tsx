import { useRef } from 'react';
import { Button, Grid, Group, SimpleGrid, Text, TextInput } from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { IconUserPlus } from '@tabler/icons-react';
import type { StaffRole } from '../../../../../electron/shared/domain/codes';
import { StaffCreateInputSchema } from '../../../../../electron/shared/ipc/contract';
import { isApiCallError } from '../../../api/errors';
import { t } from '../../../i18n';
import { focusFirstError, issuesToFormErrors } from '../../../lib/zod-form';
import { useCreateStaffMutation } from '../mutations';
import { PasswordFields, passwordErrors } from './PasswordFields';
import { RoleCheckboxes } from './RoleCheckboxes';

const A = t.staffAdmin;

interface NewStaffValues {
  name: string;
  loginName: string;
  roles: StaffRole[];
  password: string;
  confirm: string;
}

const EMPTY: NewStaffValues = { name: '', loginName: '', roles: ['mediator'], password: '', confirm: '' };

/** The schema main parses with, then the password rules against the login name and the confirmation. */
function validateNewStaff({ confirm, ...input }: NewStaffValues): FormErrors {
  const parsed = StaffCreateInputSchema.safeParse(input);
  const errors = parsed.success ? {} : issuesToFormErrors(parsed.error.issues);
  return { ...passwordErrors({ password: input.password, confirm }, input.loginName), ...errors };
}

/**
 * 新增人员: name, login name, posts and an initial password (with its confirmation) the person must change at their
 * first sign-in. The rules are checked as the administrator types; what main refuses (a login name already in use)
 * lands at its field.
 */
export function AddStaffForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const { create, pending } = useCreateStaffMutation();
  const form = useForm<NewStaffValues>({ initialValues: EMPTY, validate: validateNewStaff, validateInputOnBlur: true });
  const values = form.getValues();

  const submit = form.onSubmit(
    async ({ confirm: _confirm, ...input }) => {
      try {
        await create(StaffCreateInputSchema.parse(input));
        form.reset();
      } catch (error) {
        if (isApiCallError(error)) {
          const errors = issuesToFormErrors(error.issues);
          form.setErrors(errors);
          focusFirstError(formRef.current, errors);
        }
      }
    },
    (errors) => focusFirstError(formRef.current, errors),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={A.add.title}>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput label={A.fields.name} withAsterisk autoComplete="off" {...form.getInputProps('name')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <TextInput
            label={A.fields.loginName}
            description={A.fields.loginNameHint}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            withAsterisk
            autoComplete="off"
            {...form.getInputProps('loginName')}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <RoleCheckboxes inputProps={form.getInputProps('roles')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <PasswordFields form={form} loginName={values.loginName} label={A.fields.initialPassword} />
          </SimpleGrid>
          <Text fz="xs" c="dimmed" mt={6}>
            {A.fields.initialPasswordHint}
          </Text>
        </Grid.Col>
      </Grid>
      <Group justify="flex-end" mt="md">
        <Button type="submit" leftSection={<IconUserPlus size={16} />} loading={pending}>
          {A.add.submit}
        </Button>
      </Group>
    </form>
  );
}
