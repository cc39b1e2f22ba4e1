import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { AdminLevel, CalendarDateScalar, Field as ProfessionalField, ValidateWith, isCalendarDate, type CalendarDate } from '../../../src/index.js';
import { ActivityKind, CaseRole, GrowthKind, Side, StageKind, UnmatchedReason } from '../domain.js';
import { CountyApprentice, CountyMentor, CountyPair, CountyRound } from '../entities/index.js';
import { CountyCareCount, CountyCompetencyFigures, CountyHospitalPromotions, CountyTierCount } from './care.types.js';

const day = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');
const id = z.string().min(1, 'is required');
/** Seed 004's "one belt one, one belt two" (一带一、一带二), with its Chinese for userErrors' messageZh. */
const CAPACITY_MESSAGE = 'a mentor takes 1 or 2 apprentices (每位导师带教 1 至 2 名学员)';

// ---- two-way selection -------------------------------------------------------------------

@InputType('CountyRoundInput', { description: 'A new two-way selection round (双向选择): creates its core programme, one track per scheme field' })
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
  @Field(() => String, { description: 'Name of the round as the bureau calls it ("玉屏县2025年师带徒结对")' }) name!: string;
  @Field(() => Int, { description: 'Year of the round (2000–2100)' }) year!: number;
  @Field(() => CalendarDateScalar, { description: 'First day of the pairing period (each confirmed pair’s placement starts on it)' }) pairingStart!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'Last day of the pairing period; after pairingStart' }) pairingEnd!: CalendarDate;
}

@InputType('CountyMentorInput', { description: 'A mentor’s offer in an open round: field and capacity (publishing again updates it)' })
@ValidateWith(
  z.object({
    roundId: id,
    capacity: z.number().int('must be a whole number').min(1, CAPACITY_MESSAGE).max(2, CAPACITY_MESSAGE),
    department: z.string().max(100).nullish(),
  }),
)
export class CountyMentorInput {
  @Field(() => ID, { description: 'The round (CountyRound.id), open or matched' }) roundId!: string;
  @Field(() => ID, { nullable: true, description: "The mentor's Talent id; a mentor's own token supplies it" }) talentId?: string | null;
  @Field(() => ProfessionalField, { nullable: true, description: "Default: the mentor's field" }) field?: ProfessionalField | null;
  @Field(() => Int, { description: '1 or 2' }) capacity!: number;
  @Field(() => String, { nullable: true, description: "The mentor's department as published (default: the talent's department)" }) department?: string | null;
}

@InputType('CountyApprenticeInput', { description: 'Register an apprentice (徒弟) in an open round: their field is their track, their title gives their tier' })
export class CountyApprenticeInput {
  @Field(() => ID, { description: 'The round (CountyRound.id), open' }) roundId!: string;
  @Field(() => ID, { nullable: true, description: "The apprentice's Talent id; a talent's own token supplies it" }) talentId?: string | null;
}

@InputType('CountyRankMentorsInput', { description: 'An apprentice’s ranking of the mentors of their field (replaces their earlier ranking)' })
@ValidateWith(z.object({ apprenticeId: id, mentorIds: z.array(id).max(50, 'rank at most 50 mentors') }))
export class CountyRankMentorsInput {
  @Field(() => ID, { description: 'The apprentice entry (CountyApprentice.id)' }) apprenticeId!: string;
  @Field(() => [ID], { description: 'Mentor entries, most preferred first; the same field only' }) mentorIds!: string[];
}

@InputType('CountyRankApprenticesInput', { description: 'A mentor’s ranking of the applicants of their field (replaces their earlier ranking)' })
@ValidateWith(z.object({ mentorId: id, apprenticeIds: z.array(id).max(100, 'rank at most 100 applicants') }))
export class CountyRankApprenticesInput {
  @Field(() => ID, { description: 'The mentor entry (CountyMentor.id)' }) mentorId!: string;
  @Field(() => [ID], { description: 'Apprentice entries, most preferred first; the same field only' }) apprenticeIds!: string[];
}

