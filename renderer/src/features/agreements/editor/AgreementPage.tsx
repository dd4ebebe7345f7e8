import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { AgreementView } from '../../../../../electron/shared/ipc/contract';
import { call } from '../../../api/client';
import { isApiCallError } from '../../../api/errors';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from '../../../app/router';
import { t } from '../../../i18n';
import { caseQueries } from '../../cases/queries';
import { settingsQueries } from '../../staff/queries';
import { AgreementEditor } from './AgreementEditor';

type Loaded = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready'; view: AgreementView; generation: number };

/**
 * The agreement of a case (人民调解协议书 or the oral agreement's register): drafting with the legal checks live and
 * the real PDF beside it, then review. Loaded once (the editor owns the content while open); a reload after a
 * conflict replaces the editor as a whole.
 */
export function AgreementPage({ caseId }: { caseId: string }) {
  const { navigate } = useRouter();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const generation = useRef(0);
  // The case (parties, dispute type, documents) for the checks and the clause library; refreshed after each step.
  const caseView = useQuery(caseQueries.detail(caseId));
  const settings = useQuery(settingsQueries.get());

  const load = useCallback(async () => {
    setLoaded({ status: 'loading' });
    try {
      const view = await call('agreements:get', { caseId });
      generation.current += 1;
      setLoaded({ status: 'ready', view, generation: generation.current });
    } catch (error) {
      setLoaded({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
    }
  }, [caseId]);

  useEffect(() => void load(), [load]);

  const error = loaded.status === 'error' ? loaded.error : caseView.error;
  if (error) {
    const notFound = isApiCallError(error) && error.code === 'NOT_FOUND';
    return (
      <Stack align="flex-start">
        <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate({ name: 'case', id: caseId })}>
          {t.agreements.backToCase}
        </Button>
        <Alert color={notFound ? 'orange' : 'red'} title={notFound ? t.agreements.notFound : t.agreements.loadFailed} w="100%">
          {error.message}
        </Alert>
        {notFound ? null : (
          <Button variant="default" onClick={() => void load()}>
            {t.agreements.retry}
          </Button>
        )}
      </Stack>
    );
  }
  // Settings only say whether the center requires a place of performance; without them the check is the law's.
  if (loaded.status !== 'ready' || !caseView.data || settings.isPending) {
    return (
      <Center h={320}>
        <Loader aria-label={t.agreements.loading} />
      </Center>
    );
  }
  return (
    <AgreementEditor
      key={loaded.generation}
      loaded={loaded.view}
      record={caseView.data.record}
      requirePerformancePlace={settings.data?.requirePerformancePlace ?? false}
      fourEyesReview={settings.data?.fourEyesReview ?? true}
      onReload={() => void load()}
    />
  );
}
