import { Button, Tooltip } from '@mantine/core';
import { t } from '../../../i18n';
import { previousOfSameRole } from '../bring-party';
import { useIntakeFormContext } from '../form-context';
import { partyTitles } from './PartiesSection';

/**
 * 同上 at a co-applicant's or co-respondent's 住所: copies the address of the card above of the same side (spouses,
 * family members and branches often share it). Nothing for the first of a side.
 */
export function SameAddressButton({ index }: { index: number }) {
  const form = useIntakeFormContext();
  const values = form.getValues();
  const previous = previousOfSameRole(values, index);
  if (previous === null) return null;
  const title = partyTitles(values.parties.map((p) => p.role))[previous]!;
  return (
    <Tooltip label={t.returning.sameAsAboveHint(title)}>
      <Button
        size="compact-xs"
        variant="light"
        aria-label={t.returning.sameAsAboveHint(title)}
        onClick={() => {
          form.setFieldValue(`parties.${index}.address`, form.getValues().parties[previous]!.address);
          form.validateField(`parties.${index}.address`);
        }}
      >
        {t.returning.sameAsAbove}
      </Button>
    </Tooltip>
  );
}