@InputType('CountyAdjustPairInput', { description: 'The commission moves, pairs or unpairs an apprentice by hand, with a reason' })
@ValidateWith(z.object({ apprenticeId: id, mentorId: id.nullish(), reason: z.string().trim().min(1, 'is required').max(2000) }))
export class CountyAdjustPairInput {
  @Field(() => ID, { description: 'The apprentice entry (CountyApprentice.id)' }) apprenticeId!: string;
  @Field(() => ID, { nullable: true, description: 'The new mentor entry; null takes the apprentice out of any pair' }) mentorId?: string | null;
  @Field(() => String, { description: 'Why, as entered; at least minAdjustReasonLength characters (local default 5)' }) reason!: string;
}

@InputType('CountyRoundRunMatchingInput', { description: 'Run (or rerun) the matching of a round' })
export class CountyRoundRunMatchingInput {
  @Field(() => ID, { description: 'The round (CountyRound.id), open or matched' }) roundId!: string;
}

@InputType('CountyRoundConfirmInput', { description: 'Confirm the proposed pairs of a matched round' })
export class CountyRoundConfirmInput {
  @Field(() => ID, { description: 'The round (CountyRound.id), matched' }) roundId!: string;
}

@ObjectType('CountyUnmatched', { description: 'Someone left without a pair (or a mentor with free places), and why' })
export class CountyUnmatched {
  @Field(() => Side, { description: 'Whether this is an apprentice without a pair or a mentor with free places' }) side!: Side;
  @Field(() => CountyApprentice, { nullable: true, description: 'The apprentice (side APPRENTICE), else null' }) apprentice?: CountyApprentice | null;
  @Field(() => CountyMentor, { nullable: true, description: 'The mentor (side MENTOR), else null' }) mentor?: CountyMentor | null;
  @Field(() => Int, { description: 'Free places (1 for an apprentice)' }) open!: number;
  @Field(() => UnmatchedReason, { description: 'Why, as a code' }) reason!: UnmatchedReason;
  @Field(() => String, { description: 'Why, in a sentence naming the people concerned (English)' }) explanation!: string;
}

@ObjectType('CountyBlockingPair', { description: 'A mentor and an apprentice who would both rather be together (the pairing is not stable)' })
export class CountyBlockingPair {
  @Field(() => CountyApprentice, { description: 'The apprentice who would rather be with mentor' }) apprentice!: CountyApprentice;
  @Field(() => CountyMentor, { description: 'The mentor who would rather take apprentice' }) mentor!: CountyMentor;
}

@ObjectType('CountyMatchResult', { description: 'The outcome of a matching run' })
export class CountyMatchResult {
  @Field(() => CountyRound, { description: 'The round, now matched' }) round!: CountyRound;
  @Field(() => [CountyPair], { description: 'The proposed pairs the run produced (they replace earlier proposals)' }) pairs!: CountyPair[];
  @Field(() => [CountyUnmatched], { description: 'Who is left unpaired, and mentors with free places, each with why' }) unmatched!: CountyUnmatched[];
  @Field(() => String, { description: 'The algorithm that produced the pairs' }) algorithm!: string;
}

// ---- plans ----------------------------------------------------------------------------------

const targetSchema = z.object({
  code: z.string().trim().regex(/^[a-z0-9_]{1,40}$/, 'is 1–40 lowercase letters, digits and _'),
  description: z.string().trim().min(1, 'is required').max(300),
  target: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000),
});

@InputType('CountyTargetInput', { description: 'Something to reach in a plan stage (a number of cases, lectures, hours…)' })
export class CountyTargetInput {
  @Field(() => String, { description: 'The target’s code within the stage: 1–40 lowercase letters, digits and _ (progress names it)' }) code!: string;
  @Field(() => String, { description: 'What is counted, as entered ("三级手术指导下完成例数")' }) description!: string;
  @Field(() => Int, { description: 'How many to reach (1–100,000)' }) target!: number;
}

@InputType('CountyStageInput', { description: 'One stage of a training plan (由浅入深: theory, then supervised, then independent practice)' })
export class CountyStageInput {
  @Field(() => StageKind, { description: 'Which stage; stages follow the StageKind order' }) kind!: StageKind;
  @Field(() => CalendarDateScalar, { description: 'First day of the stage, within the pairing period' }) startsOn!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'Last day of the stage, within the pairing period' }) endsOn!: CalendarDate;
  @Field(() => [CountyTargetInput], { description: 'What to reach in the stage (at most 30)' }) targets!: CountyTargetInput[];
}

