import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { CalendarDateScalar, ValidateWith, inputSchemaOf, type CalendarDate } from '../../../src/index.js';
import {
  GuizhouAssessmentStage,
  GuizhouComponent,
  GuizhouContributionKind,
  GuizhouFigure,
  GuizhouGapLevel,
  GuizhouGrade,
  GuizhouHostRegion,
  GuizhouSubPlan,
  GuizhouTraineeStatus,
} from '../domain.js';
import { GuizhouCohort } from '../entities/cohort.js';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max);

// ——— inputs ———

@InputType('GuizhouCohortInput', { description: 'A new cohort (班级/期) of the Guizhou Medical Talents Plan at one host hospital; creating it also creates the core programme that takes the applications' })
@ValidateWith(
  z.object({
    code: z.string().regex(/^[A-Za-z0-9-]{2,40}$/, 'letters, digits and -, 2–40 characters'),
    name: text(200),
    round: z.number().int().min(1, 'must be at least 1').max(50),
    period: z.number().int().min(1, 'must be at least 1').max(500),
    subPlans: z.array(z.enum(GuizhouSubPlan)).min(1, 'name at least one sub-plan').refine((a) => new Set(a).size === a.length, 'lists a sub-plan twice'),
    components: z
      .array(z.enum(GuizhouComponent))
      .nullish()
      .refine((a) => !a || a.includes(GuizhouComponent.CULTIVATION), 'must include cultivation'),
    capacity: z.number().int().min(1, 'must be at least 1').max(10_000),
  }),
)
export class GuizhouCohortInput {
  @Field(() => String, { description: 'Code of the programme created for the cohort, unique in the tenant (GZ-P5-RUIJIN)' }) code!: string;
  @Field(() => String, { description: 'Name of the cohort as the commission calls it ("瑞金医院第二期", "Ruijin class, phase 2"); also the programme’s name' }) name!: string;
  @Field(() => Int, { description: 'Round (轮) of the plan the cohort belongs to: 1, 2, …' }) round!: number;
  @Field(() => Int, { description: 'Period number across the plan; one period belongs to one round' }) period!: number;
  @Field(() => ID, { description: 'A host institution (Ruijin Hospital, …)' }) hostInstitutionId!: string;
  @Field(() => GuizhouHostRegion, { description: 'Province or municipality of the host; decides which sub-plans it may receive (configuration subPlansByHostRegion)' }) hostRegion!: GuizhouHostRegion;
  @Field(() => [GuizhouSubPlan], { description: 'Sub-plans the cohort takes (the programme tracks)' }) subPlans!: GuizhouSubPlan[];
  @Field(() => [GuizhouComponent], { nullable: true, description: 'Default: cultivation and the return plan' }) components?: GuizhouComponent[] | null;
  @Field(() => Int, { description: 'Places (名额); an enrolment beyond them is refused' }) capacity!: number;
  @Field(() => CalendarDateScalar, { description: 'First day of training at the host (Asia/Shanghai calendar day); terms run from it' }) startDate!: CalendarDate;
  @Field(() => Boolean, { nullable: true, description: 'Open the programme for applications at once (default true)' }) open?: boolean | null;
}

const mentorSchema = z.object({ name: text(100), title: z.string().max(100).nullish(), department: z.string().max(100).nullish() });

@InputType('GuizhouMentorInput', { description: 'The host-side mentor (带教导师) of a trainee, as the host names them' })
@ValidateWith(mentorSchema)
export class GuizhouMentorInput {
  @Field(() => String, { description: 'The mentor’s name as entered (any language)' }) name!: string;
  @Field(() => String, { nullable: true, description: 'The mentor’s professional title as entered (主任医师, Professor…)' }) title?: string | null;
  @Field(() => String, { nullable: true, description: 'The mentor’s department at the host (内分泌科…)' }) department?: string | null;
}

@InputType('GuizhouEnrolInput', { description: 'Enrol a selected applicant in their cohort for a term' })
@ValidateWith(z.object({ termMonths: z.number().int('must be a whole number of months') }))
export class GuizhouEnrolInput {
  @Field(() => ID, { description: 'A selected application to the cohort’s programme' }) applicationId!: string;
  @Field(() => Int, { description: '3, 6 or 12' }) termMonths!: number;
  @Field(() => GuizhouMentorInput, { nullable: true, description: 'The host-side mentor, when already known (else set later with guizhouTraineeSetMentor)' }) mentor?: GuizhouMentorInput | null;
}

