import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { CalendarDateScalar, GroupStatus, ValidateWith, isCalendarDate, type CalendarDate } from '../../../src/index.js';
import { SessionKind } from '../domain.js';

const day = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);

@InputType('DelegationProgrammeInput')
@ValidateWith(z.object({ code: z.string().regex(/^[A-Za-z0-9-]{2,40}$/, 'letters, digits and -, 2–40 characters'), name: text(200), year: z.number().int().min(2000).max(2100), referenceDate: day }))
export class DelegationProgrammeInput {
  @Field(() => String) code!: string;
  @Field(() => String, { description: 'e.g. 中层干部海外培训项目 Overseas Training Program for Middle-level Cadres 2019' }) name!: string;
  @Field(() => Int) year!: number;
  @Field(() => CalendarDateScalar) referenceDate!: CalendarDate;
}

@InputType('DelegationInput')
@ValidateWith(z.object({ code: z.string().regex(/^[A-Za-z0-9-]{2,40}$/, 'letters, digits and -, 2–40 characters'), name: text(200), plannedStart: day, plannedEnd: day, memberCap: z.number().int().min(1, 'must be at least 1').max(200).nullish() }))
export class DelegationInput {
  @Field(() => ID) programmeId!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => ID, { description: 'The hospital that sends the delegation' }) unitId!: string;
  @Field(() => ID, { description: 'Leads the delegation and writes its report' }) leaderTalentId!: string;
  @Field(() => ID, { description: 'The host (Mayo Clinic…)' }) hostInstitutionId!: string;
  @Field(() => CalendarDateScalar) plannedStart!: CalendarDate;
  @Field(() => CalendarDateScalar) plannedEnd!: CalendarDate;
  @Field(() => Int, { nullable: true, description: 'People in the delegation, the leader included (default: the configured memberCap)' }) memberCap?: number | null;
}

@InputType('DelegationSessionInput')
export class DelegationSessionInput {
  @Field(() => CalendarDateScalar) day!: CalendarDate;
  @Field(() => SessionKind) kind!: SessionKind;
  @Field(() => String) topic!: string;
  @Field(() => String, { nullable: true }) topicZh?: string | null;
  @Field(() => String, { nullable: true }) hostDepartment?: string | null;
  @Field(() => [String], { nullable: true }) faculty?: string[] | null;
}

const session = z.object({ day, topic: text(300), topicZh: z.string().max(300).nullish(), hostDepartment: z.string().max(255).nullish(), faculty: z.array(text(100)).max(20).nullish() });
@InputType('DelegationItineraryInput')
@ValidateWith(z.object({ sessions: z.array(session).max(200, 'at most 200 sessions') }))
export class DelegationItineraryInput {
  @Field(() => ID) groupId!: string;
  @Field(() => [DelegationSessionInput], { description: 'Replaces the whole itinerary; sessions of a day keep the order given' }) sessions!: DelegationSessionInput[];
}

@InputType('DelegationMilestoneInput')
export class DelegationMilestoneInput {
  @Field(() => String) title!: string;
  @Field(() => CalendarDateScalar) dueOn!: CalendarDate;
}

@InputType('DelegationActionPlanInput')
@ValidateWith(z.object({ title: text(300), goal: text(5000), milestones: z.array(z.object({ title: text(300), dueOn: day })) }))
export class DelegationActionPlanInput {
  @Field(() => ID, { description: 'The member of a returned delegation' }) memberId!: string;
  @Field(() => String, { description: 'The improvement project' }) title!: string;
  @Field(() => String) goal!: string;
  @Field(() => [DelegationMilestoneInput]) milestones!: DelegationMilestoneInput[];
}

@ObjectType('DelegationStatusCount')
export class DelegationStatusCount {
  @Field(() => GroupStatus) status!: GroupStatus;
  @Field(() => Int) count!: number;
}

@ObjectType('DelegationDashboard', { description: "The hospital office's view of its delegations and what members do after return" })
export class DelegationDashboard {
  @Field(() => Int) delegations!: number;
  @Field(() => [DelegationStatusCount]) byStatus!: DelegationStatusCount[];
  @Field(() => Int, { description: 'People in those delegations, leaders included' }) members!: number;
  @Field(() => Int, { description: 'Members of returned delegations (each owes an action plan)' }) membersReturned!: number;
  @Field(() => Int) plansFiled!: number;
  @Field(() => Int, { description: 'Plans whose milestones are all done' }) plansDone!: number;
  @Field(() => Int, { description: 'Plans with open milestones, none late' }) plansOnTrack!: number;
  @Field(() => Int, { description: 'Plans with a milestone past its due day' }) plansOverdue!: number;
  @Field(() => Int, { description: 'Delegation reports still owed' }) groupReportsDue!: number;
  @Field(() => Int, { description: 'Delegation reports owed and past their due day' }) groupReportsOverdue!: number;
}
