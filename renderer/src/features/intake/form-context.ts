import { createFormContext } from '@mantine/form';
import type { IntakeValues } from './intake-form';

/** The intake form, shared by its sections (DisputeFields, PartyFields, AgentFields) without prop drilling. */
export const [IntakeFormProvider, useIntakeFormContext, useIntakeForm] = createFormContext<IntakeValues>();
