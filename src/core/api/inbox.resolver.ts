import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Roles, hasRole, type Actor } from '../../auth/roles.js';
import { notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ConnectionType, PageArgs, paginate } from '../../graphql/pagination.js';
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

@InputType()
class InboxFilter {
  @Field(() => Boolean, { nullable: true }) unreadOnly?: boolean | null;
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
  @Mutation(() => InboxMessage, { description: 'Mark one of your messages as read' })
  async markInboxRead(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    const message = await ctx.em.findOne(InboxMessage, { $and: [{ id }, audienceFilter(ctx.actor)] });
    if (!message) throw notFound('InboxMessage', id);
    message.readAt ??= ctx.clock.now();
    await ctx.commit();
    return message;
  }

  @FieldResolver(() => Report, { nullable: true })
  async report(@Root() m: InboxMessage, @Ctx() ctx: RequestContext) {
    const reminder = await ctx.loaders.byId(Reminder).load(m.reminder.id);
    return reminder ? ctx.loaders.byId(Report).load(reminder.report.id) : null;
  }
}

@Resolver(() => Report)
export class ReportRemindersResolver {
  @FieldResolver(() => [Reminder], { description: 'Reminders planned or sent for this report' })
  reminders(@Root() r: Report, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Reminder, 'report').load(r.id);
  }
}
