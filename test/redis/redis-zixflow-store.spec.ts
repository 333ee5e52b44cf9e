import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { ZixflowConfigError } from '../../lib/errors/zixflow-config.error';
import { RedisZixflowStore } from '../../lib/redis';
import { isFinalStatus } from '../../lib/store/status-order';
import type { ZixflowStatusRecord, ZixflowStatusUpdate } from '../../lib/store/zixflow-store.interface';
import { CaptureLogger } from '../utils/capture-logger';
import { expectNoSecrets } from '../utils/expect-no-secrets';
import { freePort } from '../utils/free-port';
import {
  deleteKeys,
  randomPrefix,
  REDIS_URL,
  requireRedis,
  scanKeys,
  startRedisServer,
  type RedisServer,
} from '../utils/redis';
import { rejectionOf, thrownBy } from '../utils/thrown-by';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let serial = 0;
function record(status: string, extra: Partial<ZixflowStatusRecord> = {}): ZixflowStatusRecord {
  const instant = `2026-03-01T10:00:0${++serial % 10}.000000000Z`;
  return {
    requestId: `req-${process.pid}-${serial}`,
    status,
    statusAt: instant,
    instant,
    final: isFinalStatus(status),
    messageId: String(serial),
    remark: '',
    ...extra,
  };
}

/** Retries `fn` until it resolves: for what comes back by itself, with no deadline but Jest's. */
async function eventually<T>(fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await fn();
    } catch {
      await sleep(50);
    }
  }
}

/** How many connections named `name` the server lists. */
async function connectionsNamed(admin: Redis, name: string): Promise<number> {
  const list = (await admin.call('CLIENT', 'LIST')) as string;
  return list.split('\n').filter((line) => line.includes(` name=${name} `)).length;
}

