import { raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import {
  badInput,
  ConnectionType,
  forbidden,
  invalidState,
  notFound,
  PageArgs,
  paginate,
  Placement,
  relationFields,
  PayloadMutation,
  Roles,
  Talent,
  Field as ProfessionalField,
  type RequestContext,
  replacedBy,
} from '../../../src/index.js';
import { OrderByArg, OrderType, type ListOrder } from '../../../src/index.js';
import { ActivityKind, CaseRole, PairStatus } from '../domain.js';
import { CountyCaseLogEntry, CountyMentor, CountyPair } from '../entities/index.js';
import { ACTIVITY_KINDS, checkCaseEntry } from '../rules/case-log.js';
import { caseTotals, type CaseCountRow } from '../rules/totals.js';
import { actsAsMentorOf, assertPairParticipant, loadPair } from './access.js';
import { CaseLogEntriesSignOffPayload, CaseLogEntryCreatePayload } from './payloads.js';
import { CountyCaseFilter, CountyCaseInput, CountyCaseLogEntriesSignOffInput, CountyCaseTotals } from './types.js';

const CaseConnection = ConnectionType(CountyCaseLogEntry, 'CountyCaseLogEntry');
const CountyCaseLogEntryOrder = OrderType('CountyCaseLogEntryOrder', {
  PERFORMED_ON: { property: 'performedOn', description: 'The day of the case (日期)' },
  KIND: { property: 'kind', description: 'The activity kind, by its value' },
  GRADE: { property: 'grade', description: 'The grade (分级); entries without one come last' },
  SIGNED_OFF_AT: { property: 'signedOffAt', description: 'When the mentor signed it off (导师审签时间); entries not signed off yet come last' },
}, 'How to sort case-log entries');

/** Grouped case counts (kind, grade, role, signed off) for entries matching `where`: one SQL statement. */
export async function caseCounts(em: EntityManager, where: FilterQuery<CountyCaseLogEntry>): Promise<CaseCountRow[]> {
  const qb = em
    .createQueryBuilder(CountyCaseLogEntry, 'c')
    .select(['c.kind', 'c.grade', 'c.role', raw('count(*)::int as n'), raw('(c.signed_off_at is not null) as signed')] as never)
    .where(where as never)
    .groupBy(['c.kind', 'c.grade', 'c.role', raw('(c.signed_off_at is not null)')] as never);
  await qb.applyFilters();
  const rows = (await qb.execute('all', false)) as { kind: ActivityKind; grade: number | null; role: CaseRole; n: number; signed: boolean }[];
  return rows.map((r) => ({ kind: r.kind, grade: r.grade == null ? null : Number(r.grade), role: r.role, signedOff: !!r.signed, count: Number(r.n) }));
}

/** Log one case in a confirmed pair (the mutation and the case-log import both come here). */
export async function logCase(ctx: RequestContext, input: CountyCaseInput): Promise<CountyCaseLogEntry> {
  const pair = await loadPair(ctx, input.pairId);
  assertPairParticipant(ctx, pair, { apprentice: true, unit: false });
  if (pair.status !== PairStatus.CONFIRMED || !pair.placement) throw invalidState('Cases are logged in a confirmed pair', { field: 'pairId' });
  const placement = await ctx.em.findOneOrFail(Placement, pair.placement.id);
  const talent = await ctx.em.findOneOrFail(Talent, pair.talent.id, { filters: false });
  const problems = checkCaseEntry(
    { field: talent.field, kind: input.kind, grade: input.grade ?? null, role: input.role, performedOn: input.performedOn, caseReference: input.caseReference },
    { today: ctx.clock.today(), pairingStart: placement.actualStart ?? placement.plannedStart },
  );
  if (problems.length) throw badInput(problems);
  const entry = ctx.em.create(CountyCaseLogEntry, {
    pair,
    talent: pair.talent,
    unit: pair.unit,
    kind: input.kind,
    grade: input.grade ?? null,
    role: input.role,
    performedOn: input.performedOn,
    caseReference: input.caseReference.trim(),
    description: input.description ?? null,
  });
  await ctx.em.flush();
  return entry;
}

/** The mentor signs entries of their own apprentices off, all or none; entries signed already stay as they were. */
export async function signOffCaseLogs(ctx: RequestContext, ids: string[]): Promise<CountyCaseLogEntry[]> {
  if (ids.length === 0) throw badInput({ field: 'ids', message: 'name at least one entry' });
  if (ids.length > 500) throw badInput({ field: 'ids', message: 'at most 500 entries at a time' });
  const entries = await ctx.em.find(CountyCaseLogEntry, { id: { $in: ids } }, { populate: ['pair', 'pair.mentor'] });
  const byId = new Map(entries.map((e) => [e.id, e]));
  ids.forEach((id, i) => {
    if (!byId.has(id)) throw notFound('CountyCaseLogEntry', id);
    const mentor = byId.get(id)!.pair.mentor as CountyMentor;
    if (!actsAsMentorOf(ctx, mentor)) throw forbidden(`Entry ${id} (ids.${i}) belongs to another mentor's apprentice; only their own mentor signs it off`);
  });
  const now = ctx.clock.now();
  for (const e of entries) {
    if (e.signedOffAt) continue; // already signed: idempotent
    e.signedOffAt = now;
    e.signedOffBy = e.pair.mentor;
  }
  await ctx.em.flush();
  return ids.map((id) => byId.get(id)!);
}

@Resolver(() => CountyCaseLogEntry)
export class CountyCaseLogResolver {
  @Authorized()
  @Query(() => [ActivityKind], { description: 'The case-log kinds a professional field records' })
  countyActivityKinds(
    @Arg('professionalField', () => ProfessionalField, { nullable: true, description: 'The professional field (专业) whose kinds to list' }) professionalField?: ProfessionalField | null,
    @Arg('field', () => String, { nullable: true, description: 'The field as its lowercase code ("pharmacy")', deprecationReason: 'Use professionalField, the Field enum (PHARMACY, …) that Talent.field and CountyApprentice.field answer with' }) field?: string | null,
  ) {
    const code = professionalField ?? field;
    if (!code) throw badInput({ field: 'professionalField', message: 'is required', messageZh: '请指定专业' });
    const kinds = ACTIVITY_KINDS[code as keyof typeof ACTIVITY_KINDS];
    if (!kinds) throw badInput({ field: 'field', message: `unknown field ${code}` });
    return kinds;
  }

  @Authorized()
  @Query(() => CaseConnection, { description: 'Case-log entries you may see, oldest first' })
  countyCaseLog(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(CountyCaseLogEntryOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => CountyCaseFilter, { nullable: true }) filter?: CountyCaseFilter | null) {
    return paginate(ctx.em, CountyCaseLogEntry, caseWhere(filter), page, CaseConnection, orderBy);
  }

  @Authorized()
  @Query(() => CountyCaseTotals, { description: 'Totals per grade and per kind for the entries matching the filter (an apprentice: talentId or pairId)' })
  async countyCaseTotals(@Ctx() ctx: RequestContext, @Arg('filter', () => CountyCaseFilter, { nullable: true }) filter?: CountyCaseFilter | null) {
    return Object.assign(new CountyCaseTotals(), caseTotals(await caseCounts(ctx.em, caseWhere(filter))));
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.MENTOR, Roles.TALENT)
  @Mutation(() => CountyCaseLogEntry, { description: "Log a case in a confirmed pair's log (the apprentice, their mentor or the commission)", deprecationReason: replacedBy('countyCaseLogEntryCreate') })
  countyLogCase(@Ctx() ctx: RequestContext, @Arg('input', () => CountyCaseInput) input: CountyCaseInput) {
    return logCase(ctx, input);
  }

  @Authorized(Roles.MENTOR)
  @Mutation(() => [CountyCaseLogEntry], {
    description: "The mentor signs case-log entries off (all or none). Only the apprentice's own mentor may: the token's talentId must be the pair's mentor",
    deprecationReason: replacedBy('countyCaseLogEntriesSignOff'),
  })
  countySignOffCaseLogs(@Ctx() ctx: RequestContext, @Arg('ids', () => [ID]) ids: string[]) {
    return signOffCaseLogs(ctx, ids);
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.MENTOR, Roles.TALENT)
  @PayloadMutation(CaseLogEntryCreatePayload, { description: "Log a case (病例登记) in a confirmed pair's log (the apprentice, their mentor or the commission): the kind must be one the apprentice's field records, operations and procedures carry their surgical grade, within the pairing and not after today" })
  countyCaseLogEntryCreate(@Ctx() ctx: RequestContext, @Arg('input', () => CountyCaseInput) input: CountyCaseInput) {
    return logCase(ctx, input);
  }

  @Authorized(Roles.MENTOR)
  @PayloadMutation(CaseLogEntriesSignOffPayload, {
    description: "The mentor signs case-log entries off (审签), all or none. Only the apprentice's own mentor may (the token's talentId is the pair's mentor): another mentor's entry is FORBIDDEN",
  })
  countyCaseLogEntriesSignOff(@Ctx() ctx: RequestContext, @Arg('input', () => CountyCaseLogEntriesSignOffInput) input: CountyCaseLogEntriesSignOffInput) {
    return signOffCaseLogs(ctx, input.ids);
  }
}

export function caseWhere(filter?: CountyCaseFilter | null): FilterQuery<CountyCaseLogEntry> {
  const where: Record<string, unknown> = {};
  if (filter?.pairId) where.pair = filter.pairId;
  if (filter?.talentId) where.talent = filter.talentId;
  if (filter?.roundId) where.pair = { ...(filter.pairId ? { id: filter.pairId } : {}), round: filter.roundId };
  if (filter?.kind) where.kind = filter.kind;
  if (filter?.grade != null) where.grade = filter.grade;
  if (filter?.signedOff != null) where.signedOffAt = filter.signedOff ? { $ne: null } : null;
  return where as FilterQuery<CountyCaseLogEntry>;
}

export const CountyCaseLogRelations = relationFields(CountyCaseLogEntry, {
  pair: CountyPair,
  apprentice: { one: Talent, property: 'talent', description: 'The apprentice' },
  signedOffBy: { one: CountyMentor, description: 'The mentor who signed it off' },
});
