import type { MikroORM, PostgreSqlConnection } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { TenantInfo } from '../plugin/contract.js';
import type { PluginHost } from '../plugin/host.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import type { Metrics } from '../metrics.js';
import type { DeliveryStage } from './stage.js';
import type { BatchResult } from './delivery-batch.js';
import { ReminderDelivery, type DeliveryStats } from './delivery.js';
import { TenantFirings } from './firing.js';
import { JobProducer, openQueue, QUEUES } from './queues.js';
import type { SyncOptions } from './reminders.js';
import { Sweep } from './sweep.js';
import { sendWebhook } from './webhooks.js';
import { startJobWorkers } from './workers.js';
import { WorkerConnections } from './worker-connections.js';
import { declaredSchedulers, inspectSchedulers, SchedulerWatchdog, SWEEP_SCHEDULER, upsertScheduler, type SchedulerReport } from './schedulers.js';

/**
 * Background jobs on BullMQ, with PostgreSQL as the source of truth. This class is the facade the
 * app, scripts and tests hold: it owns the Redis connection, the queues and the delivery stages,
 * and wires the parts, each in its own file:
 *
 * - `reminders`: one delayed job per tenant and fire instant (`fireJobId`, queues.ts), shared by
 *   every reminder of the tenant due then: a firing (firing.ts) delivers every due pending reminder
 *   of the tenant in batches (delivery.ts, delivery-batch.ts) until none is left. A reminder is sent
 *   only under its row lock, from `pending`, in the transaction that writes its inbox message
 *   (unique per reminder), so a firing run twice — a retry after a crash, a duplicate from the
 *   sweep — delivers once.
 * - `webhooks` (webhooks.ts): POSTs a sent reminder to the tenant's webhook with an HMAC signature
 *   and an idempotency key; retried with exponential back-off; recorded as failed after the last try.
 * - `scheduled`: the sweep (sweep.ts; every minute: re-enqueue pending reminders and webhooks whose
 *   job Redis lost) and the plugins' repeating jobs, one scheduler per tenant. Each worker process
 *   re-creates schedulers Redis lost (schedulers.ts), so a flush stops neither.
 *
 * The workers of every queue are started in workers.ts. Queue keys share one hash tag (`{ts}` by
 * default) so every queue works on a Redis Cluster; jobs carry the tenant key and row ids, never
 * entities. Job ids contain no `:`.
 */

/** Importers of the job ids and queue names from here (tests, kit) keep working; queues.ts owns them. */
export { QUEUES, fireJobId, webhookJobId } from './queues.js';

export interface JobSystemOptions {
  redisUrl: string;
  /** BullMQ key prefix; keep the braces (a Redis Cluster hash tag). */
  prefix?: string;
  orm: MikroORM;
  tenancy: TenancyService;
  host: PluginHost;
  clock: Clock;
  log: Logger;
  /** Worker lock duration; a crashed worker's job is retried after about this long. */
  lockMs?: number;
  /** Called with the raw webhook response status, for tests and metrics. */
  fetchImpl?: typeof fetch;
  /** How often the sweep runs (ms). */
  sweepEveryMs?: number;
  /** How often each worker process checks that the job schedulers are in Redis (ms). */
  schedulerCheckMs?: number;
  /** Job outcomes and run times go here (`/metrics`). */
  metrics?: Metrics;
  /** Most reminders one delivery batch takes (src/jobs/delivery-batch.ts); local default 500. */
  reminderBatch?: number;
}

export class JobSystem {
  readonly prefix: string;
  private readonly connection: Redis;
  readonly queues: Record<keyof typeof QUEUES, Queue> & Record<string, Queue>;
  private workers: Worker[] = [];
  private readonly stages: DeliveryStage[] = [];
  private workerConnections: WorkerConnections;
  private watchdog?: SchedulerWatchdog;
  readonly sweepEveryMs: number;
  private pool?: Promise<Pool>;
  /** What firings did in this process (the benchmark reads it): jobs run, firings that ran SQL, batches, statements (checks included), reminders sent. */
  readonly deliveryStats: DeliveryStats = { jobs: 0, firings: 0, batches: 0, statements: 0, sent: 0, heldAlone: 0, jobsRemoved: 0 };
  private readonly producer: JobProducer;
  private readonly delivery: ReminderDelivery;
  private readonly firings: TenantFirings;
  private readonly sweeper: Sweep;

  constructor(private readonly opts: JobSystemOptions) {
    this.prefix = opts.prefix ?? '{ts}';
    this.sweepEveryMs = opts.sweepEveryMs ?? 60_000;
    this.workerConnections = new WorkerConnections(opts.redisUrl);
    // Producers fail fast when Redis is down (the row is committed; the sweep re-enqueues later).
    this.connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
    this.connection.on('error', () => undefined);
    this.connection.connect().catch(() => undefined);
    const make = (name: string) => openQueue(name, this.connection, this.prefix);
    this.queues = { reminders: make(QUEUES.reminders), webhooks: make(QUEUES.webhooks), scheduled: make(QUEUES.scheduled) };
    const { tenancy, clock, log } = opts;
    const pool = () => this.nativePool();
    this.producer = new JobProducer({ queues: this.queues, clock, log });
    this.delivery = new ReminderDelivery({ tenancy, clock, pool, producer: this.producer, stages: this.stages, stats: this.deliveryStats, reminderBatch: opts.reminderBatch });
    this.firings = new TenantFirings({ tenancy, clock, pool, delivery: this.delivery, reminders: this.queues.reminders, stats: this.deliveryStats });
    this.sweeper = new Sweep({ tenancy, clock, log, pool, connection: this.connection, prefix: this.prefix, queues: this.queues, producer: this.producer, stages: this.stages });
  }

