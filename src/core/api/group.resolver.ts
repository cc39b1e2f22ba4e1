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

const TrainingGroupConnection = ConnectionType(TrainingGroup);
const day = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');

@InputType()
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
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => ID, { description: 'The organising (dispatching) unit' }) unitId!: string;
  @Field(() => ID, { nullable: true, description: 'The leader, who writes the group report; joins as a member' }) leaderTalentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Where the group goes; each member is placed there for the group’s dates' }) hostInstitutionId?: string | null;
  @Field(() => CalendarDateScalar) plannedStart!: CalendarDate;
  @Field(() => CalendarDateScalar) plannedEnd!: CalendarDate;
  @Field(() => Int, { nullable: true, description: 'Most people in the group, the leader included' }) memberCap?: number | null;
}

@InputType()
export class TrainingGroupDatesInput {
  @Field(() => CalendarDateScalar, { nullable: true }) plannedStart?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true }) plannedEnd?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Departure' }) actualStart?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Return' }) actualEnd?: CalendarDate | null;
}

@InputType()
export class TrainingGroupFilter {
  @Field(() => ID, { nullable: true }) programmeId?: string | null;
  @Field(() => GroupStatus, { nullable: true }) status?: GroupStatus | null;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
}

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
  @Query(() => TrainingGroup, { nullable: true })
  trainingGroup(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(TrainingGroup).load(id);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => TrainingGroup, { description: "Form a group under a scheme's programme; the leader joins at once" })
  createTrainingGroup(@Ctx() ctx: RequestContext, @Arg('input', () => TrainingGroupInput) input: TrainingGroupInput) {
    return createGroup(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => TrainingGroupMember, { description: 'Add a talent before departure, within the cap; they are placed at the host for the group’s dates' })
  addTrainingGroupMember(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID) groupId: string, @Arg('talentId', () => ID) talentId: string) {
    return addGroupMember(ctx, groupId, talentId);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => TrainingGroup, { description: 'Take a member out before departure (their placement is withdrawn)' })
  removeTrainingGroupMember(@Ctx() ctx: RequestContext, @Arg('memberId', () => ID) memberId: string, @Arg('reason', () => String) reason: string) {
    return removeGroupMember(ctx, memberId, reason);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => TrainingGroup, { description: "Record departure or return (or change plans): members' placements and every report follow" })
  updateTrainingGroupDates(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('dates', () => TrainingGroupDatesInput) dates: TrainingGroupDatesInput) {
    return updateGroupDates(ctx, id, dates);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => TrainingGroup, { description: 'Call off a group that has not departed, with a reason' })
  cancelTrainingGroup(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string) {
    return cancelGroup(ctx, id, reason);
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
