import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { DeliveryOwner } from '../store/delivery-ledger.ts';

/** This process as a ledger owner: a fresh id per start, so a restart never reuses a claim. */
export function deliveryOwner(): DeliveryOwner {
  return { id: randomBytes(6).toString('hex'), host: hostname(), pid: process.pid };
}

/**
 * Whether a claim's owner may still be posting. Only a process on this host can be checked
 * (signal 0 probes without killing); elsewhere the lease alone decides.
 */
export function ownerAlive(owner: DeliveryOwner, self: DeliveryOwner): boolean {
  if (owner.id === self.id) return true;
  if (owner.host !== self.host) return true;
  if (owner.pid === self.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
