import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { startPrivateRedis } from '../support/private-redis.js';

/**
 * Stopping the job workers ends within its deadline whatever Redis went through. BullMQ's
 * `Worker.close()` waits for an 'end' event that an ioredis client between two reconnect attempts
 * never emits (taskforcesh/bullmq#4656), so after a Redis restart or with Redis down it could
 * wait for ever, and the process with it (src/jobs/worker-connections.ts).
 */
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let h: Harness;
beforeEach(async () => {
  redis = await startPrivateRedis();
  h = await startHarness({ workers: true, redisUrl: redis.url });
});
afterEach(async () => {
  await h?.close();
  await redis?.stop();
});

describe('stopping the workers', () => {
  it('gives up waiting at the deadline while Redis is down, instead of hanging', async () => {
    await redis.crash();
    const started = Date.now();
    await h.app.jobs.stopWorkers(3_000);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('closes in an orderly way right after a Redis restart, while the clients reconnect', async () => {
    await redis.crash();
    await new Promise((r) => setTimeout(r, 1500)); // the clients' reconnect attempts back off
    await redis.start();
    // Stopping at once: a worker's blocking client is most likely between two reconnect attempts.
    const started = Date.now();
    await h.app.jobs.stopWorkers(60_000);
    // About 2 s (a reconnect, then the close), not the 60 s deadline. BullMQ alone hung here in some runs.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
