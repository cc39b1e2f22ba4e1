import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { TalentOwnedEntity, CalendarDateScalar, EncryptedString, Placement, TrainingGroup, type CalendarDate } from '../../../src/index.js';
import { WenzhouClawbackReason, WenzhouClawbackStatus, WenzhouCostCategory, WenzhouExtensionStatus } from './enums.js';
import { TRACK_FIELD } from '../config.js';
import { WenzhouCandidacy } from './selection.js';

/** The plugin's side of a core Placement: liaison, the listed-country check, breaches (五(二)). */
@ObjectType('WenzhouStay', { description: 'A stay abroad under the Wenzhou plan (one per placement)' })
@Entity({ schema: '*', tableName: 'wz_stay' })
export class WenzhouStay extends TalentOwnedEntity {
  @Unique()
  @ManyToOne(() => Placement, { deleteRule: 'cascade' })
  placement!: Placement;

  @Unique()
  @ManyToOne(() => WenzhouCandidacy, { deleteRule: 'cascade' })
  candidacy!: WenzhouCandidacy;

  @Field(() => String, { description: TRACK_FIELD })
  @Index()
  @Property({ type: 'string' })
  track!: string;

  @Field(() => String, { description: '安排专人联络协调: the named liaison' })
  @Property({ type: 'string' })
  liaisonName!: string;

  /** Personal data (a phone number): only for the commission, the unit and the talent; encrypted at rest. */
  @Property({ type: EncryptedString, nullable: true })
  liaisonContact?: string | null;

  @Field(() => String, { nullable: true, description: "Why a host outside the plan's listed countries" })
  @Property({ type: 'text', nullable: true })
  outsideListReason?: string | null;

  @Field(() => [String], { description: 'Guidance not followed (duration outside the typical window, host kind)' })
  @Property({ type: 'text[]' })
  warnings: string[] & Opt = [];

  @Field(() => Int, { description: 'Days stayed beyond the approved end without an approved extension (a breach when > 0)' })
  @Property({ type: 'integer', default: 0 })
  unapprovedExtensionDays: number & Opt = 0;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'End of the service period after return (the agreement’s period)' })
  @Property({ type: 'date', nullable: true })
  serviceUntil?: CalendarDate | null;

  /** The group study tour (组团研学, a core TrainingGroup) the talent travels with, if any. */
  @ManyToOne(() => TrainingGroup, { nullable: true, deleteRule: 'set null' })
  studyTour?: TrainingGroup | null;
}

/** 全程每日研修计划: what the talent does on each day (a range of days with the same daily plan). */
@ObjectType('WenzhouStudyPlanItem', { description: 'A range of days of the daily study plan (全程每日研修计划) with the same activity each day' })
@Entity({ schema: '*', tableName: 'wz_study_plan_item' })
export class WenzhouStudyPlanItem extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => WenzhouStay, { deleteRule: 'cascade' })
  stay!: WenzhouStay;

  @Field(() => CalendarDateScalar, { description: 'First day of the range (within the planned stay)' }) @Property({ type: 'date' }) fromDay!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'Last day of the range, inclusive' }) @Property({ type: 'date' }) toDay!: CalendarDate;
  @Field(() => String, { description: 'What the talent does each of these days' }) @Property({ type: 'text' }) activity!: string;
}

/** 开展定期汇报: a periodic check-in during the stay. */
@ObjectType('WenzhouCheckIn', { description: 'A periodic check-in of a talent abroad (开展定期汇报); the host supervisor is asked to confirm it' })
@Entity({ schema: '*', tableName: 'wz_check_in' })
export class WenzhouCheckIn extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => WenzhouStay, { deleteRule: 'cascade' })
  stay!: WenzhouStay;

  @Field(() => CalendarDateScalar, { description: 'The day it reports on: between departure and today' }) @Property({ type: 'date' }) onDate!: CalendarDate;
  @Field(() => String, { description: 'What the talent did and learnt in the period' }) @Property({ type: 'text' }) summary!: string;
  @Field(() => String, { nullable: true, description: 'Problems the liaison should help with; safety and discipline matters' }) @Property({ type: 'text', nullable: true }) concerns?: string | null;
  @Field(() => String, { description: 'The user id of who submitted it (the talent or their unit)' }) @Property({ type: 'string' }) submittedBy!: string;
  @Field(() => Int, { nullable: true, description: 'The check-in period it answers (1 = the first N days after departure)' }) @Property({ type: 'integer', nullable: true }) period?: number | null;
}

