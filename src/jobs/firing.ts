import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import type { Clock } from '../clock.js';
import { ReminderState } from '../core/entities/reminder.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import { tenantTable } from '../db/tables.js';
import type { DeliveryStats, ReminderDelivery } from './delivery.js';
import { fireJobId } from './queues.js';

/**
 * What a fire-instant job does: deliver every due reminder of its tenant, one firing per tenant at
 * a time in this process. Kept apart from the send itself (delivery.ts) because its concern is the
 * order and sharing of firings and the jobs they leave behind, not what a send writes.
 */

/** Held due reminders (another transaction has the row) a firing delivers alone per round; local default. */
const HELD_PER_ROUND = 50;

export class TenantFirings {
  /** Per tenant, this process's firing running now and the one queued behind it (see `fire`). */
  private readonly firings = new Map<string, { running: Promise<number>; next?: Promise<number> }>();

  constructor(
    private readonly d: {
      tenancy: TenancyService;
      clock: Clock;
      /** The ORM's own `pg` pool (JobSystem), for the look at what is due. */
      pool: () => Promise<Pool>;
      delivery: ReminderDelivery;
      /** The `reminders` queue, whose emptied instants' jobs a firing removes. */
      reminders: Queue;
      stats: DeliveryStats;
    },
  ) {}

  /**
   * Deliver every due reminder of the tenant; how many were sent.
   * One firing of a tenant runs at a time in a process (two would split batches and then wait on
   * each other's rows). A job arriving while one runs waits for the next, which starts after it
   * arrived and so sees every reminder committed before its job was added; jobs arriving while
   * that next one is still queued share it.
   */
  fire(tenantKey: string): Promise<number> {
    this.d.stats.jobs++;
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
    const tenant = await this.d.tenancy.get(tenantKey);
    if (!tenant) return 0;
    const pool = await this.d.pool();
    const st = this.d.stats;
    st.firings++;
    const reminder = tenantTable(tenant.schema, 'reminder');
    const triedAlone = new Set<string>();
    const emptied = new Set<number>();
    let sent = 0;
    for (;;) {
      const soon = new Date(this.d.clock.now().getTime() + 1000);
      st.statements++;
      const { rows: [due] } = await pool.query<{ pending: string[]; digest: boolean }>(
        `select array(select id from ${reminder} where state = '${ReminderState.PENDING}' and fire_at <= $1 order by fire_at, id limit ${HELD_PER_ROUND}) as pending,
                exists (select 1 from ${reminder} where state = '${ReminderState.DIGEST}' and digest_id is null and fire_at <= $1) as digest`,
        [soon],
      );
      if (!due || (!due.pending.length && !due.digest)) break;
      if (due.pending.length) {
        const batch = await this.d.delivery.deliverBatch(tenantKey, []);
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
          if ((await this.d.delivery.deliver(tenantKey, id)) === 'sent') sent++;
        }
        if (held.length) continue;
      }
      if (due.digest) await this.d.delivery.writeDueDigests(tenant);
      break;
    }
    if (emptied.size) {
      // A running job (this one, or another worker's) is locked and stays.
      const removed = await Promise.all([...emptied].map((at) => this.d.reminders.remove(fireJobId(tenantKey, at)).catch(() => 0)));
      st.jobsRemoved += removed.filter((n) => n === 1).length;
    }
    return sent;
  }
}
