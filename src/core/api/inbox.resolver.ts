import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Roles, hasRole, type Actor } from '../../auth/roles.js';
import { notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ConnectionType, PageArgs, paginate } from '../../graphql/pagination.js';
import { PayloadMutation, PayloadType, replacedBy } from '../../graphql/payload.js';
import { Audience, InboxMessage, Reminder } from '../entities/reminder.js';
import { Report } from '../entities/report.js';

const InboxConnection = ConnectionType(InboxMessage);

/** Which messages are the viewer's: a talent's own, their unit's (coordinators), the commission's. */
function audienceFilter(actor: Actor): FilterQuery<InboxMessage> {
  const mine: FilterQuery<InboxMessage>[] = [];
  if (hasRole(actor, Roles.TALENT) && actor.talentId) mine.push({ audience: Audience.TALENT, talent: actor.talentId });
  if (hasRole(actor, Roles.UNIT_COORDINATOR) && actor.unitId) mine.push({ audience: Audience.UNIT, unit: actor.unitId });
  if (hasRole(actor, Roles.COMMISSION_ADMIN, Roles.PLATFORM_ADMIN)) mine.push({ audience: Audience.COMMISSION });
  return mine.length ? { $or: mine } : { id: null };
}

@InputType({ description: 'Which of your messages to list' })
class InboxFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only messages not yet marked read' }) unreadOnly?: boolean | null;
}

@InputType({ description: 'Which of your messages to mark read' })
export class InboxMessageMarkReadInput {
  @Field(() => ID, { description: 'The message (one of yours)' }) id!: string;
}

const InboxMessageMarkReadPayload = PayloadType('InboxMessageMarkReadPayload', 'inboxMessage', () => InboxMessage, 'The message as read, or why not');

/** The one way a message is marked read (both mutations): only the viewer's own; a second mark keeps the first time. */
async function markRead(ctx: RequestContext, id: string): Promise<InboxMessage> {
  const message = await ctx.em.findOne(InboxMessage, { $and: [{ id }, audienceFilter(ctx.actor)] });
  if (!message) throw notFound('InboxMessage', id);
  message.readAt ??= ctx.clock.now();
  await ctx.commit();
  return message;
}

@Resolver(() => InboxMessage)
export class InboxResolver {
  @Authorized()
  @Query(() => InboxConnection, { description: 'Your in-app messages (reminders), oldest first' })
  inbox(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @Arg('filter', () => InboxFilter, { nullable: true }) filter?: InboxFilter | null) {
    const where: FilterQuery<InboxMessage> = { $and: [audienceFilter(ctx.actor), filter?.unreadOnly ? { readAt: null } : {}] };
    return paginate(ctx.em, InboxMessage, where, page, InboxConnection);
  }

  @Authorized()
  @Mutation(() => InboxMessage, { description: 'Mark one of your messages as read', deprecationReason: replacedBy('inboxMessageMarkRead') })
  markInboxRead(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return markRead(ctx, id);
  }

  @Authorized()
  @PayloadMutation(InboxMessageMarkReadPayload, { description: 'Mark one of your messages as read (marking it again keeps the first time); another’s message is NOT_FOUND' })
  inboxMessageMarkRead(@Ctx() ctx: RequestContext, @Arg('input', () => InboxMessageMarkReadInput) input: InboxMessageMarkReadInput): Promise<InboxMessage> {
    return markRead(ctx, input.id);
  }

  @FieldResolver(() => Report, { nullable: true, description: 'The report a reminder is about (null for a digest: see digestReports)' })
  async report(@Root() m: InboxMessage, @Ctx() ctx: RequestContext) {
    if (!m.reminder) return null;
    const reminder = await ctx.loaders.byId(Reminder).load(m.reminder.id);
    return reminder ? ctx.loaders.byId(Report).load(reminder.report.id) : null;
  }

  @FieldResolver(() => Boolean, { description: 'A digest: one message listing reports that were long overdue when first planned, instead of one message each' })
  isDigest(@Root() m: InboxMessage): boolean {
    return !!m.digest;
  }

  @FieldResolver(() => [Report], { description: 'The reports a digest lists, by due day (empty for a single reminder)' })
  async digestReports(@Root() m: InboxMessage, @Ctx() ctx: RequestContext): Promise<Report[]> {
    if (!m.digest) return [];
    const rows = await ctx.em.find(Reminder, { digest: m.digest.id }, { fields: ['report'], filters: false });
    const ids = [...new Set(rows.map((r) => r.report.id))];
    const reports = (await Promise.all(ids.map((id) => ctx.loaders.byId(Report).load(id)))).filter((r): r is Report => !!r);
    return reports.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  }
}

@Resolver(() => Report)
export class ReportRemindersResolver {
  @FieldResolver(() => [Reminder], { description: 'Reminders planned or sent for this report' })
  reminders(@Root() r: Report, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Reminder, 'report').load(r.id);
  }
}
