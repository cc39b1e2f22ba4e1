/**
 * 四(三) 市卫生健康委负责组建评选委员会，评选委员会由医疗卫生健康领域高级专家组成: one committee per
 * call, formed by the commission, of experts whose title is senior enough (config
 * `committeeMinTitle`); only its active members score that call's applicants.
 */
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { Institution, TITLE_ORDER, TITLE_ZH, TitleGrade, ValidateWith, badInput, conflict, forbidden, invalidState, type RequestContext } from '../../../src/index.js';
import { WenzhouCommittee, WenzhouCommitteeMember } from '../entities/governance.js';
import type { WenzhouCandidacy } from '../entities/selection.js';
import { COMMISSION, EXPERT, configOn, load, text, uuid, wenzhouProgramme } from './common.js';

@InputType('WenzhouCommitteeInput')
@ValidateWith(z.object({ programmeId: uuid, name: text(200) }))
export class WenzhouCommitteeInput {
  @Field(() => ID) programmeId!: string;
  @Field(() => String, { description: 'e.g. 2025年度“百医出海”评选委员会' }) name!: string;
}

@InputType('WenzhouCommitteeMemberInput')
@ValidateWith(z.object({ committeeId: uuid, expertId: text(100), name: text(100), specialty: text(200), unitId: uuid.nullish() }))
export class WenzhouCommitteeMemberInput {
  @Field(() => ID) committeeId!: string;
  @Field(() => String, { description: "The expert's user id, as their token carries it" }) expertId!: string;
  @Field(() => String) name!: string;
  @Field(() => TitleGrade, { description: '高级专家: associate senior or above by default (config committeeMinTitle)' }) titleGrade!: TitleGrade;
  @Field(() => String, { description: 'Field of expertise' }) specialty!: string;
  @Field(() => ID, { nullable: true, description: 'Where the expert works: they never score that unit’s applicants' }) unitId?: string | null;
}

/** The active member record of the acting expert on the committee of a candidacy's call, or FORBIDDEN. */
export async function assertCommitteeMember(ctx: RequestContext, c: WenzhouCandidacy): Promise<WenzhouCommitteeMember> {
  const committee = await ctx.em.findOne(WenzhouCommittee, { programme: c.programme.id });
  if (!committee) throw invalidState('The commission has not formed the selection committee of this call yet (四(三) 组建评选委员会)', { field: 'candidacyId' });
  const member = await ctx.em.findOne(WenzhouCommitteeMember, { committee, expertId: ctx.actor.userId, active: true });
  if (!member) throw forbidden("Only members of this call's selection committee score its applicants (四(三) 评选委员会)");
  return member;
}

@Resolver(() => WenzhouCommittee)
export class WenzhouCommitteeResolver {
  @Authorized(...COMMISSION)
  @Mutation(() => WenzhouCommittee, { description: '四(三) 组建评选委员会: form the selection committee of a call (one per call)' })
  async wenzhouFormCommittee(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouCommitteeInput) input: WenzhouCommitteeInput): Promise<WenzhouCommittee> {
    const programme = await wenzhouProgramme(ctx, input.programmeId);
    if (await ctx.em.findOne(WenzhouCommittee, { programme })) throw conflict(`${programme.code} has its committee already`, { field: 'programmeId' });
    const row = ctx.em.create(WenzhouCommittee, { programme, name: input.name.trim(), formedOn: ctx.clock.today(), formedBy: ctx.actor.userId });
    await ctx.em.flush();
    return row;
  }

  @Authorized(...COMMISSION)
  @Mutation(() => WenzhouCommitteeMember, { description: '评选委员会由高级专家组成: appoint a senior expert to a committee' })
  async wenzhouAddCommitteeMember(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouCommitteeMemberInput) input: WenzhouCommitteeMemberInput): Promise<WenzhouCommitteeMember> {
    const committee = await load(ctx, WenzhouCommittee, input.committeeId, 'committeeId', ['programme']);
    const { config } = await configOn(ctx, committee.programme.referenceDate);
    if (TITLE_ORDER.indexOf(input.titleGrade) < TITLE_ORDER.indexOf(config.committeeMinTitle)) {
      throw badInput({ field: 'titleGrade', message: `评选委员会由高级专家组成: a member must hold a ${TITLE_ZH[config.committeeMinTitle]} title or above (${config.committeeMinTitle}); this one is ${input.titleGrade}` });
    }
    if (input.unitId) await load(ctx, Institution, input.unitId, 'unitId');
    if (await ctx.em.findOne(WenzhouCommitteeMember, { committee, expertId: input.expertId.trim() })) throw conflict(`${input.expertId} is on the committee already`, { field: 'expertId' });
    const row = ctx.em.create(WenzhouCommitteeMember, { committee, expertId: input.expertId.trim(), name: input.name.trim(), titleGrade: input.titleGrade, specialty: input.specialty.trim(), unitId: input.unitId ?? null });
    await ctx.em.flush();
    return row;
  }

  @Authorized(...COMMISSION)
  @Mutation(() => WenzhouCommitteeMember, { description: 'Stand a member down: they score no more (their sheets so far stay)' })
  async wenzhouStandDownCommitteeMember(@Ctx() ctx: RequestContext, @Arg('memberId', () => ID) memberId: string): Promise<WenzhouCommitteeMember> {
    const row = await load(ctx, WenzhouCommitteeMember, memberId, 'memberId');
    row.active = false;
    await ctx.em.flush();
    return row;
  }

  @Authorized(...COMMISSION, ...EXPERT)
  @Query(() => WenzhouCommittee, { nullable: true, description: "A call's selection committee" })
  async wenzhouCommittee(@Ctx() ctx: RequestContext, @Arg('programmeId', () => ID) programmeId: string) {
    const programme = await wenzhouProgramme(ctx, programmeId);
    return ctx.em.findOne(WenzhouCommittee, { programme });
  }

  @FieldResolver(() => [WenzhouCommitteeMember])
  members(@Root() c: WenzhouCommittee, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(WenzhouCommitteeMember, 'committee').load(c.id);
  }
}