/** A request to stay longer; only an approved one moves the end (未经单位同意擅自延长 is a breach). */
@ObjectType('WenzhouExtension', { description: 'A request to stay abroad longer; only an approved one moves the end of the stay (未经单位同意擅自延长 is a breach)' })
@Entity({ schema: '*', tableName: 'wz_extension' })
export class WenzhouExtension extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => WenzhouStay, { deleteRule: 'cascade' })
  stay!: WenzhouStay;

  @Field(() => CalendarDateScalar, { description: 'The planned end when it was asked' }) @Property({ type: 'date' }) previousEnd!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'The end asked for' }) @Property({ type: 'date' }) requestedEnd!: CalendarDate;
  @Field(() => String, { description: 'Why, as the requester gave it' }) @Property({ type: 'text' }) reason!: string;
  @Field(() => WenzhouExtensionStatus, { description: 'pending, approved or refused' }) @Enum({ items: () => WenzhouExtensionStatus }) status: WenzhouExtensionStatus & Opt = WenzhouExtensionStatus.PENDING;
  @Field(() => String, { description: 'The user id of who asked (the talent or their unit)' }) @Property({ type: 'string' }) requestedBy!: string;
  @Field(() => String, { nullable: true, description: 'The user id of who decided (the unit); null while pending' }) @Property({ type: 'string', nullable: true }) decidedBy?: string | null;
  @Field(() => String, { nullable: true, description: 'The unit’s note on its decision; required when refused' }) @Property({ type: 'text', nullable: true }) decisionNote?: string | null;
}

/** 后续由派出单位结合实际适时考核: the unit's follow-up assessment after return. */
@ObjectType('WenzhouFollowUp', { description: 'The unit’s follow-up assessment of a talent after return (派出单位适时考核)' })
@Entity({ schema: '*', tableName: 'wz_follow_up' })
export class WenzhouFollowUp extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => WenzhouStay, { deleteRule: 'cascade' })
  stay!: WenzhouStay;

  @Field(() => CalendarDateScalar, { description: 'The day of the assessment; not before the return' }) @Property({ type: 'date' }) assessedOn!: CalendarDate;
  @Field(() => Boolean, { description: 'The agreed study tasks were completed' }) @Property({ type: 'boolean' }) tasksCompleted!: boolean;
  @Field(() => String, { description: 'The assessment as the unit wrote it' }) @Property({ type: 'text' }) summary!: string;
  @Field(() => String, { description: 'The user id of who assessed (the unit)' }) @Property({ type: 'string' }) assessedBy!: string;
}

/** 经验分享: an experience-sharing session after return. */
@ObjectType('WenzhouSharingSession', { description: 'An experience-sharing session after return (经验分享)' })
@Entity({ schema: '*', tableName: 'wz_sharing_session' })
export class WenzhouSharingSession extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => WenzhouStay, { deleteRule: 'cascade' })
  stay!: WenzhouStay;

  @Field(() => CalendarDateScalar, { description: 'The day it was held; not before the return' }) @Property({ type: 'date' }) heldOn!: CalendarDate;
  @Field(() => String, { description: 'Its title as entered' }) @Property({ type: 'string' }) title!: string;
  @Field(() => Int, { description: 'People who attended' }) @Property({ type: 'integer' }) audience!: number;
}

