/**
 * The agreement behind a stay's obligations (协议, 五(三)), the pay the guarantees promise, and
 * 安全及纪律监督 during the stay (五(二)). Rules in rules/agreement.ts; this file loads and writes.
 */
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { CalendarDateScalar, Placement, Programme, ValidateWith, badInput, compareDates, conflict, invalidState, type CalendarDate, type RequestContext } from '../../../src/index.js';
import { WenzhouClauseKind, WenzhouClauseParty, WenzhouIncidentKind, WenzhouIncidentSeverity, WenzhouStage } from '../entities/enums.js';
import { WenzhouAgreement, WenzhouBenefitPayment, WenzhouIncident } from '../entities/agreement.js';
import { WenzhouCandidacy } from '../entities/selection.js';
import { WenzhouStay } from '../entities/stay.js';
import { agreementClauses, guaranteesMissed } from '../rules/agreement.js';
import { UNIT_OR_COMMISSION, assertWrite, calendarDate, configOn, load, requireStage, text, uuid } from './common.js';
import { PayloadMutation, PayloadType, replacedBy } from '../../../src/index.js';

const MAX_FEN = 2_000_000_000;
const fen = z.number().int('must be whole fen').min(0, 'must not be negative').max(MAX_FEN, `must be at most ${MAX_FEN} fen`);

@ObjectType('WenzhouAgreementClause', { description: 'A clause of an agreement: G = the plan’s guarantees (owed by the unit), T = study tasks, R = return on time, S = service period' })
export class WenzhouAgreementClause {
  @Field(() => String, { description: 'The clause’s code, as a clawback names it: G1–G3 (guarantees), T1… (tasks), R1 (return), S1 (service period)' }) code!: string;
  @Field(() => WenzhouClauseKind, { description: 'What the clause is about: guarantee (G…), task (T…), return (R1) or service (S1)' }) kind!: string;
  @Field(() => WenzhouClauseParty, { description: 'Who owes it: the unit (the plan’s guarantees) or the talent (tasks, return, service period)' }) owedBy!: string;
  @Field(() => String, { description: 'The clause as the agreement words it (Chinese)' }) text!: string;
}

@InputType('WenzhouAgreementInput', { description: 'The agreement (协议) of a stay, recorded or replaced before departure' })
@ValidateWith(
  z.object({
    stayId: uuid,
    signedOn: calendarDate,
    tasks: z.array(text(1000)).min(1, 'list at least one agreed study task (研学任务)').max(30),
    servicePeriodMonths: z.number().int('whole months').min(0, 'must not be negative').max(240).nullish(),
    note: z.string().max(2000).nullish(),
  }),
)
export class WenzhouAgreementInput {
  @Field(() => ID, { description: 'The stay (placed, not departed)' }) stayId!: string;
  @Field(() => CalendarDateScalar, { description: 'The day it was signed; not in the future' }) signedOn!: CalendarDate;
  @Field(() => [String], { description: '研学任务: what the talent undertakes to achieve (clauses T1, T2, …)' }) tasks!: string[];
  @Field(() => Int, { nullable: true, description: '服务期 in months after return; when left out, the configuration’s local default (servicePeriodMonths)' }) servicePeriodMonths?: number | null;
  @Field(() => String, { nullable: true, description: 'Anything else it says, at most 2000 characters' }) note?: string | null;
}

@InputType('WenzhouBenefitPaymentInput', { description: 'What the unit paid a talent abroad for one month (五(三) 待遇保障); amounts in whole fen' })
@ValidateWith(
  z.object({
    stayId: uuid,
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'),
    baseSalaryFen: fen,
    baseSalaryDueFen: fen,
    performancePayFen: fen,
    departmentAverageFen: fen,
  }),
)
export class WenzhouBenefitPaymentInput {
  @Field(() => ID, { description: 'The stay (departed)' }) stayId!: string;
  @Field(() => String, { description: 'YYYY-MM, a month of the stay' }) month!: string;
  @Field(() => Int, { description: '基础工资 paid, fen' }) baseSalaryFen!: number;
  @Field(() => Int, { description: '基础工资 due for the month, fen (全额发放)' }) baseSalaryDueFen!: number;
  @Field(() => Int, { description: '奖励性绩效工资 paid, fen' }) performancePayFen!: number;
  @Field(() => Int, { description: "所在科室（单位）平均水平 of incentive pay that month, fen" }) departmentAverageFen!: number;
}

