import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { CalendarDate } from '../../calendar.js';
import type { RequestContext } from '../../graphql/context.js';
import { ConnectionType, OrderByArg, OrderType, PageArgs, paginate, type ListOrder } from '../../graphql/pagination.js';
import { sqlReads } from '../../graphql/sql-reads.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { ReportStatus } from '../domain.js';
import { Placement } from '../entities/placement.js';
import { TrainingGroup } from '../entities/group.js';
import { Report } from '../entities/report.js';
import { Talent } from '../entities/talent.js';
import { isOverdue, reviewReport, submitReport } from '../services/reports.js';
import { WRITERS } from './access.js';

const ReportConnection = ConnectionType(Report);
const ReportOrder = OrderType('ReportOrder', {
  DUE_ON: { property: 'dueOn', description: 'The day the report falls due (截止日期)' },
  SUBMITTED_AT: { property: 'submittedAt', description: 'When it was submitted (提交时间); reports not submitted yet come last' },
  STATUS: { property: 'status', description: 'The status, by its value (due, submitted, accepted…)' },
  KIND: { property: 'kind', description: 'The report kind code' },
  TITLE: { property: 'title', description: 'The title (标题)' },
}, 'How to sort reports');

@InputType()
export class ReportFilter {
  @Field(() => ID, { nullable: true }) placementId?: string | null;
  @Field(() => ID, { nullable: true }) groupId?: string | null;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => ID, { nullable: true }) talentId?: string | null;
  @Field(() => String, { nullable: true }) kind?: string | null;
  @Field(() => ReportStatus, { nullable: true }) status?: ReportStatus | null;
  @Field(() => CalendarDateScalar, { nullable: true }) dueFrom?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true }) dueTo?: CalendarDate | null;
  @Field(() => Boolean, { nullable: true, description: 'Only reports past their due day and not handed in' }) overdue?: boolean | null;
}

// Reads answered in one SQL statement where they can be (graphql/sql-reads.ts); each is what its resolver loads.
sqlReads.byId('report', Report);
sqlReads.relation('Report', 'placement', { entity: Placement, one: 'placement' });
sqlReads.relation('Report', 'talent', { entity: Talent, one: 'talent' });

@Resolver(() => Report)
export class ReportResolver {
  @Authorized()
  @Query(() => ReportConnection)
  reports(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(ReportOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => ReportFilter, { nullable: true }) filter?: ReportFilter | null) {
    const where: FilterQuery<Report> = {};
    if (filter?.placementId) where.placement = filter.placementId;
    if (filter?.groupId) where.group = filter.groupId;
    if (filter?.unitId) where.unit = filter.unitId;
    if (filter?.talentId) where.talent = filter.talentId;
    if (filter?.kind) where.kind = filter.kind;
    if (filter?.status) where.status = filter.status;
    const due: Record<string, string> = {};
    if (filter?.dueFrom) due.$gte = filter.dueFrom;
    if (filter?.dueTo) due.$lte = filter.dueTo;
    if (filter?.overdue) {
      due.$lt = ctx.clock.today();
      where.status = { $in: [ReportStatus.DUE, ReportStatus.RETURNED] };
    }
    if (Object.keys(due).length) where.dueOn = due;
    return paginate(ctx.em, Report, where, page, ReportConnection, orderBy);
  }

  @Authorized()
  @Query(() => Report, { nullable: true })
  report(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(Report).load(id);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @Mutation(() => Report)
  submitReport(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('content', () => String) content: string) {
    return submitReport(ctx, id, content);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Report, { description: 'Accept a submitted report, or return it with a note' })
  reviewReport(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('accept', () => Boolean) accept: boolean, @Arg('note', () => String, { nullable: true }) note?: string | null) {
    return reviewReport(ctx, id, accept, note ?? null);
  }

  @FieldResolver(() => Boolean, { description: 'Past its due day (Asia/Shanghai) and not handed in' })
  overdue(@Root() r: Report, @Ctx() ctx: RequestContext) {
    return isOverdue(r, ctx.clock.today());
  }

  @FieldResolver(() => Placement, { nullable: true, description: 'The placement that owes it (null for a group report)' })
  placement(@Root() r: Report, @Ctx() ctx: RequestContext) {
    return r.placement ? ctx.loaders.byId(Placement).load(r.placement.id) : null;
  }

  @FieldResolver(() => TrainingGroup, { nullable: true, description: 'The training group that owes it (null for a placement report)' })
  group(@Root() r: Report, @Ctx() ctx: RequestContext) {
    return r.group ? ctx.loaders.byId(TrainingGroup).load(r.group.id) : null;
  }

  @FieldResolver(() => Talent, { nullable: true })
  talent(@Root() r: Report, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Talent).load(r.talent.id);
  }
}
