import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { AdminLevel, CalendarDateScalar, Field as ProfessionalField, ValidateWith, isCalendarDate, type CalendarDate } from '../../../src/index.js';
import { ActivityKind, CaseRole, GrowthKind, Side, StageKind, UnmatchedReason } from '../domain.js';
import { CountyApprentice, CountyMentor, CountyPair, CountyRound } from '../entities/index.js';
import { CountyCareCount, CountyCompetencyFigures, CountyHospitalPromotions, CountyTierCount } from './care.types.js';

const day = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');
const id = z.string().min(1, 'is required');

// ---- two-way selection -------------------------------------------------------------------

@InputType('CountyRoundInput')
@ValidateWith(
  z
    .object({
      code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'is 2–40 capital letters, digits and dashes'),
      name: z.string().trim().min(1, 'is required').max(200),
      year: z.number().int().min(2000, 'must be 2000 or later').max(2100),
      pairingStart: day,
      pairingEnd: day,
    })
    .refine((v) => v.pairingEnd > v.pairingStart, { path: ['pairingEnd'], message: 'must be after pairingStart' }),
)
export class CountyRoundInput {
  @Field(() => String, { description: 'Programme code, unique in the tenant (YP-PAIR-2024)' }) code!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) year!: number;
  @Field(() => CalendarDateScalar) pairingStart!: CalendarDate;
  @Field(() => CalendarDateScalar) pairingEnd!: CalendarDate;
}

@InputType('CountyMentorInput')
@ValidateWith(
  z.object({
    roundId: id,
    capacity: z.number().int('must be a whole number').min(1, 'a mentor takes 1 or 2 apprentices').max(2, 'a mentor takes 1 or 2 apprentices'),
    department: z.string().max(100).nullish(),
  }),
)
export class CountyMentorInput {
  @Field(() => ID) roundId!: string;
  @Field(() => ID, { nullable: true, description: "The mentor's Talent id; a mentor's own token supplies it" }) talentId?: string | null;
  @Field(() => ProfessionalField, { nullable: true, description: "Default: the mentor's field" }) field?: ProfessionalField | null;
  @Field(() => Int, { description: '1 or 2' }) capacity!: number;
  @Field(() => String, { nullable: true }) department?: string | null;
}

@InputType('CountyApprenticeInput')
export class CountyApprenticeInput {
  @Field(() => ID) roundId!: string;
  @Field(() => ID, { nullable: true, description: "The apprentice's Talent id; a talent's own token supplies it" }) talentId?: string | null;
}

@InputType('CountyRankMentorsInput')
@ValidateWith(z.object({ apprenticeId: id, mentorIds: z.array(id).max(50, 'rank at most 50 mentors') }))
export class CountyRankMentorsInput {
  @Field(() => ID, { description: 'The apprentice entry (CountyApprentice.id)' }) apprenticeId!: string;
  @Field(() => [ID], { description: 'Mentor entries, most preferred first; the same field only' }) mentorIds!: string[];
}

@InputType('CountyRankApprenticesInput')
@ValidateWith(z.object({ mentorId: id, apprenticeIds: z.array(id).max(100, 'rank at most 100 applicants') }))
export class CountyRankApprenticesInput {
  @Field(() => ID, { description: 'The mentor entry (CountyMentor.id)' }) mentorId!: string;
  @Field(() => [ID], { description: 'Apprentice entries, most preferred first; the same field only' }) apprenticeIds!: string[];
}

@InputType('CountyAdjustPairInput')
@ValidateWith(z.object({ apprenticeId: id, mentorId: id.nullish(), reason: z.string().trim().min(1, 'is required').max(2000) }))
export class CountyAdjustPairInput {
  @Field(() => ID) apprenticeId!: string;
  @Field(() => ID, { nullable: true, description: 'The new mentor entry; null takes the apprentice out of any pair' }) mentorId?: string | null;
  @Field(() => String) reason!: string;
}

