import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { ReportStatus } from '../core/domain.js';
import { Report } from '../core/entities/report.js';
import { DeliveryState, ReminderState } from '../core/entities/reminder.js';
import type { TenantInfo } from '../plugin/contract.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import { tenantTable } from '../db/tables.js';
import { fireJob, fireJobId, webhookJobId, type JobProducer } from './queues.js';
import { syncReminders, type SyncOptions } from './reminders.js';
import { jobsExist, type DeliveryStage } from './stage.js';

/**
 * The safety net behind every enqueue: PostgreSQL is the source of truth, so the sweep re-creates
 * from it the jobs Redis lost (a flush, a restart, a crash between commit and enqueue) and plans
 * reminders for owed reports that have none. It runs every minute on the `scheduled` queue.
 */

/** Instants (rows of the grouped reminders) the sweep reads per page; local default. */
const SWEEP_PAGE = 1000;

export class Sweep {
  constructor(
    private readonly d: {
      tenancy: TenancyService;
      clock: Clock;
      log: Logger;
      /** The ORM's own `pg` pool (JobSystem), for the pages read as plain rows. */
      pool: () => Promise<Pool>;
      /** The producers' connection, which also holds the time of the last sweep. */
      connection: Redis;
      prefix: string;
      queues: { reminders: Queue; webhooks: Queue };
      producer: JobProducer;
      /** The delivery stages after the inbox; the array JobSystem's `addStage` adds to. */
      stages: readonly DeliveryStage[];
    },
  ) {}

  /**
   * Plan reminders for owed reports that have none — reports written by seeds, data loaders or
   * plugin code that did not go through `syncReports`. Returns how many rows it created.
   */
  async reconcileReminders(tenant: TenantInfo, opts: SyncOptions = {}): Promise<number> {
    const em = this.d.tenancy.em(tenant);
    const orphans = await em.find(Report, { status: { $in: [ReportStatus.DUE, ReportStatus.RETURNED] }, reminderRows: { $none: {} } }, { limit: 5000 });
    if (!orphans.length) return 0;
    // In a transaction syncReminders writes the new rows with multi-row inserts, not entity by entity.
    const rows = await em.transactional((tx) => syncReminders(tx, tenant, orphans, this.d.clock.now(), opts));
    await this.d.producer.reminders(tenant.key, rows);
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
  async run(): Promise<{ reminders: number; webhooks: number }> {
    let reminders = 0;
    let webhooks = 0;
    /** Jobs the delivery stages re-added (logged; the answer keeps its shape). */
    let channels = 0;
    const pool = await this.d.pool();
    const { connection, queues } = this.d;
    for (const tenant of await this.d.tenancy.list()) {
      // The pages are read as plain rows through `pg`, not as entities: the unit of work's
      // hydration of ~1,000 partial entities per page was most of the sweep's ~40 ms of CPU per
      // tenant, spent beside delivery when the sweep's first run starts with the workers.
      const { rows: [orphaned] } = await pool.query<{ any: boolean }>(
        `select exists (select 1 from ${tenantTable(tenant.schema, 'report')} p where p.status in ('${ReportStatus.DUE}', '${ReportStatus.RETURNED}')
            and not exists (select 1 from ${tenantTable(tenant.schema, 'reminder')} r where r.report_id = p.id)) as any`,
      );
      if (orphaned?.any) await this.reconcileReminders(tenant);
      // One row per instant with pending reminders (a few per report and day), not one per reminder.
      // Paged on the instant as PostgreSQL prints it (exact), not as a JS date (milliseconds).
      let after = '-infinity';
      for (;;) {
        const { rows } = await pool.query<{ fire_key: string; fire_ms: number; n: number }>(
          `select fire_at::text as fire_key, (extract(epoch from fire_at) * 1000)::float8 as fire_ms, count(*)::int as n from ${tenantTable(tenant.schema, 'reminder')}
            where state in ('${ReminderState.PENDING}', '${ReminderState.DIGEST}') and fire_at > $1::timestamptz group by fire_at order by fire_at limit ${SWEEP_PAGE}`,
          [after],
        );
        if (!rows.length) break;
        after = rows.at(-1)!.fire_key;
        // Whole milliseconds, as the instant's job was named from the row's JS date.
        const instants = rows.map((r) => Math.trunc(Number(r.fire_ms)));
        const known = await jobsExist(connection, queues.reminders, instants.map((at) => fireJobId(tenant.key, at)));
        const missing = instants.filter((_, i) => !known[i]);
        if (missing.length) await queues.reminders.addBulk(missing.map((at) => fireJob(tenant.key, at, this.d.clock)));
        for (const [i, r] of rows.entries()) if (!known[i]) reminders += r.n;
      }
      for (const stage of this.d.stages) channels += await stage.sweep(tenant);
      const { rows: pendingHooks } = await pool.query<{ reminder_id: string }>(`select reminder_id from ${tenantTable(tenant.schema, 'webhook_delivery')} where state = '${DeliveryState.PENDING}'`);
      const hookKnown = await jobsExist(connection, queues.webhooks, pendingHooks.map((d) => webhookJobId(tenant.key, d.reminder_id)));
      for (const [i, d] of pendingHooks.entries()) {
        if (hookKnown[i]) continue;
        await this.d.producer.webhook(tenant, d.reminder_id);
        webhooks++;
      }
      // Between tenants, let the jobs waiting on this process run (the sweep shares it with delivery).
      await new Promise((r) => setImmediate(r));
    }
    if (reminders || webhooks || channels) this.d.log.info({ reminders, webhooks, channels }, 'sweep re-enqueued lost jobs');
    // Lets every worker's watchdog see that some process swept (schedulers.ts).
    await connection.set(this.lastSweepKey, String(Date.now())).catch(() => undefined);
    return { reminders, webhooks };
  }

  /** When some process last finished a sweep (ms), for the scheduler watchdog (schedulers.ts); null if never. */
  async lastSweptAt(): Promise<number | null> {
    return Number(await this.d.connection.get(this.lastSweepKey)) || null;
  }

  private get lastSweepKey(): string {
    return `${this.d.prefix}:sweep:last`;
  }
}