@InputType('WenzhouIncidentInput', { description: 'A safety or discipline incident during a stay (五(二) 安全及纪律监督)' })
@ValidateWith(z.object({ stayId: uuid, occurredOn: calendarDate, description: text(5000), actionTaken: z.string().max(5000).nullish(), resolvedOn: calendarDate.nullish() }))
export class WenzhouIncidentInput {
  @Field(() => ID, { description: 'The stay (abroad or returned)' }) stayId!: string;
  @Field(() => CalendarDateScalar, { description: 'The day it happened: a day of the stay' }) occurredOn!: CalendarDate;
  @Field(() => WenzhouIncidentKind, { description: '安全 (safety) or 纪律 (discipline)' }) kind!: WenzhouIncidentKind;
  @Field(() => WenzhouIncidentSeverity, { description: 'minor or serious' }) severity!: WenzhouIncidentSeverity;
  @Field(() => String, { description: 'What happened, at most 5000 characters' }) description!: string;
  @Field(() => String, { nullable: true, description: 'What the liaison or the unit did' }) actionTaken?: string | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'The day it was resolved; not before occurredOn' }) resolvedOn?: CalendarDate | null;
}

async function stayParts(ctx: RequestContext, stayId: string) {
  const stay = await load(ctx, WenzhouStay, stayId, 'stayId');
  assertWrite(ctx, stay);
  const candidacy = await ctx.em.findOneOrFail(WenzhouCandidacy, stay.candidacy.id);
  const placement = await ctx.em.findOneOrFail(Placement, stay.placement.id);
  return { stay, candidacy, placement };
}

const WenzhouAgreementRecordPayload = PayloadType('WenzhouAgreementRecordPayload', 'agreement', () => WenzhouAgreement, 'wenzhouAgreementRecord: the agreement after the mutation, or the userErrors that say why nothing was written');
const WenzhouBenefitPaymentRecordPayload = PayloadType('WenzhouBenefitPaymentRecordPayload', 'benefitPayment', () => WenzhouBenefitPayment, 'wenzhouBenefitPaymentRecord: the benefitPayment after the mutation, or the userErrors that say why nothing was written');
const WenzhouIncidentRecordPayload = PayloadType('WenzhouIncidentRecordPayload', 'incident', () => WenzhouIncident, 'wenzhouIncidentRecord: the incident after the mutation, or the userErrors that say why nothing was written');

@Resolver(() => WenzhouAgreement)
export class WenzhouAgreementResolver {
  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouAgreement, { description: '协议: record (or, before departure, replace) the agreement of a stay; departure needs one', deprecationReason: replacedBy('wenzhouAgreementRecord') })
  wenzhouRecordAgreement(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouAgreementInput) input: WenzhouAgreementInput): Promise<WenzhouAgreement> {
    return recordAgreement(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouAgreementRecordPayload, { description: '协议: record (or, before departure, replace) the agreement of a stay; departure needs one' })
  wenzhouAgreementRecord(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouAgreementInput) input: WenzhouAgreementInput): Promise<WenzhouAgreement> {
    return recordAgreement(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouBenefitPayment, { description: '五(三) 基础工资全额发放，奖励性绩效不低于科室平均: what the unit paid for a month of the stay; months that miss a guarantee are flagged', deprecationReason: replacedBy('wenzhouBenefitPaymentRecord') })
  wenzhouRecordBenefitPayment(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouBenefitPaymentInput) input: WenzhouBenefitPaymentInput): Promise<WenzhouBenefitPayment> {
    return recordBenefitPayment(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouBenefitPaymentRecordPayload, { description: '五(三) 基础工资全额发放，奖励性绩效不低于科室平均: what the unit paid for a month of the stay; months that miss a guarantee are flagged' })
  wenzhouBenefitPaymentRecord(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouBenefitPaymentInput) input: WenzhouBenefitPaymentInput): Promise<WenzhouBenefitPayment> {
    return recordBenefitPayment(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouIncident, { description: '五(二) 强化安全及纪律监督: record a safety or discipline incident of a stay, and what was done', deprecationReason: replacedBy('wenzhouIncidentRecord') })
  wenzhouRecordIncident(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouIncidentInput) input: WenzhouIncidentInput): Promise<WenzhouIncident> {
    return recordIncident(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouIncidentRecordPayload, { description: '五(二) 强化安全及纪律监督: record a safety or discipline incident of a stay, and what was done' })
  wenzhouIncidentRecord(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouIncidentInput) input: WenzhouIncidentInput): Promise<WenzhouIncident> {
    return recordIncident(ctx, input);
  }

  @FieldResolver(() => [WenzhouAgreementClause], { description: 'The clauses, as a clawback names them' })
  clauses(@Root() a: WenzhouAgreement): WenzhouAgreementClause[] {
    return agreementClauses(a).map((c) => Object.assign(new WenzhouAgreementClause(), c));
  }
}

