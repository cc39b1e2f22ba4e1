import type { Worker } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The Redis clients of the BullMQ workers, with every duplicate BullMQ makes of them (a worker
 * runs on two copies of the client it is given), so that stopping can reach them all.
 *
 * Why: `Worker.close()` disconnects its blocking client and waits for its 'end' event, which an
 * ioredis client waiting between two reconnect attempts never emits (taskforcesh/bullmq#4656).
 * After a Redis restart, closing then hung for good and the process never exited.
 */
export class WorkerConnections {
  private clients: Redis[] = [];

  constructor(private readonly url: string) {}

  create(): Redis {
    const client = new Redis(this.url, { maxRetriesPerRequest: null } satisfies RedisOptions);
    this.track(client);
    const duplicate = client.duplicate.bind(client);
    client.duplicate = ((override?: Partial<RedisOptions>) => this.track(duplicate(override))) as typeof client.duplicate;
    return client;
  }

  private track(client: Redis): Redis {
    client.on('error', () => undefined); // BullMQ reports failures through the worker's 'error' event
    this.clients.push(client);
    return client;
  }

  /**
   * Close the workers: jobs in hand may finish within `timeoutMs`. First give any client that is
   * reconnecting time to connect (so close does not wait for an 'end' that never comes); if the
   * workers are still not closed by the deadline (Redis down), end every client so nothing keeps
   * the process alive, and resolve anyway.
   */
  async closeWorkers(workers: Worker[], timeoutMs: number, log: Logger): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const reconnecting = this.clients.filter((c) => c.status === 'reconnecting');
    await Promise.all(reconnecting.map((c) => within(new Promise((resolve) => c.once('ready', resolve)), Math.min(5_000, timeoutMs))));
    const closed = await within(Promise.all(workers.map((w) => w.close())), Math.max(0, deadline - Date.now()));
    if (!closed) log.warn({ timeoutMs }, 'job workers did not close in time (Redis unreachable?); dropping their connections');
    for (const c of this.clients) {
      const stuck = c.status === 'reconnecting';
      c.disconnect();
      // Lets a close still waiting for this client's 'end' finish (disconnect() of a client between reconnect attempts emits none).
      if (stuck) c.emit('end');
    }
    this.clients = [];
  }
}

/** True if the promise settled within `ms`, false if the time ran out first. */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([p.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
