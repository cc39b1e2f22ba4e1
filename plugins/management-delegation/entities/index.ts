import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, OneToMany, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, CalendarDateScalar, Placement, TalentOwnedEntity, TrainingGroup, TrainingGroupMember, type CalendarDate } from '../../../src/index.js';
import { SessionKind } from '../domain.js';

/** One session of a delegation's itinerary: a day, a kind, a topic, the host's department and faculty. */
@ObjectType('DelegationSession', { description: 'A course, site visit or department exchange on one day of the itinerary' })
@Entity({ schema: '*', tableName: 'dl_session' })
@Index({ properties: ['group', 'day'] })
export class DelegationSession extends BaseEntity {
  @ManyToOne(() => TrainingGroup, { deleteRule: 'cascade' }) group!: TrainingGroup;

  @Field(() => CalendarDateScalar, { description: 'The day of the trip the session is on' }) @Property({ type: 'date' }) day!: CalendarDate;
  @Field(() => Int, { description: 'Order within the day, from 1' }) @Property({ type: 'integer' }) slot!: number;
  @Field(() => SessionKind, { description: 'Course, site visit or department exchange (seed 002)' }) @Enum({ items: () => SessionKind }) kind!: SessionKind;
  @Field(() => String, { description: 'The topic in English, as the host gives it (the same as topicEn)', deprecationReason: 'Use topicEn: the topic in English, beside topicZh' }) @Property({ type: 'string', length: 300 }) topic!: string;
  @Field(() => String, { nullable: true, description: 'The topic in Chinese, e.g. 梅奥的历史与文化; null when none was given' }) @Property({ type: 'string', length: 300, nullable: true }) topicZh?: string | null;
  @Field(() => String, { nullable: true, description: "The host's department or facility" }) @Property({ type: 'string', nullable: true }) hostDepartment?: string | null;
  @Field(() => [String], { description: "The host's faculty who teach or receive the group" }) @Property({ type: 'text[]' }) faculty: string[] & Opt = [];
}

/**
 * A member's action plan after return (an improvement project for their department), with
 * milestones whose due days become core reports on the member's placement: the reminders and
 * escalations of every other report follow. A local default beyond seed 002.
 */
@ObjectType('DelegationActionPlan', { description: "A member's improvement project after return, with milestones" })
@Entity({ schema: '*', tableName: 'dl_action_plan' })
export class DelegationActionPlan extends TalentOwnedEntity {
  @Unique() @ManyToOne(() => TrainingGroupMember, { deleteRule: 'cascade' }) member!: TrainingGroupMember;
  @Index() @ManyToOne(() => TrainingGroup, { deleteRule: 'cascade' }) group!: TrainingGroup;
  @ManyToOne(() => Placement, { deleteRule: 'cascade' }) placement!: Placement;

  @Field(() => String, { description: 'The improvement project, as entered' }) @Property({ type: 'string', length: 300 }) title!: string;
  @Field(() => String, { description: 'What should change in the member’s department, and how it is measured' }) @Property({ type: 'text' }) goal!: string;
  @Field(() => CalendarDateScalar, { description: 'The day the plan was filed (Asia/Shanghai)' }) @Property({ type: 'date' }) filedOn!: CalendarDate;

  @OneToMany(() => DelegationMilestone, (m) => m.plan, { orderBy: { dueOn: 'asc' } })
  milestones = new Collection<DelegationMilestone>(this);
}

@ObjectType('DelegationMilestone', { description: 'A step of an action plan, due on a day' })
@Entity({ schema: '*', tableName: 'dl_milestone' })
@Unique({ properties: ['placement', 'sequence'] })
export class DelegationMilestone extends TalentOwnedEntity {
  @Index() @ManyToOne(() => DelegationActionPlan, { deleteRule: 'cascade' }) plan!: DelegationActionPlan;

  /** The member's placement: its report `action_plan_milestone` #sequence is this milestone. */
  @ManyToOne(() => Placement, { deleteRule: 'cascade' }) placement!: Placement;

  @Field(() => Int, { description: 'Number of the milestone in the plan, from 1' }) @Property({ type: 'integer' }) sequence!: number;
  @Field(() => String, { description: 'What is to be done, as entered' }) @Property({ type: 'string', length: 300 }) title!: string;
  @Field(() => CalendarDateScalar, { description: 'Due day; its report is reminded and escalated like any other' }) @Property({ type: 'date' }) dueOn!: CalendarDate;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'The day it was done; null while open' }) @Property({ type: 'date', nullable: true }) doneOn?: CalendarDate | null;
  @Field(() => String, { nullable: true, description: 'What was done, as entered when completing it' }) @Property({ type: 'text', nullable: true }) note?: string | null;
}

export const delegationEntities = [DelegationSession, DelegationActionPlan, DelegationMilestone];