  /** Add a delivery stage after the inbox (src/jobs/stage.ts), with a queue of this system's. */
  addStage(name: string, build: (queue: Queue, redis: Redis) => DeliveryStage): DeliveryStage {
    const q = openQueue(name, this.connection, this.prefix);
    const stage = build(q, this.connection);
    this.queues[name] = q;
    this.stages.push(stage);
    return stage;
  }

  /** Enqueue the fire-instant jobs of reminder rows that are committed. Never throws: the sweep is the safety net. */
  enqueueReminders(tenant: string, reminders: { id: string; fireAt: Date }[]): Promise<void> {
    return this.producer.reminders(tenant, reminders);
  }

  /** Deliver one reminder by id, under its row lock (delivery.ts). */
  deliver(tenantKey: string, reminderId: string): Promise<'sent' | 'skipped' | 'cancelled' | 'early' | 'digested' | 'superseded'> {
    return this.delivery.deliver(tenantKey, reminderId);
  }

  /** Deliver reminders of one tenant in one batch: those asked for and other due ones (delivery.ts). */
  deliverBatch(tenantKey: string, ids: string[]): Promise<BatchResult> {
    return this.delivery.deliverBatch(tenantKey, ids);
  }

  /** The ORM's own `pg` pool, for the plain-SQL paths (batched delivery, the firing's look, the sweep's pages). */
  private nativePool(): Promise<Pool> {
    this.pool ??= (this.opts.orm.em.getConnection() as PostgreSqlConnection).getNativeClient();
    return this.pool;
  }

  /** What a fire-instant job does: deliver every due reminder of the tenant, one firing per tenant at a time (firing.ts); how many were sent. */
  fire(tenantKey: string): Promise<number> {
    return this.firings.fire(tenantKey);
  }

  /** POST a sent reminder to the tenant's webhook (webhooks.ts). Throws to let BullMQ retry; marks failed on the last try. */
  sendWebhook(tenantKey: string, reminderId: string, attempt: number, maxAttempts: number): Promise<'delivered' | 'skipped'> {
    return sendWebhook(this.opts, tenantKey, reminderId, attempt, maxAttempts);
  }

  /** Plan reminders for owed reports that have none (sweep.ts); how many rows it created. */
  reconcileReminders(tenant: TenantInfo, opts: SyncOptions = {}): Promise<number> {
    return this.sweeper.reconcileReminders(tenant, opts);
  }

  /** Re-enqueue the jobs Redis lost, from PostgreSQL (sweep.ts); how many it added. */
  sweep(): Promise<{ reminders: number; webhooks: number }> {
    return this.sweeper.run();
  }

  /** Start the workers (in the API process by default, or alone with `npm run worker`). */
  async startWorkers(opts: { concurrency?: number; fireConcurrency?: number } = {}): Promise<void> {
    const { tenancy, host, clock, log, metrics, lockMs } = this.opts;
    this.workers = startJobWorkers(
      { prefix: this.prefix, lockMs, connections: this.workerConnections, tenancy, host, clock, log, metrics, stages: this.stages },
      { fire: (tenant) => this.fire(tenant), sendWebhook: (...args) => this.sendWebhook(...args), sweep: () => this.sweep() },
      opts,
    );
    // Upserting at start also applies a changed schedule; the watchdog only re-creates lost ones.
    for (const spec of await this.declaredSchedulers()) await upsertScheduler(this.queues.scheduled, spec);
    this.watchdog = new SchedulerWatchdog({
      queue: this.queues.scheduled,
      connection: this.connection,
      declared: () => this.declaredSchedulers(),
      checkEveryMs: this.opts.schedulerCheckMs ?? 30_000, // local default: twice a minute, half the sweep's period
      sweepEveryMs: this.sweepEveryMs,
      lastSweep: () => this.sweeper.lastSweptAt(),
      sweep: () => this.sweep(),
      log,
    });
    this.watchdog.start();
  }

  /** The sweep and every tenant's scheduled plugin jobs, as the code and the tenants declare them. */
  async declaredSchedulers() {
    return declaredSchedulers(await this.opts.tenancy.list(), this.opts.host, this.sweepEveryMs);
  }

  /** One repeating scheduler per tenant and plugin job, in the job's time zone (Asia/Shanghai by default). */
  async registerPluginSchedules(): Promise<number> {
    const specs = (await this.declaredSchedulers()).filter((s) => s.id !== SWEEP_SCHEDULER);
    for (const spec of specs) await upsertScheduler(this.queues.scheduled, spec);
    return specs.length;
  }

  /** Declared schedulers against those in Redis, for /readyz?detail. */
  async schedulers(): Promise<SchedulerReport> {
    return inspectSchedulers(this.queues.scheduled, await this.declaredSchedulers());
  }

  /** Job counts per queue and state, for /readyz and operators. */
  async counts(): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [name, q] of Object.entries(this.queues)) out[name] = await q.getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed');
    return out;
  }

  /** Stop taking jobs; jobs in hand may finish within `timeoutMs`. */
  async stopWorkers(timeoutMs = 15_000): Promise<void> {
    // The watchdog first: once stopped it writes no scheduler the app's owner then has to delete.
    await this.watchdog?.stop();
    this.watchdog = undefined;
    await this.workerConnections.closeWorkers(this.workers, timeoutMs, this.opts.log);
    this.workers = [];
  }

  async close(): Promise<void> {
    await this.stopWorkers();
    await Promise.all(Object.values(this.queues).map((q) => q.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}