@ObjectType('CountyUnmatched', { description: 'Someone left without a pair (or a mentor with free places), and why' })
export class CountyUnmatched {
  @Field(() => Side) side!: Side;
  @Field(() => CountyApprentice, { nullable: true }) apprentice?: CountyApprentice | null;
  @Field(() => CountyMentor, { nullable: true }) mentor?: CountyMentor | null;
  @Field(() => Int, { description: 'Free places (1 for an apprentice)' }) open!: number;
  @Field(() => UnmatchedReason) reason!: UnmatchedReason;
  @Field(() => String) explanation!: string;
}

@ObjectType('CountyBlockingPair', { description: 'A mentor and an apprentice who would both rather be together (the pairing is not stable)' })
export class CountyBlockingPair {
  @Field(() => CountyApprentice) apprentice!: CountyApprentice;
  @Field(() => CountyMentor) mentor!: CountyMentor;
}

@ObjectType('CountyMatchResult', { description: 'The outcome of a matching run' })
export class CountyMatchResult {
  @Field(() => CountyRound) round!: CountyRound;
  @Field(() => [CountyPair]) pairs!: CountyPair[];
  @Field(() => [CountyUnmatched]) unmatched!: CountyUnmatched[];
  @Field(() => String, { description: 'The algorithm that produced the pairs' }) algorithm!: string;
}

// ---- plans ----------------------------------------------------------------------------------

const targetSchema = z.object({
  code: z.string().trim().regex(/^[a-z0-9_]{1,40}$/, 'is 1–40 lowercase letters, digits and _'),
  description: z.string().trim().min(1, 'is required').max(300),
  target: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000),
});

@InputType('CountyTargetInput')
export class CountyTargetInput {
  @Field(() => String) code!: string;
  @Field(() => String) description!: string;
  @Field(() => Int) target!: number;
}

@InputType('CountyStageInput')
export class CountyStageInput {
  @Field(() => StageKind) kind!: StageKind;
  @Field(() => CalendarDateScalar) startsOn!: CalendarDate;
  @Field(() => CalendarDateScalar) endsOn!: CalendarDate;
  @Field(() => [CountyTargetInput]) targets!: CountyTargetInput[];
}

@InputType('CountyPlanInput')
@ValidateWith(
  z.object({
    pairId: id,
    title: z.string().trim().min(1, 'is required').max(200),
    stages: z.array(z.object({ targets: z.array(targetSchema).max(30) }).passthrough()).max(12, 'at most 12 stages'),
  }),
)
export class CountyPlanInput {
  @Field(() => ID) pairId!: string;
  @Field(() => String) title!: string;
  @Field(() => [CountyStageInput], { description: 'Theory, then supervised practice, then independent practice' }) stages!: CountyStageInput[];
}

@InputType('CountyProgressInput')
@ValidateWith(
  z.object({
    stageId: id,
    targetCode: z.string().min(1, 'is required'),
    amount: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000),
    recordedOn: day,
    note: z.string().max(2000).nullish(),
  }),
)
export class CountyProgressInput {
  @Field(() => ID) stageId!: string;
  @Field(() => String) targetCode!: string;
  @Field(() => Int) amount!: number;
  @Field(() => CalendarDateScalar) recordedOn!: CalendarDate;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType('CountyTargetProgress', { description: 'How far a stage target is reached' })
export class CountyTargetProgress {
  @Field(() => String) code!: string;
  @Field(() => String) description!: string;
  @Field(() => Int) target!: number;
  @Field(() => Int) achieved!: number;
  @Field(() => Float, { description: 'achieved / target, capped at 1' }) share!: number;
}

// ---- case log --------------------------------------------------------------------------------

@InputType('CountyCaseInput')
@ValidateWith(
  z.object({
    pairId: id,
    grade: z.number().int('must be a surgical grade from 1 to 4').min(1, 'must be a surgical grade from 1 to 4').max(4, 'must be a surgical grade from 1 to 4').nullish(),
    performedOn: day,
    caseReference: z.string().trim().min(1, 'is required').max(64),
    description: z.string().max(2000).nullish(),
  }),
)
export class CountyCaseInput {
  @Field(() => ID) pairId!: string;
  @Field(() => ActivityKind) kind!: ActivityKind;
  @Field(() => Int, { nullable: true, description: 'Surgical grade 1–4, for operations and procedures' }) grade?: number | null;
  @Field(() => CaseRole) role!: CaseRole;
  @Field(() => CalendarDateScalar) performedOn!: CalendarDate;
  @Field(() => String) caseReference!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType('CountyCaseFilter')
export class CountyCaseFilter {
  @Field(() => ID, { nullable: true }) pairId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The apprentice' }) talentId?: string | null;
  @Field(() => ID, { nullable: true }) roundId?: string | null;
  @Field(() => ActivityKind, { nullable: true }) kind?: ActivityKind | null;
  @Field(() => Int, { nullable: true }) grade?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'true: signed off only; false: awaiting sign-off only' }) signedOff?: boolean | null;
}

