import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { CalendarDateScalar, FenScalar, Institution, ValidateWith, isCalendarDate, type CalendarDate } from '../../../src/index.js';
import { ApprenticeTier, CareKind, CompetencyItem } from '../domain.js';

const day = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');
const id = z.string().min(1, 'is required');

// ---- tiers (分层培养) -------------------------------------------------------------------------

@InputType('CountySetTierInput')
@ValidateWith(z.object({ apprenticeId: id, reason: z.string().trim().min(2, 'is required (at least 2 characters)').max(2000) }))
export class CountySetTierInput {
  @Field(() => ID, { description: 'The apprentice entry (CountyApprentice.id)' }) apprenticeId!: string;
  @Field(() => ApprenticeTier) tier!: ApprenticeTier;
  @Field(() => String, { description: 'Why the apprentice trains in this tier rather than the one their title gives' }) reason!: string;
}

// ---- competency check at the end --------------------------------------------------------------

@InputType('CountyCompetencyResultInput')
export class CountyCompetencyResultInput {
  @Field(() => CompetencyItem) item!: CompetencyItem;
  @Field(() => Boolean) met!: boolean;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType('CountyCompetencyInput')
@ValidateWith(
  z.object({
    pairId: id,
    checkedOn: day,
    items: z.array(z.object({ note: z.string().max(2000).nullish() }).passthrough()).min(1, 'give a result for every item').max(10),
    examiner: z.string().trim().min(1, 'is required').max(100),
  }),
)
export class CountyCompetencyInput {
  @Field(() => ID) pairId!: string;
  @Field(() => CalendarDateScalar, { description: 'On or after the last day of the pairing' }) checkedOn!: CalendarDate;
  @Field(() => [CountyCompetencyResultInput], { description: 'One result for each CompetencyItem' }) items!: CountyCompetencyResultInput[];
  @Field(() => String, { description: 'Who examined' }) examiner!: string;
}

// ---- incentive and care (激励关爱) -------------------------------------------------------------

@InputType('CountyCareInput')
@ValidateWith(
  z.object({
    talentId: id,
    title: z.string().trim().min(1, 'is required').max(200),
    givenOn: day,
    amountFen: z.number().int('must be whole fen').min(0, 'cannot be negative').max(100_000_000_00).nullish(),
    description: z.string().max(5000).nullish(),
  }),
)
export class CountyCareInput {
  @Field(() => ID, { description: 'The trainee (an apprentice of some round)' }) talentId!: string;
  @Field(() => CareKind) kind!: CareKind;
  @Field(() => String, { description: 'What was given or done (县级优秀学员表彰, 走访慰问…)' }) title!: string;
  @Field(() => CalendarDateScalar) givenOn!: CalendarDate;
  @Field(() => FenScalar, { nullable: true, description: 'Integer fen (分) of a bonus or allowance' }) amountFen?: number | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

// ---- dashboard additions ----------------------------------------------------------------------

@ObjectType('CountyTierCount')
export class CountyTierCount {
  @Field(() => ApprenticeTier) tier!: ApprenticeTier;
  @Field(() => Int, { description: 'Apprentices in confirmed pairs in this tier' }) count!: number;
}

@ObjectType('CountyCompetencyItemCount')
export class CountyCompetencyItemCount {
  @Field(() => CompetencyItem) item!: CompetencyItem;
  @Field(() => Int, { description: 'Checks in which this item was met' }) met!: number;
}

@ObjectType('CountyCompetencyFigures', { description: 'The competency checks at the end of the pairings' })
export class CountyCompetencyFigures {
  @Field(() => Int, { description: 'Confirmed pairs with a recorded check' }) checked!: number;
  @Field(() => Int, { description: 'Of those, passed (every item met)' }) passed!: number;
  @Field(() => Float, { nullable: true, description: 'passed / checked' }) passRate?: number | null;
  @Field(() => [CountyCompetencyItemCount]) byItem!: CountyCompetencyItemCount[];
}

@ObjectType('CountyCareCount', { description: '激励关爱 records of one kind' })
export class CountyCareCount {
  @Field(() => CareKind) kind!: CareKind;
  @Field(() => Int, { description: 'Records' }) count!: number;
  @Field(() => Int, { description: 'Trainees who received at least one' }) people!: number;
  @Field(() => FenScalar, { description: 'Money given, in fen (0 when none)' }) amountFen!: number;
}

@ObjectType('CountyHospitalPromotions', { description: "Trainees of one hospital who became department heads or backbones (seed 004: \"County people's Hospital 3 trainees become department heads, 24 trainees become department business backbone\")" })
export class CountyHospitalPromotions {
  @Field(() => Institution, { description: "The trainee's hospital when the promotion was recorded" }) hospital!: Institution;
  @Field(() => Int) departmentHeads!: number;
  @Field(() => Int) departmentBackbones!: number;
}
