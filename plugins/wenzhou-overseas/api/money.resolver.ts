/**
 * Money (五(三) 强化待遇保障) and the commission's statistics. Amounts are integer fen: a single
 * item is a GraphQL Int (at most 2,000,000,000 fen = 20 million yuan); totals, which may pass
 * 2^31, are Float holding whole fen (exact up to 2^53).
 */
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { z } from 'zod';
import {
  ApplicationStatus,
  CalendarDateScalar,
  Money,
  moneyOf,
  Outcome,
  Placement,
  Programme,
  ProgrammeTrack,
  Report,
  Roles,
  ValidateWith,
  badInput,
  compareDates,
  invalidState,
  isOverdue,
  type CalendarDate,
  type RequestContext,
} from '../../../src/index.js';
import { TRACK_CODES, TRACK_FIELD, isTrackCode } from '../config.js';
import { WenzhouClawbackReason, WenzhouClawbackStatus, WenzhouCostCategory, WenzhouStage } from '../entities/enums.js';
import { WenzhouCandidacy } from '../entities/selection.js';
import { WenzhouClawback, WenzhouCostItem, WenzhouFollowUp, WenzhouStay } from '../entities/stay.js';
import { WenzhouDecimal } from './scalars.js';
import { claimableFen, recoverableFen, resolveShares, splitCost } from '../rules/money.js';
import { agreementClauses, clawbackClause } from '../rules/agreement.js';
import { WenzhouAgreement, WenzhouBenefitPayment, WenzhouIncident } from '../entities/agreement.js';
import { CHECK_IN_REPORT, SUMMARY_REPORT } from '../rules/reports.js';
import { LockMode } from '@mikro-orm/core';
import { COMMISSION, PLUGIN_KEY, UNIT_OR_COMMISSION, assertWrite, atOrAfter, calendarDate, configOn, load, text, uuid } from './common.js';
import { PayloadMutation, PayloadType, replacedBy } from '../../../src/index.js';

const MAX_FEN = 2_000_000_000;
const fen = (what = 'amount') => z.number().int(`${what} must be whole fen`).min(0, 'must not be negative').max(MAX_FEN, `must be at most ${MAX_FEN} fen`);

@InputType('WenzhouCostItemInput', { description: 'A cost of a stay, split by the shares in force on the day it was incurred (五(三))' })
@ValidateWith(z.object({ stayId: uuid, description: text(200), incurredOn: calendarDate, amountFen: fen() }))
export class WenzhouCostItemInput {
  @Field(() => ID, { description: 'The stay' }) stayId!: string;
  @Field(() => WenzhouCostCategory, { description: 'What it paid for' }) category!: WenzhouCostCategory;
  @Field(() => String, { description: 'What the cost was, at most 200 characters' }) description!: string;
  @Field(() => CalendarDateScalar, { description: 'The day it was incurred' }) incurredOn!: CalendarDate;
  @Field(() => Int, { description: 'Fen (1/100 yuan), 0–2,000,000,000' }) amountFen!: number;
}

@InputType('WenzhouClawbackInput', { description: 'Opening a clawback case after return (单位有权追回相关待遇保障)' })
@ValidateWith(z.object({ stayId: uuid, note: text(2000), amountFen: fen().nullish(), leftOn: calendarDate.nullish(), clauseCode: z.string().trim().max(10).nullish() }))
export class WenzhouClawbackInput {
  @Field(() => ID, { description: 'The stay (returned, with an agreement)' }) stayId!: string;
  @Field(() => WenzhouClawbackReason, { description: 'The ground: tasks_not_completed (a follow-up found them not done), unapproved_extension (stayed past the approved end), left_before_service_end (give leftOn)' }) reason!: WenzhouClawbackReason;
  @Field(() => String, { nullable: true, description: "The clause of the talent's agreement that was broken (T1…, R1, S1); needed for tasks when the agreement lists several" }) clauseCode?: string | null;
  @Field(() => String, { description: 'The unit’s note, at most 2000 characters' }) note!: string;
  @Field(() => Int, { nullable: true, description: "Fen to recover; default: all that is still claimable — the foundation's and the unit's shares of the stay's costs and the salary paid for it, less what other cases on the stay claim" }) amountFen?: number | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'For left_before_service_end: the day the talent left the unit' }) leftOn?: CalendarDate | null;
}

