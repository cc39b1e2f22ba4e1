import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { CalendarDateScalar, Degree, EnglishLevel, FenScalar, ResearchComparisonGroupType, TitleGrade, ValidateWith, isCalendarDate, type CalendarDate } from '../../../src/index.js';
import { AppraisalPeriod, Consequence, Grade } from '../domain.js';

const day = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);

@InputType('HospitalPlanInput')
@ValidateWith(z.object({ year: z.number().int().min(2000).max(2100), referenceDate: day, opensOn: day.nullish(), closesOn: day.nullish() }))
export class HospitalPlanInput {
  @Field(() => Int) year!: number;
  @Field(() => CalendarDateScalar, { description: 'Ages are judged on this day' }) referenceDate!: CalendarDate;
  @Field(() => CalendarDateScalar, { nullable: true }) opensOn?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true }) closesOn?: CalendarDate | null;
  @Field(() => Boolean, { nullable: true, description: 'Open it for applications at once' }) open?: boolean | null;
}

@InputType('HospitalStayInput')
@ValidateWith(z.object({ plannedStart: day, plannedEnd: day, fundingFen: z.number().int('must be whole fen').min(0, 'must not be negative').nullish() }))
export class HospitalStayInput {
  @Field(() => ID, { description: 'A selected application to one of the channels' }) applicationId!: string;
  @Field(() => ID, { description: 'The host abroad' }) hostInstitutionId!: string;
  @Field(() => CalendarDateScalar) plannedStart!: CalendarDate;
  @Field(() => CalendarDateScalar) plannedEnd!: CalendarDate;
  @Field(() => FenScalar, { nullable: true, description: "The hospital's funding, whole fen (default: the channel's monthly sum × months)" }) fundingFen?: number | null;
}

@InputType('HospitalIndicatorScoreInput')
export class HospitalIndicatorScoreInput {
  @Field(() => String) indicator!: string;
  @Field(() => Float, { description: '0–100' }) score!: number;
}

@InputType('HospitalAppraisalInput')
@ValidateWith(z.object({ appraisedOn: day, note: z.string().max(5000).nullish() }))
export class HospitalAppraisalInput {
  @Field(() => ID) stayId!: string;
  @Field(() => AppraisalPeriod) period!: AppraisalPeriod;
  @Field(() => CalendarDateScalar) appraisedOn!: CalendarDate;
  @Field(() => [HospitalIndicatorScoreInput], { description: "Every indicator of the period's scheme, once" }) scores!: HospitalIndicatorScoreInput[];
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType('HospitalExpertVisitInput')
@ValidateWith(z.object({ expertName: text(100), expertTitle: z.string().max(200).nullish(), affiliation: text(255), country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as US'), arrivesOn: day, departsOn: day, departments: z.array(text(100)).max(20), purpose: z.string().max(2000).nullish() }))
export class HospitalExpertVisitInput {
  @Field(() => String) expertName!: string;
  @Field(() => String, { nullable: true }) expertTitle?: string | null;
  @Field(() => String) affiliation!: string;
  @Field(() => String) country!: string;
  @Field(() => CalendarDateScalar) arrivesOn!: CalendarDate;
  @Field(() => CalendarDateScalar) departsOn!: CalendarDate;
  @Field(() => [String], { description: 'Host departments' }) departments!: string[];
  @Field(() => String, { nullable: true }) purpose?: string | null;
}

@InputType('HospitalLectureInput')
@ValidateWith(z.object({ title: text(300), heldOn: day, department: text(100), attendance: z.number().int().min(0, 'must not be negative').max(100_000) }))
export class HospitalLectureInput {
  @Field(() => ID) visitId!: string;
  @Field(() => String) title!: string;
  @Field(() => CalendarDateScalar) heldOn!: CalendarDate;
  @Field(() => String) department!: string;
  @Field(() => Int) attendance!: number;
}

@ObjectType('HospitalChannelCriteria')
export class HospitalChannelCriteria {
  @Field(() => Int) maxAge!: number;
  @Field(() => TitleGrade) minTitle!: TitleGrade;
  @Field(() => Degree) minDegree!: Degree;
  @Field(() => EnglishLevel) minEnglish!: EnglishLevel;
  @Field(() => [String]) requiredProgrammes!: string[];
  @Field(() => String, { description: 'seed clause or local default' }) source!: string;
}

@ObjectType('HospitalChannel', { description: 'A channel as configured on a day, each value with where it comes from' })
export class HospitalChannel {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) nameZh!: string;
  @Field(() => Int, { nullable: true, description: 'Year it began (null: the original state-sponsored projects)' }) since!: number | null;
  @Field(() => String, { description: 'seed clause or local default' }) source!: string;
  @Field(() => String) sponsor!: string;
  @Field(() => String) sponsorSource!: string;
  @Field(() => HospitalChannelCriteria) eligibility!: HospitalChannelCriteria;
  @Field(() => Int) stayMonthsMin!: number;
  @Field(() => Int) stayMonthsMax!: number;
  @Field(() => Int) serviceYears!: number;
  @Field(() => Int) summaryReportMonths!: number;
  @Field(() => String) obligationsSource!: string;
  @Field(() => FenScalar) fundingFenPerMonth!: number;
  @Field(() => String) appraisalScheme!: string;
}

@ObjectType('HospitalResearchComparison', { description: 'Research output per person in equal windows before and after the stay (seed 000)' })
export class HospitalResearchComparison {
  @Field(() => Int) windowMonths!: number;
  @Field(() => CalendarDateScalar, { description: 'Stays whose after-window had closed by this day are compared' }) asOf!: CalendarDate;
  @Field(() => ResearchComparisonGroupType) overall!: ResearchComparisonGroupType;
  @Field(() => [ResearchComparisonGroupType]) byChannel!: ResearchComparisonGroupType[];
  @Field(() => [ResearchComparisonGroupType]) byAppraisalScheme!: ResearchComparisonGroupType[];
  @Field(() => Int, { description: 'Returned stays whose after-window is still open (not compared yet)' }) pending!: number;
}

@ObjectType('HospitalDepartmentCount')
export class HospitalDepartmentCount {
  @Field(() => String) department!: string;
  @Field(() => Int) lectures!: number;
  @Field(() => Int) attendance!: number;
}

@ObjectType('HospitalExpertStatistics', { description: 'Inbound experts: visits, lectures and attendance, per department' })
export class HospitalExpertStatistics {
  @Field(() => Int) visits!: number;
  @Field(() => Int) countries!: number;
  @Field(() => Int) lectures!: number;
  @Field(() => Int) attendance!: number;
  @Field(() => [HospitalDepartmentCount]) byDepartment!: HospitalDepartmentCount[];
}

@ObjectType('HospitalGradeCount')
export class HospitalGradeCount {
  @Field(() => Grade) grade!: Grade;
  @Field(() => Consequence) consequence!: Consequence;
  @Field(() => Int) stays!: number;
  @Field(() => FenScalar) amountFen!: number;
}
