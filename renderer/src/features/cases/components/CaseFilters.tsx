import { useRef } from 'react';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { CASE_STATUSES, type CaseStatus } from '../../../../../electron/shared/domain/case-actions';
import { DISPUTE_TYPES, type DisputeTypeCode } from '../../../../../electron/shared/domain/codes';
import { t } from '../../../i18n';

export interface CaseFilterValues {
  status: CaseStatus | null;
  disputeType: DisputeTypeCode | null;
  text: string;
  /** 承办人 (a mediator's id) and 调解室. */
  mediatorId: string | null;
  room: string | null;
}

export const EMPTY_FILTERS: CaseFilterValues = { status: null, disputeType: null, text: '', mediatorId: null, room: null };

const STATUS_OPTIONS = Object.entries(CASE_STATUSES).map(([value, label]) => ({ value: value as CaseStatus, label }));
const TYPE_OPTIONS = DISPUTE_TYPES.map((type) => ({ value: type.code, label: type.label }));

export interface CaseFiltersProps {
  value: CaseFilterValues;
  /** `composing`: the search text is pinyin still being turned into characters (an IME), not yet something to look for. */
  onChange: (value: CaseFilterValues, composing?: boolean) => void;
  /** Mediators to filter by @default [] */
  mediators?: readonly { id: string; name: string }[];
  /** The center's rooms @default [] */
  rooms?: readonly string[];
}

/** 状态 / 纠纷类型 / free-text search above a case list. */
export function CaseFilters({ value, onChange, mediators = [], rooms = [] }: CaseFiltersProps) {
  const composing = useRef(false);
  const active = value.status !== null || value.disputeType !== null || value.text !== '' || value.mediatorId !== null || value.room !== null;
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select<CaseStatus>
        label={t.caseList.filterStatus}
        placeholder={t.caseList.filterStatusAll}
        data={STATUS_OPTIONS}
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
        clearable
        allowDeselect
        w={160}
      />
      <Select<DisputeTypeCode>
        label={t.caseList.filterType}
        placeholder={t.caseList.filterTypeAll}
        data={TYPE_OPTIONS}
        value={value.disputeType}
        onChange={(disputeType) => onChange({ ...value, disputeType })}
        clearable
        allowDeselect
        searchable
        w={200}
      />
      <Select
        label={t.myDesk.filterMediator}
        placeholder={t.myDesk.filterMediatorAll}
        data={mediators.map((s) => ({ value: s.id, label: s.name }))}
        value={value.mediatorId}
        onChange={(mediatorId) => onChange({ ...value, mediatorId })}
        clearable
        allowDeselect
        searchable
        w={140}
      />
      <Select
        label={t.myDesk.filterRoom}
        placeholder={t.myDesk.filterRoomAll}
        data={[...new Set(rooms)]}
        value={value.room}
        onChange={(room) => onChange({ ...value, room })}
        clearable
        allowDeselect
        w={160}
      />
      <TextInput
        label={t.caseList.search}
        placeholder={t.caseList.searchPlaceholder}
        leftSection={<IconSearch size={16} />}
        value={value.text}
        onChange={(event) => onChange({ ...value, text: event.currentTarget.value }, composing.current)}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={(event) => {
          composing.current = false;
          onChange({ ...value, text: event.currentTarget.value });
        }}
        w={300}
        type="search"
      />
      {active ? (
        <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={() => onChange(EMPTY_FILTERS)}>
          {t.caseList.resetFilters}
        </Button>
      ) : null}
    </Group>
  );
}