@ObjectType('CountyGradeCount', { description: 'Operations and procedures of one surgical grade, by role; every count includes entries not yet signed off (see signedOff and pending)' })
export class CountyGradeCount {
  @Field(() => Int) grade!: number;
  @Field(() => Int, { description: 'All logged entries of this grade, signed off or not (= signedOff + pending)' }) total!: number;
  @Field(() => Int, { description: 'Logged independently, signed off or not' }) independent!: number;
  @Field(() => Int, { description: 'Logged under guidance, signed off or not' }) underGuidance!: number;
  @Field(() => Int, { description: 'Logged as assisting, signed off or not' }) assisting!: number;
  @Field(() => Int, { description: 'Of total: signed off by the mentor' }) signedOff!: number;
  @Field(() => Int, { description: 'Of total: logged, not yet signed off' }) pending!: number;
}

@ObjectType('CountyKindCount', { description: 'Case-log entries of one kind' })
export class CountyKindCount {
  @Field(() => ActivityKind) kind!: ActivityKind;
  @Field(() => Int, { description: 'All logged entries, signed off or not (= signedOff + pending)' }) count!: number;
  @Field(() => Int, { description: 'Of count: signed off by the mentor' }) signedOff!: number;
  @Field(() => Int, { description: 'Of count: logged, not yet signed off' }) pending!: number;
}

@ObjectType('CountyCaseTotals', { description: 'Case-log totals, per grade and per kind. Totals count every logged entry; signedOff and pending split them' })
export class CountyCaseTotals {
  @Field(() => Int, { description: 'All logged entries, signed off or not (= signedOff + pending)' }) total!: number;
  @Field(() => Int, { description: 'Of total: signed off by the mentor' }) signedOff!: number;
  @Field(() => Int, { description: 'Of total: logged, not yet signed off' }) pending!: number;
  @Field(() => [CountyGradeCount], { description: 'Graded entries (operations and procedures), grades 1–4' }) byGrade!: CountyGradeCount[];
  @Field(() => [CountyKindCount]) byKind!: CountyKindCount[];
}

// ---- growth and retention ------------------------------------------------------------------

