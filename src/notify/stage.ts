import { LockMode } from '@mikro-orm/postgresql';
import { Worker, type Job, type JobsOptions, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { auditScope } from '../core/audit.js';
import { Report } from '../core/entities/report.js';
import { Audience, DeliveryState, InboxMessage, Reminder, ReminderDigest, ReminderState } from '../core/entities/reminder.js';
import { Talent } from '../core/entities/talent.js';
import { jobsExist, type DeliveryStage } from '../jobs/stage.js';
import type { TenantInfo } from '../plugin/contract.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import { chooseRoute, type Route } from './channels.js';
import { ActionLink, ChannelDelivery, Contact, NotificationPreference } from './entities.js';
import { signLink } from './links.js';
import { confirmRequestText } from './texts.js';
import type { Transports } from './transports.js';
import { traceProcessor } from '../telemetry/tracing.js';

export const NOTIFY_QUEUE = 'notifications';
/** Reminders sent this recently are re-planned by the sweep if their plan job went missing. */
const REPLAN_WINDOW_MS = 2 * 86_400_000;
const planJobId = (tenant: string, reminderId: string) => `ntf-plan-${tenant}-${reminderId}`;
const planDigestJobId = (tenant: string, digestId: string) => `ntf-digest-${tenant}-${digestId}`;
const sendJobId = (tenant: string, deliveryId: string) => `ntf-send-${tenant}-${deliveryId}`;

/** The job that sends one delivery row (also for deliveries a request wrote: src/notify/requests.ts). */
export function sendJob(tenant: TenantInfo, deliveryId: string) {
  const opts: JobsOptions = { jobId: sendJobId(tenant.key, deliveryId), attempts: tenant.settings.notify.attempts, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 30 * 86_400 } };
  return { name: 'send', data: { tenant: tenant.key, deliveryId }, opts };
}

export interface NotifyDeps {
  tenancy: TenancyService;
  clock: Clock;
  log: Logger;
  transports: Transports;
  /** Where people open signed links (PUBLIC_URL). */
  publicUrl: string;
  linkKey: string;
  /** The job system's Redis connection (the sweep checks job ids with it). */
  redis: Redis;
}

interface Planned {
  source: string;
  route: Route;
  titleZh: string;
  bodyZh: string;
  contact?: Contact;
  reportId?: string;
}

/**
 * Reminders that reach people where they are: email (the tenant's SMTP and sender) and WeCom or
 * DingTalk group robots, after the in-app inbox, as a stage of its own (queue `notifications`).
 *
 * - `plan` (one per sent reminder): in one transaction, pick each recipient's first usable channel
 *   (their preference, else the tenant's default) and write one `channel_delivery` row per
 *   recipient, unique per (source, recipient); contacts without accounts on the report's placement
 *   get one confirmation request per report, with a signed single-purpose link. Running it again
 *   writes nothing new.
 * - `send` (one per delivery): holds the delivery row's lock while it sends, marks it delivered in
 *   the same transaction, retries with back-off, records the failure after the last attempt. A
 *   second job for the same row finds it delivered and does nothing.
 *
 * Neither SMTP nor a robot webhook can be exactly-once across a crash in the instant between the
 * server's acknowledgement and our commit: a retry may then repeat the message, with the same
 * Message-ID (email). Every other crash — before the send, during it, before the server
 * acknowledged — leaves the row pending and the message is sent once.
 */
export class NotifyStage implements DeliveryStage {
  constructor(
    readonly queue: Queue,
    private readonly deps: NotifyDeps,
  ) {}