@InputType('CountyPlanInput', { description: 'A mentor’s stratified training plan for a confirmed pair (replaces the plan until progress is recorded)' })
@ValidateWith(
  z.object({
    pairId: id,
    title: z.string().trim().min(1, 'is required').max(200),
    stages: z.array(z.object({ targets: z.array(targetSchema).max(30) }).passthrough()).max(12, 'at most 12 stages'),
  }),
)
export class CountyPlanInput {
  @Field(() => ID, { description: 'The confirmed pair (CountyPair.id)' }) pairId!: string;
  @Field(() => String, { description: 'Title of the plan, as entered' }) title!: string;
  @Field(() => [CountyStageInput], { description: 'Theory, then supervised practice, then independent practice' }) stages!: CountyStageInput[];
}

@InputType('CountyProgressInput', { description: 'Progress against one target of a plan stage' })
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
  @Field(() => ID, { description: 'The plan stage (CountyPlanStage.id)' }) stageId!: string;
  @Field(() => String, { description: 'The code of one of the stage’s targets' }) targetCode!: string;
  @Field(() => Int, { description: 'How many were achieved (1–10,000), added to the target’s total' }) amount!: number;
  @Field(() => CalendarDateScalar, { description: 'Day achieved (not after today)' }) recordedOn!: CalendarDate;
  @Field(() => String, { nullable: true, description: 'A remark, as entered' }) note?: string | null;
}

@ObjectType('CountyTargetProgress', { description: 'How far a stage target is reached' })
export class CountyTargetProgress {
  @Field(() => String, { description: 'The target’s code within the stage' }) code!: string;
  @Field(() => String, { description: 'What is counted, as the mentor wrote it' }) description!: string;
  @Field(() => Int, { description: 'How many to reach' }) target!: number;
  @Field(() => Int, { description: 'Sum of the progress recorded against it' }) achieved!: number;
  @Field(() => Float, { description: 'achieved / target, capped at 1' }) share!: number;
}

// ---- case log --------------------------------------------------------------------------------

@InputType('CountyCaseInput', { description: 'One case for an apprentice’s log (病例登记) in a confirmed pair' })
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
  @Field(() => ID, { description: 'The confirmed pair (CountyPair.id)' }) pairId!: string;
  @Field(() => ActivityKind, { description: 'What the entry records; the apprentice’s field allows some kinds only (countyActivityKinds)' }) kind!: ActivityKind;
  @Field(() => Int, { nullable: true, description: 'Surgical grade 1–4, for operations and procedures' }) grade?: number | null;
  @Field(() => CaseRole, { description: 'The apprentice’s role in the case' }) role!: CaseRole;
  @Field(() => CalendarDateScalar, { description: 'Day of the case: within the pairing, not after today' }) performedOn!: CalendarDate;
  @Field(() => String, { description: 'The hospital’s case (medical record) number, as entered; no patient names' }) caseReference!: string;
  @Field(() => String, { nullable: true, description: 'A remark, as entered' }) description?: string | null;
}

@InputType('CountyCaseFilter', { description: 'Narrows case-log entries (within what you may see); fields left out do not filter' })
export class CountyCaseFilter {
  @Field(() => ID, { nullable: true, description: 'Only entries of this pair' }) pairId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The apprentice' }) talentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only entries of pairs of this round' }) roundId?: string | null;
  @Field(() => ActivityKind, { nullable: true, description: 'Only entries of this kind' }) kind?: ActivityKind | null;
  @Field(() => Int, { nullable: true, description: 'Only entries of this surgical grade (1–4)' }) grade?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'true: signed off only; false: awaiting sign-off only' }) signedOff?: boolean | null;
}

@InputType('CountyCaseLogEntriesSignOffInput', { description: 'Case-log entries the mentor signs off (审签), all or none' })
export class CountyCaseLogEntriesSignOffInput {
  @Field(() => [ID], { description: "The entries (CountyCaseLogEntry.id), 1 to 500, all of the acting mentor's own apprentices; entries already signed off stay as they are" }) ids!: string[];
}

