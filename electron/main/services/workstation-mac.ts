/**
 * workstation.json is read before anyone signs in (the sign-in needs the credentials), so it stays readable; what
 * it decides (who works here, their roles, their password hashes and key wraps, the keyring, the center's settings)
 * is authenticated with an HMAC under a key derived from the data key. Anyone editing the file outside the app (a
 * made-up administrator, a role added to oneself) is refused at the next unlock instead of being served; only the
 * recovery key from the center's safe can accept such a file again (auth:recover), audited.
 *
 * Counters that change before anyone has the key (failed attempts, lock-outs, last sign-in) are left out: they
 * decide nothing that grants access, and a failed sign-in must still be recorded.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { WorkstationData } from '../storage/workstation-file';

const macKey = (dataKey: Buffer) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'mediation-workstation workstation file v1', 32));

/** JSON with object keys sorted, so that the MAC does not depend on the order lowdb writes them in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function protectedView(data: WorkstationData): unknown {
  const credentials = Object.fromEntries(
    Object.entries(data.credentials).map(([id, c]) => {
      const { failedAttempts: _f, lockedUntil: _l, lastSignInAt: _s, ...decides } = c;
      return [id, decides];
    }),
  );
  const { mac: _mac, credentials: _c, ...rest } = data;
  return { ...rest, credentials };
}

export function workstationMac(data: WorkstationData, dataKey: Buffer): string {
  return createHmac('sha256', macKey(dataKey)).update(canonical(protectedView(data))).digest('base64');
}

/** Whether the file is as this app last wrote it with this data key. */
export function workstationMacMatches(data: WorkstationData, dataKey: Buffer): boolean {
  if (!data.mac) return false;
  const a = Buffer.from(workstationMac(data, dataKey), 'base64');
  const b = Buffer.from(data.mac, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}
