import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { TenantInfo } from '../plugin/contract.js';

/**
 * A delivery stage after the inbox, with its own rows, queue and worker (src/notify's channel
 * deliveries: email and group robots). The reminder processor only tells it which reminders it
 * has sent, after the inbox transaction committed, as it enqueues the webhook: the stage plans,
 * sends, retries and sweeps on its own, so a faster reminder processor (batched SQL) needs only
 * to keep calling `reminderSent` with the ids it sent.
 */
export interface DeliveryStage {
  /** Its queue: shown on the queue dashboard, counted in /readyz?detail and /metrics. */
  readonly queue: Queue;
  /** Reminders whose inbox messages were just committed. Must not throw (the sweep is the net). */
  reminderSent(tenant: TenantInfo, reminderIds: readonly string[]): Promise<void>;
  /** Digests whose inbox messages were just committed (src/jobs/digests.ts). Must not throw. */
  digestSent(tenant: TenantInfo, digestIds: readonly string[]): Promise<void>;
  /** Re-enqueue what Redis lost in this tenant; how many jobs it added. */
  sweep(tenant: TenantInfo): Promise<number>;
  /** Its worker, started and stopped with the others. */
  worker(connection: Redis, common: { prefix: string; lockDuration: number; stalledInterval: number }): Worker;
}

/**
 * Whether each job id has a job in the queue: the test BullMQ's own add makes (a job id whose hash
 * exists is not added again). The sweeps use it; it replaced one `getJobState` script per pending
 * reminder, which made the sweep's first run over 100,000 pending reminders take tens of seconds
 * of the worker's CPU beside delivery (issue 18). One script call per page answers every id: a
 * pipelined EXISTS per id still cost ~10 µs of the client's CPU each, most of the sweep's ~20 ms
 * per tenant. The job keys share the queue's hash tag, so the script runs on a Redis Cluster too.
 */
const EXISTS_EACH = `local out = {} for i, key in ipairs(KEYS) do out[i] = redis.call('EXISTS', key) end return out`;
/** Keys per script call (Lua's stack takes them as arguments). */
const EXISTS_CHUNK = 1000;

export async function jobsExist(redis: Redis, queue: Queue, jobIds: readonly string[]): Promise<boolean[]> {
  const out: boolean[] = [];
  for (let i = 0; i < jobIds.length; i += EXISTS_CHUNK) {
    const keys = jobIds.slice(i, i + EXISTS_CHUNK).map((id) => queue.toKey(id));
    const found = (await redis.eval(EXISTS_EACH, keys.length, ...keys)) as number[];
    for (const n of found) out.push(Number(n) > 0);
  }
  return out;
}