/** A cost of a stay in fen, split between the foundation, the unit and the talent. */
@ObjectType('WenzhouCostItem', { description: 'A cost of a stay in fen (1/100 yuan), with its split' })
@Entity({ schema: '*', tableName: 'wz_cost_item' })
export class WenzhouCostItem extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => WenzhouStay, { deleteRule: 'cascade' })
  stay!: WenzhouStay;

  @Field(() => WenzhouCostCategory, { description: 'What it paid for' }) @Enum({ items: () => WenzhouCostCategory }) category!: WenzhouCostCategory;
  @Field(() => String, { description: 'What the cost was, as entered' }) @Property({ type: 'string' }) description!: string;
  @Field(() => CalendarDateScalar, { description: 'The day it was incurred; the cost shares in force that day apply' }) @Property({ type: 'date' }) incurredOn!: CalendarDate;
  @Field(() => Int, { description: 'The whole cost in fen (1/100 yuan)', deprecationReason: 'Use amount, which carries its currency (amount { fen amount currencyCode })' }) @Property({ type: 'integer' }) amountFen!: number;
  @Field(() => Int, { description: 'Fen paid by the Ouyue health foundation (基金会)', deprecationReason: 'Use foundationShare, which carries its currency (foundationShare { fen amount currencyCode })' }) @Property({ type: 'integer' }) foundationFen!: number;
  @Field(() => Int, { description: 'Fen paid by the unit', deprecationReason: 'Use unitShare, which carries its currency (unitShare { fen amount currencyCode })' }) @Property({ type: 'integer' }) unitFen!: number;
  @Field(() => Int, { description: 'Fen paid by the talent', deprecationReason: 'Use individualShare, which carries its currency (individualShare { fen amount currencyCode })' }) @Property({ type: 'integer' }) individualFen!: number;
  @Field(() => Int, { description: 'Percent' }) @Property({ type: 'integer' }) foundationPct!: number;
  @Field(() => Int, { description: 'Percent' }) @Property({ type: 'integer' }) unitPct!: number;
  @Field(() => Int, { description: 'Percent' }) @Property({ type: 'integer' }) individualPct!: number;
  @Field(() => Int, { description: 'Configuration revision the shares came from' }) @Property({ type: 'integer' }) configVersion!: number;
}

/** 单位有权追回相关待遇保障: a clawback case with the amount to recover. */
@ObjectType('WenzhouClawback', { description: 'A clawback case (单位有权追回相关待遇保障): what the unit claims back from a talent who broke a clause of the agreement' })
@Entity({ schema: '*', tableName: 'wz_clawback' })
export class WenzhouClawback extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => WenzhouStay, { deleteRule: 'cascade' })
  stay!: WenzhouStay;

  @Field(() => WenzhouClawbackReason, { description: 'The ground: tasks not completed, unapproved extension, or leaving before the service period ends' }) @Enum({ items: () => WenzhouClawbackReason }) reason!: WenzhouClawbackReason;
  @Field(() => Int, { description: 'Fen to recover', deprecationReason: 'Use amount, which carries its currency (amount { fen amount currencyCode })' }) @Property({ type: 'integer' }) amountFen!: number;
  @Field(() => Int, { description: 'Fen recovered so far', deprecationReason: 'Use recovered, which carries its currency (recovered { fen amount currencyCode })' }) @Property({ type: 'integer', default: 0 }) recoveredFen: number & Opt = 0;
  @Field(() => WenzhouClawbackStatus, { description: 'open, recovered (in full) or waived (the rest)' }) @Enum({ items: () => WenzhouClawbackStatus }) status: WenzhouClawbackStatus & Opt = WenzhouClawbackStatus.OPEN;
  @Field(() => String, { description: 'The unit’s note on the case' }) @Property({ type: 'text' }) note!: string;
  @Field(() => String, { description: 'The user id of who opened it (the unit)' }) @Property({ type: 'string' }) openedBy!: string;
  @Field(() => CalendarDateScalar, { description: 'The day it was opened' }) @Property({ type: 'date' }) openedOn!: CalendarDate;
  @Field(() => String, { nullable: true, description: "The clause of this talent's agreement that was broken (T1…, R1, S1)" }) @Property({ type: 'string', nullable: true }) clauseCode?: string | null;
  @Field(() => String, { nullable: true, description: 'That clause as the agreement worded it' }) @Property({ type: 'text', nullable: true }) clauseText?: string | null;
}
