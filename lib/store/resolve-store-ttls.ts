import { ZixflowConfigError } from '../errors/zixflow-config.error';
import {
  DEFAULT_DEDUP_TTL_MS,
  DEFAULT_PENDING_TTL_MS,
  DEFAULT_STATUS_TTL_MS,
} from './zixflow-store.constants';
import type { ZixflowStoreTtlOptions } from './zixflow-store-ttl-options.interface';

/** The TTLs with their defaults, each checked to be a positive integer (ZixflowConfigError naming it). */
export function resolveStoreTtls(options: ZixflowStoreTtlOptions): Required<ZixflowStoreTtlOptions> {
  const ttls = {
    dedupTtlMs: options.dedupTtlMs ?? DEFAULT_DEDUP_TTL_MS,
    statusTtlMs: options.statusTtlMs ?? DEFAULT_STATUS_TTL_MS,
    pendingTtlMs: options.pendingTtlMs ?? DEFAULT_PENDING_TTL_MS,
  };
  const problems = Object.entries(ttls)
    .filter(([, value]) => !Number.isSafeInteger(value) || value < 1)
    .map(([name]) => `store ${name} must be a positive integer (milliseconds)`);
  if (problems.length > 0) throw new ZixflowConfigError(problems);
  return ttls;
}
