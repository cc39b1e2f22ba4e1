import { BigIntType, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Application, BaseEntity, CalendarDateScalar, FenScalar, Placement, TalentOwnedEntity, type CalendarDate } from '../../../src/index.js';
import { AppraisalPeriod, ChannelCodeEnum, Consequence, Grade, type ChannelCode } from '../domain.js';
import type { IndicatorScore } from '../rules/appraisal.js';

/**
 * A stay abroad through one of the hospital's channels: the core placement, the channel and the
 * appraisal scheme it is managed under, the hospital's funding (the base of a clawback), and —
 * once the three periods are appraised — the overall score, the grade and its consequence.
 */
@ObjectType('HospitalStay', { description: 'A stay abroad through a channel, with its performance appraisal' })
@Entity({ schema: '*', tableName: 'ho_stay' })
export class HospitalStay extends TalentOwnedEntity {
  @Unique() @ManyToOne(() => Placement, { deleteRule: 'cascade' }) placement!: Placement;
  @ManyToOne(() => Application, { deleteRule: 'cascade' }) application!: Application;

  @Field(() => ChannelCodeEnum, { description: 'The channel the stay goes through (the application’s track)' }) @Index() @Property({ type: 'string' }) channel!: ChannelCode;
  @Field(() => String, { description: 'Code of the appraisal scheme the stay is managed under (its channel’s when it was placed); hospitalAppraisalSchemes lists the codes with their names' }) @Index() @Property({ type: 'string' }) appraisalScheme!: string;
  @Field(() => FenScalar, { description: "The hospital's funding of the stay, whole fen", deprecationReason: 'Use funding, which carries its currency (funding { fen amount currencyCode })' }) @Property({ type: new BigIntType('number') }) fundingFen!: number;
  @Field(() => Int, { description: 'Revision of the plugin configuration the stay was set up under (its channel, scheme and funding)' }) @Property({ type: 'integer' }) configRevision!: number;

  @Field(() => Float, { nullable: true, description: 'Weighted over the three periods, once all are appraised' }) @Property({ type: 'double', nullable: true }) overallScore?: number | null;
  @Field(() => Grade, { nullable: true, description: 'The grade from the overall score; null until the three periods are appraised' }) @Enum({ items: () => Grade, nullable: true }) grade?: Grade | null;
  @Field(() => Consequence, { nullable: true, description: "The grade's consequence; null until graded" }) @Enum({ items: () => Consequence, nullable: true }) consequence?: Consequence | null;
  @Field(() => FenScalar, { nullable: true, description: 'The incentive paid, or the sum clawed back, whole fen', deprecationReason: 'Use consequenceAmount, which carries its currency (consequenceAmount { fen amount currencyCode })' }) @Property({ type: new BigIntType('number'), nullable: true }) consequenceFen?: number | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Day of the third appraisal, which graded the stay; null until then' }) @Property({ type: 'date', nullable: true }) gradedOn?: CalendarDate | null;
}

@ObjectType('HospitalAppraisal', { description: 'The appraisal of one period of a stay: indicator scores and their weighted score' })
@Entity({ schema: '*', tableName: 'ho_appraisal' })
@Unique({ properties: ['stay', 'period'] })
export class HospitalAppraisal extends TalentOwnedEntity {
  @Index() @ManyToOne(() => HospitalStay, { deleteRule: 'cascade' }) stay!: HospitalStay;
  @Field(() => AppraisalPeriod, { description: 'The period appraised' }) @Enum({ items: () => AppraisalPeriod }) period!: AppraisalPeriod;
  @Field(() => CalendarDateScalar, { description: 'Day of the appraisal' }) @Property({ type: 'date' }) appraisedOn!: CalendarDate;
  @Property({ type: 'json' }) scores!: IndicatorScore[];
  @Field(() => Float, { description: "Weighted mean of the period's indicator scores" }) @Property({ type: 'double' }) score!: number;
  @Field(() => String, { description: 'User id of who recorded the appraisal (the hospital office)' }) @Property({ type: 'string' }) appraisedBy!: string;
  @Field(() => String, { nullable: true, description: 'Remarks of the office, as entered' }) @Property({ type: 'text', nullable: true }) note?: string | null;
}

/** An expert from abroad invited to the hospital (seed 000: "attracted top international experts … to exchange lectures"). */
@ObjectType('HospitalExpertVisit', { description: 'A visit by an expert from abroad, with the departments that host them' })
@Entity({ schema: '*', tableName: 'ho_expert_visit' })
export class HospitalExpertVisit extends BaseEntity {
  @Field(() => String, { description: "The expert's name as written in their own language" }) @Property({ type: 'string' }) expertName!: string;
  @Field(() => String, { nullable: true, description: 'Their title, e.g. Professor, Chair of …' }) @Property({ type: 'string', nullable: true }) expertTitle?: string | null;
  @Field(() => String, { description: 'Their institution abroad' }) @Property({ type: 'string' }) affiliation!: string;
  @Field(() => String, { description: 'Country of the affiliation, ISO 3166-1 alpha-2 (e.g. US)' }) @Property({ type: 'string', length: 2 }) country!: string;
  @Field(() => CalendarDateScalar, { description: 'First day at the hospital' }) @Index() @Property({ type: 'date' }) arrivesOn!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'Last day at the hospital' }) @Property({ type: 'date' }) departsOn!: CalendarDate;
  @Field(() => [String], { description: 'Host departments, as entered (a lecture in another department adds it)' }) @Property({ type: 'text[]' }) departments: string[] & Opt = [];
  @Field(() => String, { nullable: true, description: 'What the visit is for, as entered' }) @Property({ type: 'text', nullable: true }) purpose?: string | null;
}

@ObjectType('HospitalLecture', { description: 'A lecture or teaching round given by a visiting expert, with its attendance' })
@Entity({ schema: '*', tableName: 'ho_lecture' })
export class HospitalLecture extends BaseEntity {
  @Index() @ManyToOne(() => HospitalExpertVisit, { deleteRule: 'cascade' }) visit!: HospitalExpertVisit;
  @Field(() => String, { description: 'Title of the lecture as given' }) @Property({ type: 'string', length: 300 }) title!: string;
  @Field(() => CalendarDateScalar, { description: 'The day it was held, within the visit' }) @Property({ type: 'date' }) heldOn!: CalendarDate;
  @Field(() => String, { description: 'The department that hosted it, as entered' }) @Property({ type: 'string' }) department!: string;
  @Field(() => Int, { description: 'People who attended' }) @Property({ type: 'integer' }) attendance!: number;
}

export const hospitalEntities = [HospitalStay, HospitalAppraisal, HospitalExpertVisit, HospitalLecture];
