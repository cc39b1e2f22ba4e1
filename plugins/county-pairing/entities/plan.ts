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
  @Field(() => String, { description: 'The target’s code within the stage (progress names it)' }) code!: string;
  @Field(() => String, { description: 'What is counted, as the mentor wrote it' }) description!: string;
  @Field(() => Int, { description: 'How many to reach' }) target!: number;
}

/** The mentor's stratified training plan for one pair. */
@ObjectType('CountyPlan', { description: "A mentor's stratified training plan for an apprentice" })
@Entity({ schema: '*', tableName: 'cp_plan' })
export class CountyPlan extends TalentOwnedEntity {
  @Unique()
  @ManyToOne(() => CountyPair, { deleteRule: 'cascade' })
  pair!: CountyPair;

  @Field(() => String, { description: 'Title of the plan, as the mentor wrote it' })
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

  @Field(() => StageKind, { description: 'Theory, supervised practice or independent practice' })
  @Enum({ items: () => StageKind })
  kind!: StageKind;

  @Field(() => CalendarDateScalar, { description: 'First day of the stage' })
  @Property({ type: 'date' })
  startsOn!: CalendarDate;

  @Field(() => CalendarDateScalar, { description: 'Last day of the stage; its review falls due stageReviewAfterDays later (local default 7)' })
  @Property({ type: 'date' })
  endsOn!: CalendarDate;

  @Field(() => [CountyStageTarget], { description: 'What to reach in the stage' })
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

  @Field(() => String, { description: 'The code of the stage target the progress counts towards' })
  @Property({ type: 'string' })
  targetCode!: string;

  @Field(() => Int, { description: 'How many were achieved (a count, not money)' })
  @Property({ type: 'integer' })
  amount!: number;

  @Field(() => CalendarDateScalar, { description: 'Day achieved' })
  @Property({ type: 'date' })
  recordedOn!: CalendarDate;

  @Field(() => String, { nullable: true, description: 'A remark, as entered' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => String, { description: 'User who recorded it (the user id of the token)' })
  @Property({ type: 'string' })
  recordedBy!: string;
}
