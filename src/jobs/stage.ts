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
