import type { ZixflowStatusRecord } from './zixflow-store.interface';

/** Statuses after which a message's fate is sealed (case-insensitive). */
export const FINAL_STATUSES: readonly string[] = Object.freeze([
  'delivered',
  'failed',
  'rejected',
  'expired',
  'undelivered',
]);

const FINAL = new Set(FINAL_STATUSES);

/** Whether `status` is one of FINAL_STATUSES, in any case. */
export function isFinalStatus(status: string): boolean {
  return FINAL.has(status.toLowerCase());
}

/**
 * Whether `incoming` may replace `stored` as the latest status of a request. Every `ZixflowStore` decides
 * with exactly these rules (RedisZixflowStore's script included; the contract suite checks both):
 * - nothing stored, or the very same change again (same status, same instant): yes;
 * - an earlier instant: no;
 * - a status that is not final after a final one (`sent` after `delivered`): no;
 * - the same instant, another status: only a final one over a status that is not;
 * - otherwise (a later instant): yes.
 */
export function isNewerStatus(
  incoming: Pick<ZixflowStatusRecord, 'status' | 'instant' | 'final'>,
  stored: Pick<ZixflowStatusRecord, 'status' | 'instant' | 'final'> | undefined,
): boolean {
  if (stored === undefined) return true;
  if (incoming.instant === stored.instant && incoming.status.toLowerCase() === stored.status.toLowerCase()) {
    return true;
  }
  if (incoming.instant < stored.instant) return false;
  if (stored.final && !incoming.final) return false;
  if (incoming.instant === stored.instant) return incoming.final && !stored.final;
  return true;
}
