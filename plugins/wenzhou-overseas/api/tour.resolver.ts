/**
 * 五(一) 强化组团研学管理 … 择优选择第三方机构: third-party agencies chosen for a call, and group study
 * tours on the core's training groups (a tour without a host in the core: each member's stay is
 * their own Wenzhou placement, so the group adds the leader, the group report and the agency).
 */
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { CalendarDateScalar, Institution, TrainingGroup, ValidateWith, addGroupMember, badInput, conflict, createGroup, type CalendarDate, type RequestContext } from '../../../src/index.js';
import { WenzhouAgencyService, WenzhouStage } from '../entities/enums.js';
import { WenzhouCandidacy } from '../entities/selection.js';
import { WenzhouStay } from '../entities/stay.js';
import { WenzhouAgency, WenzhouStudyTour } from '../entities/tours.js';
import { COMMISSION, UNIT_OR_COMMISSION, assertWrite, calendarDate, load, requireStage, text, uuid, wenzhouProgramme } from './common.js';
import { PayloadMutation, PayloadType, replacedBy } from '../../../src/index.js';

@InputType('WenzhouAgencyInput', { description: 'The third-party agency chosen for a call (五(一) 择优选择第三方机构)' })
@ValidateWith(z.object({ programmeId: uuid, institutionId: uuid, services: z.array(z.string()).min(1, 'name at least one service'), selectedOn: calendarDate, selectionNote: text(2000) }))
export class WenzhouAgencyInput {
  @Field(() => ID, { description: 'The call' }) programmeId!: string;
  @Field(() => ID, { description: 'The agency, registered as an institution' }) institutionId!: string;
  @Field(() => [WenzhouAgencyService], { description: 'What it provides; at least one' }) services!: WenzhouAgencyService[];
  @Field(() => CalendarDateScalar, { description: 'The day it was selected' }) selectedOn!: CalendarDate;
  @Field(() => String, { description: '通过组织遴选，择优选择: how it was chosen' }) selectionNote!: string;
}

@InputType('WenzhouStudyTourInput', { description: 'A group study tour (组团研学) under a call, made as a core training group' })
@ValidateWith(z.object({ programmeId: uuid, code: text(50), name: text(200), unitId: uuid, agencyId: uuid.nullish(), plannedStart: calendarDate, plannedEnd: calendarDate }))
export class WenzhouStudyTourInput {
  @Field(() => ID, { description: 'The call' }) programmeId!: string;
  @Field(() => String, { description: 'The group’s code, unique in the call' }) code!: string;
  @Field(() => String, { description: 'The group’s name as entered' }) name!: string;
  @Field(() => ID, { description: 'The organising unit' }) unitId!: string;
  @Field(() => ID, { nullable: true, description: 'The third-party agency that runs it' }) agencyId?: string | null;
  @Field(() => CalendarDateScalar, { description: 'First planned day of the tour' }) plannedStart!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'Last planned day of the tour' }) plannedEnd!: CalendarDate;
}

const WenzhouAgencySelectPayload = PayloadType('WenzhouAgencySelectPayload', 'agency', () => WenzhouAgency, 'wenzhouAgencySelect: the agency after the mutation, or the userErrors that say why nothing was written');
const WenzhouStudyTourCreatePayload = PayloadType('WenzhouStudyTourCreatePayload', 'trainingGroup', () => TrainingGroup, 'wenzhouStudyTourCreate: the trainingGroup after the mutation, or the userErrors that say why nothing was written');
const WenzhouStayJoinStudyTourPayload = PayloadType('WenzhouStayJoinStudyTourPayload', 'stay', () => WenzhouStay, 'wenzhouStayJoinStudyTour: the stay after the mutation, or the userErrors that say why nothing was written');

@InputType('WenzhouStayJoinStudyTourInput', { description: 'A placed talent’s stay and the study tour (组团研学) it joins (wenzhouStayJoinStudyTour)' })
export class WenzhouStayJoinStudyTourInput {
  @Field(() => ID, { description: 'The study tour: the id of its core training group (what wenzhouStudyTourCreate returned), of the same call' }) groupId!: string;
  @Field(() => ID, { description: 'The stay of the talent who joins; placed, not yet departed' }) stayId!: string;
}

