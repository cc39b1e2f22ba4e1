import type { Queue } from 'bullmq';
import type { RequestContext } from '../graphql/context.js';
import { ActionLink, ChannelDelivery, Contact } from './entities.js';
import { signLink } from './links.js';
import { NOTIFY_QUEUE, sendJob } from './stage.js';

export interface ConfirmationRequest {
  /** A purpose a plugin declared in `linkActions` (`<plugin>.<name>`), or the core's `report.confirm`. */
  purpose: string;
  /** The record to confirm: its entity name and id (what the link's action describes and changes). */
  subjectType: string;
  subjectId: string;
  /** Whose contacts are asked: the people without accounts who oversee this placement. */
  placementId: string;
  titleZh: string;
  /** The message, given the contact's name, the link and until when it is valid (Beijing time). */
  bodyZh(contactName: string, link: string, validUntil: string): string;
}

/**
 * Ask the contacts of a placement to confirm one record through a signed, single-purpose link, by
 * email — from a scheme's own step (a check-in recorded, an attendance taken). Written in the
 * request's transaction (one delivery per record and contact, ever); sent once it commits.
 * Returns how many were asked; none when the tenant has no email or the placement no contact.
 */
export async function requestConfirmation(ctx: RequestContext, input: ConfirmationRequest): Promise<number> {
  const settings = ctx.tenant.settings.notify;
  if (!settings.email) return 0;
  const contacts = await ctx.em.find(Contact, { placement: input.placementId }, { filters: false });
  const source = `${input.purpose}:${input.subjectId}`;
  const ids: string[] = [];
  for (const c of contacts) {
    if (await ctx.em.count(ChannelDelivery, { source, recipient: `contact:${c.id}` })) continue;
    const expiresAt = new Date(ctx.clock.now().getTime() + settings.linkValidDays * 86_400_000);
    const link = ctx.em.create(ActionLink, { purpose: input.purpose, subjectType: input.subjectType, subjectId: input.subjectId, contact: c, talent: c.talent, unit: c.unit, expiresAt });
    const url = `${ctx.links.publicUrl}/links/${signLink(ctx.links.key, ctx.tenant.key, link.id)}`;
    const validUntil = new Date(expiresAt.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    const d = ctx.em.create(ChannelDelivery, { source, recipient: `contact:${c.id}`, channel: 'email', target: c.email, titleZh: input.titleZh, bodyZh: input.bodyZh(c.name, url, validUntil), linkId: link.id });
    ids.push(d.id);
  }
  if (!ids.length) return 0;
  await ctx.commit();
  const queue = (ctx.jobs as { queues?: Record<string, Queue> }).queues?.[NOTIFY_QUEUE];
  // The sweep sends them if this enqueue is lost (Redis down): the rows are the truth.
  ctx.afterCommit(async () => {
    await queue?.addBulk(ids.map((id) => sendJob(ctx.tenant, id))).catch(() => undefined);
  });
  return ids.length;
}
