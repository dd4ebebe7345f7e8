import { useEffect, useState, useSyncExternalStore } from 'react';
import { Alert } from '@mantine/core';
import { IconPlugConnected, IconPlugConnectedX } from '@tabler/icons-react';
import { call, hostOutage, hostStatus, onHostReachability } from '../api/client';
import { t } from '../i18n';
import { hostNoticeClaimed, onHostNoticeClaims } from '../lib/host-notice';

/** While the host is unreachable, how often it is asked whether it is back (app:info: public, background). */
const PROBE_MS = 3000;
/** How long 已重新连接 stays up. */
const BACK_MS = 6000;

/**
 * App-wide: calls stopped reaching the host (browser mode: the server was stopped, crashed or is restarting), or the
 * host lost its center database (中心数据库: the server stopped, the network went). Says
 * so at once, on every screen, and that what is on the page is not saved yet; asks the host every few seconds and says
 * when it answers again. A screen with its own, more precise banner (the session editor) claims the notice.
 */
export function HostStatusBanner() {
  const status = useSyncExternalStore(onHostReachability, hostStatus);
  const reachable = status === 'ok';
  const claimed = useSyncExternalStore(onHostNoticeClaims, hostNoticeClaimed);
  const [wasDown, setWasDown] = useState(false);
  const [back, setBack] = useState(false);
  if (!reachable && !wasDown) setWasDown(true);
  if (reachable && wasDown) {
    setWasDown(false);
    // Only after a banner that was shown: a screen that claimed the notice says so itself.
    setBack(!claimed);
  }

  useEffect(() => {
    if (reachable) return;
    const timer = setInterval(() => void call('app:info').catch(() => undefined), PROBE_MS);
    return () => clearInterval(timer);
  }, [reachable]);
  useEffect(() => {
    if (!back) return;
    const timer = setTimeout(() => setBack(false), BACK_MS);
    return () => clearTimeout(timer);
  }, [back]);

  const database = hostOutage() === 'database';
  if (!reachable && !claimed) {
    return (
      <Alert color="red" variant="filled" icon={<IconPlugConnectedX size={20} />} title={database ? t.hostStatus.databaseTitle : t.hostStatus.offlineTitle} role="alert" mb="md" data-testid="host-banner">
        {database ? t.hostStatus.databaseBody : t.hostStatus.offlineBody}
      </Alert>
    );
  }
  if (reachable && back && !claimed) {
    return (
      <Alert color="teal" variant="light" icon={<IconPlugConnected size={20} />} role="status" mb="md" data-testid="host-banner" withCloseButton closeButtonLabel={t.common.close} onClose={() => setBack(false)}>
        {database ? t.hostStatus.databaseBack : t.hostStatus.back}
      </Alert>
    );
  }
  return null;
}
