import { useRef } from 'react';
import { Button, Checkbox, Grid, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconUserPlus } from '@tabler/icons-react';
import { STAFF_ROLES } from '../../../../../electron/shared/domain/codes';
import { type StaffInput, StaffInputSchema } from '../../../../../electron/shared/domain/staff';
import { isApiCallError } from '../../../api/errors';
import { t } from '../../../i18n';
import { optionsOf } from '../../../lib/options';
import { focusFirstError, issuesToFormErrors } from '../../../lib/zod-form';
import { useCreateStaffMutation } from '../mutations';

const ROLE_OPTIONS = optionsOf(STAFF_ROLES);

/** 添加工作人员: name and posts (a person may hold several, e.g. 登记员 and 调解员). */
export function AddStaffForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const { create, pending } = useCreateStaffMutation();
  const form = useForm<StaffInput>({
    initialValues: { name: '', roles: ['mediator'] },
    validate: (values) => {
      const parsed = StaffInputSchema.safeParse(values);
      return parsed.success ? {} : issuesToFormErrors(parsed.error.issues);
    },
    validateInputOnBlur: true,
  });

  const submit = form.onSubmit(
    async (values) => {
      try {
        await create(StaffInputSchema.parse(values));
        form.reset();
      } catch (error) {
        if (isApiCallError(error)) form.setErrors(issuesToFormErrors(error.issues));
      }
    },
    (errors) => focusFirstError(formRef.current, errors),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t.staff.addStaff}>
      <Grid gap="md" align="flex-end">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <TextInput label={t.staff.name} withAsterisk {...form.getInputProps('name')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Checkbox.Group label={t.staff.roles} withAsterisk {...form.getInputProps('roles')}>
            <Group gap="md" mih={36} align="center">
              {ROLE_OPTIONS.map((o) => (
                <Checkbox key={o.value} value={o.value} label={o.label} />
              ))}
            </Group>
          </Checkbox.Group>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 2 }}>
          <Button type="submit" fullWidth leftSection={<IconUserPlus size={16} />} loading={pending}>
            {t.common.add}
          </Button>
        </Grid.Col>
      </Grid>
    </form>
  );
}
