import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { TalentOwnedEntity, CalendarDateScalar, type CalendarDate } from '../../../src/index.js';
import { StageKind } from '../domain.js';
import { CountyPair } from './pair.js';

export interface StageTarget {
  code: string;
  description: string;
  target: number;
}

@ObjectType('CountyStageTarget', { description: 'Something to reach in a stage (a number of cases, sessions, hours…)' })
export class CountyStageTarget {
  @Field(() => String) code!: string;
  @Field(() => String) description!: string;
  @Field(() => Int) target!: number;
}

/** The mentor's stratified training plan for one pair. */
@ObjectType('CountyPlan', { description: "A mentor's stratified training plan for an apprentice" })
@Entity({ schema: '*', tableName: 'cp_plan' })
export class CountyPlan extends TalentOwnedEntity {
  @Unique()
  @ManyToOne(() => CountyPair, { deleteRule: 'cascade' })
  pair!: CountyPair;

  @Field(() => String)
  @Property({ type: 'string' })
  title!: string;

  @Field(() => String, { description: 'User who wrote the plan last' })
  @Property({ type: 'string' })
  writtenBy!: string;
}

/** One stage of a plan: theory, supervised practice or independent practice, with its targets. */
@ObjectType('CountyPlanStage', { description: 'A stage of a training plan' })
@Entity({ schema: '*', tableName: 'cp_plan_stage' })
@Unique({ properties: ['plan', 'position'] })
export class CountyPlanStage extends TalentOwnedEntity {
  @ManyToOne(() => CountyPlan, { deleteRule: 'cascade' })
  plan!: CountyPlan;

  @Field(() => Int, { description: '1, 2, 3… in plan order' })
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => StageKind)
  @Enum({ items: () => StageKind })
  kind!: StageKind;

  @Field(() => CalendarDateScalar)
  @Property({ type: 'date' })
  startsOn!: CalendarDate;

  @Field(() => CalendarDateScalar)
  @Property({ type: 'date' })
  endsOn!: CalendarDate;

  @Field(() => [CountyStageTarget])
  @Property({ type: 'json' })
  targets: StageTarget[] & Opt = [];
}

/** Progress recorded against one target of a stage. */
@ObjectType('CountyProgress', { description: 'Progress recorded against a stage target' })
@Entity({ schema: '*', tableName: 'cp_progress' })
export class CountyProgress extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => CountyPlanStage, { deleteRule: 'cascade' })
  stage!: CountyPlanStage;

  @Field(() => String)
  @Property({ type: 'string' })
  targetCode!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  amount!: number;

  @Field(() => CalendarDateScalar)
  @Property({ type: 'date' })
  recordedOn!: CalendarDate;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => String)
  @Property({ type: 'string' })
  recordedBy!: string;
}
