import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { isCalendarDate, type CalendarDate } from '../../calendar.js';
import type { RequestContext } from '../../graphql/context.js';
import { ConnectionType, PageArgs, paginate } from '../../graphql/pagination.js';
import { relationFields } from '../../graphql/relations.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { ValidateWith } from '../../graphql/validation.js';
import { GroupStatus } from '../domain.js';
import { TrainingGroup, TrainingGroupMember } from '../entities/group.js';
import { Institution } from '../entities/institution.js';
import { Placement } from '../entities/placement.js';
import { Programme } from '../entities/programme.js';
import { Report } from '../entities/report.js';
import { Talent } from '../entities/talent.js';
import { addGroupMember, cancelGroup, createGroup, removeGroupMember, updateGroupDates } from '../services/groups.js';
import { WRITERS } from './access.js';
import { PayloadMutation, PayloadType, replacedBy } from '../../graphql/payload.js';

const TrainingGroupConnection = ConnectionType(TrainingGroup);
const day = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');

@InputType({ description: 'A new delegation or study group under a scheme’s programme' })
@ValidateWith(
  z.object({
    code: z.string().regex(/^[A-Za-z0-9-]{2,40}$/, 'letters, digits and -, 2–40 characters'),
    name: z.string().trim().min(1, 'is required').max(200),
    plannedStart: day,
    plannedEnd: day,
    memberCap: z.number().int().min(1, 'must be at least 1').max(500).nullish(),
  }),
)
export class TrainingGroupInput {
  @Field(() => ID, { description: "The scheme's programme the group travels under" }) programmeId!: string;
  @Field(() => String, { description: 'Short code, unique in the tenant (letters, digits and -, 2–40 characters)' }) code!: string;
  @Field(() => String, { description: 'The group’s name (any language)' }) name!: string;
  @Field(() => ID, { description: 'The organising (dispatching) unit' }) unitId!: string;
  @Field(() => ID, { nullable: true, description: 'The leader, who writes the group report; joins as a member' }) leaderTalentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Where the group goes; each member is placed there for the group’s dates' }) hostInstitutionId?: string | null;
  @Field(() => CalendarDateScalar, { description: 'Planned departure day (Asia/Shanghai calendar day)' }) plannedStart!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'Planned return day' }) plannedEnd!: CalendarDate;
  @Field(() => Int, { nullable: true, description: 'Most people in the group, the leader included' }) memberCap?: number | null;
}

@InputType({ description: 'Dates of a training group to change; those left out keep their value' })
export class TrainingGroupDatesInput {
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Planned departure day' }) plannedStart?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Planned return day' }) plannedEnd?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Departure' }) actualStart?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Return' }) actualEnd?: CalendarDate | null;
}

@InputType({ description: 'Which training groups to list; conditions combine (and)' })
export class TrainingGroupFilter {
  @Field(() => ID, { nullable: true, description: 'Groups under this programme' }) programmeId?: string | null;
  @Field(() => GroupStatus, { nullable: true, description: 'Groups in this status' }) status?: GroupStatus | null;
  @Field(() => ID, { nullable: true, description: 'Groups this unit organises' }) unitId?: string | null;
}

@InputType({ description: 'Which group a talent joins' })
export class TrainingGroupMemberAddInput {
  @Field(() => ID, { description: 'The group (before departure)' }) groupId!: string;
  @Field(() => ID, { description: 'The talent who joins' }) talentId!: string;
}

@InputType({ description: 'Which member leaves a group before departure, and why' })
export class TrainingGroupMemberRemoveInput {
  @Field(() => ID, { description: 'The membership (`TrainingGroupMember.id`)' }) memberId!: string;
  @Field(() => String, { description: 'Why they leave (kept on their withdrawn placement)' }) reason!: string;
}

@InputType({ description: 'Which group’s dates to change, and how' })
export class TrainingGroupUpdateDatesInput {
  @Field(() => ID, { description: 'The group' }) id!: string;
  @Field(() => TrainingGroupDatesInput, { description: 'The dates to change; those left out keep their value' }) dates!: TrainingGroupDatesInput;
}

@InputType({ description: 'Which group is called off, and why' })
export class TrainingGroupCancelInput {
  @Field(() => ID, { description: 'The group (not yet departed)' }) id!: string;
  @Field(() => String, { description: 'Why it is called off (kept as the status note)' }) reason!: string;
}

const TrainingGroupCreatePayload = PayloadType('TrainingGroupCreatePayload', 'trainingGroup', () => TrainingGroup, 'The group formed (its leader a member), or why not');
const TrainingGroupMemberAddPayload = PayloadType('TrainingGroupMemberAddPayload', 'trainingGroupMember', () => TrainingGroupMember, 'The new member with their placement, or why not');
const TrainingGroupMemberRemovePayload = PayloadType('TrainingGroupMemberRemovePayload', 'trainingGroup', () => TrainingGroup, 'The group without the member, or why not');
const TrainingGroupUpdateDatesPayload = PayloadType('TrainingGroupUpdateDatesPayload', 'trainingGroup', () => TrainingGroup, 'The group with its new dates (members’ placements and reports follow), or why not');
const TrainingGroupCancelPayload = PayloadType('TrainingGroupCancelPayload', 'trainingGroup', () => TrainingGroup, 'The group as cancelled, or why not');

