import type { FilterQuery } from '@mikro-orm/core';
import { tableOf } from '../../db/tables.js';
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
import { PayloadMutation, PayloadType, replacedBy } from '../../graphql/payload.js';
import { waiveCriterion } from '../services/waivers.js';
import { EligibilityWaiver } from '../entities/waiver.js';
import { ValidateWith } from '../../graphql/validation.js';
import { z } from 'zod';
import { WRITERS } from './access.js';
import { run } from '../../evaluation/indicators.js';

const ApplicationConnection = ConnectionType(Application);
const ApplicationOrder = OrderType('ApplicationOrder', {
  SUBMITTED_AT: { property: 'submittedAt', description: 'When the application was submitted (报名时间)' },
  STATUS: { property: 'status', description: 'The status, by its value (submitted, eligible, selected…)' },
}, 'How to sort applications');

@ObjectType('EligibilityReason', { description: 'One failed criterion' })
export class EligibilityReasonType {
  @Field(() => String, { description: 'Stable machine-readable code of the failed criterion (AGE_OVER_CAP, TITLE_BELOW_INTERMEDIATE…): each scheme’s rule fixes its own codes, so the set is open across schemes and a String; `eligibilityCodes` lists this tenant’s, `message`/`messageZh` say what this one means' }) code!: string;
  @Field(() => String, { description: 'Why the criterion failed, in English' }) message!: string;
  @Field(() => String, { nullable: true, description: 'Why the criterion failed, in Chinese (null where the scheme gives none)' }) messageZh?: string | null;
  @Field(() => Boolean, { description: 'An "in principle" criterion the commission may waive' }) waivable!: boolean;
}

@ObjectType('EligibilityCode', { description: 'A criterion code a scheme’s eligibility rule can fail with (what `EligibilityReason.code` holds): each scheme fixes its own, so the set is open and `eligibilityCodes` lists this tenant’s' })
export class EligibilityCodeType {
  @Field(() => String, { description: 'The code, e.g. AGE_OVER_CAP' }) code!: string;
  @Field(() => String, { nullable: true, description: 'The scheme (plugin key) that declares it; null for a code found in verdicts that no enabled scheme declares' }) scheme!: string | null;
  @Field(() => String, { nullable: true, description: 'Label in Chinese (null where undeclared: read the verdict’s messageZh)' }) labelZh!: string | null;
  @Field(() => String, { nullable: true, description: 'Label in English (null where undeclared: read the verdict’s message)' }) labelEn!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'An "in principle" criterion the commission may waive (null where undeclared)' }) waivable!: boolean | null;
}

@ObjectType('Eligibility', { description: "The scheme rule's verdict, with every failed criterion" })
export class EligibilityType {
  @Field(() => Boolean, { description: 'Whether the talent may apply: true when no criterion failed (or every failed one was waived)' }) eligible!: boolean;
  @Field(() => [EligibilityReasonType], { description: 'Every failed criterion, not just the first; empty when eligible' }) reasons!: EligibilityReasonType[];
  @Field(() => [String], { description: 'Priority groups matched (they rank, they do not gate)' }) priorityGroups!: string[];
  @Field(() => String, { description: 'plugin/rule that decided' }) rule!: string;
  @Field(() => Int, { description: 'Configuration revision the verdict was decided under' }) configVersion!: number;
  @Field(() => CalendarDateScalar, { description: 'The day the criteria were judged on (the programme’s reference date)' }) decidedOn!: CalendarDate;
}

@InputType({ description: 'Which applications to list; conditions combine (and)' })
export class ApplicationFilter {
  @Field(() => ID, { nullable: true, description: 'Applications to this programme' }) programmeId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Applications registered by this dispatching unit' }) unitId?: string | null;
  @Field(() => ApplicationStatus, { nullable: true, description: 'Applications in this status' }) status?: ApplicationStatus | null;
  @Field(() => String, { nullable: true, description: 'Applications to this track code (see `programme { tracks { code } }`)' }) track?: string | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Submitted on or after this day' }) submittedFrom?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Submitted on or before this day' }) submittedTo?: CalendarDate | null;
}

