import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { CalendarDateScalar, GroupStatus, ValidateWith, isCalendarDate, type CalendarDate } from '../../../src/index.js';
import { SessionKind } from '../domain.js';

const day = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);

@InputType('DelegationProgrammeInput', { description: 'A delegation programme (e.g. the Overseas Training Program for Middle-level Cadres of a year, seed 002): the programme its delegations go under, open at once' })
@ValidateWith(z.object({ code: z.string().regex(/^[A-Za-z0-9-]{2,40}$/, 'letters, digits and -, 2–40 characters'), name: text(200), year: z.number().int().min(2000).max(2100), referenceDate: day }))
export class DelegationProgrammeInput {
  @Field(() => String, { description: 'Short code, unique in the tenant: letters, digits and -, 2–40 characters (e.g. PUMCH-CADRES-2019)' }) code!: string;
  @Field(() => String, { description: 'The programme’s name as entered, e.g. 中层干部海外培训项目 Overseas Training Program for Middle-level Cadres 2019' }) name!: string;
  @Field(() => Int, { description: 'The programme’s year (2000–2100)' }) year!: number;
  @Field(() => CalendarDateScalar, { description: 'The day the configuration in force applies to the programme, and ages are judged on' }) referenceDate!: CalendarDate;
}

@InputType('DelegationInput', { description: 'A delegation (代表团; a core training group under a delegation programme): who leads it, where it goes, when, how many' })
@ValidateWith(z.object({ code: z.string().regex(/^[A-Za-z0-9-]{2,40}$/, 'letters, digits and -, 2–40 characters'), name: text(200), plannedStart: day, plannedEnd: day, memberCap: z.number().int().min(1, 'must be at least 1').max(200).nullish() }))
export class DelegationInput {
  @Field(() => ID, { description: 'The delegation programme it goes under (made with delegationProgrammeCreate)' }) programmeId!: string;
  @Field(() => String, { description: 'Short code, unique in the programme: letters, digits and -, 2–40 characters (e.g. PUMCH-MAYO-2019)' }) code!: string;
  @Field(() => String, { description: 'The delegation’s name as entered, e.g. 北京协和医院中层干部赴梅奥诊所培训团' }) name!: string;
  @Field(() => ID, { description: 'The hospital that sends the delegation' }) unitId!: string;
  @Field(() => ID, { description: 'Leads the delegation and writes its report' }) leaderTalentId!: string;
  @Field(() => ID, { description: 'The host (Mayo Clinic…)' }) hostInstitutionId!: string;
  @Field(() => CalendarDateScalar, { description: 'Planned first day of the trip' }) plannedStart!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'Planned last day of the trip; not before plannedStart' }) plannedEnd!: CalendarDate;
  @Field(() => Int, { nullable: true, description: 'People in the delegation, the leader included (default: the configured memberCap)' }) memberCap?: number | null;
}

const TOPIC_RENAMED = 'Use topicEn: the topic in English, beside topicZh';

@InputType('DelegationSessionInput', { description: 'One session of the itinerary (日程): a course, site visit or department exchange on a day of the trip' })
export class DelegationSessionInput {
  @Field(() => CalendarDateScalar, { description: 'The day: within the delegation’s dates (the actual ones once it has departed)' }) day!: CalendarDate;
  @Field(() => SessionKind, { description: 'Course, site visit or department exchange' }) kind!: SessionKind;
  @Field(() => String, { nullable: true, description: 'The topic in English (the same as topicEn; give one of them)', deprecationReason: TOPIC_RENAMED }) topic?: string | null;
  @Field(() => String, { nullable: true, description: 'The topic in English, as the host gives it, e.g. History and Culture of Mayo (required unless the deprecated topic is given)' }) topicEn?: string | null;
  @Field(() => String, { nullable: true, description: 'The topic in Chinese, e.g. 梅奥的历史与文化' }) topicZh?: string | null;
  @Field(() => String, { nullable: true, description: "The host's department or facility, as entered" }) hostDepartment?: string | null;
  @Field(() => [String], { nullable: true, description: "The host's faculty who teach or receive the group (at most 20 names)" }) faculty?: string[] | null;
}

const session = z
  .object({ day, topic: text(300).nullish(), topicEn: text(300).nullish(), topicZh: z.string().max(300).nullish(), hostDepartment: z.string().max(255).nullish(), faculty: z.array(text(100)).max(20).nullish() })
  .superRefine((s, issues) => {
    if (!s.topicEn && !s.topic) issues.addIssue({ code: 'custom', path: ['topicEn'], message: 'is required: the topic in English (须填写英文主题)' });
    else if (s.topicEn && s.topic && s.topicEn !== s.topic) issues.addIssue({ code: 'custom', path: ['topic'], message: 'differs from topicEn: send topicEn only (topic 是 topicEn 的旧名，只填 topicEn 即可)' });
  });
