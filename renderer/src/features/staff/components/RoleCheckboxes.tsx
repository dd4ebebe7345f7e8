import { Checkbox, SimpleGrid } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { STAFF_ROLES } from '../../../../../electron/shared/domain/codes';
import { t } from '../../../i18n';
import { optionsOf } from '../../../lib/options';

const ROLE_OPTIONS = optionsOf(STAFF_ROLES);
const F = t.staffAdmin.fields;

/** 岗位: every post, with what the two special ones mean (a person may hold several, e.g. 登记员 and 调解员). */
export function RoleCheckboxes({ inputProps }: { inputProps: GetInputPropsReturnType }) {
  return (
    <Checkbox.Group label={F.roles} description={F.rolesHint} withAsterisk {...inputProps}>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" verticalSpacing="xs" mt={6}>
        {ROLE_OPTIONS.map((o) => (
          <Checkbox key={o.value} value={o.value} label={o.label} description={t.staffAdmin.roleHints[o.value]} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