@InputType({ description: 'Which failed criterion of which application the commission waives, and why' })
@ValidateWith(z.object({ code: z.string().trim().min(1, 'is required').max(60), reason: z.string().trim().min(1, 'say why it is waived').max(2000) }))
export class EligibilityWaiverInput {
  @Field(() => ID, { description: 'The application whose criterion is waived' }) applicationId!: string;
  @Field(() => String, { description: 'Code of a failed waivable criterion, as in `eligibility { reasons { code waivable } }`, e.g. AGE_OVER_CAP' }) code!: string;
  @Field(() => String, { description: 'Why it is waived (recorded and audited; required)' }) reason!: string;
}

@InputType({ description: 'A talent applying to a programme (and track)' })
export class SubmitApplicationInput {
  @Field(() => ID, { description: 'The programme applied to (it must be open)' }) programmeId!: string;
  @Field(() => ID, { description: 'The talent applying' }) talentId!: string;
  @Field(() => String, { nullable: true, description: 'Track or sub-plan code of the programme (see `programme { tracks { code } }`); required where the programme has tracks' }) track?: string | null;
}

@InputType({ description: 'The commission’s decision on an application' })
export class ApplicationDecideInput {
  @Field(() => ID, { description: 'The application decided' }) id!: string;
  @Field(() => ApplicationStatus, { description: 'SELECTED or REJECTED' }) status!: ApplicationStatus;
  @Field(() => String, { nullable: true, description: 'Why (required to reject); kept as the decision note' }) note?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version you read: when someone changed the application since, CONFLICT and nothing is written' }) expectedVersion?: number | null;
}

@InputType({ description: 'Withdrawing an application, with the reason' })
export class ApplicationWithdrawInput {
  @Field(() => ID, { description: 'The application withdrawn' }) id!: string;
  @Field(() => String, { description: 'Why it is withdrawn (kept as the decision note)' }) reason!: string;
}

const ApplicationSubmitPayload = PayloadType('ApplicationSubmitPayload', 'application', () => Application, 'The application registered with the scheme’s eligibility verdict, or why not');
const ApplicationDecidePayload = PayloadType('ApplicationDecidePayload', 'application', () => Application, 'The application as decided, or why not');
const ApplicationWithdrawPayload = PayloadType('ApplicationWithdrawPayload', 'application', () => Application, 'The application as withdrawn, or why not');
const ApplicationWaiveEligibilityCriterionPayload = PayloadType('ApplicationWaiveEligibilityCriterionPayload', 'application', () => Application, 'The application with the criterion waived, or why not');

// Reads answered in one SQL statement where they can be (graphql/sql-reads.ts); each is what its resolver loads.
sqlReads.byId('application', Application);
sqlReads.relation('Application', 'programme', { entity: Programme, one: 'programme' });
sqlReads.relation('Application', 'talent', { entity: Talent, one: 'talent' });
sqlReads.relation('Application', 'unit', { entity: Institution, one: 'unit' });
sqlReads.relation('Application', 'placements', { entity: Placement, many: 'application' });

