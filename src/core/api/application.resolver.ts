import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { CalendarDate } from '../../calendar.js';
import { startOfDayInstant, addDays } from '../../calendar.js';
import type { RequestContext } from '../../graphql/context.js';
import { ConnectionType, OrderByArg, OrderType, PageArgs, paginate, type ListOrder } from '../../graphql/pagination.js';
import { sqlReads } from '../../graphql/sql-reads.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { ApplicationStatus } from '../domain.js';
import { Application } from '../entities/application.js';
import { Institution } from '../entities/institution.js';
import { Placement } from '../entities/placement.js';
import { Programme } from '../entities/programme.js';
import { Talent } from '../entities/talent.js';
import { decideApplication, submitApplication } from '../services/applications.js';
import { waiveCriterion } from '../services/waivers.js';
import { EligibilityWaiver } from '../entities/waiver.js';
import { ValidateWith } from '../../graphql/validation.js';
import { z } from 'zod';
import { WRITERS } from './access.js';

const ApplicationConnection = ConnectionType(Application);
const ApplicationOrder = OrderType('ApplicationOrder', {
  SUBMITTED_AT: { property: 'submittedAt', description: 'When the application was submitted (报名时间)' },
  STATUS: { property: 'status', description: 'The status, by its value (submitted, eligible, selected…)' },
}, 'How to sort applications');

@ObjectType('EligibilityReason', { description: 'One failed criterion' })
export class EligibilityReasonType {
  @Field(() => String, { description: 'Stable machine-readable code' }) code!: string;
  @Field(() => String) message!: string;
  @Field(() => String, { nullable: true }) messageZh?: string | null;
  @Field(() => Boolean, { description: 'An "in principle" criterion the commission may waive' }) waivable!: boolean;
}

@ObjectType('Eligibility', { description: "The scheme rule's verdict, with every failed criterion" })
export class EligibilityType {
  @Field(() => Boolean) eligible!: boolean;
  @Field(() => [EligibilityReasonType]) reasons!: EligibilityReasonType[];
  @Field(() => [String], { description: 'Priority groups matched (they rank, they do not gate)' }) priorityGroups!: string[];
  @Field(() => String, { description: 'plugin/rule that decided' }) rule!: string;
  @Field(() => Int, { description: 'Configuration revision the verdict was decided under' }) configVersion!: number;
  @Field(() => CalendarDateScalar) decidedOn!: CalendarDate;
}

@InputType()
export class ApplicationFilter {
  @Field(() => ID, { nullable: true }) programmeId?: string | null;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => ApplicationStatus, { nullable: true }) status?: ApplicationStatus | null;
  @Field(() => String, { nullable: true }) track?: string | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Submitted on or after this day' }) submittedFrom?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Submitted on or before this day' }) submittedTo?: CalendarDate | null;
}

@InputType()
@ValidateWith(z.object({ code: z.string().trim().min(1, 'is required').max(60), reason: z.string().trim().min(1, 'say why it is waived').max(2000) }))
export class EligibilityWaiverInput {
  @Field(() => ID) applicationId!: string;
  @Field(() => String, { description: 'Code of a failed waivable criterion, e.g. AGE_OVER_CAP' }) code!: string;
  @Field(() => String) reason!: string;
}

@InputType()
export class SubmitApplicationInput {
  @Field(() => ID) programmeId!: string;
  @Field(() => ID) talentId!: string;
  @Field(() => String, { nullable: true }) track?: string | null;
}

// Reads answered in one SQL statement where they can be (graphql/sql-reads.ts); each is what its resolver loads.
sqlReads.byId('application', Application);
sqlReads.relation('Application', 'programme', { entity: Programme, one: 'programme' });
sqlReads.relation('Application', 'talent', { entity: Talent, one: 'talent' });
sqlReads.relation('Application', 'unit', { entity: Institution, one: 'unit' });
sqlReads.relation('Application', 'placements', { entity: Placement, many: 'application' });

@Resolver(() => Application)
export class ApplicationResolver {
  @Authorized()
  @Query(() => ApplicationConnection)
  applications(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(ApplicationOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => ApplicationFilter, { nullable: true }) filter?: ApplicationFilter | null) {
    const where: FilterQuery<Application> = {};
    if (filter?.programmeId) where.programme = filter.programmeId;
    if (filter?.unitId) where.unit = filter.unitId;
    if (filter?.status) where.status = filter.status;
    if (filter?.track) where.track = filter.track;
    // Calendar days are Shanghai days: the range covers [from 00:00 +08, to+1 00:00 +08).
    if (filter?.submittedFrom || filter?.submittedTo) {
      where.submittedAt = {
        ...(filter.submittedFrom ? { $gte: startOfDayInstant(filter.submittedFrom) } : {}),
        ...(filter.submittedTo ? { $lt: startOfDayInstant(addDays(filter.submittedTo, 1)) } : {}),
      };
    }
    return paginate(ctx.em, Application, where, page, ApplicationConnection, orderBy);
  }

  @Authorized()
  @Query(() => Application, { nullable: true })
  application(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(Application).load(id);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @Mutation(() => Application, { description: "Register a talent under a programme (track); the scheme's eligibility rule answers at once" })
  submitApplication(@Ctx() ctx: RequestContext, @Arg('input', () => SubmitApplicationInput) input: SubmitApplicationInput) {
    return submitApplication(ctx, input);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => Application, { description: 'Select or reject an application (a reason is required to reject)' })
  decideApplication(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => ApplicationStatus) status: ApplicationStatus,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    return decideApplication(ctx, id, status, note ?? null, expectedVersion);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Application)
  withdrawApplication(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string) {
    return decideApplication(ctx, id, ApplicationStatus.WITHDRAWN, reason);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => Application, { description: 'Waive a failed "in principle" criterion with a recorded reason; the application becomes eligible once nothing is outstanding' })
  waiveEligibilityCriterion(@Ctx() ctx: RequestContext, @Arg('input', () => EligibilityWaiverInput) input: EligibilityWaiverInput) {
    return waiveCriterion(ctx, input);
  }

  @FieldResolver(() => [EligibilityWaiver], { description: 'Criteria the commission waived, with reasons' })
  waivers(@Root() application: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(EligibilityWaiver, 'application').load(application.id);
  }

  @FieldResolver(() => EligibilityType, { nullable: true })
  eligibility(@Root() application: Application) {
    const e = application.eligibility;
    return e ? { ...e, reasons: e.reasons.map((r) => ({ ...r, waivable: !!r.waivable })) } : null;
  }

  @FieldResolver(() => Programme)
  programme(@Root() application: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Programme).load(application.programme.id);
  }

  @FieldResolver(() => Talent, { nullable: true })
  talent(@Root() application: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Talent).load(application.talent.id);
  }

  @FieldResolver(() => Institution, { description: 'Dispatching unit that registered the application' })
  unit(@Root() application: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Institution).load(application.unit.id);
  }

  @FieldResolver(() => [Placement])
  placements(@Root() application: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Placement, 'application').load(application.id);
  }
}
