/**
 * The appraisal schemes as configured: configuration, not code, defines which schemes and
 * indicators exist, so a front end reads their codes and names here (for the appraisal form, and
 * to label `HospitalStay.appraisalScheme`) rather than hard-coding them.
 */
import { Arg, Authorized, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { CalendarDateScalar, Money, moneyOf, type CalendarDate, type RequestContext } from '../../../src/index.js';
import { PLUGIN_KEY, type AppraisalSchemeConfig, type HospitalConfig } from '../config.js';
import { AppraisalPeriod, Consequence, Grade, PERIOD_ORDER } from '../domain.js';

@ObjectType('HospitalAppraisalIndicator', { description: 'One indicator of a period (考核指标), scored 0–100 (local default: seed 000 names none)' })
export class HospitalAppraisalIndicator {
  @Field(() => String, { description: 'The code sent as HospitalIndicatorScoreInput.indicator' }) code!: string;
  @Field(() => String, { description: 'The indicator’s name in Chinese, e.g. 研修计划与接收函' }) labelZh!: string;
  @Field(() => String, { description: 'The indicator’s name in English, e.g. Study plan and host acceptance' }) labelEn!: string;
  @Field(() => Float, { description: "Weight within the period's score, percent" }) weight!: number;
}

@ObjectType('HospitalAppraisalSchemePeriod', { description: 'One period of a scheme (出国前 / 研修中 / 回国后) with its weight and indicators' })
export class HospitalAppraisalSchemePeriod {
  @Field(() => AppraisalPeriod, { description: 'The period' }) period!: AppraisalPeriod;
  @Field(() => Float, { description: 'Weight of the period in the overall score, percent' }) weight!: number;
  @Field(() => [HospitalAppraisalIndicator], { description: 'Its indicators; each is scored once when the period is appraised' }) indicators!: HospitalAppraisalIndicator[];
}

@ObjectType('HospitalGradeRule', { description: 'A grade a scheme gives from the overall score, and what it brings (考核等级及结果运用; local default)' })
export class HospitalGradeRule {
  @Field(() => Grade, { description: 'The grade' }) grade!: Grade;
  @Field(() => Float, { description: 'Lowest overall score for the grade; the highest grade reached applies' }) minScore!: number;
  @Field(() => Consequence, { description: 'What the grade brings' }) consequence!: Consequence;
  @Field(() => Money, { description: 'The incentive paid when the consequence is incentive (otherwise 0)' }) incentive!: Money;
  @Field(() => Int, { description: "Share of the stay's funding clawed back when the consequence is clawback, percent (rounded to the fen, half up)" }) clawbackPercent!: number;
}

@ObjectType('HospitalAppraisalScheme', { description: 'A performance-appraisal scheme (绩效考核方案): seed 000 gives each channel its own; what a scheme holds is a local default' })
export class HospitalAppraisalScheme {
  @Field(() => String, { description: 'The scheme’s code, as in HospitalChannel.appraisalScheme and HospitalStay.appraisalScheme' }) code!: string;
  @Field(() => String, { description: 'The scheme’s name in Chinese, e.g. 奖励计划绩效考核' }) nameZh!: string;
  @Field(() => String, { description: 'The scheme’s name in English, e.g. Performance appraisal of the award plan' }) nameEn!: string;
  @Field(() => String, { description: 'Where the scheme comes from: a clause of seed 000, or "local default"' }) source!: string;
  @Field(() => [HospitalAppraisalSchemePeriod], { description: 'The three periods, in the order they are appraised' }) periods!: HospitalAppraisalSchemePeriod[];
  @Field(() => [HospitalGradeRule], { description: 'The grades, highest first' }) grades!: HospitalGradeRule[];
}

function schemeView(code: string, s: AppraisalSchemeConfig): HospitalAppraisalScheme {
  return {
    code,
    nameZh: s.nameZh,
    nameEn: s.name,
    source: s.source,
    periods: PERIOD_ORDER.map((period) => ({ period, weight: s.periods[period].weight, indicators: s.periods[period].indicators.map((i) => ({ code: i.code, labelZh: i.labelZh, labelEn: i.label, weight: i.weight })) })),
    grades: s.grades.map((g) => ({ grade: g.grade, minScore: g.minScore, consequence: g.consequence, incentive: moneyOf(g.incentiveFen), clawbackPercent: g.clawbackPercent })),
  };
}

@Resolver()
export class HospitalSchemeResolver {
  @Authorized()
  @Query(() => [HospitalAppraisalScheme], { description: 'The appraisal schemes as configured on a day (default today), by code: the values of HospitalChannel.appraisalScheme and HospitalStay.appraisalScheme, and the indicators each period scores' })
  async hospitalAppraisalSchemes(@Ctx() ctx: RequestContext, @Arg('on', () => CalendarDateScalar, { nullable: true, description: 'The day whose configuration applies (default: today, Asia/Shanghai)' }) on?: CalendarDate | null): Promise<HospitalAppraisalScheme[]> {
    const { config } = await (await ctx.plugin<HospitalConfig>(PLUGIN_KEY)).configOn(on ?? ctx.clock.today());
    // By code: a stored configuration (jsonb) does not keep the order its keys were written in.
    return Object.entries(config.appraisalSchemes).sort(([a], [b]) => a.localeCompare(b)).map(([code, s]) => schemeView(code, s));
  }
}
