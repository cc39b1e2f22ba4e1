import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { CalendarDateScalar, ValidateWith, type CalendarDate } from '../../../src/index.js';
import {
  GuizhouAssessmentStage,
  GuizhouComponent,
  GuizhouContributionKind,
  GuizhouGapLevel,
  GuizhouGrade,
  GuizhouHostRegion,
  GuizhouSubPlan,
  GuizhouTraineeStatus,
} from '../domain.js';
import { GuizhouCohort } from '../entities/cohort.js';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max);

// ——— inputs ———

@InputType('GuizhouCohortInput')
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
  @Field(() => String) name!: string;
  @Field(() => Int) round!: number;
  @Field(() => Int, { description: 'Period number across the plan; one period belongs to one round' }) period!: number;
  @Field(() => ID, { description: 'A host institution (Ruijin Hospital, …)' }) hostInstitutionId!: string;
  @Field(() => GuizhouHostRegion) hostRegion!: GuizhouHostRegion;
  @Field(() => [GuizhouSubPlan], { description: 'Sub-plans the cohort takes (the programme tracks)' }) subPlans!: GuizhouSubPlan[];
  @Field(() => [GuizhouComponent], { nullable: true, description: 'Default: cultivation and the return plan' }) components?: GuizhouComponent[] | null;
  @Field(() => Int) capacity!: number;
  @Field(() => CalendarDateScalar) startDate!: CalendarDate;
  @Field(() => Boolean, { nullable: true, description: 'Open the programme for applications at once (default true)' }) open?: boolean | null;
}

const mentorSchema = z.object({ name: text(100), title: z.string().max(100).nullish(), department: z.string().max(100).nullish() });

@InputType('GuizhouMentorInput')
@ValidateWith(mentorSchema)
export class GuizhouMentorInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) department?: string | null;
}

@InputType('GuizhouEnrolInput')
@ValidateWith(z.object({ termMonths: z.number().int('must be a whole number of months') }))
export class GuizhouEnrolInput {
  @Field(() => ID, { description: 'A selected application to the cohort’s programme' }) applicationId!: string;
  @Field(() => Int, { description: '3, 6 or 12' }) termMonths!: number;
  @Field(() => GuizhouMentorInput, { nullable: true }) mentor?: GuizhouMentorInput | null;
}

@InputType('GuizhouAssessmentInput')
@ValidateWith(z.object({ note: z.string().max(5000).nullish() }))
export class GuizhouAssessmentInput {
  @Field(() => ID) traineeId!: string;
  @Field(() => GuizhouAssessmentStage) stage!: GuizhouAssessmentStage;
  @Field(() => GuizhouGrade) grade!: GuizhouGrade;
  @Field(() => CalendarDateScalar) assessedOn!: CalendarDate;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Final only: last day at the host (default assessedOn)' }) endedOn?: CalendarDate | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType('GuizhouWithdrawInput')
@ValidateWith(z.object({ reason: text(2000) }))
export class GuizhouWithdrawInput {
  @Field(() => ID) traineeId!: string;
  @Field(() => String) reason!: string;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Default: today' }) withdrawnOn?: CalendarDate | null;
}

@InputType('GuizhouReturnInput')
export class GuizhouReturnInput {
  @Field(() => ID) traineeId!: string;
  @Field(() => CalendarDateScalar) returnedOn!: CalendarDate;
  @Field(() => ID, { nullable: true, description: 'Default: the home (dispatching) unit' }) institutionId?: string | null;
}

@InputType('GuizhouContributionInput')
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
  @Field(() => GuizhouContributionKind) kind!: GuizhouContributionKind;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => CalendarDateScalar) achievedOn!: CalendarDate;
  @Field(() => GuizhouGapLevel, { nullable: true, description: 'Required for a filled gap' }) level?: GuizhouGapLevel | null;
  @Field(() => Int, { nullable: true, description: 'Grassroots staff trained in the session (required for cascade training)' }) headCount?: number | null;
}

@InputType('GuizhouCohortFilter')
export class GuizhouCohortFilter {
  @Field(() => Int, { nullable: true }) round?: number | null;
  @Field(() => Int, { nullable: true }) period?: number | null;
  @Field(() => GuizhouHostRegion, { nullable: true }) hostRegion?: GuizhouHostRegion | null;
}

