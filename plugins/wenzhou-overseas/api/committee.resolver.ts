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
import { PayloadMutation, PayloadType, replacedBy } from '../../../src/index.js';

@InputType('WenzhouCommitteeInput', { description: 'Forming a call’s selection committee (四(三) 组建评选委员会), one per call' })
@ValidateWith(z.object({ programmeId: uuid, name: text(200) }))
export class WenzhouCommitteeInput {
  @Field(() => ID, { description: 'The call' }) programmeId!: string;
  @Field(() => String, { description: 'e.g. 2025年度“百医出海”评选委员会' }) name!: string;
}

@InputType('WenzhouCommitteeMemberInput', { description: 'Appointing a senior expert to a committee (评选委员会由高级专家组成)' })
@ValidateWith(z.object({ committeeId: uuid, expertId: text(100), name: text(100), specialty: text(200), unitId: uuid.nullish() }))
export class WenzhouCommitteeMemberInput {
  @Field(() => ID, { description: 'The committee' }) committeeId!: string;
  @Field(() => String, { description: "The expert's user id, as their token carries it" }) expertId!: string;
  @Field(() => String, { description: 'The expert’s name' }) name!: string;
  @Field(() => TitleGrade, { description: '高级专家: associate senior or above by default (config committeeMinTitle)' }) titleGrade!: TitleGrade;
  @Field(() => String, { description: 'Field of expertise' }) specialty!: string;
  @Field(() => ID, { nullable: true, description: 'Where the expert works: they never score that unit’s applicants' }) unitId?: string | null;
}

@InputType('WenzhouCommitteeMemberStandDownInput', { description: 'The committee member to stand down (wenzhouCommitteeMemberStandDown)' })
export class WenzhouCommitteeMemberStandDownInput {
  @Field(() => ID, { description: 'The member record (WenzhouCommitteeMember.id), not the expert’s user id' }) memberId!: string;
}

/** The active member record of the acting expert on the committee of a candidacy's call, or FORBIDDEN. */
export async function assertCommitteeMember(ctx: RequestContext, c: WenzhouCandidacy): Promise<WenzhouCommitteeMember> {
  // The member through the committee in one statement; which refusal applies is asked only when there is none.
  const member = await ctx.em.findOne(WenzhouCommitteeMember, { committee: { programme: c.programme.id }, expertId: ctx.actor.userId, active: true });
  if (member) return member;
  if (!(await ctx.em.count(WenzhouCommittee, { programme: c.programme.id }))) {
    throw invalidState('The commission has not formed the selection committee of this call yet (四(三) 组建评选委员会)', { field: 'candidacyId' });
  }
  throw forbidden("Only members of this call's selection committee score its applicants (四(三) 评选委员会)");
}

const WenzhouCommitteeFormPayload = PayloadType('WenzhouCommitteeFormPayload', 'committee', () => WenzhouCommittee, 'wenzhouCommitteeForm: the committee after the mutation, or the userErrors that say why nothing was written');
const WenzhouCommitteeMemberAddPayload = PayloadType('WenzhouCommitteeMemberAddPayload', 'committeeMember', () => WenzhouCommitteeMember, 'wenzhouCommitteeMemberAdd: the committeeMember after the mutation, or the userErrors that say why nothing was written');
const WenzhouCommitteeMemberStandDownPayload = PayloadType('WenzhouCommitteeMemberStandDownPayload', 'committeeMember', () => WenzhouCommitteeMember, 'wenzhouCommitteeMemberStandDown: the committeeMember after the mutation, or the userErrors that say why nothing was written');

