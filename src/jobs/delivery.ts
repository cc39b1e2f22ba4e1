import { LockMode } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { dayInShanghai } from '../calendar.js';
import type { Clock } from '../clock.js';
import { auditScope, type AuditScope } from '../core/audit.js';
import { ReportStatus } from '../core/domain.js';
import { Report } from '../core/entities/report.js';
import { InboxMessage, Reminder, ReminderState, WebhookDelivery } from '../core/entities/reminder.js';
import { Talent } from '../core/entities/talent.js';
import type { TenantInfo } from '../plugin/contract.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import { reminderText } from './messages.js';
import type { DeliveryStage } from './stage.js';
import { deliverBatch, type BatchResult } from './delivery-batch.js';
import { digestJob, digestsDue, type DigestsDue } from './digests.js';
import type { JobProducer } from './queues.js';

/**
 * Sending a tenant's reminders, one under its row lock or many in a batch of plain SQL, and then
 * telling the webhook queue and the delivery stages what was sent. The firing (firing.ts) decides
 * when and which; this file is what one send does, whoever asks for it.
 */

/** What firings did in this process (the benchmark reads it): jobs run, firings that ran SQL, batches, statements (checks included), reminders sent. */
export interface DeliveryStats {
  jobs: number;
  firings: number;
  batches: number;
  statements: number;
  sent: number;
  heldAlone: number;
  jobsRemoved: number;
}

/** Who the audit trail names for rows a delivery writes: the job, not a user. */
const asReminderJob = (): AuditScope => ({ actor: { userId: 'reminder-job', roles: [] } });

export class ReminderDelivery {
  constructor(
    private readonly d: {
      tenancy: TenancyService;
      clock: Clock;
      /** The ORM's own `pg` pool (JobSystem), for the batches' plain SQL. */
      pool: () => Promise<Pool>;
      producer: JobProducer;
      /** The delivery stages after the inbox; the array JobSystem's `addStage` adds to. */
      stages: readonly DeliveryStage[];
      stats: DeliveryStats;
      /** Most reminders one delivery batch takes (src/jobs/delivery-batch.ts); local default 500. */
      reminderBatch?: number;
    },
  ) {}

  /**
   * Deliver one reminder: inbox message and state change in one transaction, then the webhook job.
   * A reminder waiting for a digest (long overdue when first planned) writes every digest of the
   * tenant that is due instead (src/jobs/digests.ts): `digested` when it wrote some.
   */
  async deliver(tenantKey: string, reminderId: string): Promise<'sent' | 'skipped' | 'cancelled' | 'early' | 'digested' | 'superseded'> {
    const tenant = await this.d.tenancy.get(tenantKey);
    if (!tenant) return 'skipped';
    const em = this.d.tenancy.em(tenant);
    const now = this.d.clock.now();
    const digest = await auditScope.run(asReminderJob(), () => digestJob(em, tenant, reminderId, now));
    if (digest) return this.afterDigests(tenant, digest);
    let webhook = false;
    const outcome = await auditScope.run(asReminderJob(), () =>
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
        // A later stage for the same report and audience is due too (the workers were down past
        // both): only the latest is sent, as in a batch (src/jobs/delivery-batch.ts).
        const later = await tx.count(Reminder, {
          report: reminder.report.id,
          audience: reminder.audience,
          state: ReminderState.PENDING,
          fireAt: { $lte: new Date(now.getTime() + 1000) },
          $or: [{ fireAt: { $gt: reminder.fireAt } }, { fireAt: reminder.fireAt, id: { $gt: reminder.id } }],
        });
        if (later) {
          reminder.state = ReminderState.SUPERSEDED;
          return 'superseded' as const;
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
    if (webhook) await this.d.producer.webhook(tenant, reminderId);
    if (outcome === 'sent') for (const stage of this.d.stages) await stage.reminderSent(tenant, [reminderId]);
    return outcome;
  }

  /** Tell the delivery stages of digests written, or make sure the instant digests moved to has its job. */
  async afterDigests(tenant: TenantInfo, digest: DigestsDue): Promise<'early' | 'digested' | 'skipped'> {
    if (digest.outcome === 'early') await this.d.producer.reminders(tenant.key, [{ id: '', fireAt: digest.at }]);
    else for (const stage of this.d.stages) await stage.digestSent(tenant, digest.digests);
    return digest.outcome;
  }

  /**
   * Deliver reminders of one tenant in one batch (src/jobs/delivery-batch.ts): those asked for and
   * other due ones, then tell the webhook queue and the delivery stages what was sent.
   */
  async deliverBatch(tenantKey: string, ids: string[]): Promise<BatchResult> {
    const tenant = await this.d.tenancy.get(tenantKey);
    if (!tenant) return { outcomes: new Map(ids.map((id) => [id, 'skipped' as const])), extra: new Map(), sent: [], instants: [], statements: 0 };
    const pool = await this.d.pool();
    const result = await auditScope.run(asReminderJob(), async () =>
      deliverBatch(pool, { schema: tenant.schema, ids, now: this.d.clock.now(), limit: this.d.reminderBatch ?? 500, webhookUrl: tenant.settings.webhook?.url }),
    );
    const st = this.d.stats;
    st.batches++;
    st.statements += result.statements;
    st.sent += result.sent.length;
    if (result.sent.length) {
      if (tenant.settings.webhook) await this.d.producer.webhooks(tenant, result.sent);
      for (const stage of this.d.stages) await stage.reminderSent(tenant, result.sent);
    }
    return result;
  }

  /** Write every digest of the tenant that is due now (src/jobs/digests.ts), then tell the stages. */
  async writeDueDigests(tenant: TenantInfo): Promise<void> {
    const digest = await auditScope.run(asReminderJob(), () => digestsDue(this.d.tenancy.em(tenant), tenant, this.d.clock.now()));
    if (digest) await this.afterDigests(tenant, digest);
  }
}