@InputType('WenzhouClawbackRecordRecoveryInput', { description: 'Money recovered on a clawback case, and whether the rest is waived (wenzhouClawbackRecordRecovery)' })
export class WenzhouClawbackRecordRecoveryInput {
  @Field(() => ID, { description: 'The open clawback case' }) clawbackId!: string;
  @Field(() => Int, { description: 'Recovered this time, in whole fen (1/100 yuan): not negative, at most what is outstanding (Int as the argument it replaces was)' }) recoveredFen!: number;
  @Field(() => Boolean, { nullable: true, description: 'true: waive what is still outstanding after this (the case closes as waived)' }) waiveRest?: boolean | null;
}

@ObjectType('WenzhouTrackStatistics', { description: 'The commission’s figures for one track' })
export class WenzhouTrackStatistics {
  @Field(() => String, { description: TRACK_FIELD }) track!: string;
  @Field(() => Int, { description: 'Places: the calls’ quotas for the track added up (the configured quota when no call is counted)' }) quota!: number;
  @Field(() => Int, { description: 'Applicants registered under the track' }) applicants!: number;
  @Field(() => Int, { description: 'Applicants judged eligible (or selected since)' }) eligible!: number;
  @Field(() => Int, { description: 'Approved by the commission, whatever happened since' }) selected!: number;
  @Field(() => Int, { description: 'Talents abroad today (departed, not returned)' }) abroadNow!: number;
  @Field(() => Int, { description: 'Talents back from their stay' }) returned!: number;
}

@ObjectType('WenzhouOutcomeCount', { description: 'Outcomes of returned talents by track and category (成效评价)' })
export class WenzhouOutcomeCount {
  @Field(() => String, { description: TRACK_FIELD }) track!: string;
  @Field(() => String, { description: 'The outcome category’s code: one of the track’s outcomeCategories (wenzhouTracks)' }) category!: string;
  @Field(() => Int, { description: 'Outcomes recorded' }) count!: number;
  @Field(() => Int, { description: 'Sum of their quantities' }) quantity!: number;
  @Field(() => Int, { description: 'Of them, flagged flagships (推广应用)' }) flagship!: number;
}

@ObjectType('WenzhouSpending', { description: 'The costs of the stays counted, added up by who pays them (五(三) 经费分担)' })
export class WenzhouSpending {
  @Field(() => Money, { description: 'Paid by the Ouyue health foundation (基金会)' }) foundationShare!: Money;
  @Field(() => Money, { description: 'Paid by the talents’ units (人才所在单位)' }) unitShare!: Money;
  @Field(() => Money, { description: 'Paid by the talents themselves (人才本人)' }) individualShare!: Money;
  @Field(() => Money, { description: 'All costs recorded' }) total!: Money;
  @Field(() => WenzhouDecimal, { description: 'Fen paid by the foundation, a whole number in a JSON number', deprecationReason: 'Use foundationShare, which carries its currency (foundationShare { fen amount currencyCode })' }) foundationFen!: number;
  @Field(() => WenzhouDecimal, { description: 'Fen paid by the units, a whole number in a JSON number', deprecationReason: 'Use unitShare, which carries its currency (unitShare { fen amount currencyCode })' }) unitFen!: number;
  @Field(() => WenzhouDecimal, { description: 'Fen paid by the talents, a whole number in a JSON number', deprecationReason: 'Use individualShare, which carries its currency (individualShare { fen amount currencyCode })' }) individualFen!: number;
  @Field(() => WenzhouDecimal, { description: 'All costs in fen, a whole number in a JSON number', deprecationReason: 'Use total, which carries its currency (total { fen amount currencyCode })' }) totalFen!: number;
}

