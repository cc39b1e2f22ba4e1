import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  assertUnitWrite,
  badInput,
  ConnectionType,
  compareDates,
  hasRole,
  invalidState,
  Money,
  moneyOf,
  PageArgs,
  paginate,
  Placement,
  relationFields,
  Report,
  ReportStatus,
  PayloadMutation,
  Roles,
  submitReport,
  Talent,
  WRITERS,
  type RequestContext,
  replacedBy,
} from '../../../src/index.js';
import { OrderByArg, OrderType, type ListOrder } from '../../../src/index.js';
import { CareKind, COMPETENCY_LABELS } from '../domain.js';
import { CountyApprentice, CountyCareRecord, CountyCompetencyCheck, CountyPair } from '../entities/index.js';
import { checkCompetency, competencyPassed } from '../rules/competency.js';
import { tierLabel } from '../rules/people.js';
import { assertPairParticipant, isCommission, loadPair } from './access.js';
import { CountyCareInput, CountyCompetencyInput, CountySetTierInput } from './care.types.js';
import { ApprenticeSetTierPayload, CareRecordCreatePayload, CompetencyCheckRecordPayload } from './payloads.js';

const CareConnection = ConnectionType(CountyCareRecord, 'CountyCareRecord');
const CountyCareRecordOrder = OrderType('CountyCareRecordOrder', {
  GIVEN_ON: { property: 'givenOn', description: 'The day it was given (日期)' },
  KIND: { property: 'kind', description: 'The kind, by its value' },
  TITLE: { property: 'title', description: 'The title (名称)' },
}, 'How to sort care records');

/** 分层培养: the commission moves an apprentice to another tier, keeping the reason. */
export async function setApprenticeTier(ctx: RequestContext, input: CountySetTierInput): Promise<CountyApprentice> {
  const apprentice = await ctx.em.findOne(CountyApprentice, input.apprenticeId);
  if (!apprentice) throw badInput({ field: 'apprenticeId', message: `no apprentice entry ${input.apprenticeId}` });
  if (apprentice.tier === input.tier) throw badInput({ field: 'tier', message: `the apprentice is already in the ${tierLabel(input.tier)}` });
  apprentice.tier = input.tier;
  apprentice.tierReason = input.reason.trim();
  await ctx.em.flush();
  return apprentice;
}

/** The competency check at the end of a confirmed pairing; a second record replaces the first. Hands in the competency_check report. */
export async function recordCompetencyCheck(ctx: RequestContext, input: CountyCompetencyInput): Promise<CountyCompetencyCheck> {
  const pair = await loadPair(ctx, input.pairId);
  assertPairParticipant(ctx, pair, { apprentice: false, unit: false });
  if (!pair.placement) throw invalidState('The competency check is for a confirmed pair', { field: 'pairId' });
  const placement = await ctx.em.findOneOrFail(Placement, pair.placement.id);
  const problems = checkCompetency(input, { pairingEnd: placement.actualEnd ?? placement.plannedEnd, today: ctx.clock.today() });
  if (problems.length) throw badInput(problems);
  const items = input.items.map((i) => ({ item: i.item, met: i.met, note: i.note?.trim() || null }));
  const values = { checkedOn: input.checkedOn, items, passed: competencyPassed(items), examiner: input.examiner.trim() };
  let row = await ctx.em.findOne(CountyCompetencyCheck, { pair });
  if (row) Object.assign(row, values);
  else row = ctx.em.create(CountyCompetencyCheck, { pair, talent: pair.talent, unit: pair.unit, ...values });
  await ctx.em.flush();
  const report = await ctx.em.findOne(Report, { placement, kind: 'competency_check', sequence: 1, status: { $in: [ReportStatus.DUE, ReportStatus.RETURNED] } });
  if (report) {
    const summary = items.map((i) => `${COMPETENCY_LABELS[i.item].zh}${i.met ? '达标' : '未达标'}`).join('；');
    await submitReport(ctx, report.id, `结业能力考核 ${input.checkedOn}：${values.passed ? '合格' : '不合格'}（${summary}）`);
  }
  return row;
}

/** 激励关爱 for a trainee (the commission, or the trainee's unit); money only with an incentive or an act of care. */
export async function recordCare(ctx: RequestContext, input: CountyCareInput): Promise<CountyCareRecord> {
  const talent = await ctx.em.findOne(Talent, input.talentId);
  if (!talent) throw badInput({ field: 'talentId', message: `no talent ${input.talentId} you may see` });
  if (!isCommission(ctx) && hasRole(ctx.actor, Roles.UNIT_COORDINATOR)) assertUnitWrite(ctx.actor, talent.unit.id);
  if (!(await ctx.em.count(CountyApprentice, { talent }))) throw badInput({ field: 'talentId', message: `${talent.name} has not been an apprentice in any round` });
  if (compareDates(input.givenOn, ctx.clock.today()) > 0) throw badInput({ field: 'givenOn', message: 'is after today' });
  if (input.amountFen != null && input.kind !== CareKind.INCENTIVE && input.kind !== CareKind.CARE) {
    throw badInput({ field: 'amountFen', message: 'money goes with an incentive or an act of care', messageZh: '只有激励或关爱可以发放金额' });
  }
  const row = ctx.em.create(CountyCareRecord, {
    talent,
    unit: talent.unit,
    kind: input.kind,
    title: input.title.trim(),
    givenOn: input.givenOn,
    amountFen: input.amountFen ?? null,
    description: input.description ?? null,
  });
  await ctx.em.flush();
  return row;
}

