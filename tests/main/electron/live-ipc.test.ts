import { describe, expect, it } from 'vitest';
import { type LiveWebContents, forwardLiveEvents } from '../../../electron/main/live-ipc';
import { LiveUpdates } from '../../../electron/main/services/live-updates';
import { ChangeFeed } from '../../../electron/main/storage/change-feed';
import { LIVE_EVENT_CHANNEL } from '../../../electron/shared/ipc/channels';
import { FakeWebContents } from './fakes';

const APP_URL = 'file:///opt/app/resources/app.asar/out/renderer/index.html';
const A = '0b0e5b3c-6a59-4f7e-9f0c-2f1c8f0d9a01';

/** A window's WebContents as forwarding sees it: what it shows, what it was sent, whether it is gone. */
class LiveContents extends FakeWebContents {
  url = APP_URL;
  destroyed = false;
  sent: [string, unknown][] = [];
  getURL = () => this.url;
  isDestroyed = () => this.destroyed;
  send = (channel: string, payload: unknown) => void this.sent.push([channel, payload]);
}

function setup(id = 7) {
  const feed = new ChangeFeed();
  const signedIn = new Set([`electron#${id}`]);
  const live = new LiveUpdates({ isSignedIn: (c) => signedIn.has(c), coalesceMs: 0 });
  live.follow({ onChange: (l) => feed.subscribe(l) });
  const contents = new LiveContents(id);
  // The fake carries only what forwarding uses (LiveWebContents), not all of Electron's WebContents.
  forwardLiveEvents(live, contents as unknown as LiveWebContents, APP_URL);
  return { feed, live, contents, signedIn };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('forwardLiveEvents (Electron)', () => {
  it('sends the window’s connection its events on the one live channel', async () => {
    const { feed, contents, live } = setup();
    feed.emit({ caseId: A, kind: 'case', origin: 'local' });
    await tick();
    expect(contents.sent).toEqual([[LIVE_EVENT_CHANNEL, { type: 'cases-changed', caseIds: [A], truncated: false }]]);
    live.signedOut(['electron#7'], 'deactivated');
    await tick();
    // still signed in (in this fake): a window that was signed in again is not sent to sign-in
    expect(contents.sent).toHaveLength(1);
  });

  it('sends nothing to a window showing another page, or destroyed; forgets it when destroyed', async () => {
    const { feed, contents, live } = setup();
    contents.url = 'https://evil.example/';
    feed.emit({ caseId: A, kind: 'case', origin: 'local' });
    await tick();
    contents.url = APP_URL;
    contents.destroyed = true;
    feed.emit({ caseId: A, kind: 'case', origin: 'local' });
    await tick();
    expect(contents.sent).toEqual([]);
    expect(live.size).toBe(1);
    contents.emit('destroyed');
    expect(live.size).toBe(0);
  });

  it('tells a window whose sign-in an administrator ended', async () => {
    const { contents, live, signedIn } = setup(3);
    signedIn.clear();
    live.signedOut(['electron#3', 'electron#4'], 'roles-changed');
    await tick();
    expect(contents.sent).toEqual([[LIVE_EVENT_CHANNEL, { type: 'signed-out', reason: 'roles-changed' }]]);
  });
});