@Resolver(() => WenzhouCommittee)
export class WenzhouCommitteeResolver {
  @Authorized(...COMMISSION)
  @Mutation(() => WenzhouCommittee, { description: '四(三) 组建评选委员会: form the selection committee of a call (one per call)', deprecationReason: replacedBy('wenzhouCommitteeForm') })
  wenzhouFormCommittee(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouCommitteeInput) input: WenzhouCommitteeInput): Promise<WenzhouCommittee> {
    return formCommittee(ctx, input);
  }

  @Authorized(...COMMISSION)
  @PayloadMutation(WenzhouCommitteeFormPayload, { description: '四(三) 组建评选委员会: form the selection committee of a call (one per call)' })
  wenzhouCommitteeForm(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouCommitteeInput) input: WenzhouCommitteeInput): Promise<WenzhouCommittee> {
    return formCommittee(ctx, input);
  }

  @Authorized(...COMMISSION)
  @Mutation(() => WenzhouCommitteeMember, { description: '评选委员会由高级专家组成: appoint a senior expert to a committee', deprecationReason: replacedBy('wenzhouCommitteeMemberAdd') })
  wenzhouAddCommitteeMember(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouCommitteeMemberInput) input: WenzhouCommitteeMemberInput): Promise<WenzhouCommitteeMember> {
    return addCommitteeMember(ctx, input);
  }

  @Authorized(...COMMISSION)
  @PayloadMutation(WenzhouCommitteeMemberAddPayload, { description: '评选委员会由高级专家组成: appoint a senior expert to a committee' })
  wenzhouCommitteeMemberAdd(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouCommitteeMemberInput) input: WenzhouCommitteeMemberInput): Promise<WenzhouCommitteeMember> {
    return addCommitteeMember(ctx, input);
  }

  @Authorized(...COMMISSION)
  @Mutation(() => WenzhouCommitteeMember, { description: 'Stand a member down: they score no more (their sheets so far stay)', deprecationReason: replacedBy('wenzhouCommitteeMemberStandDown') })
  wenzhouStandDownCommitteeMember(@Ctx() ctx: RequestContext, @Arg('memberId', () => ID) memberId: string): Promise<WenzhouCommitteeMember> {
    return standDownCommitteeMember(ctx, { memberId });
  }

  @Authorized(...COMMISSION)
  @PayloadMutation(WenzhouCommitteeMemberStandDownPayload, { description: 'Stand a member down: they score no more (their sheets so far stay)' })
  wenzhouCommitteeMemberStandDown(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouCommitteeMemberStandDownInput) input: WenzhouCommitteeMemberStandDownInput): Promise<WenzhouCommitteeMember> {
    return standDownCommitteeMember(ctx, input);
  }

  @Authorized(...COMMISSION, ...EXPERT)
  @Query(() => WenzhouCommittee, { nullable: true, description: "A call's selection committee" })
  async wenzhouCommittee(@Ctx() ctx: RequestContext, @Arg('programmeId', () => ID) programmeId: string) {
    const programme = await wenzhouProgramme(ctx, programmeId);
    return ctx.em.findOne(WenzhouCommittee, { programme });
  }

  @FieldResolver(() => [WenzhouCommitteeMember], { description: 'Its members, active and stood down' })
  members(@Root() c: WenzhouCommittee, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(WenzhouCommitteeMember, 'committee').load(c.id);
  }
}

// ---------- the mutations' one implementation each (the deprecated and the payload mutation both call it) ----------

async function formCommittee(ctx: RequestContext, input: WenzhouCommitteeInput): Promise<WenzhouCommittee> {
  const programme = await wenzhouProgramme(ctx, input.programmeId);
  if (await ctx.em.findOne(WenzhouCommittee, { programme })) throw conflict(`${programme.code} has its committee already`, { field: 'programmeId' });
  const row = ctx.em.create(WenzhouCommittee, { programme, name: input.name.trim(), formedOn: ctx.clock.today(), formedBy: ctx.actor.userId });
  await ctx.em.flush();
  return row;
}

async function addCommitteeMember(ctx: RequestContext, input: WenzhouCommitteeMemberInput): Promise<WenzhouCommitteeMember> {
  const committee = await load(ctx, WenzhouCommittee, input.committeeId, 'committeeId', ['programme']);
  const { config } = await configOn(ctx, committee.programme.referenceDate);
  if (TITLE_ORDER.indexOf(input.titleGrade) < TITLE_ORDER.indexOf(config.committeeMinTitle)) {
    throw badInput({
        field: 'titleGrade',
        message: `评选委员会由高级专家组成: a member must hold a ${TITLE_ZH[config.committeeMinTitle]} title or above (${config.committeeMinTitle}); this one is ${input.titleGrade}`,
        messageZh: `评选委员会由高级专家组成：委员须具有${TITLE_ZH[config.committeeMinTitle]}及以上职称，此人为${TITLE_ZH[input.titleGrade]}`,
      });
  }
  if (input.unitId) await load(ctx, Institution, input.unitId, 'unitId');
  if (await ctx.em.findOne(WenzhouCommitteeMember, { committee, expertId: input.expertId.trim() })) throw conflict(`${input.expertId} is on the committee already`, { field: 'expertId' });
  const row = ctx.em.create(WenzhouCommitteeMember, { committee, expertId: input.expertId.trim(), name: input.name.trim(), titleGrade: input.titleGrade, specialty: input.specialty.trim(), unitId: input.unitId ?? null });
  await ctx.em.flush();
  return row;
}

async function standDownCommitteeMember(ctx: RequestContext, { memberId }: WenzhouCommitteeMemberStandDownInput): Promise<WenzhouCommitteeMember> {
  const row = await load(ctx, WenzhouCommitteeMember, memberId, 'memberId');
  row.active = false;
  await ctx.em.flush();
  return row;
}