@InputType('GuizhouAssessmentInput', { description: 'A mid-term (中期) or final (结业) assessment of a trainee at the host' })
@ValidateWith(z.object({ note: z.string().max(5000).nullish() }))
export class GuizhouAssessmentInput {
  @Field(() => ID, { description: 'The trainee (GuizhouTrainee.id)' }) traineeId!: string;
  @Field(() => GuizhouAssessmentStage, { description: 'Mid-term or final; the final one concludes the term' }) stage!: GuizhouAssessmentStage;
  @Field(() => GuizhouGrade, { description: 'Excellent, pass or fail; a final fail means not completed' }) grade!: GuizhouGrade;
  @Field(() => CalendarDateScalar, { description: 'Day of the assessment (not after today)' }) assessedOn!: CalendarDate;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Final only: last day at the host (default assessedOn)' }) endedOn?: CalendarDate | null;
  @Field(() => String, { nullable: true, description: 'The assessor’s remarks, as entered (at most 5,000 characters)' }) note?: string | null;
}

@InputType('GuizhouWithdrawInput', { description: 'Withdraw a trainee (退出), with the reason: before the start it frees the place, mid-term it counts against completion' })
@ValidateWith(z.object({ reason: text(2000) }))
export class GuizhouWithdrawInput {
  @Field(() => ID, { description: 'The trainee (GuizhouTrainee.id)' }) traineeId!: string;
  @Field(() => String, { description: 'Why the trainee withdraws, as entered (required)' }) reason!: string;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Default: today' }) withdrawnOn?: CalendarDate | null;
}

@InputType('GuizhouReturnInput', { description: 'The return of a completed trainee to work in Guizhou (黔归计划, the return plan)' })
export class GuizhouReturnInput {
  @Field(() => ID, { description: 'The trainee (GuizhouTrainee.id); their term must be completed' }) traineeId!: string;
  @Field(() => CalendarDateScalar, { description: 'First day back at work (not after today)' }) returnedOn!: CalendarDate;
  @Field(() => ID, { nullable: true, description: 'Default: the home (dispatching) unit' }) institutionId?: string | null;
}

@InputType('GuizhouContributionInput', { description: 'What a returnee contributed: a new technology (新技术), a filled technology gap (填补空白) or a cascade-training session (带教培训)' })
@ValidateWith(
  z
    .object({
      kind: z.enum(GuizhouContributionKind),
      title: text(300),
      description: z.string().max(10_000).nullish(),
      level: z.enum(GuizhouGapLevel).nullish(),
      headCount: z.number().int().min(1, 'must be at least 1').max(100_000).nullish(),
    })
    .superRefine((v, ctx) => {
      if (v.kind === GuizhouContributionKind.GAP_FILLED && !v.level) ctx.addIssue({ code: 'custom', path: ['level'], message: 'a filled gap needs its level (province, city or county)' });
      if (v.kind !== GuizhouContributionKind.GAP_FILLED && v.level) ctx.addIssue({ code: 'custom', path: ['level'], message: 'only a filled gap has a level' });
      if (v.kind === GuizhouContributionKind.CASCADE_TRAINING && v.headCount == null) ctx.addIssue({ code: 'custom', path: ['headCount'], message: 'a cascade-training session needs its head count' });
      if (v.kind !== GuizhouContributionKind.CASCADE_TRAINING && v.headCount != null) ctx.addIssue({ code: 'custom', path: ['headCount'], message: 'only a cascade-training session has a head count' });
    }),
)
export class GuizhouContributionInput {
  @Field(() => ID, { description: 'The returnee (trainee record)' }) traineeId!: string;
  @Field(() => GuizhouContributionKind, { description: 'Which kind of contribution; decides whether level or headCount is needed' }) kind!: GuizhouContributionKind;
  @Field(() => String, { description: 'What the technology, gap or session is, as entered' }) title!: string;
  @Field(() => String, { nullable: true, description: 'More about it, as entered' }) description?: string | null;
  @Field(() => CalendarDateScalar, { description: 'Day it was carried out (after the return, not after today)' }) achievedOn!: CalendarDate;
  @Field(() => GuizhouGapLevel, { nullable: true, description: 'Required for a filled gap' }) level?: GuizhouGapLevel | null;
  @Field(() => Int, { nullable: true, description: 'Grassroots staff trained in the session (required for cascade training)' }) headCount?: number | null;
}

