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

  @Field(() => String, { description: 'Name of the cohort as the commission calls it ("瑞金医院第一期", "Ruijin class, phase 1")' })
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

  @Field(() => GuizhouHostRegion, { description: 'Province or municipality of the host hospital (Shanghai, Guangdong, Beijing, Zhejiang)' })
  @Enum({ items: () => GuizhouHostRegion })
  hostRegion!: GuizhouHostRegion;

  @Field(() => [GuizhouSubPlan], { description: 'Sub-plans the cohort takes (its programme’s tracks; an applicant applies in one)' })
  @Property({ type: 'text[]' })
  subPlans!: GuizhouSubPlan[];

  @Field(() => [GuizhouComponent], { description: 'Cultivation always; the return plan adds return confirmation and cascade-training reports' })
  @Property({ type: 'text[]' })
  components!: GuizhouComponent[];

  @Field(() => Int, { description: 'Places; enrolments beyond it are refused' })
  @Property({ type: 'integer' })
  capacity!: number;

  @Field(() => CalendarDateScalar, { description: 'First day of training at the host; every trainee’s term runs from it' })
  @Property({ type: 'date' })
  startDate!: CalendarDate;
}
