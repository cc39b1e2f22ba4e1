/** The inputs of the stay's mutations (五(二) 事中动态跟踪管理, 事后成效评价); the resolver and its steps are in stay.resolver.ts. */
import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { CalendarDateScalar, ValidateWith, compareDates, type CalendarDate } from '../../../src/index.js';
import { TRACK_FIELD } from '../config.js';
import { WenzhouStage } from '../entities/enums.js';
import { calendarDate, text, uuid } from './common.js';

const dateOrder = <T extends Record<string, unknown>>(schema: z.ZodType<T>, from: keyof T & string, to: keyof T & string) =>
  schema.refine((v) => !v[from] || !v[to] || compareDates(v[to] as string, v[from] as string) >= 0, { path: [to], message: `must not be before ${from}` });

@InputType('WenzhouPlaceInput', { description: 'Placing an applicant whose exit formalities are done at a host abroad (五(二))' })
@ValidateWith(
  dateOrder(
    z.object({
      candidacyId: uuid,
      hostInstitutionId: uuid,
      plannedStart: calendarDate,
      plannedEnd: calendarDate,
      liaisonName: text(100),
      liaisonContact: z.string().regex(/^\+?[\d -]{6,20}$/, 'must be a phone number').nullish(),
      outsideListReason: z.string().trim().max(2000).nullish(),
    }),
    'plannedStart',
    'plannedEnd',
  ),
)
export class WenzhouPlaceInput {
  @Field(() => ID, { description: 'The applicant (at stage exit_cleared, of the unit)' }) candidacyId!: string;
  @Field(() => ID, { description: 'A host abroad (国（境）外) whose qualification has been verified' }) hostInstitutionId!: string;
  @Field(() => CalendarDateScalar, { description: 'First planned day at the host' }) plannedStart!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'Last planned day at the host; not before plannedStart' }) plannedEnd!: CalendarDate;
  @Field(() => String, { description: '安排专人联络协调: the named liaison' }) liaisonName!: string;
  @Field(() => String, { nullable: true, description: 'Personal data' }) liaisonContact?: string | null;
  @Field(() => String, { nullable: true, description: "Required when the host's country is not one the plan lists" }) outsideListReason?: string | null;
}

@InputType('WenzhouStudyPlanItemInput', { description: 'A range of days of the daily study plan with one activity' })
export class WenzhouStudyPlanItemInput {
  @Field(() => CalendarDateScalar, { description: 'First day of the range; within the planned stay' }) fromDay!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'Last day of the range, inclusive; not before fromDay, within the planned stay' }) toDay!: CalendarDate;
  @Field(() => String, { description: 'What the talent does each of these days' }) activity!: string;
}

@InputType('WenzhouStudyPlanInput', { description: 'The whole daily study plan of a stay (全程每日研修计划), replacing the one before' })
@ValidateWith(
  z.object({
    stayId: uuid,
    items: z
      .array(dateOrder(z.object({ fromDay: calendarDate, toDay: calendarDate, activity: text(1000) }), 'fromDay', 'toDay'))
      .min(1, 'give at least one day')
      .max(400),
  }),
)
export class WenzhouStudyPlanInput {
  @Field(() => ID, { description: 'The stay (placed or abroad)' }) stayId!: string;
  @Field(() => [WenzhouStudyPlanItemInput], { description: 'Replaces the whole plan' }) items!: WenzhouStudyPlanItemInput[];
}

@InputType('WenzhouCheckInInput', { description: 'A periodic check-in (开展定期汇报) by a talent abroad or their unit' })
@ValidateWith(z.object({ stayId: uuid, onDate: calendarDate, summary: text(5000), concerns: z.string().max(5000).nullish() }))
export class WenzhouCheckInInput {
  @Field(() => ID, { description: 'The stay (abroad)' }) stayId!: string;
  @Field(() => CalendarDateScalar, { description: 'The day it reports on: not before the departure, not in the future' }) onDate!: CalendarDate;
  @Field(() => String, { description: 'What the talent did and learnt, at most 5000 characters' }) summary!: string;
  @Field(() => String, { nullable: true, description: 'Problems the liaison should help with; safety and discipline matters' }) concerns?: string | null;
}