/** The payload mutations' inputs for what the old mutations took as loose arguments (same names, same meaning). */

@InputType('GuizhouTraineeSetMentorInput', { description: 'Name (or rename) the host-side mentor of a trainee' })
@ValidateWith(z.object({ mentor: inputSchemaOf(GuizhouMentorInput) }))
export class GuizhouTraineeSetMentorInput {
  @Field(() => ID, { description: 'The trainee (GuizhouTrainee.id); not a withdrawn one' }) traineeId!: string;
  @Field(() => GuizhouMentorInput, { description: 'The mentor: replaces what was recorded' }) mentor!: GuizhouMentorInput;
}

@InputType('GuizhouTraineeStartTrainingInput', { description: 'The trainee arrived at the host: training starts (到岗)' })
export class GuizhouTraineeStartTrainingInput {
  @Field(() => ID, { description: 'The trainee (GuizhouTrainee.id), enrolled and not yet started' }) traineeId!: string;
  @Field(() => CalendarDateScalar, { description: 'First day at the host (not after today); becomes the placement’s actual start' }) startedOn!: CalendarDate;
}

@InputType('GuizhouContributionVerifyInput', { description: 'Check (or un-check) a returnee’s contribution (核实)' })
export class GuizhouContributionVerifyInput {
  @Field(() => ID, { description: 'The contribution: a core Outcome of a Guizhou returnee (GuizhouTrainee.contributions)' }) outcomeId!: string;
  @Field(() => Boolean, { defaultValue: true, description: 'true: verified (the dashboard’s verifiedOnly counts it); false: takes the check back' }) verified!: boolean;
}

@InputType('GuizhouCohortFilter', { description: 'Narrows guizhouCohorts; fields left out do not filter' })
export class GuizhouCohortFilter {
  @Field(() => Int, { nullable: true, description: 'Only cohorts of this round' }) round?: number | null;
  @Field(() => Int, { nullable: true, description: 'Only cohorts of this period' }) period?: number | null;
  @Field(() => GuizhouHostRegion, { nullable: true, description: 'Only cohorts hosted in this region' }) hostRegion?: GuizhouHostRegion | null;
}

@InputType('GuizhouTraineeFilter', { description: 'Narrows guizhouTrainees (within what you may see); fields left out do not filter' })
export class GuizhouTraineeFilter {
  @Field(() => ID, { nullable: true, description: 'Only trainees of this cohort' }) cohortId?: string | null;
  @Field(() => GuizhouTraineeStatus, { nullable: true, description: 'Only trainees in this state' }) status?: GuizhouTraineeStatus | null;
  @Field(() => GuizhouSubPlan, { nullable: true, description: 'Only trainees of this sub-plan' }) subPlan?: GuizhouSubPlan | null;
  @Field(() => ID, { nullable: true, description: 'Only trainees dispatched by this home institution' }) unitId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only the enrolments of this talent' }) talentId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only trainees whose return is (true) / is not (false) recorded' }) returned?: boolean | null;
}

// ——— dashboard ———

@ObjectType('GuizhouFigures', { description: 'Dashboard figures; see GuizhouDashboard.definitions for each one' })
export class GuizhouFigures {
  @Field(() => Int, { description: 'Trainees who began training at the host (in training, completed, not completed, withdrawn mid-term); 培训人数' }) trained!: number;
  @Field(() => Int, { description: 'Trainees at the host now (在培)' }) inTraining!: number;
  @Field(() => Int, { description: 'Trained trainees whose term is over: completed + not completed + withdrawn mid-term (the rates’ denominator)' }) concluded!: number;
  @Field(() => Int, { description: 'Final assessment excellent or pass (结业)' }) completed!: number;
  @Field(() => Int, { description: 'Final assessment failed' }) notCompleted!: number;
  @Field(() => Int, { description: 'Withdrawn after the start (counts against completion)' }) withdrawnMidTerm!: number;
  @Field(() => Int, { description: 'Not counted as trained' }) withdrawnBeforeStart!: number;
  @Field(() => Int, { description: 'Completed with final grade excellent' }) excellent!: number;
  @Field(() => Int, { description: 'Completed, with the return to the home institution recorded (返岗)' }) returned!: number;
  @Field(() => Float, { nullable: true, description: 'completed / concluded (0–1)' }) completionRate!: number | null;
  @Field(() => String, { nullable: true, description: 'completed / concluded as a percentage, two decimals ("99.53")' }) completionRatePercent!: string | null;
  @Field(() => Float, { nullable: true, description: 'excellent / concluded (0–1)' }) excellentRate!: number | null;
  @Field(() => String, { nullable: true, description: 'excellent / concluded as a percentage, two decimals ("96.28"); null when nothing is concluded' }) excellentRatePercent!: string | null;
  @Field(() => Int, { description: 'New technologies carried out by returnees (新技术, outcomes new_technology)' }) newTechnologies!: number;
  @Field(() => Int, { description: 'Technology gaps filled by returnees (填补技术空白), every level' }) gapsFilled!: number;
  @Field(() => Int, { description: 'Of gapsFilled: at province level (省级)' }) gapsFilledProvince!: number;
  @Field(() => Int, { description: 'Of gapsFilled: at city level (市级)' }) gapsFilledCity!: number;
  @Field(() => Int, { description: 'Of gapsFilled: at county level (县级)' }) gapsFilledCounty!: number;
  @Field(() => Int, { description: 'Cascade-training sessions held by returnees' }) cascadeSessions!: number;
  @Field(() => Int, { description: 'Grassroots staff trained by returnees (sum of head counts)' }) grassrootsTrained!: number;
}

