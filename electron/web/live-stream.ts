import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LiveUpdates } from '../main/services/live-updates';

/** A comment line every so often keeps the connection from looking idle to anything in between, and shows a dead one. */
export const HEARTBEAT_MS = 15_000;
/** What an EventSource waits before reconnecting after the stream broke (the spec's field, in ms). */
const RETRY_MS = 2_000;

/**
 * Opens a tab's server-sent event stream on `connection` (already authenticated by the caller): each live event is one
 * `data:` line of JSON; a heartbeat comment every HEARTBEAT_MS; everything is released when the tab goes away.
 */
export function openLiveStream(req: IncomingMessage, res: ServerResponse, live: LiveUpdates, connection: string, headers: Record<string, string>, heartbeatMs = HEARTBEAT_MS): void {
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  // Node would otherwise end a response silent for its request timeout; the stream lives as long as the tab.
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);
  res.write(`retry: ${RETRY_MS}\n: connected\n\n`);
  const unregister = live.register(connection, (event) => {
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
  // The process may stop while tabs are still listening.
  heartbeat.unref();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unregister();
  };
  req.on('close', close);
  res.on('close', close);
  res.on('error', close);
}
