import { useEffect, useState } from 'react';
import { Alert, Box, Button, Divider, EmptyState, Group, LoadingOverlay, Pagination, Paper, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilePlus, IconFolderOpen } from '@tabler/icons-react';
import type { CaseListQuery } from '../../../../electron/shared/ipc/contract';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { t } from '../../i18n';
import { CaseFilters, type CaseFilterValues, EMPTY_FILTERS } from './components/CaseFilters';
import { CaseTable } from './components/CaseTable';
import { caseQueries } from './queries';
import { settingsQueries, staffQueries } from '../staff/queries';

export const PAGE_SIZE = 20;

/** Filters and page survive opening a case and coming back to the list. */
let remembered: { filters: CaseFilterValues; page: number } = { filters: EMPTY_FILTERS, page: 1 };

function toQuery(filters: CaseFilterValues, text: string, page: number): CaseListQuery {
  const query: CaseListQuery = { page, pageSize: PAGE_SIZE };
  if (filters.status) query.status = filters.status;
  if (filters.disputeType) query.disputeType = filters.disputeType;
  if (filters.mediatorId) query.mediatorId = filters.mediatorId;
  if (filters.room) query.room = filters.room;
  if (text.trim()) query.text = text.trim();
  return query;
}

/** 案件列表: every registered case, newest first, with filters and paging. */
export function CaseListPage() {
  const { navigate } = useRouter();
  const [filters, setFilters] = useState(remembered.filters);
  const [page, setPage] = useState(remembered.page);
  // Searched as typed (the host answers a filter in milliseconds; a late answer is dropped for a newer one), except
  // while an IME is still composing: pinyin letters are not what is looked for.
  const [text, setText] = useState(filters.text);
  const list = useQuery(caseQueries.list(toQuery(filters, text, page)));
  // The overlay only when an answer is slow: typing a search must not make the list flicker.
  const [slow] = useDebouncedValue(list.isFetching, 250);
  const staff = useQuery(staffQueries.list());
  const settings = useQuery(settingsQueries.get());
  const mediators = (staff.data ?? []).filter((s) => s.roles.includes('mediator'));

  useEffect(() => {
    remembered = { filters, page };
  }, [filters, page]);

  const changeFilters = (next: CaseFilterValues, composing = false) => {
    setFilters(next);
    if (!composing) setText(next.text);
    setPage(1);
  };
  const filtered = filters.status !== null || filters.disputeType !== null || filters.mediatorId !== null || filters.room !== null || text.trim() !== '';
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const register = (
    <Button leftSection={<IconFilePlus size={18} />} onClick={() => navigate({ name: 'register' })}>
      {t.caseList.registerButton}
    </Button>
  );

  return (
    <>
      <PageHeader title={t.caseList.title} description={t.caseList.subtitle} actions={register} />
      <Paper withBorder p="md" mb="md">
        <CaseFilters value={filters} onChange={changeFilters} mediators={mediators} rooms={settings.data?.rooms ?? []} />
      </Paper>
      {list.error ? (
        <Alert color="red" title={t.common.loadFailed} mb="md">
          {list.error.message}
        </Alert>
      ) : null}
      <Paper withBorder pos="relative" mih={list.data ? undefined : 240}>
        <LoadingOverlay visible={list.isFetching && slow} overlayProps={{ blur: 1 }} loaderProps={{ size: 'sm' }} />
        {list.data && list.data.items.length > 0 ? (
          <CaseTable items={list.data.items} onOpen={(id) => navigate({ name: 'case', id })} />
        ) : null}
        {list.data && list.data.items.length === 0 ? (
          <Box py={56}>
            <EmptyState
              icon={<IconFolderOpen size={28} />}
              withIndicatorBackground
              title={t.caseList.emptyTitle}
              description={filtered ? t.caseList.emptyFiltered : t.caseList.emptyDescription}
            >
              {filtered ? null : <EmptyState.Actions>{register}</EmptyState.Actions>}
            </EmptyState>
          </Box>
        ) : null}
        {list.data && total > 0 ? (
          <>
            <Divider />
            <Group justify="space-between" px="md" py="sm">
              <Text fz="sm" c="dimmed" aria-live="polite">
                {t.common.count(total)}
              </Text>
              <Pagination total={pages} value={page} onChange={setPage} size="sm" withEdges getControlProps={(control) => ({ 'aria-label': t.caseList.pager[control] })} />
            </Group>
          </>
        ) : null}
      </Paper>
    </>
  );
}