/**
 * Seed 004 beyond the pairing itself: apprentices in tiers (分层培养), the competency check at the
 * end, and the bureau's incentive-and-care mechanism (激励关爱). Checks are pure rules
 * (`rules/competency.ts`, `rules/people.ts`); these resolvers load, check, write.
 */
@Resolver()
export class CountyCareResolver {
  @Authorized(...WRITERS.commission)
  @Mutation(() => CountyApprentice, { description: '分层培养: move an apprentice to another tier, with the reason (their title placed them at registration)', deprecationReason: replacedBy('countyApprenticeSetTier') })
  countySetApprenticeTier(@Ctx() ctx: RequestContext, @Arg('input', () => CountySetTierInput) input: CountySetTierInput) {
    return setApprenticeTier(ctx, input);
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.MENTOR)
  @Mutation(() => CountyCompetencyCheck, {
    description: "Record the competency check at the end of a confirmed pairing (the commission, or the pair's mentor): one result per item, passed when all are met; a second record replaces the first. Hands in the competency_check report",
    deprecationReason: replacedBy('countyCompetencyCheckRecord'),
  })
  countyRecordCompetencyCheck(@Ctx() ctx: RequestContext, @Arg('input', () => CountyCompetencyInput) input: CountyCompetencyInput) {
    return recordCompetencyCheck(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => CountyCareRecord, { description: "激励关爱: record an incentive, an act of care, or political-quality or business-ability support for a trainee (the commission, or the trainee's unit)", deprecationReason: replacedBy('countyCareRecordCreate') })
  countyRecordCare(@Ctx() ctx: RequestContext, @Arg('input', () => CountyCareInput) input: CountyCareInput) {
    return recordCare(ctx, input);
  }

  @Authorized(...WRITERS.commission)
  @PayloadMutation(ApprenticeSetTierPayload, { description: '分层培养: move an apprentice to another tier (the commission), with the reason; their title placed them at registration (tierByTitle)' })
  countyApprenticeSetTier(@Ctx() ctx: RequestContext, @Arg('input', () => CountySetTierInput) input: CountySetTierInput) {
    return setApprenticeTier(ctx, input);
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.MENTOR)
  @PayloadMutation(CompetencyCheckRecordPayload, {
    description: "Record the competency check (结业能力考核) at the end of a confirmed pairing (the commission, or the pair's mentor): one result per item, passed when all are met; a second record replaces the first. Hands in the competency_check report",
  })
  countyCompetencyCheckRecord(@Ctx() ctx: RequestContext, @Arg('input', () => CountyCompetencyInput) input: CountyCompetencyInput) {
    return recordCompetencyCheck(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(CareRecordCreatePayload, { description: "激励关爱: record an incentive, an act of care, or political-quality or business-ability support for a trainee (the commission, or the trainee's unit); money (in fen) only with an incentive or an act of care" })
  countyCareRecordCreate(@Ctx() ctx: RequestContext, @Arg('input', () => CountyCareInput) input: CountyCareInput) {
    return recordCare(ctx, input);
  }

  @Authorized()
  @Query(() => CareConnection, { description: '激励关爱 records you may see (a unit: its own staff; a talent: their own), oldest first' })
  countyCareRecords(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @OrderByArg(CountyCareRecordOrder) orderBy: ListOrder | null | undefined,
    @Arg('talentId', () => ID, { nullable: true }) talentId?: string | null,
    @Arg('kind', () => CareKind, { nullable: true }) kind?: CareKind | null,
  ) {
    return paginate(ctx.em, CountyCareRecord, { ...(talentId ? { talent: talentId } : {}), ...(kind ? { kind } : {}) }, page, CareConnection, orderBy);
  }
}

@Resolver(() => CountyCareRecord)
export class CountyCareRecordResolver {
  @FieldResolver(() => Money, { nullable: true, description: 'Money of a bonus or allowance, with its currency; null when no money is involved' })
  amount(@Root() record: CountyCareRecord): Money | null {
    return record.amountFen == null ? null : moneyOf(record.amountFen);
  }
}

export const CountyCareRelations = [
  relationFields(CountyCareRecord, { talent: Talent }),
  relationFields(CountyCompetencyCheck, { pair: { one: CountyPair, nullable: false }, talent: Talent }),
  relationFields(CountyPair, { competencyCheck: { only: CountyCompetencyCheck, by: 'pair', description: 'The competency check at the end of the pairing (null until recorded)' } }),
];
