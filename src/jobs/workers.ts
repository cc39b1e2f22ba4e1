import { DelayedError, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { auditScope } from '../core/audit.js';
import type { Metrics } from '../metrics.js';
import type { PluginHost } from '../plugin/host.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import { traceProcessor } from '../telemetry/tracing.js';
import { QUEUES } from './queues.js';
import type { DeliveryStage } from './stage.js';
import type { WorkerConnections } from './worker-connections.js';

/**
 * The BullMQ workers of every queue: which function each job runs, how many at once, and the one
 * log line and metric per job outcome. What the jobs do lives in firing.ts, webhooks.ts, sweep.ts
 * and the plugins; this file only connects queues to them.
 */

/**
 * Firings (tenant and instant jobs) a worker process runs at once, each with one delivery batch in
 * flight holding a pooled connection. Local default: the worker's CPU, not PostgreSQL, bounds
 * delivery (issue 18), so a few tenants at a time keep it busy while one waits on SQL.
 */
const FIRE_CONCURRENCY = 4;

/** What the jobs of each queue run (JobSystem's methods). */
export interface JobProcessors {
  fire(tenantKey: string): Promise<number>;
  sendWebhook(tenantKey: string, reminderId: string, attempt: number, maxAttempts: number): Promise<'delivered' | 'skipped'>;
  sweep(): Promise<{ reminders: number; webhooks: number }>;
}

export interface WorkerSetup {
  prefix: string;
  /** Worker lock duration; a crashed worker's job is retried after about this long. */
  lockMs?: number;
  connections: WorkerConnections;
  tenancy: TenancyService;
  host: PluginHost;
  clock: Clock;
  log: Logger;
  metrics?: Metrics;
  stages: readonly DeliveryStage[];
}

/** Start one worker per queue, the delivery stages' included; the caller keeps them to stop them. */
export function startJobWorkers(d: WorkerSetup, run: JobProcessors, opts: { concurrency?: number; fireConcurrency?: number } = {}): Worker[] {
  const connection = () => d.connections.create();
  // Local defaults: a 30 s lock outlasts any batch seen in the benchmark (a killed worker's job is
  // taken again once its lock lapses, checked every 15 s); 10 webhook calls and 2 plugin jobs at once.
  const common = { prefix: d.prefix, lockDuration: d.lockMs ?? 30_000, stalledInterval: Math.max(500, Math.floor((d.lockMs ?? 30_000) / 2)) };
  const log = d.log;
  const reminders = new Worker(
    QUEUES.reminders,
    traceProcessor(QUEUES.reminders, async (job: Job<{ tenant: string; at?: number }>, token?: string) => {
      // Run before its instant (clock skew): come back then. A job queued before instant jobs
      // (one per reminder, without `at`) fires its tenant as any firing does.
      const ahead = (job.data.at ?? 0) - d.clock.now().getTime();
      if (ahead > 1000) {
        await job.moveToDelayed(Date.now() + ahead, token);
        throw new DelayedError();
      }
      return run.fire(job.data.tenant);
    }),
    { ...common, connection: connection(), concurrency: opts.fireConcurrency ?? FIRE_CONCURRENCY },
  );
  const webhooks = new Worker(
    QUEUES.webhooks,
    traceProcessor(QUEUES.webhooks, async (job: Job<{ tenant: string; reminderId: string }>) => run.sendWebhook(job.data.tenant, job.data.reminderId, job.attemptsMade + 1, job.opts.attempts ?? 1)),
    { ...common, connection: connection(), concurrency: opts.concurrency ?? 10 },
  );
  const scheduled = new Worker(
    QUEUES.scheduled,
    traceProcessor(QUEUES.scheduled, async (job: Job<{ tenant?: string; plugin?: string; job?: string }>) => {
      if (job.name === 'sweep') return run.sweep();
      return runPluginJob(d, job);
    }),
    { ...common, connection: connection(), concurrency: 2 },
  );
  const ranFor = (job: Job | undefined) => (job?.processedOn && job.finishedOn ? (job.finishedOn - job.processedOn) / 1000 : null);
  type JobData = { tenant?: string; reminderId?: string; plugin?: string };
  const stageWorkers = d.stages.map((s) => s.worker(connection(), common));
  for (const w of [reminders, webhooks, scheduled, ...stageWorkers]) {
    // One line per job outcome, naming what it was about (tenant, reminder or plugin job), never its personal data.
    w.on('completed', (job: Job<JobData>, result: unknown) => {
      d.metrics?.job(w.name, 'completed', ranFor(job));
      log.info({ queue: w.name, job: job.name, jobId: job.id, tenant: job.data?.tenant, reminderId: job.data?.reminderId, plugin: job.data?.plugin, result: typeof result === 'string' || typeof result === 'number' ? result : undefined, ms: job.processedOn ? Date.now() - job.processedOn : undefined }, 'job done');
    });
    w.on('failed', (job: Job<JobData> | undefined, err: Error) => {
      d.metrics?.job(w.name, 'failed', ranFor(job));
      log.warn({ queue: w.name, job: job?.name, jobId: job?.id, tenant: job?.data?.tenant, reminderId: job?.data?.reminderId, attempts: job?.attemptsMade, err: err.message }, 'job failed');
    });
    w.on('error', (err) => log.error({ queue: w.name, err: err.message }, 'worker error'));
  }
  return [reminders, webhooks, scheduled, ...stageWorkers];
}

/** A plugin's scheduled job for one tenant, as the plugin's actor; `skipped` when the tenant, plugin or job is gone or disabled. */
async function runPluginJob(d: WorkerSetup, job: Job<{ tenant?: string; plugin?: string; job?: string }>): Promise<unknown> {
  const tenant = job.data.tenant ? await d.tenancy.get(job.data.tenant) : null;
  const plugin = job.data.plugin ? d.host.get(job.data.plugin) : undefined;
  const def = plugin?.jobs?.find((j) => j.name === job.data.job);
  if (!tenant || !plugin || !def || !tenant.plugins.includes(plugin.key)) return 'skipped';
  const ctx = await d.host.context(plugin.key, tenant, d.tenancy.em(tenant), { userId: `job:${plugin.key}.${def.name}`, roles: [] });
  return auditScope.run({ actor: ctx.actor }, () => def.process({ ...(job.data as Record<string, unknown>), tenant: tenant.key }, ctx));
}
