import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { CalendarDateScalar, Degree, EnglishLevel, FenScalar, Money, ResearchComparisonGroupType, TitleGrade, ValidateWith, isCalendarDate, type CalendarDate } from '../../../src/index.js';
import { AppraisalPeriod, ChannelCodeEnum, Consequence, Grade, type ChannelCode } from '../domain.js';

const day = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const SCHEMES_LISTED = 'hospitalAppraisalSchemes lists the codes with their names';

@InputType('HospitalPlanInput', { description: "A year's overseas training plan (年度出国研修计划): the programme whose tracks are the channels open that year" })
@ValidateWith(z.object({ year: z.number().int().min(2000).max(2100), referenceDate: day, opensOn: day.nullish(), closesOn: day.nullish() }))
export class HospitalPlanInput {
  @Field(() => Int, { description: 'The plan’s year (2000–2100); one plan per year, its code HO-<year>. A channel is open from the year it began (award_2012 from 2012, eight_year_2014 from 2014)' }) year!: number;
  @Field(() => CalendarDateScalar, { description: 'Ages are judged on this day, and the configuration in force on it applies to the whole plan' }) referenceDate!: CalendarDate;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'First day applications are taken (Asia/Shanghai); none: no opening day' }) opensOn?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Last day applications are taken (Asia/Shanghai); none: no closing day' }) closesOn?: CalendarDate | null;
  @Field(() => Boolean, { nullable: true, description: 'Open it for applications at once (default: a draft)' }) open?: boolean | null;
}

@InputType('HospitalStayInput', { description: 'Sending a selected applicant abroad through their channel (派出): the host, the planned dates, the funding' })
@ValidateWith(z.object({ plannedStart: day, plannedEnd: day, fundingFen: z.number().int('must be whole fen').min(0, 'must not be negative').nullish() }))
export class HospitalStayInput {
  @Field(() => ID, { description: 'A selected application to one of the channels' }) applicationId!: string;
  @Field(() => ID, { description: 'The host abroad (an institution that receives staff)' }) hostInstitutionId!: string;
  @Field(() => CalendarDateScalar, { description: 'Planned first day abroad' }) plannedStart!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: "Planned last day abroad; the stay lasts between the channel's stayMonthsMin and stayMonthsMax" }) plannedEnd!: CalendarDate;
  @Field(() => FenScalar, { nullable: true, description: "The hospital's funding in whole fen (1/100 yuan) (default: the channel's monthly sum × months)" }) fundingFen?: number | null;
}

@InputType('HospitalIndicatorScoreInput', { description: 'The score of one indicator of the period being appraised (指标得分)' })
export class HospitalIndicatorScoreInput {
  @Field(() => String, { description: `Indicator code of the stay's appraisal scheme for this period (e.g. study_plan); ${SCHEMES_LISTED} and indicators` }) indicator!: string;
  @Field(() => Float, { description: 'Score 0–100' }) score!: number;
}

@InputType('HospitalAppraisalInput', { description: 'The appraisal of one period of a stay (阶段考核): every indicator of the period scored once' })
@ValidateWith(z.object({ appraisedOn: day, note: z.string().max(5000).nullish() }))
export class HospitalAppraisalInput {
  @Field(() => ID, { description: 'The stay appraised' }) stayId!: string;
  @Field(() => AppraisalPeriod, { description: 'The period: before, during and after, in that order (during once the stay has begun, after once it has ended)' }) period!: AppraisalPeriod;
  @Field(() => CalendarDateScalar, { description: 'The day of the appraisal; not in the future. The third appraisal’s day is the stay’s gradedOn' }) appraisedOn!: CalendarDate;
  @Field(() => [HospitalIndicatorScoreInput], { description: "Every indicator of the period's scheme, once" }) scores!: HospitalIndicatorScoreInput[];
  @Field(() => String, { nullable: true, description: 'Free remarks of the office (at most 5000 characters)' }) note?: string | null;
}