@Resolver(() => WenzhouAgency)
export class WenzhouTourResolver {
  @Authorized(...COMMISSION)
  @Mutation(() => WenzhouAgency, { description: '五(一) 择优选择第三方机构: record the agency chosen for a call and what it provides', deprecationReason: replacedBy('wenzhouAgencySelect') })
  wenzhouSelectAgency(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouAgencyInput) input: WenzhouAgencyInput): Promise<WenzhouAgency> {
    return selectAgency(ctx, input);
  }

  @Authorized(...COMMISSION)
  @PayloadMutation(WenzhouAgencySelectPayload, { description: '五(一) 择优选择第三方机构: record the agency chosen for a call and what it provides' })
  wenzhouAgencySelect(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouAgencyInput) input: WenzhouAgencyInput): Promise<WenzhouAgency> {
    return selectAgency(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => TrainingGroup, { description: '组团研学: form a group study tour under a call (a core training group), optionally run by an agency', deprecationReason: replacedBy('wenzhouStudyTourCreate') })
  wenzhouCreateStudyTour(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouStudyTourInput) input: WenzhouStudyTourInput): Promise<TrainingGroup> {
    return createStudyTour(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouStudyTourCreatePayload, { description: '组团研学: form a group study tour under a call (a core training group), optionally run by an agency' })
  wenzhouStudyTourCreate(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouStudyTourInput) input: WenzhouStudyTourInput): Promise<TrainingGroup> {
    return createStudyTour(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouStay, { description: 'A placed talent joins a study tour of the same call, before departure', deprecationReason: replacedBy('wenzhouStayJoinStudyTour') })
  wenzhouJoinStudyTour(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID) groupId: string, @Arg('stayId', () => ID) stayId: string): Promise<WenzhouStay> {
    return joinStudyTour(ctx, { groupId, stayId });
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouStayJoinStudyTourPayload, { description: 'A placed talent joins a study tour of the same call, before departure' })
  wenzhouStayJoinStudyTour(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouStayJoinStudyTourInput) input: WenzhouStayJoinStudyTourInput): Promise<WenzhouStay> {
    return joinStudyTour(ctx, input);
  }

  @FieldResolver(() => Institution, { description: 'The agency, registered as an institution' })
  institution(@Root() a: WenzhouAgency, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Institution).load(a.institution.id);
  }
}

// ---------- the mutations' one implementation each (the deprecated and the payload mutation both call it) ----------

async function selectAgency(ctx: RequestContext, input: WenzhouAgencyInput): Promise<WenzhouAgency> {
  const programme = await wenzhouProgramme(ctx, input.programmeId);
  const institution = await load(ctx, Institution, input.institutionId, 'institutionId');
  if (await ctx.em.findOne(WenzhouAgency, { programme, institution })) throw conflict(`${institution.name} is already an agency of ${programme.code}`, { field: 'institutionId' });
  const row = ctx.em.create(WenzhouAgency, { programme, institution, services: [...new Set(input.services)], selectedOn: input.selectedOn, selectionNote: input.selectionNote.trim(), selectedBy: ctx.actor.userId });
  await ctx.em.flush();
  return row;
}

async function createStudyTour(ctx: RequestContext, input: WenzhouStudyTourInput): Promise<TrainingGroup> {
  const programme = await wenzhouProgramme(ctx, input.programmeId);
  const agency = input.agencyId ? await load(ctx, WenzhouAgency, input.agencyId, 'agencyId') : null;
  if (agency && agency.programme.id !== programme.id) throw badInput({ field: 'agencyId', message: `is not an agency of ${programme.code}` });
  const group = await createGroup(ctx, { programmeId: programme.id, code: input.code, name: input.name, unitId: input.unitId, plannedStart: input.plannedStart, plannedEnd: input.plannedEnd });
  ctx.em.create(WenzhouStudyTour, { group, programme, agency });
  await ctx.em.flush();
  return group;
}

async function joinStudyTour(ctx: RequestContext, { groupId, stayId }: WenzhouStayJoinStudyTourInput): Promise<WenzhouStay> {
  const stay = await load(ctx, WenzhouStay, stayId, 'stayId');
  assertWrite(ctx, stay);
  const candidacy = await ctx.em.findOneOrFail(WenzhouCandidacy, stay.candidacy.id);
  requireStage(candidacy, [WenzhouStage.PLACED], 'join a study tour');
  if (!uuid.safeParse(groupId).success) throw badInput({ field: 'groupId', message: 'is not an id from this API' });
  const tour = await ctx.em.findOne(WenzhouStudyTour, { group: groupId });
  if (!tour || tour.programme.id !== candidacy.programme.id) throw badInput({ field: 'groupId', message: 'is not a study tour of this call' });
  await addGroupMember(ctx, groupId, stay.talent.id);
  stay.studyTour = ctx.em.getReference(TrainingGroup, groupId);
  await ctx.em.flush();
  return stay;
}