@InputType('WenzhouExtensionRequestInput', { description: 'A request to stay longer (wenzhouExtensionRequest); the unit decides' })
@ValidateWith(z.object({ stayId: uuid, requestedEnd: calendarDate, reason: text(2000) }))
export class WenzhouExtensionRequestInput {
  @Field(() => ID, { description: 'The stay (placed or abroad), with no request pending' }) stayId!: string;
  @Field(() => CalendarDateScalar, { description: 'The end asked for: after the current planned end' }) requestedEnd!: CalendarDate;
  @Field(() => String, { description: 'Why, at most 2000 characters' }) reason!: string;
}

@InputType('WenzhouFollowUpInput', { description: 'The unit’s follow-up assessment after return (派出单位适时考核)' })
@ValidateWith(z.object({ stayId: uuid, assessedOn: calendarDate, summary: text(10_000) }))
export class WenzhouFollowUpInput {
  @Field(() => ID, { description: 'The stay (returned)' }) stayId!: string;
  @Field(() => CalendarDateScalar, { description: 'The day of the assessment; not before the return' }) assessedOn!: CalendarDate;
  @Field(() => Boolean, { description: 'The agreed study tasks were completed (if not, benefits may be clawed back)' }) tasksCompleted!: boolean;
  @Field(() => String, { description: 'The assessment, at most 10000 characters' }) summary!: string;
}

@InputType('WenzhouSharingSessionInput', { description: 'An experience-sharing session after return (经验分享)' })
@ValidateWith(z.object({ stayId: uuid, heldOn: calendarDate, title: text(200), audience: z.number().int().min(0, 'must not be negative').max(100_000) }))
export class WenzhouSharingSessionInput {
  @Field(() => ID, { description: 'The stay (returned)' }) stayId!: string;
  @Field(() => CalendarDateScalar, { description: 'The day it was held; not before the return' }) heldOn!: CalendarDate;
  @Field(() => String, { description: 'Its title, at most 200 characters' }) title!: string;
  @Field(() => Int, { description: 'People who attended' }) audience!: number;
}

@InputType('WenzhouStayRecordDepartureInput', { description: 'The stay and the day the talent departed (wenzhouStayRecordDeparture)' })
export class WenzhouStayRecordDepartureInput {
  @Field(() => ID, { description: 'The stay; placed, with an agreement and a daily study plan for every day' }) stayId!: string;
  @Field(() => CalendarDateScalar, { description: 'The first day at the host (Asia/Shanghai calendar day); not after the planned end' }) departedOn!: CalendarDate;
}

@InputType('WenzhouStayRecordReturnInput', { description: 'The stay and the day the talent came back (wenzhouStayRecordReturn)' })
export class WenzhouStayRecordReturnInput {
  @Field(() => ID, { description: 'The stay; the talent is abroad' }) stayId!: string;
  @Field(() => CalendarDateScalar, { description: 'The last day at the host; not before the departure nor in the future. Past the approved end, the days over are a breach' }) returnedOn!: CalendarDate;
}

@InputType('WenzhouExtensionDecideInput', { description: 'The unit’s decision on an extension request (wenzhouExtensionDecide, 单位同意)' })
export class WenzhouExtensionDecideInput {
  @Field(() => ID, { description: 'The pending extension request' }) extensionId!: string;
  @Field(() => Boolean, { description: 'true: approved, the stay’s end moves to the requested day and the summary report’s due day follows; false: refused' }) approve!: boolean;
  @Field(() => String, { nullable: true, description: 'Why; required when refusing' }) note?: string | null;
}

@InputType('WenzhouOutcomeFlagInput', { description: 'An outcome of a Wenzhou stay and whether it is a flagship (wenzhouOutcomeFlag)' })
export class WenzhouOutcomeFlagInput {
  @Field(() => ID, { description: 'The outcome (recorded with the core’s recordOutcome on a Wenzhou placement)' }) outcomeId!: string;
  @Field(() => Boolean, { description: 'true: a flagship to promote (对成效显著的成果项目要做好推广应用); false: no longer one' }) flagship!: boolean;
}

@InputType('WenzhouStayFilter', { description: 'Narrows wenzhouStays; fields left out do not narrow' })
export class WenzhouStayFilter {
  @Field(() => ID, { nullable: true, description: 'Stays under this call' }) programmeId?: string | null;
  @Field(() => String, { nullable: true, description: TRACK_FIELD }) track?: string | null;
  @Field(() => WenzhouStage, { nullable: true, description: 'placed, abroad or returned' }) stage?: WenzhouStage | null;
}