describe('RedisZixflowStore on a real Redis', () => {
  let admin: Redis;
  let prefix: string;
  const opened: RedisZixflowStore[] = [];
  const open = (options: Partial<ConstructorParameters<typeof RedisZixflowStore>[0]> = {}) => {
    const store = new RedisZixflowStore({ connection: REDIS_URL, prefix, ...options });
    opened.push(store);
    return store;
  };

  beforeAll(async () => {
    await requireRedis();
    admin = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await admin.quit();
  });
  beforeEach(() => {
    prefix = randomPrefix('redis');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await deleteKeys(REDIS_URL, prefix);
  });

  it('sets a TTL on every key it writes, and a released handler keeps its own', async () => {
    const store = open({ dedupTtlMs: 60_000, statusTtlMs: 120_000, pendingTtlMs: 30_000 });
    const [sendId, pendingId, otherId] = [`send-${serial}`, `never-settled-${serial}`, `other-${serial}`];
    await store.markPending(sendId);
    await store.markPending(pendingId);
    const first = record('delivered', { sendId });
    await store.claimPostback({ key: 'k1', record: first });
    await store.claimPostback({ key: 'k2', record: { ...record('sent'), requestId: first.requestId } });
    await store.claimPostback({ key: 'k3', record: record('sent', { sendId: otherId }) });
    await store.releasePostback('k1', 'handler');
    await store.releasePostback('k2', 'all');
    await store.releasePostback('never-claimed', 'handler');
    await store.claimPostback({ key: 'k1', record: first });

    const keys = (await scanKeys(admin, prefix)).map((key) => key.slice(prefix.length));
    expect(keys).toEqual(
      expect.arrayContaining([
        'postback:k1',
        'postback:k3',
        `pending:${pendingId}`,
        `settled:${sendId}`,
        `settled:${otherId}`,
        `status:${first.requestId}`,
      ]),
    );
    // Released for all: gone; released without a claim: never written.
    expect(keys).not.toContain('postback:k2');
    expect(keys).not.toContain('postback:never-claimed');
    for (const key of keys.map((key) => prefix + key)) {
      const ttl = await admin.pttl(key);
      const kind = key.slice(prefix.length).split(':')[0];
      const max = { postback: 60_000, status: 120_000, settled: 30_000, pending: 30_000 }[kind] as number;
      expect({ key, positive: ttl > 0, withinItsTtl: ttl <= max }).toEqual({
        key,
        positive: true,
        withinItsTtl: true,
      });
    }
  });

  it('claims a postback in one round trip', async () => {
    const client = new Redis(REDIS_URL);
    try {
      const store = new RedisZixflowStore({ connection: client, prefix });
      // The first call loads the script (EVALSHA answered NOSCRIPT, then EVAL); later ones are one EVALSHA.
      await store.claimPostback({ key: 'warm-up', record: record('sent') });
      const sent = jest.spyOn(client, 'sendCommand');
      await store.claimPostback({ key: 'counted', record: record('delivered', { sendId: 's' }) });
      expect(sent.mock.calls.map(([command]) => command.name)).toEqual(['evalsha']);
      await store.close();
    } finally {
      await client.quit();
    }
  });

  it('drops what is not an update on its channel and still delivers the next one', async () => {
    const store = open();
    const updates: ZixflowStatusUpdate[] = [];
    let arrived: () => void = () => undefined;
    const next = new Promise<void>((resolve) => (arrived = resolve));
    await store.subscribe((update) => {
      updates.push(update);
      arrived();
    });
    const good = record('delivered');
    for (const junk of [
      'not json',
      '42',
      'null',
      JSON.stringify({ stale: 'no', record: good }),
      JSON.stringify({ stale: false, record: { ...good, final: 'yes' } }),
      JSON.stringify({ stale: false, record: { ...good, requestId: 7 } }),
      JSON.stringify({ stale: false, record: { ...good, sendId: 7 } }),
      JSON.stringify({ stale: false }),
    ]) {
      await admin.publish(`${prefix}updates`, junk);
    }
    await store.claimPostback({ key: 'good', record: good });
    await next;
    expect(updates).toEqual([{ ...good, stale: false }]);
  });

  it('opens one subscriber connection however many subscribe, and close() ends both of its connections', async () => {
    const name = `zixflow-own-${process.pid}-${serial++}`;
    const { hostname, port } = new URL(REDIS_URL);
    const store = open({ connection: { host: hostname, port: Number(port || 6379), connectionName: name } });
    await Promise.all([store.subscribe(() => undefined), store.subscribe(() => undefined)]);
    await store.subscribe(() => undefined);
    await store.getStatus('x');
    expect(await connectionsNamed(admin, name)).toBe(2);
    await store.close();
    await store.close();
    await eventually(async () => expect(await connectionsNamed(admin, name)).toBe(0));
    await expect(store.getStatus('x')).rejects.toThrow();
  });

  it("uses a user's ioredis instance as it is and never closes it", async () => {
    const name = `zixflow-user-${process.pid}-${serial++}`;
    const client = new Redis(REDIS_URL, { connectionName: name });
    try {
      const store = new RedisZixflowStore({ connection: client, prefix });
      const updates: ZixflowStatusUpdate[] = [];
      await store.subscribe((update) => updates.push(update));
      await store.claimPostback({ key: 'k', record: record('sent') });
      // Its own subscriber connection is a duplicate of the user's (same name): closed with the store.
      expect(await connectionsNamed(admin, name)).toBe(2);
      await store.close();
      await eventually(async () => expect(await connectionsNamed(admin, name)).toBe(1));
      expect(client.status).toBe('ready');
      expect(await client.ping()).toBe('PONG');
    } finally {
      await client.quit();
    }
  });

  it('rejects every call at once when nothing listens, and logs the outage once without the password', async () => {
    const logger = new CaptureLogger();
    Logger.overrideLogger(logger);
    try {
      const port = await freePort();
      const store = open({
        // disconnectTimeout: see redisAnswers (a refused socket otherwise keeps Jest waiting 2 s).
        connection: { host: '127.0.0.1', port, password: 'hunter2-secret', disconnectTimeout: 10 },
      });
      const failures = await Promise.all([
        rejectionOf(Promise.resolve(store.claimPostback({ key: 'k', record: record('sent') }))),
        rejectionOf(Promise.resolve(store.releasePostback('k', 'handler'))),
        rejectionOf(Promise.resolve(store.releasePostback('k', 'all'))),
        rejectionOf(Promise.resolve(store.markPending('s'))),
        rejectionOf(Promise.resolve(store.getSettled('s'))),
        rejectionOf(Promise.resolve(store.getStatus('r'))),
        rejectionOf(Promise.resolve(store.subscribe(() => undefined))),
      ]);
      for (const failure of failures) {
        expect(failure).toBeInstanceOf(Error);
        expectNoSecrets(failure, ['hunter2-secret']);
      }
      // ioredis retries every 50, 100, 150... ms: several attempts have failed by now.
      await sleep(600);
      const warnings = logger.lines.filter((line) => line.startsWith('warn'));
      expect(warnings).toEqual([expect.stringMatching(/Redis store connection failed \(.*ECONNREFUSED.*\)/)]);
      expectNoSecrets(logger.text, ['hunter2-secret']);
    } finally {
      Logger.overrideLogger(new Logger());
    }
  });

  describe('when its Redis stops and comes back', () => {
    let server: RedisServer;
    beforeAll(async () => {
      server = await startRedisServer();
    });
    afterAll(async () => {
      await server.stop();
    });

    it('fails while it is down and resumes by itself, subscriptions included', async () => {
      const sender = open({ connection: server.url });
      const receiver = open({ connection: server.url });
      const updates: ZixflowStatusUpdate[] = [];
      await receiver.subscribe((update) => updates.push(update));
      const before = record('sent');
      await sender.claimPostback({ key: 'before', record: before });
      await eventually(async () => expect(updates).toHaveLength(1));

      await server.stop();
      await expect(sender.claimPostback({ key: 'down', record: record('sent') })).rejects.toThrow();
      await expect(sender.getStatus(before.requestId)).rejects.toThrow();

      await server.restart();
      const after = record('delivered');
      await eventually(() => Promise.resolve(sender.claimPostback({ key: 'after', record: after })));
      expect(await sender.getStatus(after.requestId)).toEqual(after);
      // The other store's connection, idle meanwhile, is back too (so closing it finds it up, not retrying).
      expect(await eventually(() => Promise.resolve(receiver.getStatus(after.requestId)))).toEqual(after);
      // The subscriber reconnects and subscribes again on its own: a later update reaches it.
      let n = 0;
      await eventually(async () => {
        await sender.claimPostback({ key: `probe-${n++}`, record: record('sent') });
        expect(updates.length).toBeGreaterThan(1);
      });
    });
  });

  it('names the option at fault', () => {
    expect(
      thrownBy(() => new RedisZixflowStore({ connection: REDIS_URL, prefix: '' }), ZixflowConfigError)
        .message,
    ).toMatch(/store prefix must be a non-empty string/);
    expect(
      thrownBy(
        () => new RedisZixflowStore({ connection: undefined as unknown as string }),
        ZixflowConfigError,
      ).message,
    ).toMatch(/store connection must be/);
    expect(
      thrownBy(() => new RedisZixflowStore({ connection: REDIS_URL, dedupTtlMs: 0 }), ZixflowConfigError)
        .message,
    ).toMatch(/store dedupTtlMs must be a positive integer/);
  });
});
