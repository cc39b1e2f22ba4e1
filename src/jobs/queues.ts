import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { TenantInfo } from '../plugin/contract.js';
import { propagateTraceContext } from '../telemetry/tracing.js';

/**
 * The queues, their job ids and the options each kind of job is added with, kept in one place so
 * that the producers, the sweep and the workers name and add a job the same way (BullMQ adds an id
 * once, so an id spelled two ways would be two jobs). Job ids contain no `:`.
 */
export const QUEUES = { reminders: 'reminders', webhooks: 'webhooks', scheduled: 'scheduled' } as const;

/**
 * The job of a tenant's fire instant. Reminders of the tenant sharing an instant share the job
 * (BullMQ adds a job id once), so a firing of 100,000 reminders is a few jobs per tenant and day,
 * not 100,000 jobs (each ~0.3 ms of the worker's CPU in BullMQ alone, issue 18).
 */
export const fireJobId = (tenant: string, at: Date | number) => `fire-${tenant}-${typeof at === 'number' ? at : at.getTime()}`;
export const webhookJobId = (tenant: string, reminderId: string) => `wh-${tenant}-${reminderId}`;

/** A producer queue on the shared connection: errors are left to the caller's add, and jobs carry the active trace. */
export function openQueue(name: string, connection: Redis, prefix: string): Queue {
  const q = new Queue(name, { connection, prefix });
  q.on('error', () => undefined);
  propagateTraceContext(q);
  return q;
}

/** The job firing a tenant's reminders at one instant (ms), delayed until then by the clock. */
export function fireJob(tenant: string, atMs: number, clock: Clock) {
  const opts: JobsOptions = {
    jobId: fireJobId(tenant, atMs),
    delay: Math.max(0, atMs - clock.now().getTime()),
    // Local defaults (no seed sets them): 5 tries 2, 4, 8, 16 s apart ride out a short database
    // or Redis hiccup; the sweep re-adds a firing that still failed.
    attempts: 5,
    backoff: { type: 'exponential', delay: 2000 },
    // Removed once done, so a reminder later planned at an instant that already fired (an
    // overdue escalation) gets the instant's job again: BullMQ ignores an add whose id is kept.
    removeOnComplete: true,
    removeOnFail: { age: 30 * 86_400 },
  };
  return { name: 'fire', data: { tenant, at: atMs }, opts };
}

/** The job POSTing one sent reminder to the tenant's webhook, retried as the tenant's settings say. */
export function webhookJob(tenant: TenantInfo, reminderId: string) {
  const opts: JobsOptions = {
    jobId: webhookJobId(tenant.key, reminderId),
    // Local default when the tenant sets none: 6 tries over ~31 s of exponential backoff.
    attempts: tenant.settings.webhook?.attempts ?? 6,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 7 * 86_400 },
    removeOnFail: { age: 30 * 86_400 },
  };
  return { name: 'webhook', data: { tenant: tenant.key, reminderId }, opts };
}

/**
 * Adds jobs for rows already committed. The bulk adds never throw (Redis down: the row is
 * committed and the sweep re-enqueues it later); the single webhook add does, for its caller to decide.
 */
export class JobProducer {
  constructor(private readonly d: { queues: { reminders: Queue; webhooks: Queue }; clock: Clock; log: Logger }) {}

  /** The fire-instant jobs of these reminders, one per distinct instant. */
  async reminders(tenant: string, reminders: { id: string; fireAt: Date }[]): Promise<void> {
    if (!reminders.length) return;
    const instants = [...new Set(reminders.map((r) => r.fireAt.getTime()))];
    try {
      await this.d.queues.reminders.addBulk(instants.map((at) => fireJob(tenant, at, this.d.clock)));
    } catch (e) {
      this.d.log.warn({ tenant, count: reminders.length, err: (e as Error).message }, 'could not enqueue reminders; the sweep will');
    }
  }

  /** The webhook job of each sent reminder. */
  async webhooks(tenant: TenantInfo, reminderIds: string[]): Promise<void> {
    try {
      await this.d.queues.webhooks.addBulk(reminderIds.map((id) => webhookJob(tenant, id)));
    } catch (e) {
      this.d.log.warn({ tenant: tenant.key, count: reminderIds.length, err: (e as Error).message }, 'could not enqueue webhooks; the sweep will');
    }
  }

  /** One reminder's webhook job; throws when Redis refuses it. */
  async webhook(tenant: TenantInfo, reminderId: string): Promise<void> {
    const job = webhookJob(tenant, reminderId);
    await this.d.queues.webhooks.add(job.name, job.data, job.opts);
  }
}