@ObjectType('WenzhouStatistics', { description: "The commission's figures for a call (or all calls)" })
export class WenzhouStatistics {
  @Field(() => CalendarDateScalar, { description: 'The day the figures are for (today, Asia/Shanghai)' }) asOf!: CalendarDate;
  @Field(() => Int, { description: 'Applicants registered' }) applicants!: number;
  @Field(() => Int, { description: 'Applicants judged eligible (or selected since)' }) eligible!: number;
  @Field(() => Int, { description: 'Approved by the commission, whatever happened since' }) selected!: number;
  @Field(() => Int, { description: 'Talents abroad today' }) abroadNow!: number;
  @Field(() => Int, { description: 'Talents back from their stay' }) returned!: number;
  @Field(() => Int, { description: 'Summary reports past their due day (研学期满1个月内提交)' }) reportsOverdue!: number;
  @Field(() => Int, { description: 'Check-in periods past their due day with no check-in (开展定期汇报)' }) checkInsOverdue!: number;
  @Field(() => Int, { description: 'Safety and discipline incidents recorded (安全及纪律监督)' }) incidents!: number;
  @Field(() => Int, { description: 'Stays past the approved end without approval' }) breaches!: number;
  @Field(() => Int, { description: 'Clawback cases still open' }) openClawbacks!: number;
  @Field(() => Money, { description: 'Still to recover in open clawback cases (追回)' }) clawbackOutstanding!: Money;
  @Field(() => WenzhouDecimal, { description: 'Fen still to recover in open clawback cases', deprecationReason: 'Use clawbackOutstanding, which carries its currency (clawbackOutstanding { fen amount currencyCode })' }) clawbackOutstandingFen!: number;
  @Field(() => Int, { description: 'About 100 over five years (通过五年时间，全市选派100名左右)' }) fiveYearTarget!: number;
  @Field(() => Int, { description: 'Selected across every call of the plan so far' }) selectedInPlan!: number;
  @Field(() => [WenzhouTrackStatistics], { description: 'The same figures per track, in the configuration’s order' }) byTrack!: WenzhouTrackStatistics[];
  @Field(() => [WenzhouOutcomeCount], { description: 'Outcomes by track and category' }) outcomes!: WenzhouOutcomeCount[];
  @Field(() => WenzhouSpending, { description: 'Costs recorded, by payer' }) spending!: WenzhouSpending;
}

const WenzhouCostItemAddPayload = PayloadType('WenzhouCostItemAddPayload', 'costItem', () => WenzhouCostItem, 'wenzhouCostItemAdd: the costItem after the mutation, or the userErrors that say why nothing was written');
const WenzhouClawbackOpenPayload = PayloadType('WenzhouClawbackOpenPayload', 'clawback', () => WenzhouClawback, 'wenzhouClawbackOpen: the clawback after the mutation, or the userErrors that say why nothing was written');
const WenzhouClawbackRecordRecoveryPayload = PayloadType('WenzhouClawbackRecordRecoveryPayload', 'clawback', () => WenzhouClawback, 'wenzhouClawbackRecordRecovery: the clawback after the mutation, or the userErrors that say why nothing was written');

