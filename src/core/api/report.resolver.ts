import type { FilterQuery } from '@mikro-orm/core';
import { titleEnOf, titleZhOf } from '../bilingual.js';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { FOLLOW_UP_REPORT_KIND } from '../../evaluation/domain.js';
import type { ReportKindLabel } from '../../plugin/contract.js';
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
import { PayloadMutation, PayloadType, replacedBy } from '../../graphql/payload.js';

const ReportConnection = ConnectionType(Report);
const ReportOrder = OrderType('ReportOrder', {
  DUE_ON: { property: 'dueOn', description: 'The day the report falls due (截止日期)' },
  SUBMITTED_AT: { property: 'submittedAt', description: 'When it was submitted (提交时间); reports not submitted yet come last' },
  STATUS: { property: 'status', description: 'The status, by its value (due, submitted, accepted…)' },
  KIND: { property: 'kind', description: 'The report kind code' },
  TITLE: { property: 'title', description: 'The title (标题)' },
}, 'How to sort reports');

@InputType({ description: 'Which reports to list; conditions combine (and)' })
export class ReportFilter {
  @Field(() => ID, { nullable: true, description: 'Reports this placement owes' }) placementId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Reports this training group owes as a group' }) groupId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Reports of this dispatching unit’s staff' }) unitId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Reports this talent owes' }) talentId?: string | null;
  @Field(() => String, { nullable: true, description: 'Reports of this kind code (as in `Report.kind`; `reportKinds` lists them)' }) kind?: string | null;
  @Field(() => ReportStatus, { nullable: true, description: 'Reports in this status' }) status?: ReportStatus | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Due on or after this day' }) dueFrom?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Due on or before this day' }) dueTo?: CalendarDate | null;
  @Field(() => Boolean, { nullable: true, description: 'Only reports past their due day and not handed in' }) overdue?: boolean | null;
}

@InputType({ description: 'A report handed in' })
export class ReportSubmitInput {
  @Field(() => ID, { description: 'The report (due or returned)' }) id!: string;
  @Field(() => String, { description: 'The report’s text' }) content!: string;
}

@InputType({ description: 'A review of a submitted report' })
export class ReportReviewInput {
  @Field(() => ID, { description: 'The report (submitted)' }) id!: string;
  @Field(() => Boolean, { description: 'true accepts it; false returns it for changes' }) accept!: boolean;
  @Field(() => String, { nullable: true, description: 'The reviewer’s note (say why when returning it)' }) note?: string | null;
}

@ObjectType('ReportKind', { description: 'A kind of report (what `Report.kind` holds) with its labels: the set is open across schemes, so `reportKinds` lists those of this tenant' })
export class ReportKindType {
  @Field(() => String, { description: 'The code `Report.kind` and `ReportFilter.kind` hold (summary, check_in, evaluation.follow_up…)' }) code!: string;
  @Field(() => String, { nullable: true, description: 'The scheme (plugin key) whose rules make it due; null for the core’s own (the evaluation follow-up)' }) scheme!: string | null;
  @Field(() => String, { nullable: true, description: 'Label in Chinese (null for a kind found in reports that no enabled scheme declares)' }) labelZh!: string | null;
  @Field(() => String, { nullable: true, description: 'Label in English (null as labelZh)' }) labelEn!: string | null;
}

/** The core's own kind: a unit's follow-up of a returned talent (src/evaluation). */
const CORE_REPORT_KINDS: readonly ReportKindLabel[] = [{ code: FOLLOW_UP_REPORT_KIND, labelZh: '回国（返岗）后随访', labelEn: 'Follow-up after return' }];

const ReportSubmitPayload = PayloadType('ReportSubmitPayload', 'report', () => Report, 'The report as handed in, or why not');
const ReportReviewPayload = PayloadType('ReportReviewPayload', 'report', () => Report, 'The report as accepted or returned, or why not');

// Reads answered in one SQL statement where they can be (graphql/sql-reads.ts); each is what its resolver loads.
sqlReads.byId('report', Report);
sqlReads.relation('Report', 'placement', { entity: Placement, one: 'placement' });
sqlReads.relation('Report', 'talent', { entity: Talent, one: 'talent' });

@Resolver(() => Report)
export class ReportResolver {
  @Authorized()
  @Query(() => ReportConnection, { description: 'Reports you may see (a unit sees its own staff’s, a talent their own), oldest first unless orderBy says otherwise' })
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
  @Query(() => Report, { nullable: true, description: 'One report by id; null when it does not exist or is not yours to see' })
  report(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(Report).load(id);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @Mutation(() => Report, { description: 'Hand in a report', deprecationReason: replacedBy('reportSubmit') })
  submitReport(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('content', () => String) content: string) {
    return submitReport(ctx, id, content);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Report, { description: 'Accept a submitted report, or return it with a note', deprecationReason: replacedBy('reportReview') })
  reviewReport(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('accept', () => Boolean) accept: boolean, @Arg('note', () => String, { nullable: true }) note?: string | null) {
    return reviewReport(ctx, id, accept, note ?? null);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @PayloadMutation(ReportSubmitPayload, { description: 'Hand in a report that is due or was returned (the talent who owes it, their unit or the commission)' })
  reportSubmit(@Ctx() ctx: RequestContext, @Arg('input', () => ReportSubmitInput) input: ReportSubmitInput): Promise<Report> {
    return submitReport(ctx, input.id, input.content);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(ReportReviewPayload, { description: 'The unit or the commission accepts a submitted report, or returns it with a note' })
  reportReview(@Ctx() ctx: RequestContext, @Arg('input', () => ReportReviewInput) input: ReportReviewInput): Promise<Report> {
    return reviewReport(ctx, input.id, input.accept, input.note ?? null);
  }

  @Authorized()
  @Query(() => [ReportKindType], { description: 'The report kinds of this tenant with their labels: the core’s, those the enabled schemes declare, then any other found in its reports (unlabelled), by code' })
  async reportKinds(@Ctx() ctx: RequestContext): Promise<ReportKindType[]> {
    const declared = [...CORE_REPORT_KINDS.map((k) => ({ ...k, scheme: null as string | null })), ...ctx.host.enabled(ctx.tenant).flatMap((p) => (p.reportKinds ?? []).map((k) => ({ ...k, scheme: p.key })))];
    const known = new Set(declared.map((k) => k.code));
    const used = (await ctx.em.createQueryBuilder(Report).select('kind', true).execute('all')) as { kind: string }[];
    const found = used.map((r) => r.kind).filter((kind) => !known.has(kind));
    const kinds = [...declared, ...found.map((code) => ({ code, scheme: null, labelZh: null, labelEn: null }))];
    return kinds.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  @FieldResolver(() => String, { description: 'The title in Chinese (研学总结报告); the whole title when the scheme gave no Chinese' })
  titleZh(@Root() report: Report): string {
    return titleZhOf(report.title);
  }

  @FieldResolver(() => String, { description: 'The title in English (Study summary report); the whole title when the scheme gave no English' })
  titleEn(@Root() report: Report): string {
    return titleEnOf(report.title);
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

  @FieldResolver(() => Talent, { nullable: true, description: 'The talent who owes it (a group’s leader for a group report; null when not yours to see)' })
  talent(@Root() r: Report, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Talent).load(r.talent.id);
  }
}