@InputType('GuizhouTraineeFilter')
export class GuizhouTraineeFilter {
  @Field(() => ID, { nullable: true }) cohortId?: string | null;
  @Field(() => GuizhouTraineeStatus, { nullable: true }) status?: GuizhouTraineeStatus | null;
  @Field(() => GuizhouSubPlan, { nullable: true }) subPlan?: GuizhouSubPlan | null;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => ID, { nullable: true }) talentId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only trainees whose return is (true) / is not (false) recorded' }) returned?: boolean | null;
}

// ——— dashboard ———

@ObjectType('GuizhouFigures', { description: 'Dashboard figures; see GuizhouDashboard.definitions for each one' })
export class GuizhouFigures {
  @Field(() => Int) trained!: number;
  @Field(() => Int) inTraining!: number;
  @Field(() => Int) concluded!: number;
  @Field(() => Int) completed!: number;
  @Field(() => Int, { description: 'Final assessment failed' }) notCompleted!: number;
  @Field(() => Int) withdrawnMidTerm!: number;
  @Field(() => Int, { description: 'Not counted as trained' }) withdrawnBeforeStart!: number;
  @Field(() => Int, { description: 'Completed with final grade excellent' }) excellent!: number;
  @Field(() => Int) returned!: number;
  @Field(() => Float, { nullable: true, description: 'completed / concluded (0–1)' }) completionRate!: number | null;
  @Field(() => String, { nullable: true, description: 'completed / concluded as a percentage, two decimals ("99.53")' }) completionRatePercent!: string | null;
  @Field(() => Float, { nullable: true, description: 'excellent / concluded (0–1)' }) excellentRate!: number | null;
  @Field(() => String, { nullable: true }) excellentRatePercent!: string | null;
  @Field(() => Int) newTechnologies!: number;
  @Field(() => Int) gapsFilled!: number;
  @Field(() => Int) gapsFilledProvince!: number;
  @Field(() => Int) gapsFilledCity!: number;
  @Field(() => Int) gapsFilledCounty!: number;
  @Field(() => Int, { description: 'Cascade-training sessions held by returnees' }) cascadeSessions!: number;
  @Field(() => Int, { description: 'Grassroots staff trained by returnees (sum of head counts)' }) grassrootsTrained!: number;
}

@ObjectType('GuizhouRoundFigures')
export class GuizhouRoundFigures {
  @Field(() => Int) round!: number;
  @Field(() => [Int]) periods!: number[];
  @Field(() => GuizhouFigures) figures!: GuizhouFigures;
}

@ObjectType('GuizhouPeriodFigures')
export class GuizhouPeriodFigures {
  @Field(() => Int) round!: number;
  @Field(() => Int) period!: number;
  cohortIds!: string[];
  @Field(() => GuizhouFigures) figures!: GuizhouFigures;
}

@ObjectType('GuizhouCohortFigures')
export class GuizhouCohortFigures {
  cohortId!: string;
  @Field(() => Int) round!: number;
  @Field(() => Int) period!: number;
  @Field(() => GuizhouFigures) figures!: GuizhouFigures;
}

@ObjectType('GuizhouDefinition')
export class GuizhouDefinition {
  @Field(() => String) figure!: string;
  @Field(() => String) definition!: string;
}

@ObjectType('GuizhouDashboard', { description: "The commission's dashboard, computed from the records" })
export class GuizhouDashboard {
  @Field(() => GuizhouFigures) overall!: GuizhouFigures;
  @Field(() => [GuizhouRoundFigures]) rounds!: GuizhouRoundFigures[];
  @Field(() => [GuizhouPeriodFigures]) periods!: GuizhouPeriodFigures[];
  @Field(() => [GuizhouCohortFigures]) cohorts!: GuizhouCohortFigures[];
  @Field(() => Boolean, { description: 'Whether only verified contributions were counted' }) verifiedOnly!: boolean;
  @Field(() => [GuizhouDefinition]) definitions!: GuizhouDefinition[];
}

export { GuizhouCohort };