@ObjectType('CountyGradeCount', { description: 'Operations and procedures of one surgical grade, by role; every count includes entries not yet signed off (see signedOff and pending)' })
export class CountyGradeCount {
  @Field(() => Int, { description: 'Surgical grade 1–4 (手术分级)' }) grade!: number;
  @Field(() => Int, { description: 'All logged entries of this grade, signed off or not (= signedOff + pending)' }) total!: number;
  @Field(() => Int, { description: 'Logged independently, signed off or not' }) independent!: number;
  @Field(() => Int, { description: 'Logged under guidance, signed off or not' }) underGuidance!: number;
  @Field(() => Int, { description: 'Logged as assisting, signed off or not' }) assisting!: number;
  @Field(() => Int, { description: 'Of total: signed off by the mentor' }) signedOff!: number;
  @Field(() => Int, { description: 'Of total: logged, not yet signed off' }) pending!: number;
}

@ObjectType('CountyKindCount', { description: 'Case-log entries of one kind' })
export class CountyKindCount {
  @Field(() => ActivityKind, { description: 'The kind counted' }) kind!: ActivityKind;
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
  @Field(() => [CountyKindCount], { description: 'Entries per kind, every kind logged' }) byKind!: CountyKindCount[];
}

// ---- growth and retention ------------------------------------------------------------------

@InputType('CountyGrowthInput', { description: 'A growth record of a paired apprentice: a conference, a new technology or project, a promotion' })
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
  @Field(() => ID, { description: 'The confirmed pair (CountyPair.id)' }) pairId!: string;
  @Field(() => GrowthKind, { description: 'What is recorded' }) kind!: GrowthKind;
  @Field(() => String, { description: 'Conference name, technology, project, or the post (e.g. head of orthopaedics)' }) title!: string;
  @Field(() => CalendarDateScalar, { description: 'Day it happened (not after today)' }) achievedOn!: CalendarDate;
  @Field(() => AdminLevel, { nullable: true, description: 'Conference level: province, city or county' }) level?: AdminLevel | null;
  @Field(() => Int, { nullable: true, description: 'How many (default 1; a promotion is always 1)' }) quantity?: number | null;
  @Field(() => String, { nullable: true, description: 'More about it, as entered' }) description?: string | null;
}

@InputType('CountyRetentionInput', { description: 'Whether a trainee still serves in the county on a day (留得住)' })
@ValidateWith(z.object({ talentId: id, checkedOn: day, note: z.string().max(2000).nullish() }))
export class CountyRetentionInput {
  @Field(() => ID, { description: 'The trainee (a Talent who has been an apprentice)' }) talentId!: string;
  @Field(() => CalendarDateScalar, { description: 'Day of the check (not after today); one check per day' }) checkedOn!: CalendarDate;
  @Field(() => Boolean, { description: 'Still serving in the county on that day' }) stillServing!: boolean;
  @Field(() => String, { nullable: true, description: 'Where they went, if they left, as entered' }) note?: string | null;
}

// ---- dashboard -----------------------------------------------------------------------------

@ObjectType('CountyFieldCount', { description: 'Apprentices in confirmed pairs in one professional field' })
export class CountyFieldCount {
  @Field(() => ProfessionalField, { description: 'The professional field (专业)' }) field!: ProfessionalField;
  @Field(() => Int, { description: 'Apprentices in confirmed pairs in the field' }) count!: number;
}

@ObjectType('CountyGradeRoleCount', { description: 'Graded cases of one kind, grade and role' })
export class CountyGradeRoleCount {
  @Field(() => ActivityKind, { description: 'Operation or procedure' }) kind!: ActivityKind;
  @Field(() => Int, { description: 'Surgical grade 1–4' }) grade!: number;
  @Field(() => CaseRole, { description: 'The apprentice’s role' }) role!: CaseRole;
  @Field(() => Int, { description: 'All logged entries, signed off or not (= signedOff + pending)' }) count!: number;
  @Field(() => Int, { description: 'Of count: signed off by the mentor' }) signedOff!: number;
  @Field(() => Int, { description: 'Of count: logged, not yet signed off' }) pending!: number;
}