  private planJob(tenant: string, reminderId: string) {
    return { name: 'plan', data: { tenant, reminderId }, opts: { jobId: planJobId(tenant, reminderId), attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 30 * 86_400 } } satisfies JobsOptions };
  }

  private planDigestJob(tenant: string, digestId: string) {
    return { name: 'plan-digest', data: { tenant, digestId }, opts: { jobId: planDigestJobId(tenant, digestId), attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 30 * 86_400 } } satisfies JobsOptions };
  }

  async digestSent(tenant: TenantInfo, digestIds: readonly string[]): Promise<void> {
    if (!digestIds.length || !this.wanted(tenant)) return;
    try {
      await this.queue.addBulk(digestIds.map((id) => this.planDigestJob(tenant.key, id)));
    } catch (e) {
      this.deps.log.warn({ tenant: tenant.key, err: (e as Error).message }, 'could not enqueue digest channel planning; the sweep will');
    }
  }

  /** Write the delivery of one digest to its recipient (once), then enqueue it while pending. */
  async planDigest(tenantKey: string, digestId: string): Promise<number> {
    const tenant = await this.deps.tenancy.get(tenantKey);
    if (!tenant) return 0;
    const em = this.deps.tenancy.em(tenant);
    const source = `digest:${digestId}`;
    const planned = await em.transactional(async (tx) => {
      const digest = await tx.findOne(ReminderDigest, digestId, { filters: false });
      const message = digest && (await tx.findOne(InboxMessage, { digest: digestId }, { filters: false }));
      if (!digest || !message) return false;
      const route = await this.recipientRoute(tx, tenant, digest.audience, digest.talent?.id ?? null, digest.unit?.id ?? null);
      if (!route) return false;
      if (await tx.findOne(ChannelDelivery, { source, recipient: route.recipient }, { fields: ['id'] })) return true;
      tx.create(ChannelDelivery, { source, recipient: route.recipient, channel: route.channel, target: route.target, titleZh: message.titleZh, bodyZh: message.bodyZh, linkId: null });
      return true;
    });
    if (!planned) return 0;
    const pending = await em.find(ChannelDelivery, { source, state: DeliveryState.PENDING }, { fields: ['id'] });
    if (pending.length) await this.queue.addBulk(pending.map((d) => this.sendJob(tenant, d.id)));
    return pending.length;
  }

  private sendJob(tenant: TenantInfo, deliveryId: string) {
    return sendJob(tenant, deliveryId);
  }

  async reminderSent(tenant: TenantInfo, reminderIds: readonly string[]): Promise<void> {
    if (!reminderIds.length || !this.wanted(tenant)) return;
    try {
      await this.queue.addBulk(reminderIds.map((id) => this.planJob(tenant.key, id)));
    } catch (e) {
      this.deps.log.warn({ tenant: tenant.key, err: (e as Error).message }, 'could not enqueue channel planning; the sweep will');
    }
  }

  /** A tenant with no SMTP and no robot has nothing beyond the inbox to plan. */
  private wanted(tenant: TenantInfo): boolean {
    return !!tenant.settings.notify.email || Object.keys(tenant.settings.notify.robots).length > 0;
  }

  /** Who gets this reminder beyond the inbox, and how. */
  private async routes(tx: ReturnType<TenancyService['em']>, tenant: TenantInfo, reminder: Reminder, message: InboxMessage): Promise<Planned[]> {
    const settings = tenant.settings.notify;
    const source = `reminder:${reminder.id}`;
    const base = { source, titleZh: message.titleZh, bodyZh: message.bodyZh };
    const out: Planned[] = [];
    const route = await this.recipientRoute(tx, tenant, reminder.audience, reminder.talent.id, reminder.unit.id);
    if (route) out.push({ ...base, route });
    if (reminder.audience === Audience.TALENT) {
      // People without accounts who oversee the placement: asked once per report, not once per reminder.
      const report = await tx.findOneOrFail(Report, reminder.report.id, { filters: false });
      // A group's report (a delegation's) has no placement, so no contacts of its own.
      if (settings.email && report.placement) {
        for (const c of await tx.find(Contact, { placement: report.placement.id, confirmsReports: true }, { filters: false })) {
          out.push({ source: `confirm:${report.id}`, route: { recipient: `contact:${c.id}`, channel: 'email', target: c.email }, titleZh: '', bodyZh: '', contact: c, reportId: report.id });
        }
      }
    }
    return out;
  }

  /** How one recipient is reached beyond the inbox: their preference, else the tenant's default. */
  private async recipientRoute(tx: ReturnType<TenancyService['em']>, tenant: TenantInfo, audience: Audience, talentId: string | null, unitId: string | null): Promise<Route | null> {
    const settings = tenant.settings.notify;
    if (audience === Audience.TALENT && talentId) {
      const talent = await tx.findOneOrFail(Talent, talentId, { filters: false });
      const pref = await tx.findOne(NotificationPreference, { owner: `talent:${talent.id}` }, { filters: false });
      return chooseRoute(`talent:${talent.id}`, pref?.channels ?? settings.defaults.talent, talent.email, settings);
    }
    if (audience === Audience.UNIT && unitId) {
      const pref = await tx.findOne(NotificationPreference, { owner: `unit:${unitId}` }, { filters: false });
      return chooseRoute(`unit:${unitId}`, pref?.channels ?? settings.defaults.unit, pref?.email, settings);
    }
    if (audience === Audience.COMMISSION) return chooseRoute('commission', settings.commission.channels, settings.commission.email, settings);
    return null;
  }

  /** Write the deliveries of one sent reminder (once), then enqueue those still pending. */
  async plan(tenantKey: string, reminderId: string): Promise<number> {
    const tenant = await this.deps.tenancy.get(tenantKey);
    if (!tenant) return 0;
    const em = this.deps.tenancy.em(tenant);
    const now = this.deps.clock.now();
    const sources = await em.transactional(async (tx) => {
      const reminder = await tx.findOne(Reminder, reminderId, { filters: false });
      if (!reminder || reminder.state !== ReminderState.SENT) return [];
      const message = await tx.findOne(InboxMessage, { reminder: reminderId }, { filters: false });
      if (!message) return [];
      const planned = await this.routes(tx, tenant, reminder, message);
      if (!planned.length) return [];
      const taken = await tx.find(ChannelDelivery, { $or: planned.map((p) => ({ source: p.source, recipient: p.route.recipient })) }, { fields: ['source', 'recipient'] });
      const has = new Set(taken.map((d) => `${d.source}|${d.recipient}`));
      for (const p of planned) {
        if (has.has(`${p.source}|${p.route.recipient}`)) continue;
        let { titleZh, bodyZh } = p;
        let linkId: string | null = null;
        if (p.contact) {
          const expiresAt = new Date(now.getTime() + tenant.settings.notify.linkValidDays * 86_400_000);
          const link = tx.create(ActionLink, { purpose: 'report.confirm', subjectType: 'Report', subjectId: p.reportId!, contact: p.contact, talent: p.contact.talent, unit: p.contact.unit, expiresAt });
          linkId = link.id;
          const talent = await tx.findOneOrFail(Talent, p.contact.talent.id, { filters: false });
          const report = await tx.findOneOrFail(Report, p.reportId!, { filters: false });
          const validUntil = new Date(expiresAt.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
          ({ titleZh, bodyZh } = confirmRequestText({ contactName: p.contact.name, talentName: talent.name, reportTitle: report.title, dueOn: report.dueOn, link: `${this.deps.publicUrl}/links/${signLink(this.deps.linkKey, tenant.key, link.id)}`, validUntil }));
        }
        tx.create(ChannelDelivery, { source: p.source, recipient: p.route.recipient, channel: p.route.channel, target: p.route.target, titleZh, bodyZh, linkId });
      }
      return [...new Set(planned.map((p) => p.source))];
    });
    if (!sources.length) return 0;
    const pending = await em.find(ChannelDelivery, { source: { $in: sources }, state: DeliveryState.PENDING }, { fields: ['id'] });
    if (pending.length) await this.queue.addBulk(pending.map((d) => this.sendJob(tenant, d.id)));
    return pending.length;
  }

  /** Send one delivery under its row lock; throws to let BullMQ retry, records failure on the last try. */
  async send(tenantKey: string, deliveryId: string, attempt: number, maxAttempts: number): Promise<'delivered' | 'skipped'> {
    const tenant = await this.deps.tenancy.get(tenantKey);
    if (!tenant) return 'skipped';
    const em = this.deps.tenancy.em(tenant);
    let failure: Error | null = null;
    const outcome = await em.transactional(async (tx) => {
      const d = await tx.findOne(ChannelDelivery, deliveryId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!d || d.state !== DeliveryState.PENDING) return 'skipped' as const;
      d.attempts += 1;
      try {
        await this.deps.transports.send(tenant, d);
        Object.assign(d, { state: DeliveryState.DELIVERED, deliveredAt: this.deps.clock.now(), lastError: null });
        return 'delivered' as const;
      } catch (e) {
        failure = e as Error;
        d.lastError = failure.message.slice(0, 1000);
        if (attempt >= maxAttempts) d.state = DeliveryState.FAILED;
        return 'skipped' as const;
      }
    });
    if (failure) throw new Error(`${tenant.key}/${deliveryId}: ${(failure as Error).message}`);
    return outcome;
  }

  async sweep(tenant: TenantInfo): Promise<number> {
    if (!this.wanted(tenant)) return 0;
    const em = this.deps.tenancy.em(tenant);
    let added = 0;
    const recent = await em.find(Reminder, { state: ReminderState.SENT, digest: null, sentAt: { $gt: new Date(this.deps.clock.now().getTime() - REPLAN_WINDOW_MS) } }, { fields: ['id'], filters: false, limit: 20_000 });
    const planKnown = await jobsExist(this.deps.redis, this.queue, recent.map((r) => planJobId(tenant.key, r.id)));
    const lostPlans = recent.filter((_, i) => !planKnown[i]);
    if (lostPlans.length) await this.queue.addBulk(lostPlans.map((r) => this.planJob(tenant.key, r.id)));
    const digests = await em.find(ReminderDigest, { sentAt: { $gt: new Date(this.deps.clock.now().getTime() - REPLAN_WINDOW_MS) } }, { fields: ['id'], filters: false, limit: 20_000 });
    const digestStates = await Promise.all(digests.map((d) => this.queue.getJobState(planDigestJobId(tenant.key, d.id))));
    const lostDigests = digests.filter((_, i) => digestStates[i] === 'unknown');
    if (lostDigests.length) await this.queue.addBulk(lostDigests.map((d) => this.planDigestJob(tenant.key, d.id)));
    added += lostDigests.length;
    const pending = await em.find(ChannelDelivery, { state: DeliveryState.PENDING }, { fields: ['id'] });
    const sendKnown = await jobsExist(this.deps.redis, this.queue, pending.map((d) => sendJobId(tenant.key, d.id)));
    const lostSends = pending.filter((_, i) => !sendKnown[i]);
    if (lostSends.length) await this.queue.addBulk(lostSends.map((d) => this.sendJob(tenant, d.id)));
    added += lostPlans.length + lostSends.length;
    return added;
  }

  worker(connection: Redis, common: { prefix: string; lockDuration: number; stalledInterval: number }): Worker {
    return new Worker(
      this.queue.name,
      traceProcessor(this.queue.name, (job: Job<{ tenant: string; reminderId?: string; deliveryId?: string; digestId?: string }>) =>
        auditScope.run({ actor: { userId: 'notify-job', roles: [] } }, () =>
          job.name === 'plan'
            ? this.plan(job.data.tenant, job.data.reminderId!)
            : job.name === 'plan-digest'
              ? this.planDigest(job.data.tenant, job.data.digestId!)
              : this.send(job.data.tenant, job.data.deliveryId!, job.attemptsMade + 1, job.opts.attempts ?? 1),
        ),
      ),
      { ...common, connection, concurrency: 5 },
    );
  }
}
