import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, CalendarDateScalar, Institution, Programme, type CalendarDate } from '../../../src/index.js';
import { GuizhouComponent, GuizhouHostRegion, GuizhouSubPlan } from '../domain.js';

/**
 * A class of the plan at one host hospital in one period (phase) of a round: "round 2, period 5,
 * Ruijin class phase 1". Its core `Programme` (scheme `guizhou-shanghai-class`) takes the
 * applications; the programme's tracks are the cohort's sub-plans.
 */
@ObjectType('GuizhouCohort', { description: 'A class of the Guizhou Medical Talents Plan at one host in one period of a round' })
@Entity({ schema: '*', tableName: 'gz_cohort' })
@Unique({ properties: ['period', 'hostInstitution'] })
export class GuizhouCohort extends BaseEntity {
  @Unique()
  @ManyToOne(() => Programme, { deleteRule: 'restrict' })
  programme!: Programme;

  @Field(() => String)
  @Property({ type: 'string' })
  name!: string;

  @Field(() => Int, { description: 'Round of the plan (1, 2, …)' })
  @Index()
  @Property({ type: 'integer' })
  round!: number;

  @Field(() => Int, { description: 'Period (phase) number, counted across the whole plan (1…6 over two rounds)' })
  @Index()
  @Property({ type: 'integer' })
  period!: number;

  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  hostInstitution!: Institution;

  @Field(() => GuizhouHostRegion)
  @Enum({ items: () => GuizhouHostRegion })
  hostRegion!: GuizhouHostRegion;

  @Field(() => [GuizhouSubPlan])
  @Property({ type: 'text[]' })
  subPlans!: GuizhouSubPlan[];

  @Field(() => [GuizhouComponent], { description: 'Cultivation always; the return plan adds return confirmation and cascade-training reports' })
  @Property({ type: 'text[]' })
  components!: GuizhouComponent[];

  @Field(() => Int, { description: 'Places; enrolments beyond it are refused' })
  @Property({ type: 'integer' })
  capacity!: number;

  @Field(() => CalendarDateScalar)
  @Property({ type: 'date' })
  startDate!: CalendarDate;
}
