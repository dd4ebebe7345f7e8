import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { SessionView } from '../../../../../electron/shared/ipc/contract';
import { call } from '../../../api/client';
import { isApiCallError } from '../../../api/errors';
import { useRouter } from '../../../app/router';
import { t } from '../../../i18n';
import { SessionEditor } from './SessionEditor';
import { type Backup, loadBackup } from './local-backup';

type Loaded = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready'; view: SessionView; backup: Backup | null; generation: number };

/**
 * The record of one session or investigation (调解记录 / 调查记录), typed live. Loads it once (no background refresh:
 * the editor owns the record while it is open); a reload after a conflict, or the closed record after 结束, replaces the
 * editor as a whole.
 */
export function SessionEditorPage({ caseId, sessionId }: { caseId: string; sessionId: string }) {
  const { navigate } = useRouter();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const generation = useRef(0);

  const load = useCallback(async () => {
    setLoaded({ status: 'loading' });
    try {
      // This tab's copy of unsaved words is decrypted with the record, before the editor opens with both.
      const [view, backup] = await Promise.all([call('sessions:get', { caseId, sessionId }), loadBackup(window.localStorage, sessionId).catch(() => null)]);
      generation.current += 1;
      setLoaded({ status: 'ready', view, backup, generation: generation.current });
    } catch (error) {
      setLoaded({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
    }
  }, [caseId, sessionId]);

  useEffect(() => void load(), [load]);

  const replace = useCallback((view: SessionView) => {
    generation.current += 1;
    setLoaded({ status: 'ready', view, backup: null, generation: generation.current });
  }, []);

  if (loaded.status === 'loading') {
    return (
      <Center h={320}>
        <Loader aria-label={t.sessionEditor.loading} />
      </Center>
    );
  }
  if (loaded.status === 'error') {
    const notFound = isApiCallError(loaded.error) && loaded.error.code === 'NOT_FOUND';
    return (
      <Stack align="flex-start">
        <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate({ name: 'case', id: caseId })}>
          {t.sessionEditor.backToCase}
        </Button>
        <Alert color="red" title={notFound ? t.sessionEditor.notFound : t.sessionEditor.loadFailed} w="100%">
          {loaded.error.message}
        </Alert>
        <Button variant="default" onClick={() => void load()}>
          {t.saveState.retry}
        </Button>
      </Stack>
    );
  }
  return <SessionEditor key={loaded.generation} view={loaded.view} backup={loaded.backup} onReplace={replace} onReload={() => void load()} />;
}