@Resolver()
export class WenzhouMoneyResolver {
  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouCostItem, { description: 'Record a cost of a stay; it is split foundation/unit/individual by the shares of its year and track', deprecationReason: replacedBy('wenzhouCostItemAdd') })
  wenzhouAddCostItem(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouCostItemInput) input: WenzhouCostItemInput): Promise<WenzhouCostItem> {
    return addCostItem(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouCostItemAddPayload, { description: 'Record a cost of a stay; it is split foundation/unit/individual by the shares of its year and track' })
  wenzhouCostItemAdd(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouCostItemInput) input: WenzhouCostItemInput): Promise<WenzhouCostItem> {
    return addCostItem(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouClawback, { description: '单位有权追回相关待遇保障: open a clawback case for tasks not completed, an unapproved extension or leaving before the service period ends', deprecationReason: replacedBy('wenzhouClawbackOpen') })
  wenzhouOpenClawback(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouClawbackInput) input: WenzhouClawbackInput): Promise<WenzhouClawback> {
    return openClawback(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouClawbackOpenPayload, { description: '单位有权追回相关待遇保障: open a clawback case for tasks not completed, an unapproved extension or leaving before the service period ends' })
  wenzhouClawbackOpen(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouClawbackInput) input: WenzhouClawbackInput): Promise<WenzhouClawback> {
    return openClawback(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouClawback, { description: 'Record money recovered (the case closes when all is recovered), or waive the rest with a note', deprecationReason: replacedBy('wenzhouClawbackRecordRecovery') })
  wenzhouRecordRecovery(
    @Ctx() ctx: RequestContext,
    @Arg('clawbackId', () => ID) clawbackId: string,
    @Arg('recoveredFen', () => Int) recoveredFen: number,
    @Arg('waiveRest', () => Boolean, { nullable: true }) waiveRest?: boolean | null,
  ): Promise<WenzhouClawback> {
    return recordRecovery(ctx, { clawbackId, recoveredFen, waiveRest });
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouClawbackRecordRecoveryPayload, { description: 'Record money recovered (the case closes when all is recovered), or waive the rest with a note' })
  wenzhouClawbackRecordRecovery(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouClawbackRecordRecoveryInput) input: WenzhouClawbackRecordRecoveryInput): Promise<WenzhouClawback> {
    return recordRecovery(ctx, input);
  }

  @Authorized(...COMMISSION, Roles.VIEWER)
  @Query(() => WenzhouStatistics, { description: 'Applicants, selected, abroad now, returned, reports overdue, outcomes by track and category, spending by payer' })
  async wenzhouStatistics(@Ctx() ctx: RequestContext, @Arg('programmeId', () => ID, { nullable: true }) programmeId?: string | null): Promise<WenzhouStatistics> {
    if (programmeId && !uuid.safeParse(programmeId).success) throw badInput({ field: 'programmeId', message: 'is not an id from this API' });
    const today = ctx.clock.today();
    const { config } = await configOn(ctx, today);
    const programmes = await ctx.em.find(Programme, { scheme: PLUGIN_KEY, ...(programmeId ? { id: programmeId } : {}) });
    const candidacies = await ctx.em.find(WenzhouCandidacy, { programme: { $in: programmes.map((p) => p.id) } }, { populate: ['application'] as never });
    const stays = await ctx.em.find(WenzhouStay, { candidacy: { $in: candidacies.map((c) => c.id) } });
    const placementIds = stays.map((s) => s.placement.id);
    const [reports, outcomes, costs, clawbacks, placements, allSelected, incidents] = await Promise.all([
      ctx.em.find(Report, { placement: { $in: placementIds } }),
      ctx.em.find(Outcome, { placement: { $in: placementIds } }),
      ctx.em.find(WenzhouCostItem, { stay: { $in: stays.map((s) => s.id) } }),
      ctx.em.find(WenzhouClawback, { stay: { $in: stays.map((s) => s.id) } }),
      ctx.em.find(Placement, { id: { $in: placementIds } }),
      ctx.em.count(WenzhouCandidacy, { stage: { $in: atOrAfter(WenzhouStage.APPROVED) } }),
      ctx.em.count(WenzhouIncident, { stay: { $in: stays.map((s) => s.id) } }),
    ]);
    const placementById = new Map(placements.map((p) => [p.id, p]));
    const isAbroad = (s: WenzhouStay) => {
      const p = placementById.get(s.placement.id);
      return !!p?.actualStart && !p.actualEnd && compareDates(p.actualStart, today) <= 0;
    };
    const isReturned = (s: WenzhouStay) => !!placementById.get(s.placement.id)?.actualEnd;
    const selectedStages = atOrAfter(WenzhouStage.APPROVED);
    const isEligible = (c: WenzhouCandidacy) => c.application.status === ApplicationStatus.ELIGIBLE || c.application.status === ApplicationStatus.SELECTED;
    const quotaOf = new Map<string, number>();
    for (const c of TRACK_CODES) quotaOf.set(c, 0);
    const programmeTracks = await ctx.em.find(ProgrammeTrack, { programme: { $in: programmes.map((p) => p.id) } });
    for (const t of programmeTracks) quotaOf.set(t.code, (quotaOf.get(t.code) ?? 0) + (t.quota ?? 0));
    const byTrack = TRACK_CODES.map((track) => {
      const cs = candidacies.filter((c) => c.track === track);
      const ss = stays.filter((s) => s.track === track);
      return Object.assign(new WenzhouTrackStatistics(), {
        track,
        quota: programmes.length ? (quotaOf.get(track) ?? 0) : config.tracks[track].quota,
        applicants: cs.length,
        eligible: cs.filter(isEligible).length,
        selected: cs.filter((c) => selectedStages.includes(c.stage)).length,
        abroadNow: ss.filter(isAbroad).length,
        returned: ss.filter(isReturned).length,
      });
    });
    const trackOfPlacement = new Map(stays.map((s) => [s.placement.id, s.track]));
    const outcomeCounts = new Map<string, WenzhouOutcomeCount>();
    for (const o of outcomes) {
      const track = trackOfPlacement.get(o.placement!.id)!;
      const key = `${track}/${o.category}`;
      const row = outcomeCounts.get(key) ?? Object.assign(new WenzhouOutcomeCount(), { track, category: o.category, count: 0, quantity: 0, flagship: 0 });
      row.count += 1;
      row.quantity += o.quantity;
      row.flagship += o.flagship ? 1 : 0;
      outcomeCounts.set(key, row);
    }
    const sum = (f: (c: WenzhouCostItem) => number) => costs.reduce((a, c) => a + f(c), 0);
    const open = clawbacks.filter((c) => c.status === WenzhouClawbackStatus.OPEN);
    const outstanding = open.reduce((a, c) => a + c.amountFen - c.recoveredFen, 0);
    const spent = { foundationFen: sum((c) => c.foundationFen), unitFen: sum((c) => c.unitFen), individualFen: sum((c) => c.individualFen), totalFen: sum((c) => c.amountFen) };
    return Object.assign(new WenzhouStatistics(), {
      asOf: today,
      applicants: candidacies.length,
      eligible: candidacies.filter(isEligible).length,
      selected: candidacies.filter((c) => selectedStages.includes(c.stage)).length,
      abroadNow: stays.filter(isAbroad).length,
      returned: stays.filter(isReturned).length,
      reportsOverdue: reports.filter((r) => r.kind === SUMMARY_REPORT && isOverdue(r, today)).length,
      checkInsOverdue: reports.filter((r) => r.kind === CHECK_IN_REPORT && isOverdue(r, today)).length,
      incidents,
      breaches: stays.filter((s) => s.unapprovedExtensionDays > 0).length,
      openClawbacks: open.length,
      clawbackOutstandingFen: outstanding,
      clawbackOutstanding: moneyOf(outstanding),
      fiveYearTarget: config.fiveYearTarget,
      selectedInPlan: allSelected,
      byTrack,
      outcomes: [...outcomeCounts.values()].sort((a, b) => a.track.localeCompare(b.track) || a.category.localeCompare(b.category)),
      spending: Object.assign(new WenzhouSpending(), {
        ...spent,
        foundationShare: moneyOf(spent.foundationFen),
        unitShare: moneyOf(spent.unitFen),
        individualShare: moneyOf(spent.individualFen),
        total: moneyOf(spent.totalFen),
      }),
    });
  }
}