@InputType('DelegationItineraryInput', { description: "A delegation's whole itinerary (行程), replacing the one it had" })
@ValidateWith(z.object({ sessions: z.array(session).max(200, 'at most 200 sessions') }))
export class DelegationItineraryInput {
  @Field(() => ID, { description: 'The delegation (a training group of this scheme)' }) groupId!: string;
  @Field(() => [DelegationSessionInput], { description: 'Replaces the whole itinerary; sessions of a day keep the order given' }) sessions!: DelegationSessionInput[];
}

@InputType('DelegationMilestoneInput', { description: 'A step of an action plan (行动计划节点), due on a day' })
export class DelegationMilestoneInput {
  @Field(() => String, { description: 'What is to be done, as entered' }) title!: string;
  @Field(() => CalendarDateScalar, { description: 'Due day: after the return and within maxPlanMonths of it (configuration, local default 12)' }) dueOn!: CalendarDate;
}

@InputType('DelegationActionPlanInput', { description: "A returned member's action plan (行动计划): an improvement project for their department, with milestones" })
@ValidateWith(z.object({ title: text(300), goal: text(5000), milestones: z.array(z.object({ title: text(300), dueOn: day })) }))
export class DelegationActionPlanInput {
  @Field(() => ID, { description: 'The member of a returned delegation' }) memberId!: string;
  @Field(() => String, { description: 'The improvement project' }) title!: string;
  @Field(() => String, { description: 'What should change in the member’s department, and how it is measured (at most 5000 characters)' }) goal!: string;
  @Field(() => [DelegationMilestoneInput], { description: 'At least one, at most maxMilestones (configuration, local default 12); each becomes a report due on its day' }) milestones!: DelegationMilestoneInput[];
}

@InputType('DelegationMilestoneCompleteInput', { description: 'A milestone of an action plan marked done (节点完成), which hands in its report' })
@ValidateWith(z.object({ doneOn: day, note: z.string().max(5000).nullish() }))
export class DelegationMilestoneCompleteInput {
  @Field(() => ID, { description: 'The milestone' }) milestoneId!: string;
  @Field(() => CalendarDateScalar, { description: 'The day it was done: not before the plan was filed, not in the future' }) doneOn!: CalendarDate;
  @Field(() => String, { nullable: true, description: 'What was done, as entered (kept with the milestone and in its report)' }) note?: string | null;
}

@InputType('DelegationSessionRequestAttendanceInput', { description: "Which session of an itinerary the host is asked to confirm the delegation's attendance of" })
export class DelegationSessionRequestAttendanceInput {
  @Field(() => ID, { description: 'The session; from its day on' }) sessionId!: string;
}

@ObjectType('DelegationStatusCount', { description: 'Delegations in one status' })
export class DelegationStatusCount {
  @Field(() => GroupStatus, { description: 'The status (planned, underway, returned, cancelled)' }) status!: GroupStatus;
  @Field(() => Int, { description: 'Delegations in it' }) count!: number;
}

@ObjectType('DelegationDashboard', { description: "The hospital office's view of its delegations and what members do after return" })
export class DelegationDashboard {
  @Field(() => Int, { description: 'Delegations of the scheme (or of the programme asked about)' }) delegations!: number;
  @Field(() => [DelegationStatusCount], { description: 'The same by status; statuses with none are left out' }) byStatus!: DelegationStatusCount[];
  @Field(() => Int, { description: 'People in those delegations, leaders included' }) members!: number;
  @Field(() => Int, { description: 'Members of returned delegations (each owes an action plan)' }) membersReturned!: number;
  @Field(() => Int, { description: 'Action plans filed' }) plansFiled!: number;
  @Field(() => Int, { description: 'Plans whose milestones are all done' }) plansDone!: number;
  @Field(() => Int, { description: 'Plans with open milestones, none late' }) plansOnTrack!: number;
  @Field(() => Int, { description: 'Plans with a milestone past its due day' }) plansOverdue!: number;
  @Field(() => Int, { description: 'Delegation reports still owed' }) groupReportsDue!: number;
  @Field(() => Int, { description: 'Delegation reports owed and past their due day' }) groupReportsOverdue!: number;
}
