/**
 * The one way to get the center's certificate *with its private key* for signing (agreements' signed originals,
 * integrity checkpoints). Everything that signs asks here, so that the rule about who may unlock the seal key lives
 * in one place.
 */
import type { Workstation } from '../services/workstation';
import { centerCertificate } from '../services/verify';
import type { CenterCertificate } from './center-certificate';

export function sealingCertificate(ws: Workstation): Promise<CenterCertificate> {
  return centerCertificate(ws);
}
