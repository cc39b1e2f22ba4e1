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
 * Whether each job id has a job in the queue, by one pipelined EXISTS on the job hashes: the test
 * BullMQ's own add makes (a job id whose hash exists is not added again). The sweeps use it; it
 * replaced one `getJobState` script per pending reminder, which made the sweep's first run over
 * 100,000 pending reminders take tens of seconds of the worker's CPU beside delivery (issue 18).
 */
export async function jobsExist(redis: Redis, queue: Queue, jobIds: readonly string[]): Promise<boolean[]> {
  if (!jobIds.length) return [];
  const pipeline = redis.pipeline();
  for (const id of jobIds) pipeline.exists(queue.toKey(id));
  const res = (await pipeline.exec()) ?? [];
  return jobIds.map((_, i) => {
    const [err, n] = res[i] ?? [new Error('no reply'), 0];
    if (err) throw err;
    return Number(n) > 0;
  });
}