@ObjectType('CountyLevelCount', { description: 'Conferences attended at one level' })
export class CountyLevelCount {
  @Field(() => AdminLevel, { nullable: true, description: 'Province, city or county; null when not recorded' }) level?: AdminLevel | null;
  @Field(() => Int, { description: 'Conferences attended at that level' }) count!: number;
}

@ObjectType('CountyRetention', { description: 'Retention (留得住): trainees checked and still serving in the county at their latest check' })
export class CountyRetention {
  @Field(() => Int, { description: 'Trainees with at least one retention check' }) checked!: number;
  @Field(() => Int, { description: 'Of those, still serving in the county at their latest check' }) stillServing!: number;
  @Field(() => Float, { nullable: true, description: 'stillServing / checked' }) rate?: number | null;
}

@ObjectType('CountyDashboard', { description: "The county's figures, as the scheme reports them" })
export class CountyDashboard {
  @Field(() => Int, { description: 'Apprentices in confirmed pairs' }) trainees!: number;
  @Field(() => Int, { description: 'Mentors with a confirmed pair' }) mentors!: number;
  @Field(() => [CountyFieldCount], { description: 'Apprentices in confirmed pairs per field, most first (seed 004: 63 trainees across five fields)' }) traineesByField!: CountyFieldCount[];
  @Field(() => [CountyTierCount], { description: '分层培养: apprentices in confirmed pairs by tier' }) traineesByTier!: CountyTierCount[];
  @Field(() => [CountyGradeRoleCount], { description: 'Every logged entry, each bucket split into signedOff and pending' }) casesByGradeAndRole!: CountyGradeRoleCount[];
  @Field(() => [CountyKindCount], { description: 'Every logged entry, each kind split into signedOff and pending' }) casesByKind!: CountyKindCount[];
  @Field(() => Int, { description: 'Grade-1 and -2 operations done independently (seed 004: 320+): every logged entry, signed off or not (= …SignedOff + …Pending)' }) independentGrade1And2Operations!: number;
  @Field(() => Int, { description: 'Of independentGrade1And2Operations: signed off by the mentor' }) independentGrade1And2OperationsSignedOff!: number;
  @Field(() => Int, { description: 'Of independentGrade1And2Operations: logged, not yet signed off' }) independentGrade1And2OperationsPending!: number;
  @Field(() => Int, { description: 'Grade-3 operations done under guidance (seed 004: 80+): every logged entry, signed off or not (= …SignedOff + …Pending)' }) guidedGrade3Operations!: number;
  @Field(() => Int, { description: 'Of guidedGrade3Operations: signed off by the mentor' }) guidedGrade3OperationsSignedOff!: number;
  @Field(() => Int, { description: 'Of guidedGrade3Operations: logged, not yet signed off' }) guidedGrade3OperationsPending!: number;
  @Field(() => Int, { description: 'Conferences attended by the trainees (seed 004: 20+)' }) conferences!: number;
  @Field(() => [CountyLevelCount], { description: 'Conferences attended, by level' }) conferencesByLevel!: CountyLevelCount[];
  @Field(() => Int, { description: 'New technologies and new projects carried out' }) newTechnologies!: number;
  @Field(() => Int, { description: 'Trainees who became department heads' }) departmentHeads!: number;
  @Field(() => Int, { description: 'Trainees who became department backbones' }) departmentBackbones!: number;
  @Field(() => [CountyHospitalPromotions], { description: 'Department heads and backbones by the hospital the trainee worked in when promoted' }) promotionsByHospital!: CountyHospitalPromotions[];
  @Field(() => CountyCompetencyFigures, { description: 'The competency checks at the end of the pairings' }) competency!: CountyCompetencyFigures;
  @Field(() => [CountyCareCount], { description: '激励关爱 given to the round\'s trainees, by kind' }) care!: CountyCareCount[];
  @Field(() => CountyRetention, { description: 'Retention checks of the trainees (latest per trainee)' }) retention!: CountyRetention;
}
