import { NumberInput, SimpleGrid, Stack } from '@mantine/core';
import type { AgreementContent } from '../../../../../electron/shared/domain/agreement';
import { SectionCard } from '../../../components/SectionCard';
import { t } from '../../../i18n';
import { useField } from './editor-context';
import { AreaField, DueField, TextField } from './items/FieldParts';

const X = t.agreements.text;
type Set = <K extends keyof AgreementContent>(key: K, value: AgreementContent[K]) => void;

/** 纠纷主要事实、争议事项、各方责任 (art. 29 (2)), prefilled from intake and the sessions. */
export function FactsSection({ content, set }: { content: AgreementContent; set: Set }) {
  return (
    <SectionCard title={X.title} id="agreement-facts">
      <Stack gap="sm">
        <AreaField path={['content', 'facts']} label={X.facts} description={X.factsHint} value={content.facts} onChange={(v) => set('facts', v)} minRows={3} />
        <AreaField path={['content', 'disputedMatters']} label={X.disputedMatters} description={X.disputedHint} value={content.disputedMatters} onChange={(v) => set('disputedMatters', v)} minRows={2} />
        <AreaField path={['content', 'responsibility']} label={X.responsibility} placeholder={X.responsibilityPlaceholder} value={content.responsibility} onChange={(v) => set('responsibility', v)} minRows={2} />
      </Stack>
    </SectionCard>
  );
}

/** 违约责任 and 本协议一式N份 (at least the parties + the committee's copy). */
export function ClosingSection({ content, set, partyCount }: { content: AgreementContent; set: Set; partyCount: number }) {
  const copies = useField(['content', 'copies']);
  return (
    <SectionCard title={X.closingTitle} id="agreement-closing">
      <Stack gap="sm">
        <AreaField path={['content', 'breach']} label={X.breach} placeholder={X.breachPlaceholder} value={content.breach} onChange={(v) => set('breach', v)} minRows={2} />
        <NumberInput
            {...copies}
            label={X.copies}
            description={X.copiesHint(partyCount + 1)}
            value={content.copies}
            min={1}
            max={50}
            allowDecimal={false}
            allowNegative={false}
            suffix={` ${X.copiesSuffix}`}
            onChange={(v) => {
              // While the field is cleared to type another number, the last one is kept.
              if (typeof v === 'number' && Number.isInteger(v) && v >= 1) set('copies', Math.min(v, 50));
            }}
            styles={{ wrapper: { maxWidth: 180 } }}
          />
      </Stack>
    </SectionCard>
  );
}

/** Oral agreements (art. 30): when and where they were reached; effective that day. */
export function OralSection({ content, set }: { content: AgreementContent; set: Set }) {
  return (
    <SectionCard title={X.oralTitle} id="agreement-oral">
      <SimpleGrid cols={2} spacing="md">
        <DueField path={['content', 'reachedOn']} label={X.reachedOn} description={X.reachedOnHint} value={content.reachedOn} onChange={(v) => set('reachedOn', v)} />
        <TextField path={['content', 'place']} label={X.place} placeholder={X.placePlaceholder} value={content.place} onChange={(v) => set('place', v)} />
      </SimpleGrid>
    </SectionCard>
  );
}
