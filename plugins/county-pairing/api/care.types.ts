import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { CalendarDateScalar, FenScalar, Institution, Money, ValidateWith, isCalendarDate, type CalendarDate } from '../../../src/index.js';
import { ApprenticeTier, CareKind, CompetencyItem } from '../domain.js';

const day = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');
const id = z.string().min(1, 'is required');

// ---- tiers (分层培养) -------------------------------------------------------------------------

@InputType('CountySetTierInput', { description: '分层培养: move an apprentice to another tier, with the reason' })
@ValidateWith(z.object({ apprenticeId: id, reason: z.string().trim().min(2, 'is required (at least 2 characters)').max(2000) }))
export class CountySetTierInput {
  @Field(() => ID, { description: 'The apprentice entry (CountyApprentice.id)' }) apprenticeId!: string;
  @Field(() => ApprenticeTier, { description: 'The new tier; not the one the apprentice is in' }) tier!: ApprenticeTier;
  @Field(() => String, { description: 'Why the apprentice trains in this tier rather than the one their title gives' }) reason!: string;
}

// ---- competency check at the end --------------------------------------------------------------

@InputType('CountyCompetencyResultInput', { description: 'The result of one item of the competency check' })
export class CountyCompetencyResultInput {
  @Field(() => CompetencyItem, { description: 'The item examined' }) item!: CompetencyItem;
  @Field(() => Boolean, { description: 'Met (达标) or not' }) met!: boolean;
  @Field(() => String, { nullable: true, description: 'The examiner’s remark, as entered' }) note?: string | null;
}

@InputType('CountyCompetencyInput', { description: 'The competency check at the end of a confirmed pairing (结业能力考核)' })
@ValidateWith(
  z.object({
    pairId: id,
    checkedOn: day,
    items: z.array(z.object({ note: z.string().max(2000).nullish() }).passthrough()).min(1, 'give a result for every item').max(10),
    examiner: z.string().trim().min(1, 'is required').max(100),
  }),
)
export class CountyCompetencyInput {
  @Field(() => ID, { description: 'The confirmed pair (CountyPair.id)' }) pairId!: string;
  @Field(() => CalendarDateScalar, { description: 'On or after the last day of the pairing' }) checkedOn!: CalendarDate;
  @Field(() => [CountyCompetencyResultInput], { description: 'One result for each CompetencyItem' }) items!: CountyCompetencyResultInput[];
  @Field(() => String, { description: 'Who examined' }) examiner!: string;
}

// ---- incentive and care (激励关爱) -------------------------------------------------------------

@InputType('CountyCareInput', { description: '激励关爱: an incentive, an act of care, or political-quality or business-ability support for a trainee' })
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
  @Field(() => CareKind, { description: 'Which of the four; money goes with an incentive or an act of care only' }) kind!: CareKind;
  @Field(() => String, { description: 'What was given or done (县级优秀学员表彰, 走访慰问…)' }) title!: string;
  @Field(() => CalendarDateScalar, { description: 'Day given (not after today)' }) givenOn!: CalendarDate;
  @Field(() => FenScalar, { nullable: true, description: 'Money of a bonus or allowance, in integer fen (分, 1/100 yuan, CNY); null when no money is involved' }) amountFen?: number | null;
  @Field(() => String, { nullable: true, description: 'More about it, as entered' }) description?: string | null;
}

// ---- dashboard additions ----------------------------------------------------------------------

@ObjectType('CountyTierCount', { description: '分层培养: apprentices in confirmed pairs in one tier' })
export class CountyTierCount {
  @Field(() => ApprenticeTier, { description: 'The tier' }) tier!: ApprenticeTier;
  @Field(() => Int, { description: 'Apprentices in confirmed pairs in this tier' }) count!: number;
}

@ObjectType('CountyCompetencyItemCount', { description: 'How many competency checks met one item' })
export class CountyCompetencyItemCount {
  @Field(() => CompetencyItem, { description: 'The item' }) item!: CompetencyItem;
  @Field(() => Int, { description: 'Checks in which this item was met' }) met!: number;
}

@ObjectType('CountyCompetencyFigures', { description: 'The competency checks at the end of the pairings' })
export class CountyCompetencyFigures {
  @Field(() => Int, { description: 'Confirmed pairs with a recorded check' }) checked!: number;
  @Field(() => Int, { description: 'Of those, passed (every item met)' }) passed!: number;
  @Field(() => Float, { nullable: true, description: 'passed / checked' }) passRate?: number | null;
  @Field(() => [CountyCompetencyItemCount], { description: 'Per item, every item listed' }) byItem!: CountyCompetencyItemCount[];
}

@ObjectType('CountyCareCount', { description: '激励关爱 records of one kind' })
export class CountyCareCount {
  @Field(() => CareKind, { description: 'The kind counted' }) kind!: CareKind;
  @Field(() => Int, { description: 'Records' }) count!: number;
  @Field(() => Int, { description: 'Trainees who received at least one' }) people!: number;
  @Field(() => FenScalar, { description: 'Money given, in fen (0 when none)', deprecationReason: 'Use amount, which carries its currency (amount { fen amount currencyCode })' }) amountFen!: number;
  @Field(() => Money, { description: 'Money given with these records, with its currency (zero when none)' }) amount!: Money;
}

@ObjectType('CountyHospitalPromotions', { description: "Trainees of one hospital who became department heads or backbones (seed 004: \"County people's Hospital 3 trainees become department heads, 24 trainees become department business backbone\")" })
export class CountyHospitalPromotions {
  @Field(() => Institution, { description: "The trainee's hospital when the promotion was recorded" }) hospital!: Institution;
  @Field(() => Int, { description: 'Trainees of the hospital who became department heads (科室主任)' }) departmentHeads!: number;
  @Field(() => Int, { description: 'Trainees of the hospital who became department backbones (业务骨干)' }) departmentBackbones!: number;
}
