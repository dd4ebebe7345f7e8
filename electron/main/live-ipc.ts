import type { WebContents } from 'electron';
import { LIVE_EVENT_CHANNEL } from '../shared/ipc/channels';
import type { LiveUpdates } from './services/live-updates';
import { type UrlPolicyOptions, isTrustedAppUrl } from './trusted-url';

/** What forwarding needs of a window's WebContents (tests pass a fake). */
export type LiveWebContents = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'getURL' | 'once'>;

/**
 * Electron glue of the live feed: the window's connection (`electron#<webContents id>`, as in ipc.ts) receives every
 * live event on LIVE_EVENT_CHANNEL, for as long as the WebContents lives (a reload keeps its id and the sign-in).
 * Only while it shows the app's own page: the events are ids, but a window somehow elsewhere gets nothing.
 */
export function forwardLiveEvents(live: LiveUpdates, contents: LiveWebContents, appUrl: string, opts: UrlPolicyOptions = {}): () => void {
  const unregister = live.register(`electron#${contents.id}`, (event) => {
    if (contents.isDestroyed() || !isTrustedAppUrl(contents.getURL(), appUrl, opts)) return;
    contents.send(LIVE_EVENT_CHANNEL, event);
  });
  contents.once('destroyed', unregister);
  return unregister;
}
