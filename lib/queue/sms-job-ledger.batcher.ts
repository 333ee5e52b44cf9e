import type { LedgerClient, LedgerCommands, LedgerOp } from './sms-job-ledger.commands';

/** The one-letter codes the batch script reads. */
const OP_CODE: Record<LedgerOp, string> = { begin: 'b', put: 'p', clear: 'd' };

/**
 * KEYS: one key per command; ARGV[1] the TTL in ms, then an op code and a value per key. Applies the commands in
 * order, as GET/SET/DEL would one by one; returns, per command, the existing entry (`begin` on a key that has one),
 * nil, or that command's own error: `pcall`, so a command that fails fails alone, as it would sent by itself, and
 * never takes the others' effects or answers with it. Lua's `false` becomes a nil reply.
 */
const BATCH_LUA = `local ttl = ARGV[1]
local function failed(reply) return type(reply) == 'table' and reply.err ~= nil end
local out = {}
for i, key in ipairs(KEYS) do
  local op, value = ARGV[2 * i], ARGV[2 * i + 1]
  local reply
  out[i] = false
  if op == 'b' then
    local entry = redis.pcall('GET', key)
    if entry then out[i] = entry else reply = redis.pcall('SET', key, value, 'PX', ttl) end
  elseif op == 'p' then
    reply = redis.pcall('SET', key, value, 'PX', ttl)
  else
    reply = redis.pcall('DEL', key)
  end
  if failed(reply) then out[i] = reply end
end
return out`;

interface Pending {
  key: string;
  op: LedgerOp;
  value: string;
  resolve(entry: string | null): void;
  reject(error: unknown): void;
}

/**
 * The ledger's fast path (`fastPaths.batchedLedger`): the commands of every job that reach the ledger during one
 * turn of the event loop go to Redis together, at the end of that turn (`setImmediate`), as one script call: one
 * socket write and one reply for all of them instead of one each, which is what a ledger command mostly cost the
 * worker. Each command's promise still settles only once Redis has applied it (or the call failed), so `sending`
 * is stored before its HTTP call and `queued` before its job completes, as with one command each.
 */
export class SmsJobLedgerBatcher implements LedgerCommands {
  private pending: Pending[] = [];
  /** Per client, the batch sizes whose script is registered (the backends fix a script's number of keys). */
  private readonly defined = new WeakMap<object, Set<number>>();

  constructor(
    private readonly client: () => Promise<LedgerClient>,
    private readonly ttlMs: number,
  ) {}

  /** Queues one command for the next flush; resolves with what `begin` found (null otherwise). */
  run(op: LedgerOp, key: string, value = ''): Promise<string | null> {
    return new Promise<string | null>((resolve, reject) => {
      this.pending.push({ key, op, value, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const client = await this.client();
      const name = this.command(client, batch.length);
      const args: Array<string | number> = batch.map((command) => command.key);
      args.push(this.ttlMs);
      for (const command of batch) args.push(OP_CODE[command.op], command.value);
      const entries = (await client.runCommand(name, args)) as Array<string | null | Error>;
      batch.forEach((command, i) => {
        const entry = entries[i];
        if (entry instanceof Error) command.reject(entry);
        else command.resolve(entry ?? null);
      });
    } catch (error) {
      for (const command of batch) command.reject(error);
    }
  }

  /** The script's name for `size` keys, registered on `client` the first time. */
  private command(client: LedgerClient, size: number): string {
    const name = `zixflowLedgerBatch${size}`;
    let sizes = this.defined.get(client);
    if (sizes === undefined) this.defined.set(client, (sizes = new Set()));
    if (!sizes.has(size)) {
      client.defineCommand(name, { numberOfKeys: size, lua: BATCH_LUA });
      sizes.add(size);
    }
    return name;
  }
}
