/**
 * Short CI version of the center-database outage run (scripts/reliability/pg-outage.ts; long: npm run reliability,
 * 10 immediate stops and the server away 60 s): a real PostgreSQL stopped with `pg_ctl stop -m immediate` under three
 * desks, then away while they keep typing.
 */
import { describe, expect, it } from 'vitest';
import { runPgOutage } from '../../../scripts/reliability/pg-outage';
import { postgresSkipped } from '../../fixtures/postgres';

describe.skipIf(postgresSkipped)('the center database going away under the desks', () => {
  it('2 immediate stops and 4 s away: nothing acknowledged lost, no registration made twice, numbers gapless and unique, every desk saves what was typed', async () => {
    const r = await runPgOutage({ crashes: 2, awaySeconds: 4, seed: 7 });
    expect(r.failures).toEqual([]);
    expect(r.acknowledged).toBeGreaterThan(100);
    expect(r).toMatchObject({ crashes: 2, lost: 0, registeredTwice: 0, duplicateNumbers: 0, skippedNumbers: 0, typedTextLost: 0, desksRecovered: 3 });
  }, 180_000);
});