@Resolver(() => TrainingGroup)
export class TrainingGroupResolver {
  @Authorized()
  @Query(() => TrainingGroupConnection, { description: 'Delegations and study groups (a unit sees those it organises, a talent those they travel with)' })
  trainingGroups(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @Arg('filter', () => TrainingGroupFilter, { nullable: true }) filter?: TrainingGroupFilter | null) {
    const where: FilterQuery<TrainingGroup> = {};
    if (filter?.programmeId) where.programme = filter.programmeId;
    if (filter?.status) where.status = filter.status;
    if (filter?.unitId) where.unit = filter.unitId;
    return paginate(ctx.em, TrainingGroup, where, page, TrainingGroupConnection);
  }

  @Authorized()
  @Query(() => TrainingGroup, { nullable: true, description: 'One training group by id; null when it does not exist or is not yours to see' })
  trainingGroup(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(TrainingGroup).load(id);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => TrainingGroup, { description: "Form a group under a scheme's programme; the leader joins at once", deprecationReason: replacedBy('trainingGroupCreate') })
  createTrainingGroup(@Ctx() ctx: RequestContext, @Arg('input', () => TrainingGroupInput) input: TrainingGroupInput) {
    return createGroup(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => TrainingGroupMember, { description: 'Add a talent before departure, within the cap; they are placed at the host for the group’s dates', deprecationReason: replacedBy('trainingGroupMemberAdd') })
  addTrainingGroupMember(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID) groupId: string, @Arg('talentId', () => ID) talentId: string) {
    return addGroupMember(ctx, groupId, talentId);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => TrainingGroup, { description: 'Take a member out before departure (their placement is withdrawn)', deprecationReason: replacedBy('trainingGroupMemberRemove') })
  removeTrainingGroupMember(@Ctx() ctx: RequestContext, @Arg('memberId', () => ID) memberId: string, @Arg('reason', () => String) reason: string) {
    return removeGroupMember(ctx, memberId, reason);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => TrainingGroup, { description: "Record departure or return (or change plans): members' placements and every report follow", deprecationReason: replacedBy('trainingGroupUpdateDates') })
  updateTrainingGroupDates(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('dates', () => TrainingGroupDatesInput) dates: TrainingGroupDatesInput) {
    return updateGroupDates(ctx, id, dates);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => TrainingGroup, { description: 'Call off a group that has not departed, with a reason', deprecationReason: replacedBy('trainingGroupCancel') })
  cancelTrainingGroup(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string) {
    return cancelGroup(ctx, id, reason);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(TrainingGroupCreatePayload, { description: "Form a delegation or study group under a scheme's programme (its unit or the commission); the leader joins at once" })
  trainingGroupCreate(@Ctx() ctx: RequestContext, @Arg('input', () => TrainingGroupInput) input: TrainingGroupInput): Promise<TrainingGroup> {
    return createGroup(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(TrainingGroupMemberAddPayload, { description: 'Add a talent to a group before departure, within its cap; they are placed at the host for the group’s dates' })
  trainingGroupMemberAdd(@Ctx() ctx: RequestContext, @Arg('input', () => TrainingGroupMemberAddInput) input: TrainingGroupMemberAddInput): Promise<TrainingGroupMember> {
    return addGroupMember(ctx, input.groupId, input.talentId);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(TrainingGroupMemberRemovePayload, { description: 'Take a member out of a group before departure, with a reason (their placement is withdrawn)' })
  trainingGroupMemberRemove(@Ctx() ctx: RequestContext, @Arg('input', () => TrainingGroupMemberRemoveInput) input: TrainingGroupMemberRemoveInput): Promise<TrainingGroup> {
    return removeGroupMember(ctx, input.memberId, input.reason);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(TrainingGroupUpdateDatesPayload, { description: "Record a group's departure or return (or changed plans): members' placements and every report follow" })
  trainingGroupUpdateDates(@Ctx() ctx: RequestContext, @Arg('input', () => TrainingGroupUpdateDatesInput) input: TrainingGroupUpdateDatesInput): Promise<TrainingGroup> {
    return updateGroupDates(ctx, input.id, input.dates);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(TrainingGroupCancelPayload, { description: 'Call off a group that has not departed, with a reason: members’ placements are withdrawn and pending reports cancelled' })
  trainingGroupCancel(@Ctx() ctx: RequestContext, @Arg('input', () => TrainingGroupCancelInput) input: TrainingGroupCancelInput): Promise<TrainingGroup> {
    return cancelGroup(ctx, input.id, input.reason);
  }

  @FieldResolver(() => Int, { description: 'People in the group you may see, the leader included' })
  async memberCount(@Root() g: TrainingGroup, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.manyBy(TrainingGroupMember, 'group').load(g.id)).length;
  }
}

export const TrainingGroupRelations = relationFields(TrainingGroup, {
  programme: Programme,
  unit: { one: Institution, description: 'The organising unit' },
  leader: { one: Talent, description: 'Writes the group report' },
  hostInstitution: Institution,
  members: { many: TrainingGroupMember, by: 'group' },
  reports: { many: Report, by: 'group', description: 'What the group owes as a group (the delegation report…)' },
});

export const TrainingGroupMemberRelations = relationFields(TrainingGroupMember, {
  group: TrainingGroup,
  talent: Talent,
  unit: Institution,
  placement: { one: Placement, description: "The member's stay at the host for the group's dates" },
});