// ---------- the mutations' one implementation each (the deprecated and the payload mutation both call it) ----------

async function addCostItem(ctx: RequestContext, input: WenzhouCostItemInput): Promise<WenzhouCostItem> {
  const stay = await load(ctx, WenzhouStay, input.stayId, 'stayId');
  assertWrite(ctx, stay);
  const candidacy = await ctx.em.findOneOrFail(WenzhouCandidacy, stay.candidacy.id);
  const programme = await ctx.em.findOneOrFail(Programme, candidacy.programme.id);
  const version = await configOn(ctx, input.incurredOn);
  const shares = resolveShares(version.config, programme.year ?? null, isTrackCode(stay.track) ? stay.track : null);
  const split = splitCost(input.amountFen, shares);
  const row = ctx.em.create(WenzhouCostItem, {
    stay,
    talent: stay.talent,
    unit: stay.unit,
    category: input.category,
    description: input.description,
    incurredOn: input.incurredOn,
    amountFen: input.amountFen,
    ...split,
    foundationPct: shares.foundation,
    unitPct: shares.unit,
    individualPct: shares.individual,
    configVersion: version.revision,
  });
  await ctx.em.flush();
  return row;
}

async function openClawback(ctx: RequestContext, input: WenzhouClawbackInput): Promise<WenzhouClawback> {
  const found = await load(ctx, WenzhouStay, input.stayId, 'stayId');
  assertWrite(ctx, found);
  // Locked for the rest of the request's transaction: two cases opened at once on one stay are
  // counted one after the other, so together they never claim more than was received.
  const stay = await ctx.em.findOneOrFail(WenzhouStay, found.id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  const candidacy = await ctx.em.findOneOrFail(WenzhouCandidacy, stay.candidacy.id);
  if (candidacy.stage !== WenzhouStage.RETURNED) throw invalidState(`A clawback is opened after the return; the talent is at stage ${candidacy.stage}`);
  // 未按协议约定…: the grounds are clauses of this talent's agreement.
  const agreement = await ctx.em.findOne(WenzhouAgreement, { stay });
  if (!agreement) throw invalidState('This stay has no recorded agreement (协议): there is no clause to hold the talent to', { field: 'stayId' });
  const clause = clawbackClause(agreementClauses(agreement), input.reason, input.clauseCode);
  if (typeof clause === 'string') throw badInput({ field: 'clauseCode', message: clause });
  if (input.reason === WenzhouClawbackReason.TASKS_NOT_COMPLETED) {
    const failed = await ctx.em.count(WenzhouFollowUp, { stay, tasksCompleted: false });
    if (!failed) throw invalidState('No follow-up assessment found the study tasks not completed');
  } else if (input.reason === WenzhouClawbackReason.UNAPPROVED_EXTENSION) {
    if (stay.unapprovedExtensionDays <= 0) throw invalidState('The talent did not stay past the approved end');
  } else {
    if (!input.leftOn) throw badInput({ field: 'leftOn', message: 'give the day the talent left the unit' });
    if (!stay.serviceUntil || compareDates(input.leftOn, stay.serviceUntil) >= 0) throw invalidState(`The service period ran until ${stay.serviceUntil}; leaving on ${input.leftOn} is not early`);
  }
  const [items, paid, cases] = await Promise.all([
    ctx.em.find(WenzhouCostItem, { stay }),
    ctx.em.find(WenzhouBenefitPayment, { stay }),
    ctx.em.find(WenzhouClawback, { stay }),
  ]);
  const recoverable = recoverableFen(items, paid);
  const claimable = claimableFen(recoverable, cases);
  const amount = input.amountFen ?? claimable;
  if (amount > claimable) {
    throw badInput({ field: 'amountFen', message: `is more than can still be claimed: ${claimable} fen of the ${recoverable} received (costs paid by the foundation and the unit, salary paid) after ${cases.length} other case(s) on this stay` });
  }
  if (amount <= 0) throw invalidState(`Nothing is left to claim on this stay: other cases claim all ${recoverable} fen received`, { field: 'amountFen' });
  const row = ctx.em.create(WenzhouClawback, {
    stay,
    talent: stay.talent,
    unit: stay.unit,
    reason: input.reason,
    amountFen: amount,
    note: input.note,
    openedBy: ctx.actor.userId,
    openedOn: ctx.clock.today(),
    clauseCode: clause.code,
    clauseText: clause.text,
  });
  await ctx.em.flush();
  return row;
}

async function recordRecovery(ctx: RequestContext, { clawbackId, recoveredFen, waiveRest }: WenzhouClawbackRecordRecoveryInput): Promise<WenzhouClawback> {
  const row = await load(ctx, WenzhouClawback, clawbackId, 'clawbackId');
  assertWrite(ctx, row);
  if (row.status !== WenzhouClawbackStatus.OPEN) throw invalidState(`The case is ${row.status}`);
  const outstanding = row.amountFen - row.recoveredFen;
  if (!Number.isInteger(recoveredFen) || recoveredFen < 0) throw badInput({ field: 'recoveredFen', message: 'must not be negative', messageZh: '不能为负数' });
  if (recoveredFen > outstanding) throw badInput({ field: 'recoveredFen', message: `is more than the ${outstanding} fen outstanding`, messageZh: `超过尚未追回的${moneyOf(outstanding).amount}元` });
  row.recoveredFen += recoveredFen;
  if (row.recoveredFen === row.amountFen) row.status = WenzhouClawbackStatus.RECOVERED;
  else if (waiveRest) row.status = WenzhouClawbackStatus.WAIVED;
  await ctx.em.flush();
  return row;
}