@InputType('CountyGrowthInput')
@ValidateWith(
  z.object({
    pairId: id,
    title: z.string().trim().min(1, 'is required').max(300),
    achievedOn: day,
    quantity: z.number().int().min(1, 'must be at least 1').max(10_000).nullish(),
    description: z.string().max(5000).nullish(),
  }),
)
export class CountyGrowthInput {
  @Field(() => ID) pairId!: string;
  @Field(() => GrowthKind) kind!: GrowthKind;
  @Field(() => String, { description: 'Conference name, technology, project, or the post (e.g. head of orthopaedics)' }) title!: string;
  @Field(() => CalendarDateScalar) achievedOn!: CalendarDate;
  @Field(() => AdminLevel, { nullable: true, description: 'Conference level: province, city or county' }) level?: AdminLevel | null;
  @Field(() => Int, { nullable: true }) quantity?: number | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType('CountyRetentionInput')
@ValidateWith(z.object({ talentId: id, checkedOn: day, note: z.string().max(2000).nullish() }))
export class CountyRetentionInput {
  @Field(() => ID) talentId!: string;
  @Field(() => CalendarDateScalar) checkedOn!: CalendarDate;
  @Field(() => Boolean) stillServing!: boolean;
  @Field(() => String, { nullable: true }) note?: string | null;
}

// ---- dashboard -----------------------------------------------------------------------------

@ObjectType('CountyFieldCount')
export class CountyFieldCount {
  @Field(() => ProfessionalField) field!: ProfessionalField;
  @Field(() => Int) count!: number;
}

@ObjectType('CountyGradeRoleCount', { description: 'Graded cases of one kind, grade and role' })
export class CountyGradeRoleCount {
  @Field(() => ActivityKind) kind!: ActivityKind;
  @Field(() => Int) grade!: number;
  @Field(() => CaseRole) role!: CaseRole;
  @Field(() => Int, { description: 'All logged entries, signed off or not (= signedOff + pending)' }) count!: number;
  @Field(() => Int, { description: 'Of count: signed off by the mentor' }) signedOff!: number;
  @Field(() => Int, { description: 'Of count: logged, not yet signed off' }) pending!: number;
}

@ObjectType('CountyLevelCount')
export class CountyLevelCount {
  @Field(() => AdminLevel, { nullable: true }) level?: AdminLevel | null;
  @Field(() => Int) count!: number;
}

@ObjectType('CountyRetention')
export class CountyRetention {
  @Field(() => Int, { description: 'Trainees with at least one retention check' }) checked!: number;
  @Field(() => Int, { description: 'Of those, still serving in the county at their latest check' }) stillServing!: number;
  @Field(() => Float, { nullable: true, description: 'stillServing / checked' }) rate?: number | null;
}

@ObjectType('CountyDashboard', { description: "The county's figures, as the scheme reports them" })
export class CountyDashboard {
  @Field(() => Int, { description: 'Apprentices in confirmed pairs' }) trainees!: number;
  @Field(() => Int, { description: 'Mentors with a confirmed pair' }) mentors!: number;
  @Field(() => [CountyFieldCount]) traineesByField!: CountyFieldCount[];
  @Field(() => [CountyTierCount], { description: '分层培养: apprentices in confirmed pairs by tier' }) traineesByTier!: CountyTierCount[];
  @Field(() => [CountyGradeRoleCount], { description: 'Every logged entry, each bucket split into signedOff and pending' }) casesByGradeAndRole!: CountyGradeRoleCount[];
  @Field(() => [CountyKindCount], { description: 'Every logged entry, each kind split into signedOff and pending' }) casesByKind!: CountyKindCount[];
  @Field(() => Int, { description: 'Grade-1 and -2 operations done independently (seed 004: 320+): every logged entry, signed off or not (= …SignedOff + …Pending)' }) independentGrade1And2Operations!: number;
  @Field(() => Int, { description: 'Of independentGrade1And2Operations: signed off by the mentor' }) independentGrade1And2OperationsSignedOff!: number;
  @Field(() => Int, { description: 'Of independentGrade1And2Operations: logged, not yet signed off' }) independentGrade1And2OperationsPending!: number;
  @Field(() => Int, { description: 'Grade-3 operations done under guidance (seed 004: 80+): every logged entry, signed off or not (= …SignedOff + …Pending)' }) guidedGrade3Operations!: number;
  @Field(() => Int, { description: 'Of guidedGrade3Operations: signed off by the mentor' }) guidedGrade3OperationsSignedOff!: number;
  @Field(() => Int, { description: 'Of guidedGrade3Operations: logged, not yet signed off' }) guidedGrade3OperationsPending!: number;
  @Field(() => Int) conferences!: number;
  @Field(() => [CountyLevelCount]) conferencesByLevel!: CountyLevelCount[];
  @Field(() => Int, { description: 'New technologies and new projects carried out' }) newTechnologies!: number;
  @Field(() => Int, { description: 'Trainees who became department heads' }) departmentHeads!: number;
  @Field(() => Int, { description: 'Trainees who became department backbones' }) departmentBackbones!: number;
  @Field(() => [CountyHospitalPromotions], { description: 'Department heads and backbones by the hospital the trainee worked in when promoted' }) promotionsByHospital!: CountyHospitalPromotions[];
  @Field(() => CountyCompetencyFigures, { description: 'The competency checks at the end of the pairings' }) competency!: CountyCompetencyFigures;
  @Field(() => [CountyCareCount], { description: '激励关爱 given to the round\'s trainees, by kind' }) care!: CountyCareCount[];
  @Field(() => CountyRetention) retention!: CountyRetention;
}