@ObjectType('GuizhouRoundFigures', { description: 'The dashboard’s figures for one round (轮) of the plan' })
export class GuizhouRoundFigures {
  @Field(() => Int, { description: 'The round: 1, 2, …' }) round!: number;
  @Field(() => [Int], { description: 'The periods of the round that have cohorts, in order' }) periods!: number[];
  @Field(() => GuizhouFigures, { description: 'The round’s figures (counts summed over its cohorts, rates recomputed)' }) figures!: GuizhouFigures;
}

@ObjectType('GuizhouPeriodFigures', { description: 'The dashboard’s figures for one period (期) of the plan, over its cohorts at every host' })
export class GuizhouPeriodFigures {
  @Field(() => Int, { description: 'The round the period belongs to' }) round!: number;
  @Field(() => Int, { description: 'The period, numbered across the plan (1–3 in round 1, 4–6 in round 2)' }) period!: number;
  cohortIds!: string[];
  @Field(() => GuizhouFigures, { description: 'The period’s figures (counts summed over its cohorts, rates recomputed)' }) figures!: GuizhouFigures;
}

@ObjectType('GuizhouCohortFigures', { description: 'The dashboard’s figures for one cohort' })
export class GuizhouCohortFigures {
  cohortId!: string;
  @Field(() => Int, { description: 'The cohort’s round' }) round!: number;
  @Field(() => Int, { description: 'The cohort’s period' }) period!: number;
  @Field(() => GuizhouFigures, { description: 'The cohort’s figures' }) figures!: GuizhouFigures;
}

@ObjectType('GuizhouDefinition', { description: 'How one dashboard figure is computed, so a reader knows what it counts' })
export class GuizhouDefinition {
  @Field(() => GuizhouFigure, { description: 'The figure: the name of a GuizhouFigures field' }) figure!: GuizhouFigure;
  @Field(() => String, { description: 'How it is computed, in English', deprecationReason: 'Use definitionEn (and definitionZh for the Chinese): one naming pattern for the two languages' }) definition!: string;
  @Field(() => String, { description: 'How it is computed, in English' }) definitionEn!: string;
  @Field(() => String, { description: 'How it is computed, in Chinese (口径说明)' }) definitionZh!: string;
}

@ObjectType('GuizhouDashboard', { description: "The commission's dashboard, computed from the records" })
export class GuizhouDashboard {
  @Field(() => GuizhouFigures, { description: 'Every cohort (of the periods asked for) together' }) overall!: GuizhouFigures;
  @Field(() => [GuizhouRoundFigures], { description: 'Per round, in order' }) rounds!: GuizhouRoundFigures[];
  @Field(() => [GuizhouPeriodFigures], { description: 'Per period, in order' }) periods!: GuizhouPeriodFigures[];
  @Field(() => [GuizhouCohortFigures], { description: 'Per cohort, by round and period' }) cohorts!: GuizhouCohortFigures[];
  @Field(() => Boolean, { description: 'Whether only verified contributions were counted' }) verifiedOnly!: boolean;
  @Field(() => [GuizhouDefinition], { description: 'How each figure is computed' }) definitions!: GuizhouDefinition[];
}

export { GuizhouCohort };
