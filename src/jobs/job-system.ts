import { createHmac } from 'node:crypto';
import { LockMode, type MikroORM, type PostgreSqlConnection } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { DelayedError, Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { dayInShanghai } from '../calendar.js';
import type { Clock } from '../clock.js';
import { auditScope } from '../core/audit.js';
import { ReportStatus } from '../core/domain.js';
import { Report } from '../core/entities/report.js';
import { DeliveryState, InboxMessage, Reminder, ReminderState, WebhookDelivery } from '../core/entities/reminder.js';
import { Talent } from '../core/entities/talent.js';
import type { TenantInfo } from '../plugin/contract.js';
import type { PluginHost } from '../plugin/host.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import type { Metrics } from '../metrics.js';
import { reminderText } from './messages.js';
import { jobsExist, type DeliveryStage } from './stage.js';
import { deliverBatch, quotedTable as quoted, type BatchResult } from './delivery-batch.js';
import { digestJob, digestsDue } from './digests.js';
import { syncReminders, type SyncOptions } from './reminders.js';
import { WorkerConnections } from './worker-connections.js';
import { propagateTraceContext, traceProcessor } from '../telemetry/tracing.js';
import { declaredSchedulers, inspectSchedulers, SchedulerWatchdog, SWEEP_SCHEDULER, upsertScheduler, type SchedulerReport } from './schedulers.js';

/**
 * Background jobs on BullMQ, with PostgreSQL as the source of truth.
 *
 * - `reminders`: one delayed job per tenant and fire instant (`fireJobId`), shared by every
 *   reminder of the tenant due then: a firing delivers every due pending reminder of the tenant in
 *   batches (src/jobs/delivery-batch.ts) until none is left. A reminder is sent only under its row
 *   lock, from `pending`, in the transaction that writes its inbox message (unique per reminder),
 *   so a firing run twice — a retry after a crash, a duplicate from the sweep — delivers once.
 * - `webhooks`: POSTs a sent reminder to the tenant's webhook with an HMAC signature and an
 *   idempotency key; retried with exponential back-off; recorded as failed after the last try.
 * - `scheduled`: the sweep (every minute: re-enqueue pending reminders and webhooks whose job
 *   Redis lost) and the plugins' repeating jobs, one scheduler per tenant. Each worker process
 *   re-creates schedulers Redis lost (schedulers.ts), so a flush stops neither.
 *
 * Queue keys share one hash tag (`{ts}` by default) so every queue works on a Redis Cluster;
 * jobs carry the tenant key and row ids, never entities. Job ids contain no `:`.
 */
export const QUEUES = { reminders: 'reminders', webhooks: 'webhooks', scheduled: 'scheduled' } as const;
const SWEEP_PAGE = 1000;

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

/**
 * Firings (tenant and instant jobs) a worker process runs at once, each with one delivery batch in
 * flight holding a pooled connection. Local default: the worker's CPU, not PostgreSQL, bounds
 * delivery (issue 18), so a few tenants at a time keep it busy while one waits on SQL.
 */
const FIRE_CONCURRENCY = 4;
/** Held due reminders (another transaction has the row) a firing delivers alone per round; local default. */
const HELD_PER_ROUND = 50;

/**
 * The job of a tenant's fire instant. Reminders of the tenant sharing an instant share the job
 * (BullMQ adds a job id once), so a firing of 100,000 reminders is a few jobs per tenant and day,
 * not 100,000 jobs (each ~0.3 ms of the worker's CPU in BullMQ alone, issue 18).
 */
export const fireJobId = (tenant: string, at: Date | number) => `fire-${tenant}-${typeof at === 'number' ? at : at.getTime()}`;
export const webhookJobId = (tenant: string, reminderId: string) => `wh-${tenant}-${reminderId}`;

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
  /** Per tenant, this process's firing running now and the one queued behind it (see `fire`). */
  private readonly firings = new Map<string, { running: Promise<number>; next?: Promise<number> }>();
  /** What firings did in this process (the benchmark reads it): jobs run, firings that ran SQL, batches, statements (checks included), reminders sent. */
  readonly deliveryStats = { jobs: 0, firings: 0, batches: 0, statements: 0, sent: 0, heldAlone: 0, jobsRemoved: 0 };

  constructor(private readonly opts: JobSystemOptions) {
    this.prefix = opts.prefix ?? '{ts}';
    this.sweepEveryMs = opts.sweepEveryMs ?? 60_000;
    this.workerConnections = new WorkerConnections(opts.redisUrl);
    // Producers fail fast when Redis is down (the row is committed; the sweep re-enqueues later).
    this.connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
    this.connection.on('error', () => undefined);
    this.connection.connect().catch(() => undefined);
    const make = (name: string) => {
      const q = new Queue(name, { connection: this.connection, prefix: this.prefix });
      q.on('error', () => undefined);
      propagateTraceContext(q);
      return q;
    };
    this.queues = { reminders: make(QUEUES.reminders), webhooks: make(QUEUES.webhooks), scheduled: make(QUEUES.scheduled) };
  }

  /** Add a delivery stage after the inbox (src/jobs/stage.ts), with a queue of this system's. */
  addStage(name: string, build: (queue: Queue, redis: Redis) => DeliveryStage): DeliveryStage {
    const q = new Queue(name, { connection: this.connection, prefix: this.prefix });
    q.on('error', () => undefined);
    propagateTraceContext(q);
    const stage = build(q, this.connection);
    this.queues[name] = q;
    this.stages.push(stage);
    return stage;
  }

  private delayUntil(at: Date): number {
    return Math.max(0, at.getTime() - this.opts.clock.now().getTime());
  }

  private fireJob(tenant: string, atMs: number) {
    const opts: JobsOptions = {
      jobId: fireJobId(tenant, atMs),
      delay: this.delayUntil(new Date(atMs)),
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      // Removed once done, so a reminder later planned at an instant that already fired (an
      // overdue escalation) gets the instant's job again: BullMQ ignores an add whose id is kept.
      removeOnComplete: true,
      removeOnFail: { age: 30 * 86_400 },
    };
    return { name: 'fire', data: { tenant, at: atMs }, opts };
  }

  /** Enqueue the fire-instant jobs of reminder rows that are committed. Never throws: the sweep is the safety net. */
  async enqueueReminders(tenant: string, reminders: { id: string; fireAt: Date }[]): Promise<void> {
    if (!reminders.length) return;
    const instants = [...new Set(reminders.map((r) => r.fireAt.getTime()))];
    try {
      await this.queues.reminders.addBulk(instants.map((at) => this.fireJob(tenant, at)));
    } catch (e) {
      this.opts.log.warn({ tenant, count: reminders.length, err: (e as Error).message }, 'could not enqueue reminders; the sweep will');
    }
  }

  private webhookJob(tenant: TenantInfo, reminderId: string) {
    const opts: JobsOptions = {
      jobId: webhookJobId(tenant.key, reminderId),
      attempts: tenant.settings.webhook?.attempts ?? 6,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 7 * 86_400 },
      removeOnFail: { age: 30 * 86_400 },
    };
    return { name: 'webhook', data: { tenant: tenant.key, reminderId }, opts };
  }

  private async enqueueWebhook(tenant: TenantInfo, reminderId: string): Promise<void> {
    const job = this.webhookJob(tenant, reminderId);
    await this.queues.webhooks.add(job.name, job.data, job.opts);
  }

  /**
   * Deliver one reminder: inbox message and state change in one transaction, then the webhook job.
   * A reminder waiting for a digest (long overdue when first planned) writes every digest of the
   * tenant that is due instead (src/jobs/digests.ts): `digested` when it wrote some.
   */
  async deliver(tenantKey: string, reminderId: string): Promise<'sent' | 'skipped' | 'cancelled' | 'early' | 'digested'> {
    const tenant = await this.opts.tenancy.get(tenantKey);
    if (!tenant) return 'skipped';
    const em = this.opts.tenancy.em(tenant);
    const now = this.opts.clock.now();
    const digest = await auditScope.run({ actor: { userId: 'reminder-job', roles: [] } }, () => digestJob(em, tenant, reminderId, now));
    if (digest) return this.afterDigests(tenant, digest);
    let webhook = false;
    const outcome = await auditScope.run({ actor: { userId: 'reminder-job', roles: [] } }, () =>
      em.transactional(async (tx) => {
        // The row lock serialises concurrent runs of the same reminder (a duplicate job, a retry).
        const reminder = await tx.findOne(Reminder, reminderId, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!reminder || reminder.state !== ReminderState.PENDING) return 'skipped' as const;
        if (reminder.fireAt.getTime() > now.getTime() + 1000) return 'early' as const;
        const report = await tx.findOneOrFail(Report, reminder.report.id);
        if (report.status !== ReportStatus.DUE && report.status !== ReportStatus.RETURNED) {
          reminder.state = ReminderState.CANCELLED;
          return 'cancelled' as const;
        }
        const talent = await tx.findOneOrFail(Talent, reminder.talent.id);
        const text = reminderText({ audience: reminder.audience, stage: reminder.stage, reportTitle: report.title, talentName: talent.name, dueOn: report.dueOn, today: dayInShanghai(now) });
        tx.create(InboxMessage, { reminder, talent: reminder.talent, unit: reminder.unit, audience: reminder.audience, ...text });
        reminder.state = ReminderState.SENT;
        reminder.sentAt = now;
        if (tenant.settings.webhook) {
          tx.create(WebhookDelivery, { reminder, url: tenant.settings.webhook.url });
          webhook = true;
        }
        return 'sent' as const;
      }),
    );
    if (webhook) await this.enqueueWebhook(tenant, reminderId);
    if (outcome === 'sent') for (const stage of this.stages) await stage.reminderSent(tenant, [reminderId]);
    return outcome;
  }

  /** Tell the delivery stages of digests written, or make sure the instant digests moved to has its job. */
  private async afterDigests(tenant: TenantInfo, digest: NonNullable<Awaited<ReturnType<typeof digestsDue>>>): Promise<'early' | 'digested' | 'skipped'> {
    if (digest.outcome === 'early') await this.enqueueReminders(tenant.key, [{ id: '', fireAt: digest.at }]);
    else for (const stage of this.stages) await stage.digestSent(tenant, digest.digests);
    return digest.outcome;
  }

  /**
   * Deliver reminders of one tenant in one batch (src/jobs/delivery-batch.ts): those asked for and
   * other due ones, then tell the webhook queue and the delivery stages what was sent.
   */
  async deliverBatch(tenantKey: string, ids: string[]): Promise<BatchResult> {
    const tenant = await this.opts.tenancy.get(tenantKey);
    if (!tenant) return { outcomes: new Map(ids.map((id) => [id, 'skipped' as const])), extra: new Map(), sent: [], instants: [], statements: 0 };
    const pool = await this.nativePool();
    const result = await auditScope.run({ actor: { userId: 'reminder-job', roles: [] } }, async () =>
      deliverBatch(pool, { schema: tenant.schema, ids, now: this.opts.clock.now(), limit: this.opts.reminderBatch ?? 500, webhookUrl: tenant.settings.webhook?.url }),
    );
    const st = this.deliveryStats;
    st.batches++;
    st.statements += result.statements;
    st.sent += result.sent.length;
    if (result.sent.length) {
      if (tenant.settings.webhook) {
        try {
          await this.queues.webhooks.addBulk(result.sent.map((id) => this.webhookJob(tenant, id)));
        } catch (e) {
          this.opts.log.warn({ tenant: tenant.key, count: result.sent.length, err: (e as Error).message }, 'could not enqueue webhooks; the sweep will');
        }
      }
      for (const stage of this.stages) await stage.reminderSent(tenant, result.sent);
    }
    return result;
  }

  /** The ORM's own `pg` pool, for the plain-SQL paths (batched delivery, the sweep's pages). */
  private nativePool(): Promise<Pool> {
    this.pool ??= (this.opts.orm.em.getConnection() as PostgreSqlConnection).getNativeClient();
    return this.pool;
  }

  /**
   * What a fire-instant job does: deliver every due reminder of the tenant; how many were sent.
   * One firing of a tenant runs at a time in a process (two would split batches and then wait on
   * each other's rows). A job arriving while one runs waits for the next, which starts after it
   * arrived and so sees every reminder committed before its job was added; jobs arriving while
   * that next one is still queued share it.
   */
  fire(tenantKey: string): Promise<number> {
    this.deliveryStats.jobs++;
    const current = this.firings.get(tenantKey);
    if (current?.next) return current.next;
    const start = (): Promise<number> => {
      const run = this.fireDue(tenantKey);
      const entry = { running: run } as { running: Promise<number>; next?: Promise<number> };
      this.firings.set(tenantKey, entry);
      const done = () => {
        if (this.firings.get(tenantKey) === entry && !entry.next) this.firings.delete(tenantKey);
      };
      run.then(done, done);
      return run;
    };
    if (!current) return start();
    current.next = current.running.then(start, start);
    return current.next;
  }

  /**
   * Deliver every due reminder of a tenant: a cheap look first (most jobs of a big firing find
   * their tenant already done), then batches of the due pending ones, oldest first, until a look
   * finds none. Due rows a batch skipped because another transaction holds them are delivered
   * alone, waiting for their lock, so no reminder is left on the guess that someone else sent it.
   * Reminders waiting for a digest are written as digests (src/jobs/digests.ts).
   *
   * The jobs of the other instants it emptied are then removed: each would run a firing that finds
   * nothing (after downtime, or the benchmark's jump of the clock, ~195 per tenant, each ~0.3 ms
   * of the worker's CPU in BullMQ). A reminder added to such an instant after the last look, whose
   * add BullMQ ignored because the job was still there, is the running job's gap: the sweep bounds it.
   */
  private async fireDue(tenantKey: string): Promise<number> {
    const tenant = await this.opts.tenancy.get(tenantKey);
    if (!tenant) return 0;
    const pool = await this.nativePool();
    const st = this.deliveryStats;
    st.firings++;
    const reminder = quoted(tenant.schema, 'reminder');
    const triedAlone = new Set<string>();
    const emptied = new Set<number>();
    let sent = 0;
    for (;;) {
      const soon = new Date(this.opts.clock.now().getTime() + 1000);
      st.statements++;
      const { rows: [due] } = await pool.query<{ pending: string[]; digest: boolean }>(
        `select array(select id from ${reminder} where state = '${ReminderState.PENDING}' and fire_at <= $1 order by fire_at, id limit ${HELD_PER_ROUND}) as pending,
                exists (select 1 from ${reminder} where state = '${ReminderState.DIGEST}' and digest_id is null and fire_at <= $1) as digest`,
        [soon],
      );
      if (!due || (!due.pending.length && !due.digest)) break;
      if (due.pending.length) {
        const batch = await this.deliverBatch(tenantKey, []);
        sent += batch.sent.length;
        for (const at of batch.instants) emptied.add(at);
        if (batch.extra.size) continue;
        // Due but none taken: other transactions hold them (a report being edited, another
        // worker's batch). Each is delivered alone, waiting for its row; once per firing, so a
        // row that stays pending (it cannot, but a bug must not spin) is left to the next firing.
        const held = due.pending.filter((id) => !triedAlone.has(id));
        for (const id of held) {
          triedAlone.add(id);
          st.heldAlone++;
          if ((await this.deliver(tenantKey, id)) === 'sent') sent++;
        }
        if (held.length) continue;
      }
      if (due.digest) {
        const digest = await auditScope.run({ actor: { userId: 'reminder-job', roles: [] } }, () => digestsDue(this.opts.tenancy.em(tenant), tenant, this.opts.clock.now()));
        if (digest) await this.afterDigests(tenant, digest);
      }
      break;
    }
    if (emptied.size) {
      // A running job (this one, or another worker's) is locked and stays.
      const removed = await Promise.all([...emptied].map((at) => this.queues.reminders.remove(fireJobId(tenantKey, at)).catch(() => 0)));
      st.jobsRemoved += removed.filter((n) => n === 1).length;
    }
    return sent;
  }

  /** POST a sent reminder to the tenant's webhook. Throws to let BullMQ retry; marks failed on the last try. */
  async sendWebhook(tenantKey: string, reminderId: string, attempt: number, maxAttempts: number): Promise<'delivered' | 'skipped'> {
    const tenant = await this.opts.tenancy.get(tenantKey);
    const hook = tenant?.settings.webhook;
    if (!tenant || !hook) return 'skipped';
    const em = this.opts.tenancy.em(tenant);
    const delivery = await em.findOne(WebhookDelivery, { reminder: reminderId });
    if (!delivery || delivery.state !== DeliveryState.PENDING) return 'skipped';
    const reminder = await em.findOneOrFail(Reminder, reminderId);
    const message = await em.findOneOrFail(InboxMessage, { reminder: reminderId });
    const report = await em.findOneOrFail(Report, reminder.report.id);
    const body = JSON.stringify({
      id: reminder.idempotencyKey,
      tenant: tenant.key,
      audience: reminder.audience,
      stage: reminder.stage,
      report: { id: report.id, kind: report.kind, dueOn: report.dueOn },
      talentId: reminder.talent.id,
      unitId: reminder.unit.id,
      title: { zh: message.titleZh, en: message.titleEn },
      body: { zh: message.bodyZh, en: message.bodyEn },
      sentAt: reminder.sentAt?.toISOString(),
    });
    const secret = process.env[hook.secretEnv];
    delivery.attempts += 1;
    let error: string | null = null;
    if (!secret) {
      error = `environment variable ${hook.secretEnv} (webhook secret) is not set`;
    } else {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
      try {
        const res = await (this.opts.fetchImpl ?? fetch)(hook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': reminder.idempotencyKey, 'x-timestamp': timestamp, 'x-signature': `sha256=${signature}` },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        delivery.lastStatus = res.status;
        if (res.ok) {
          delivery.state = DeliveryState.DELIVERED;
          delivery.deliveredAt = new Date();
          delivery.lastError = null;
        } else error = `HTTP ${res.status}`;
      } catch (e) {
        error = (e as Error).message;
      }
    }
    if (error) {
      delivery.lastError = error;
      if (attempt >= maxAttempts) delivery.state = DeliveryState.FAILED;
    }
    await em.flush();
    if (error) throw new Error(`webhook ${tenant.key}/${reminderId}: ${error}`);
    return 'delivered';
  }

  /**
   * Plan reminders for owed reports that have none — reports written by seeds, data loaders or
   * plugin code that did not go through `syncReports`. Returns how many rows it created.
   */
  async reconcileReminders(tenant: TenantInfo, opts: SyncOptions = {}): Promise<number> {
    const em = this.opts.tenancy.em(tenant);
    const orphans = await em.find(Report, { status: { $in: [ReportStatus.DUE, ReportStatus.RETURNED] }, reminderRows: { $none: {} } }, { limit: 5000 });
    if (!orphans.length) return 0;
    // In a transaction syncReminders writes the new rows with multi-row inserts, not entity by entity.
    const rows = await em.transactional((tx) => syncReminders(tx, tenant, orphans, this.opts.clock.now(), opts));
    await this.enqueueReminders(tenant.key, rows);
    return rows.length;
  }

  /**
   * Re-enqueue the job of every instant with pending reminders (and of every pending webhook) that
   * has none in Redis — after a flush or a restart of Redis, or a crash between commit and enqueue.
   * Returns how many it added: `reminders` counts the pending reminders whose instant had no job.
   *
   * It is also what bounds the one gap of shared instant jobs: a reminder committed while its
   * instant's job is running, after that firing's last look, is not seen by it, and its add is
   * ignored (BullMQ keeps one job per id). Once the firing completes its job is removed, so the
   * next sweep finds the instant without a job and adds it: such a reminder waits at most one
   * sweep interval (`sweepEveryMs`, a minute by default) and one sweep's run, or less if any later
   * firing of its tenant comes first (a firing delivers every due reminder of its tenant).
   */
  async sweep(): Promise<{ reminders: number; webhooks: number }> {
    let reminders = 0;
    let webhooks = 0;
    /** Jobs the delivery stages re-added (logged; the answer keeps its shape). */
    let channels = 0;
    const pool = await this.nativePool();
    for (const tenant of await this.opts.tenancy.list()) {
      // The pages are read as plain rows through `pg`, not as entities: the unit of work's
      // hydration of ~1,000 partial entities per page was most of the sweep's ~40 ms of CPU per
      // tenant, spent beside delivery when the sweep's first run starts with the workers.
      const { rows: [orphaned] } = await pool.query<{ any: boolean }>(
        `select exists (select 1 from ${quoted(tenant.schema, 'report')} p where p.status in ('${ReportStatus.DUE}', '${ReportStatus.RETURNED}')
            and not exists (select 1 from ${quoted(tenant.schema, 'reminder')} r where r.report_id = p.id)) as any`,
      );
      if (orphaned?.any) await this.reconcileReminders(tenant);
      // One row per instant with pending reminders (a few per report and day), not one per reminder.
      // Paged on the instant as PostgreSQL prints it (exact), not as a JS date (milliseconds).
      let after = '-infinity';
      for (;;) {
        const { rows } = await pool.query<{ fire_key: string; fire_ms: number; n: number }>(
          `select fire_at::text as fire_key, (extract(epoch from fire_at) * 1000)::float8 as fire_ms, count(*)::int as n from ${quoted(tenant.schema, 'reminder')}
            where state in ('${ReminderState.PENDING}', '${ReminderState.DIGEST}') and fire_at > $1::timestamptz group by fire_at order by fire_at limit ${SWEEP_PAGE}`,
          [after],
        );
        if (!rows.length) break;
        after = rows.at(-1)!.fire_key;
        // Whole milliseconds, as the instant's job was named from the row's JS date.
        const instants = rows.map((r) => Math.trunc(Number(r.fire_ms)));
        const known = await jobsExist(this.connection, this.queues.reminders, instants.map((at) => fireJobId(tenant.key, at)));
        const missing = instants.filter((_, i) => !known[i]);
        if (missing.length) await this.queues.reminders.addBulk(missing.map((at) => this.fireJob(tenant.key, at)));
        for (const [i, r] of rows.entries()) if (!known[i]) reminders += r.n;
      }
      for (const stage of this.stages) channels += await stage.sweep(tenant);
      const { rows: pendingHooks } = await pool.query<{ reminder_id: string }>(`select reminder_id from ${quoted(tenant.schema, 'webhook_delivery')} where state = '${DeliveryState.PENDING}'`);
      const hookKnown = await jobsExist(this.connection, this.queues.webhooks, pendingHooks.map((d) => webhookJobId(tenant.key, d.reminder_id)));
      for (const [i, d] of pendingHooks.entries()) {
        if (hookKnown[i]) continue;
        await this.enqueueWebhook(tenant, d.reminder_id);
        webhooks++;
      }
      // Between tenants, let the jobs waiting on this process run (the sweep shares it with delivery).
      await new Promise((r) => setImmediate(r));
    }
    if (reminders || webhooks || channels) this.opts.log.info({ reminders, webhooks, channels }, 'sweep re-enqueued lost jobs');
    // Lets every worker's watchdog see that some process swept (schedulers.ts).
    await this.connection.set(this.lastSweepKey, String(Date.now())).catch(() => undefined);
    return { reminders, webhooks };
  }

  private get lastSweepKey(): string {
    return `${this.prefix}:sweep:last`;
  }

  /** Start the workers (in the API process by default, or alone with `npm run worker`). */
  async startWorkers(opts: { concurrency?: number; fireConcurrency?: number } = {}): Promise<void> {
    const connection = () => this.workerConnections.create();
    const common = { prefix: this.prefix, lockDuration: this.opts.lockMs ?? 30_000, stalledInterval: Math.max(500, Math.floor((this.opts.lockMs ?? 30_000) / 2)) };
    const log = this.opts.log;
    const reminders = new Worker(
      QUEUES.reminders,
      traceProcessor(QUEUES.reminders, async (job: Job<{ tenant: string; at?: number }>, token?: string) => {
        // Run before its instant (clock skew): come back then. A job queued before instant jobs
        // (one per reminder, without `at`) fires its tenant as any firing does.
        const ahead = (job.data.at ?? 0) - this.opts.clock.now().getTime();
        if (ahead > 1000) {
          await job.moveToDelayed(Date.now() + ahead, token);
          throw new DelayedError();
        }
        return this.fire(job.data.tenant);
      }),
      { ...common, connection: connection(), concurrency: opts.fireConcurrency ?? FIRE_CONCURRENCY },
    );
    const webhooks = new Worker(
      QUEUES.webhooks,
      traceProcessor(QUEUES.webhooks, async (job: Job<{ tenant: string; reminderId: string }>) => this.sendWebhook(job.data.tenant, job.data.reminderId, job.attemptsMade + 1, job.opts.attempts ?? 1)),
      { ...common, connection: connection(), concurrency: opts.concurrency ?? 10 },
    );
    const scheduled = new Worker(
      QUEUES.scheduled,
      traceProcessor(QUEUES.scheduled, async (job: Job<{ tenant?: string; plugin?: string; job?: string }>) => {
        if (job.name === 'sweep') return this.sweep();
        const tenant = job.data.tenant ? await this.opts.tenancy.get(job.data.tenant) : null;
        const plugin = job.data.plugin ? this.opts.host.get(job.data.plugin) : undefined;
        const def = plugin?.jobs?.find((j) => j.name === job.data.job);
        if (!tenant || !plugin || !def || !tenant.plugins.includes(plugin.key)) return 'skipped';
        const ctx = await this.opts.host.context(plugin.key, tenant, this.opts.tenancy.em(tenant), { userId: `job:${plugin.key}.${def.name}`, roles: [] });
        return auditScope.run({ actor: ctx.actor }, () => def.process({ ...(job.data as Record<string, unknown>), tenant: tenant.key }, ctx));
      }),
      { ...common, connection: connection(), concurrency: 2 },
    );
    const ranFor = (job: Job | undefined) => (job?.processedOn && job.finishedOn ? (job.finishedOn - job.processedOn) / 1000 : null);
    type JobData = { tenant?: string; reminderId?: string; plugin?: string };
    const stageWorkers = this.stages.map((s) => s.worker(connection(), common));
    for (const w of [reminders, webhooks, scheduled, ...stageWorkers]) {
      // One line per job outcome, naming what it was about (tenant, reminder or plugin job), never its personal data.
      w.on('completed', (job: Job<JobData>, result: unknown) => {
        this.opts.metrics?.job(w.name, 'completed', ranFor(job));
        log.info({ queue: w.name, job: job.name, jobId: job.id, tenant: job.data?.tenant, reminderId: job.data?.reminderId, plugin: job.data?.plugin, result: typeof result === 'string' || typeof result === 'number' ? result : undefined, ms: job.processedOn ? Date.now() - job.processedOn : undefined }, 'job done');
      });
      w.on('failed', (job: Job<JobData> | undefined, err: Error) => {
        this.opts.metrics?.job(w.name, 'failed', ranFor(job));
        log.warn({ queue: w.name, job: job?.name, jobId: job?.id, tenant: job?.data?.tenant, reminderId: job?.data?.reminderId, attempts: job?.attemptsMade, err: err.message }, 'job failed');
      });
      w.on('error', (err) => log.error({ queue: w.name, err: err.message }, 'worker error'));
    }
    this.workers = [reminders, webhooks, scheduled, ...stageWorkers];
    // Upserting at start also applies a changed schedule; the watchdog only re-creates lost ones.
    for (const spec of await this.declaredSchedulers()) await upsertScheduler(this.queues.scheduled, spec);
    this.watchdog = new SchedulerWatchdog({
      queue: this.queues.scheduled,
      connection: this.connection,
      declared: () => this.declaredSchedulers(),
      checkEveryMs: this.opts.schedulerCheckMs ?? 30_000,
      sweepEveryMs: this.sweepEveryMs,
      lastSweep: async () => Number(await this.connection.get(this.lastSweepKey)) || null,
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