// ---------- the mutations' one implementation each (the deprecated and the payload mutation both call it) ----------

async function recordAgreement(ctx: RequestContext, input: WenzhouAgreementInput): Promise<WenzhouAgreement> {
  const { stay, candidacy } = await stayParts(ctx, input.stayId);
  requireStage(candidacy, [WenzhouStage.PLACED], 'record the agreement (it is signed before departure)');
  if (compareDates(input.signedOn, ctx.clock.today()) > 0) throw badInput({ field: 'signedOn', message: 'is in the future' });
  const programme = await ctx.em.findOneOrFail(Programme, candidacy.programme.id);
  const { config } = await configOn(ctx, programme.referenceDate);
  const data = {
    signedOn: input.signedOn,
    tasks: input.tasks.map((t) => t.trim()),
    servicePeriodMonths: input.servicePeriodMonths ?? config.servicePeriodMonths,
    servicePeriodDefaulted: input.servicePeriodMonths == null,
    note: input.note?.trim() || null,
    recordedBy: ctx.actor.userId,
  };
  let row = await ctx.em.findOne(WenzhouAgreement, { stay });
  if (row) Object.assign(row, data);
  else row = ctx.em.create(WenzhouAgreement, { stay, talent: stay.talent, unit: stay.unit, ...data });
  await ctx.em.flush();
  return row;
}

async function recordBenefitPayment(ctx: RequestContext, input: WenzhouBenefitPaymentInput): Promise<WenzhouBenefitPayment> {
  const { stay, placement } = await stayParts(ctx, input.stayId);
  if (!placement.actualStart) throw invalidState('Pay for the stay is recorded once the talent has departed');
  const first = placement.actualStart.slice(0, 7);
  const last = (placement.actualEnd ?? placement.plannedEnd).slice(0, 7);
  if (input.month < first || input.month > last) throw badInput({ field: 'month', message: `is not a month of the stay (${first} to ${last})` });
  if (await ctx.em.findOne(WenzhouBenefitPayment, { stay, month: input.month })) throw conflict(`Pay for ${input.month} is recorded already`, { field: 'month' });
  const row = ctx.em.create(WenzhouBenefitPayment, {
    stay,
    talent: stay.talent,
    unit: stay.unit,
    month: input.month,
    baseSalaryFen: input.baseSalaryFen,
    baseSalaryDueFen: input.baseSalaryDueFen,
    performancePayFen: input.performancePayFen,
    departmentAverageFen: input.departmentAverageFen,
    guaranteesMissed: guaranteesMissed(input),
    recordedBy: ctx.actor.userId,
  });
  await ctx.em.flush();
  return row;
}

async function recordIncident(ctx: RequestContext, input: WenzhouIncidentInput): Promise<WenzhouIncident> {
  const { stay, candidacy, placement } = await stayParts(ctx, input.stayId);
  requireStage(candidacy, [WenzhouStage.ABROAD, WenzhouStage.RETURNED], 'record an incident of the stay');
  const end = placement.actualEnd ?? ctx.clock.today();
  if (compareDates(input.occurredOn, placement.actualStart!) < 0 || compareDates(input.occurredOn, end) > 0) {
    throw badInput({ field: 'occurredOn', message: `is not a day of the stay (${placement.actualStart} to ${end})` });
  }
  if (input.resolvedOn && compareDates(input.resolvedOn, input.occurredOn) < 0) throw badInput({ field: 'resolvedOn', message: 'must not be before occurredOn' });
  const row = ctx.em.create(WenzhouIncident, {
    stay,
    talent: stay.talent,
    unit: stay.unit,
    occurredOn: input.occurredOn,
    kind: input.kind,
    severity: input.severity,
    description: input.description.trim(),
    actionTaken: input.actionTaken?.trim() || null,
    resolvedOn: input.resolvedOn ?? null,
    reportedBy: ctx.actor.userId,
  });
  await ctx.em.flush();
  return row;
}
