import { createHmac } from 'node:crypto';
import { Report } from '../core/entities/report.js';
import { DeliveryState, InboxMessage, Reminder, WebhookDelivery } from '../core/entities/reminder.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';

/**
 * What a `webhooks` job does: POST one sent reminder to its tenant's webhook, signed, with an
 * idempotency key, and record the attempt on its `webhook_delivery` row. Apart from delivery.ts
 * because it runs later, in its own job, with its own retries.
 */

/**
 * POST a sent reminder to the tenant's webhook. Throws to let BullMQ retry; marks failed on the last try.
 * `fetchImpl` replaces `fetch` (tests).
 */
export async function sendWebhook(
  d: { tenancy: TenancyService; fetchImpl?: typeof fetch },
  tenantKey: string,
  reminderId: string,
  attempt: number,
  maxAttempts: number,
): Promise<'delivered' | 'skipped'> {
  const tenant = await d.tenancy.get(tenantKey);
  const hook = tenant?.settings.webhook;
  if (!tenant || !hook) return 'skipped';
  const em = d.tenancy.em(tenant);
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
      const res = await (d.fetchImpl ?? fetch)(hook.url, {
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
