import type { SmsJobQueue } from './sms-job.queue';

/** The Redis client BullMQ's backend hands out (ioredis, node-redis, ...), as far as the ledger uses it. */
export type LedgerClient = Awaited<SmsJobQueue['queue']['backend']['client']>;

/** What one ledger command does to its key. */
export type LedgerOp =
  /** Returns the entry if there is one; else writes the value (with the TTL) and returns null. */
  | 'begin'
  /** Writes the value, with the TTL. */
  | 'put'
  /** Deletes the entry. */
  | 'clear';

/** How the ledger's commands reach Redis: one at a time (SmsJobLedgerCommands) or batched (SmsJobLedgerBatcher). */
export interface LedgerCommands {
  /** Runs one command; resolves with what `begin` found (null otherwise) once Redis applied it. */
  run(op: LedgerOp, key: string, value?: string): Promise<string | null>;
}

/** Registered on the queue's client under this name, once per client. */
const BEGIN_COMMAND = 'zixflowLedgerBegin';

/**
 * KEYS[1] the job's entry; ARGV[1] the `sending` entry, ARGV[2] its TTL in ms. An existing entry is returned
 * untouched; otherwise `sending` is written and nil returned. One round trip instead of GET then SET.
 */
const BEGIN_LUA = `local entry = redis.call('GET', KEYS[1])
if entry then return entry end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`;

/** The plain way (`fastPaths.batchedLedger: false`): each command on its own, one round trip each. */
export class SmsJobLedgerCommands implements LedgerCommands {
  /** Clients the begin script is registered on. */
  private readonly scripted = new WeakSet<object>();

  constructor(
    private readonly client: () => Promise<LedgerClient>,
    private readonly ttlMs: number,
  ) {}

  async run(op: LedgerOp, key: string, value = ''): Promise<string | null> {
    const client = await this.client();
    if (op === 'begin') {
      this.defineBegin(client);
      return (await client.runCommand(BEGIN_COMMAND, [key, value, this.ttlMs])) as string | null;
    }
    if (op === 'put') await client.set(key, value, { PX: this.ttlMs });
    else await client.del(key);
    return null;
  }

  private defineBegin(client: LedgerClient): void {
    if (this.scripted.has(client)) return;
    client.defineCommand(BEGIN_COMMAND, { numberOfKeys: 1, lua: BEGIN_LUA });
    this.scripted.add(client);
  }
}
