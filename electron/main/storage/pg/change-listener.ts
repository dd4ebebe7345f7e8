import pg from 'pg';
import type { StoreChange } from '../case-store';
import type { PgConnection } from './connection';

/** The channel every desk's writes are announced on. The payload names a case and what changed: never its content. */
export const CHANGES_CHANNEL = 'mw_changes';

export interface ChangeNotice {
  /** The desk (store instance) that wrote: a desk ignores its own notices, it has told its screens already. */
  desk: string;
  caseId: string;
  kind: StoreChange['kind'];
}

/** Announces a change inside the writing transaction: PostgreSQL delivers it at COMMIT, and never for a rollback. */
const payloadOf = (notice: ChangeNotice): string => JSON.stringify({ d: notice.desk, c: notice.caseId, k: notice.kind });

export async function announce(client: pg.ClientBase | pg.Pool, notice: ChangeNotice): Promise<void> {
  await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, payloadOf(notice)]);
}

/** Many notices in one statement (a bulk import): each is delivered on its own, at COMMIT. */
export async function announceAll(client: pg.ClientBase | pg.Pool, notices: readonly ChangeNotice[]): Promise<void> {
  if (notices.length > 0) await client.query('SELECT pg_notify($1, n) FROM unnest($2::text[]) AS n', [CHANGES_CHANNEL, notices.map(payloadOf)]);
}

export function parseNotice(payload: string | undefined): ChangeNotice | null {
  try {
    const raw = JSON.parse(payload ?? '') as { d?: unknown; c?: unknown; k?: unknown };
    const kinds: readonly string[] = ['case', 'session', 'agreement', 'file', 'note'];
    if (typeof raw.d !== 'string' || typeof raw.c !== 'string' || typeof raw.k !== 'string' || !kinds.includes(raw.k)) return null;
    return { desk: raw.d, caseId: raw.c, kind: raw.k as StoreChange['kind'] };
  } catch {
    return null;
  }
}

/**
 * One connection of its own LISTENing on a channel (a pooled connection cannot: the pool hands it to others). A lost
 * connection is opened again, waiting a little longer each time (up to 10 s); notices sent while it was away are
 * lost, so `onReconnect` tells the listener's owner to catch up (the case list from its change numbers, the center
 * state from its revision). `onConnection` says whether the server can be reached, for the desk's banner.
 */
export class PgListener {
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = 500;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connection: PgConnection,
    private readonly channel: string,
    private readonly onPayload: (payload: string | undefined) => void,
    private readonly onReconnect: () => void,
    private readonly onConnection: (connected: boolean) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    await this.connect(false);
  }

  private async connect(again: boolean): Promise<void> {
    const config: pg.ClientConfig = typeof this.connection === 'string' ? { connectionString: this.connection } : { ...this.connection };
    const client = new pg.Client({ ...config, application_name: 'mediation-workstation-listen' } as pg.ClientConfig);
    client.on('notification', (message) => this.onPayload(message.payload));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    try {
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    this.retryMs = 500;
    this.onConnection(true);
    if (again) this.onReconnect();
  }

  private lost(client: pg.Client): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.onConnection(false);
    this.schedule();
  }

  private schedule(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect(true).catch(() => {
        this.retryMs = Math.min(this.retryMs * 2, 10_000);
        this.schedule();
      });
    }, this.retryMs);
    this.timer.unref();
  }

  /** Reconnects now instead of at the next try (the database answered the desk's own probe). */
  retryNow(): void {
    if (this.closed || !this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.retryMs = 500;
    this.connect(true).catch(() => this.schedule());
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
