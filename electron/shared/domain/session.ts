import { text, z } from './zod-setup';

/**
 * A mediation session (调解会次, recorded as 人民调解记录) or an investigation (调查记录). The statement editor,
 * attendance and outcomes are filled in by the sessions issue; the shape is fixed here so that cases can refer to it.
 */
export const SessionKindSchema = z.enum(['session', 'investigation']);
export const SessionOutcomeSchema = z.enum(['continue', 'agreement', 'failed', 'suspended']);

export const StatementSchema = z.strictObject({
  id: z.uuid(),
  speakerId: z.string().min(1),
  speakerLabel: text(60),
  text: text(20000),
  startedAt: z.iso.datetime({ offset: true }),
  marks: z.array(z.enum(['focus', 'concession', 'evidence'])),
  caucus: z.boolean(),
});

export const SessionSchema = z.strictObject({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: SessionKindSchema,
  scheduledAt: z.iso.datetime({ offset: true }),
  place: text(200),
  mediatorIds: z.array(z.uuid()),
  recorderId: z.uuid().nullable(),
  attendeeIds: z.array(z.string()),
  statements: z.array(StatementSchema),
  outcome: SessionOutcomeSchema.nullable(),
  revision: z.int().nonnegative(),
});
export type Session = z.infer<typeof SessionSchema>;
