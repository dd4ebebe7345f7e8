import { requiredText, z } from './zod-setup';
import { STAFF_ROLES, keysOf } from './codes';

export const StaffRoleSchema = z.enum(keysOf(STAFF_ROLES));

/** A staff member. Passwords and permissions per role arrive with the accounts issue; every action already names one. */
export const StaffSchema = z.strictObject({
  id: z.uuid(),
  name: requiredText(50, '请填写姓名'),
  roles: z.array(StaffRoleSchema).min(1, '请至少选择一个岗位'),
  active: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Staff = z.infer<typeof StaffSchema>;

export const StaffInputSchema = StaffSchema.pick({ name: true, roles: true });
export type StaffInput = z.infer<typeof StaffInputSchema>;