@InputType('HospitalExpertVisitInput', { description: 'A visit by an expert from abroad (外籍专家来访; seed 000: top international experts invited to lecture)' })
@ValidateWith(z.object({ expertName: text(100), expertTitle: z.string().max(200).nullish(), affiliation: text(255), country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as US'), arrivesOn: day, departsOn: day, departments: z.array(text(100)).max(20), purpose: z.string().max(2000).nullish() }))
export class HospitalExpertVisitInput {
  @Field(() => String, { description: "The expert's name as written in their own language" }) expertName!: string;
  @Field(() => String, { nullable: true, description: 'Their title, e.g. Professor, Chair of …' }) expertTitle?: string | null;
  @Field(() => String, { description: 'Their institution abroad' }) affiliation!: string;
  @Field(() => String, { description: 'Country of the affiliation, ISO 3166-1 alpha-2 (e.g. US)' }) country!: string;
  @Field(() => CalendarDateScalar, { description: 'First day at the hospital' }) arrivesOn!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'Last day at the hospital; not before arrivesOn' }) departsOn!: CalendarDate;
  @Field(() => [String], { description: 'Host departments (at most 20); a lecture in another department adds it' }) departments!: string[];
  @Field(() => String, { nullable: true, description: 'What the visit is for (at most 2000 characters)' }) purpose?: string | null;
}

@InputType('HospitalLectureInput', { description: 'A lecture or teaching round during a visit (专家讲座), with its attendance' })
@ValidateWith(z.object({ title: text(300), heldOn: day, department: text(100), attendance: z.number().int().min(0, 'must not be negative').max(100_000) }))
export class HospitalLectureInput {
  @Field(() => ID, { description: 'The visit the lecture belongs to' }) visitId!: string;
  @Field(() => String, { description: 'Title of the lecture as given' }) title!: string;
  @Field(() => CalendarDateScalar, { description: 'The day it was held: within the visit, not in the future' }) heldOn!: CalendarDate;
  @Field(() => String, { description: 'The department that hosted it' }) department!: string;
  @Field(() => Int, { description: 'People who attended' }) attendance!: number;
}

@ObjectType('HospitalChannelCriteria', { description: "Who may apply through a channel (申报条件); every failed criterion is listed when applying, the age limit waivable" })
export class HospitalChannelCriteria {
  @Field(() => Int, { description: 'Highest age in whole years on the plan’s reference day (in principle: waivable with a reason)' }) maxAge!: number;
  @Field(() => TitleGrade, { description: 'Lowest professional title accepted' }) minTitle!: TitleGrade;
  @Field(() => Degree, { description: 'Lowest highest degree accepted' }) minDegree!: Degree;
  @Field(() => EnglishLevel, { description: 'Lowest English level accepted (the assessed level, else the one declared)' }) minEnglish!: EnglishLevel;
  @Field(() => [String], { description: 'Talent-programme codes the applicant must belong to (Talent.talentProgrammes; the 2014 plan: eight_year_graduate)' }) requiredProgrammes!: string[];
  @Field(() => String, { description: 'Where these criteria come from: a clause of seed 000, or "local default"' }) source!: string;
}

@ObjectType('HospitalChannel', { description: 'A channel (选派渠道) as configured on a day, each value with where it comes from' })
export class HospitalChannel {
  @Field(() => ChannelCodeEnum, { description: 'The channel, also the track code of the yearly plans' }) code!: ChannelCode;
  @Field(() => String, { description: "The channel's English name as configured (the same as nameEn)" }) name!: string;
  @Field(() => String, { description: 'The channel’s name in Chinese, e.g. 优秀中青年人才出国研修奖励计划 (seed 000)' }) nameZh!: string;
  @Field(() => String, { description: 'The channel’s name in English, e.g. Outstanding Young and Middle-aged Personnel Study Abroad Award Plan (seed 000)' }) nameEn!: string;
  @Field(() => Int, { nullable: true, description: 'Year it began (null: the original state-sponsored projects)' }) since!: number | null;
  @Field(() => String, { description: 'Where the channel comes from: a clause of seed 000, or "local default"' }) source!: string;
  @Field(() => String, { description: 'Who pays for the stays (资助方), in Chinese and English as configured' }) sponsor!: string;
  @Field(() => String, { description: 'Where the sponsor comes from: a clause of seed 000, or "local default"' }) sponsorSource!: string;
  @Field(() => HospitalChannelCriteria, { description: 'Who may apply through the channel' }) eligibility!: HospitalChannelCriteria;
  @Field(() => Int, { description: 'Shortest stay abroad, months' }) stayMonthsMin!: number;
  @Field(() => Int, { description: 'Longest stay abroad, months' }) stayMonthsMax!: number;
  @Field(() => Int, { description: 'Years of service owed to the hospital after return (回院服务年限)' }) serviceYears!: number;
  @Field(() => Int, { description: 'The study summary report is due this many months after return' }) summaryReportMonths!: number;
  @Field(() => String, { description: 'Where serviceYears and summaryReportMonths come from: a clause of seed 000, or "local default"' }) obligationsSource!: string;
  @Field(() => FenScalar, { description: 'What the hospital pays per month of stay, whole fen (local default)', deprecationReason: 'Use fundingPerMonth, which carries its currency (fundingPerMonth { fen amount currencyCode })' }) fundingFenPerMonth!: number;
  @Field(() => Money, { description: "What the hospital pays per month of stay (每月资助金额), the base of a stay's funding and of a clawback (local default)" }) fundingPerMonth!: Money;
  @Field(() => String, { description: `Code of the appraisal scheme the channel's stays are managed under (seed 000: one scheme per channel); ${SCHEMES_LISTED}` }) appraisalScheme!: string;
}

@ObjectType('HospitalResearchComparison', { description: 'Research output per person in equal windows before and after the stay (seed 000)' })
export class HospitalResearchComparison {
  @Field(() => Int, { description: 'Months counted before the first day away, and as many after the last (configuration comparisonWindowMonths, local default 24)' }) windowMonths!: number;
  @Field(() => CalendarDateScalar, { description: 'Stays whose after-window had closed by this day are compared' }) asOf!: CalendarDate;
  @Field(() => ResearchComparisonGroupType, { description: 'Every stay compared' }) overall!: ResearchComparisonGroupType;
  @Field(() => [ResearchComparisonGroupType], { description: 'Per channel (key: the channel code, a HospitalChannelCode value; label: its Chinese name)' }) byChannel!: ResearchComparisonGroupType[];
  @Field(() => [ResearchComparisonGroupType], { description: 'Per appraisal scheme (key: the scheme code, label: its Chinese name), by code; hospitalAppraisalSchemes lists the codes with their names' }) byAppraisalScheme!: ResearchComparisonGroupType[];
  @Field(() => Int, { description: 'Returned stays whose after-window is still open (not compared yet)' }) pending!: number;
}

@ObjectType('HospitalDepartmentCount', { description: 'Lectures by visiting experts in one host department, with their attendance' })
export class HospitalDepartmentCount {
  @Field(() => String, { description: 'The host department, as entered' }) department!: string;
  @Field(() => Int, { description: 'Lectures held there' }) lectures!: number;
  @Field(() => Int, { description: 'People who attended them, summed' }) attendance!: number;
}

@ObjectType('HospitalExpertStatistics', { description: 'Inbound experts: visits, lectures and attendance, per department' })
export class HospitalExpertStatistics {
  @Field(() => Int, { description: 'Visits arriving in the period' }) visits!: number;
  @Field(() => Int, { description: 'Distinct countries the visiting experts came from' }) countries!: number;
  @Field(() => Int, { description: 'Lectures given during those visits' }) lectures!: number;
  @Field(() => Int, { description: 'People who attended those lectures, summed' }) attendance!: number;
  @Field(() => [HospitalDepartmentCount], { description: 'The same per host department, by department' }) byDepartment!: HospitalDepartmentCount[];
}

@ObjectType('HospitalGradeCount', { description: 'Graded stays of one grade, with the sum its consequence paid or clawed back' })
export class HospitalGradeCount {
  @Field(() => Grade, { description: 'The grade' }) grade!: Grade;
  @Field(() => Consequence, { description: "The grade's consequence" }) consequence!: Consequence;
  @Field(() => Int, { description: 'Stays graded so' }) stays!: number;
  @Field(() => FenScalar, { description: 'Incentives paid or sums clawed back, whole fen', deprecationReason: 'Use amount, which carries its currency (amount { fen amount currencyCode })' }) amountFen!: number;
  @Field(() => Money, { description: 'Incentives paid or sums clawed back for these stays, summed (0 for no consequence or a warning)' }) amount!: Money;
}
