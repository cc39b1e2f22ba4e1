import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BigIntType } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { CalendarDateScalar, FenScalar, TalentOwnedEntity, type CalendarDate } from '../../../src/index.js';
import { CareKind, CompetencyItem } from '../domain.js';
import { CountyPair } from './pair.js';

@ObjectType('CountyCompetencyResult', { description: 'One item of the competency check: met or not' })
export class CountyCompetencyResult {
  @Field(() => CompetencyItem, { description: 'The item examined' }) item!: CompetencyItem;
  @Field(() => Boolean, { description: 'Met (达标) or not' }) met!: boolean;
  @Field(() => String, { nullable: true, description: 'The examiner’s remark, as entered' }) note?: string | null;
}

/**
 * The competency check at the end of a pairing (结业考核; seed 004: what trainees "can master" at
 * the end). One per pair; recording it again replaces it. Passed when every item is met.
 */
@ObjectType('CountyCompetencyCheck', { description: 'The competency check at the end of a pairing (结业能力考核)' })
@Entity({ schema: '*', tableName: 'cp_competency_check' })
export class CountyCompetencyCheck extends TalentOwnedEntity {
  @Unique()
  @ManyToOne(() => CountyPair, { deleteRule: 'cascade' })
  pair!: CountyPair;

  @Field(() => CalendarDateScalar, { description: 'Day of the check (on or after the pairing’s last day)' })
  @Property({ type: 'date' })
  checkedOn!: CalendarDate;

  @Field(() => [CountyCompetencyResult], { description: 'One result per competency item' })
  @Property({ type: 'json' })
  items!: CountyCompetencyResult[];

  @Field(() => Boolean, { description: 'Every item met' })
  @Property({ type: 'boolean' })
  passed!: boolean;

  @Field(() => String, { description: 'Who examined (name as recorded)' })
  @Property({ type: 'string' })
  examiner!: string;
}

/**
 * 激励关爱: an incentive, an act of care, or political-quality or business-ability support given to
 * a trainee (seed 004: "improve the mechanism of talent incentive care, improve the political
 * quality and business ability of the training object"). Money, when there is any, is in fen.
 */
@ObjectType('CountyCareRecord', { description: '激励关爱: an incentive or act of care for a trainee' })
@Entity({ schema: '*', tableName: 'cp_care' })
@Index({ properties: ['kind', 'givenOn'] })
export class CountyCareRecord extends TalentOwnedEntity {
  @Field(() => CareKind, { description: 'Incentive, care, political quality or business ability' })
  @Enum({ items: () => CareKind })
  kind!: CareKind;

  @Field(() => String, { description: 'What was given or done, as entered (县级优秀学员表彰, 走访慰问…)' })
  @Property({ type: 'string' })
  title!: string;

  @Field(() => CalendarDateScalar, { description: 'Day given' })
  @Property({ type: 'date' })
  givenOn!: CalendarDate;

  @Field(() => FenScalar, { nullable: true, description: 'Integer fen (分), for a bonus or allowance; null when no money is involved', deprecationReason: 'Use amount, which carries its currency (amount { fen amount currencyCode })' })
  @Property({ type: new BigIntType('number'), nullable: true })
  amountFen?: number | null;

  @Field(() => String, { nullable: true, description: 'More about it, as entered' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;
}