@Resolver(() => Application)
export class ApplicationResolver {
  @Authorized()
  @Query(() => ApplicationConnection, { description: 'Applications you may see (a unit sees those it registered, a talent their own), oldest first unless orderBy says otherwise' })
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
  @Query(() => Application, { nullable: true, description: 'One application by id; null when it does not exist or is not yours to see' })
  application(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(Application).load(id);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @Mutation(() => Application, { description: "Register a talent under a programme (track); the scheme's eligibility rule answers at once", deprecationReason: replacedBy('applicationSubmit') })
  submitApplication(@Ctx() ctx: RequestContext, @Arg('input', () => SubmitApplicationInput) input: SubmitApplicationInput) {
    return submitApplication(ctx, input);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => Application, { description: 'Select or reject an application (a reason is required to reject)', deprecationReason: replacedBy('applicationDecide') })
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
  @Mutation(() => Application, { description: 'Withdraw an application, with a reason', deprecationReason: replacedBy('applicationWithdraw') })
  withdrawApplication(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string) {
    return decideApplication(ctx, id, ApplicationStatus.WITHDRAWN, reason);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => Application, { description: 'Waive a failed "in principle" criterion with a recorded reason; the application becomes eligible once nothing is outstanding', deprecationReason: replacedBy('applicationWaiveEligibilityCriterion') })
  waiveEligibilityCriterion(@Ctx() ctx: RequestContext, @Arg('input', () => EligibilityWaiverInput) input: EligibilityWaiverInput) {
    return waiveCriterion(ctx, input);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @PayloadMutation(ApplicationSubmitPayload, { description: "Register a talent under a programme (track): a unit for its staff, a talent for themself, the commission for anyone. The scheme's eligibility rule answers at once (`application { status eligibility { eligible reasons { code messageZh } } }`)" })
  applicationSubmit(@Ctx() ctx: RequestContext, @Arg('input', () => SubmitApplicationInput) input: SubmitApplicationInput): Promise<Application> {
    return submitApplication(ctx, input);
  }

  @Authorized(...WRITERS.commission)
  @PayloadMutation(ApplicationDecidePayload, { description: 'The commission selects or rejects an application (a note is required to reject). Send the version you read (`expectedVersion`) to refuse a lost update' })
  applicationDecide(@Ctx() ctx: RequestContext, @Arg('input', () => ApplicationDecideInput) input: ApplicationDecideInput): Promise<Application> {
    return decideApplication(ctx, input.id, input.status, input.note ?? null, input.expectedVersion);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(ApplicationWithdrawPayload, { description: 'Withdraw an application (its unit or the commission), with a reason' })
  applicationWithdraw(@Ctx() ctx: RequestContext, @Arg('input', () => ApplicationWithdrawInput) input: ApplicationWithdrawInput): Promise<Application> {
    return decideApplication(ctx, input.id, ApplicationStatus.WITHDRAWN, input.reason);
  }

  @Authorized(...WRITERS.commission)
  @PayloadMutation(ApplicationWaiveEligibilityCriterionPayload, { description: 'The commission waives a failed "in principle" criterion (`waivable: true`) with a recorded reason; the application becomes eligible once nothing is outstanding' })
  applicationWaiveEligibilityCriterion(@Ctx() ctx: RequestContext, @Arg('input', () => EligibilityWaiverInput) input: EligibilityWaiverInput): Promise<Application> {
    return waiveCriterion(ctx, input);
  }

  @Authorized()
  @Query(() => [EligibilityCodeType], { description: 'The eligibility criterion codes of this tenant: those the enabled schemes declare with labels, then any other found in its verdicts (unlabelled), by code' })
  async eligibilityCodes(@Ctx() ctx: RequestContext): Promise<EligibilityCodeType[]> {
    const declared = ctx.host.enabled(ctx.tenant).flatMap((p) => (p.eligibilityCodes ?? []).map((c) => ({ code: c.code, scheme: p.key, labelZh: c.labelZh, labelEn: c.labelEn, waivable: c.waivable ?? false })));
    const known = new Set(declared.map((c) => c.code));
    // Codes only, whoever's verdict they are in: no row is read beyond them.
    const found = await run<{ code: string }>(ctx.em, `select distinct r->>'code' as code from ${tableOf(ctx.em, Application)} a, jsonb_array_elements(a.eligibility::jsonb->'reasons') r where a.eligibility is not null`);
    const codes = [...declared, ...found.filter((f) => f.code && !known.has(f.code)).map((f) => ({ code: f.code, scheme: null, labelZh: null, labelEn: null, waivable: null }))];
    return codes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  @FieldResolver(() => [EligibilityWaiver], { description: 'Criteria the commission waived, with reasons' })
  waivers(@Root() application: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(EligibilityWaiver, 'application').load(application.id);
  }

  @FieldResolver(() => EligibilityType, { nullable: true, description: 'The scheme rule’s verdict when the application was submitted (null for a scheme without an eligibility rule)' })
  eligibility(@Root() application: Application) {
    const e = application.eligibility;
    return e ? { ...e, reasons: e.reasons.map((r) => ({ ...r, waivable: !!r.waivable })) } : null;
  }

  @FieldResolver(() => Programme, { description: 'The programme applied to' })
  programme(@Root() application: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Programme).load(application.programme.id);
  }

  @FieldResolver(() => Talent, { nullable: true, description: 'The talent applying (null when not yours to see)' })
  talent(@Root() application: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Talent).load(application.talent.id);
  }

  @FieldResolver(() => Institution, { description: 'Dispatching unit that registered the application' })
  unit(@Root() application: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Institution).load(application.unit.id);
  }

  @FieldResolver(() => [Placement], { description: 'Placements made from this application once selected' })
  placements(@Root() application: Application, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Placement, 'application').load(application.id);
  }
}
