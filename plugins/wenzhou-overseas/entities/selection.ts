import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { WenzhouDecimal } from '../api/scalars.js';
import { Application, BaseEntity, TalentOwnedEntity, CalendarDateScalar, EnglishLevel, Profession, Programme, type CalendarDate } from '../../../src/index.js';
import { TRACK_FIELD } from '../config.js';
import { WenzhouExitStep, WenzhouFilingOffice, WenzhouStage } from './enums.js';

/** 内部发布: one internal publication of a call's approved list (never public; units must not publish it). */
@ObjectType('WenzhouPublication', { description: 'An internal publication of the approved list, filed with the talent and foreign-affairs offices' })
@Entity({ schema: '*', tableName: 'wz_publication' })
export class WenzhouPublication extends BaseEntity {
  @Index()
  @ManyToOne(() => Programme, { deleteRule: 'restrict' })
  programme!: Programme;

  @Field(() => CalendarDateScalar, { description: 'The day the list was published internally (对内发布)' })
  @Property({ type: 'date' })
  publishedOn!: CalendarDate;

  @Field(() => String, { description: 'The user id of who published it (commission)' })
  @Property({ type: 'string' })
  publishedBy!: string;

  @Field(() => Int, { description: 'Talents on the list' })
  @Property({ type: 'integer' })
  count!: number;

  @Field(() => String, { nullable: true, description: 'A note on the publication, as entered' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}

/** 报市委人才办、市外办备案. */
@ObjectType('WenzhouFiling', { description: 'A filing record of a published list with an office' })
@Entity({ schema: '*', tableName: 'wz_filing' })
@Unique({ properties: ['publication', 'office'] })
export class WenzhouFiling extends BaseEntity {
  @ManyToOne(() => WenzhouPublication, { deleteRule: 'cascade' })
  publication!: WenzhouPublication;

  @Field(() => WenzhouFilingOffice, { description: 'The office it was filed with: 市委人才办 (talent office) or 市外办 (foreign-affairs office)' })
  @Enum({ items: () => WenzhouFilingOffice })
  office!: WenzhouFilingOffice;

  @Field(() => CalendarDateScalar, { description: 'The day it was filed (the day of publication)' })
  @Property({ type: 'date' })
  filedOn!: CalendarDate;

  @Field(() => String, { nullable: true, description: 'Reference number of the filing' })
  @Property({ type: 'string', nullable: true })
  reference?: string | null;

  @Field(() => Int, { description: 'Talents on the filed list' })
  @Property({ type: 'integer' })
  count!: number;
}

/** One applicant's way through the selection pipeline of a call: the plugin's side of a core Application. */
@ObjectType('WenzhouCandidacy', { description: 'An applicant in the selection pipeline of a Wenzhou call' })
@Entity({ schema: '*', tableName: 'wz_candidacy' })
export class WenzhouCandidacy extends TalentOwnedEntity {
  @Unique()
  @ManyToOne(() => Application, { deleteRule: 'cascade' })
  application!: Application;

  @Index()
  @ManyToOne(() => Programme, { deleteRule: 'restrict' })
  programme!: Programme;

  @Field(() => String, { description: TRACK_FIELD })
  @Index()
  @Property({ type: 'string' })
  track!: string;

  @Field(() => WenzhouStage, { description: 'Where the applicant is in the pipeline (四、报名与选派程序), then the stay' })
  @Index()
  @Enum({ items: () => WenzhouStage })
  stage: WenzhouStage & Opt = WenzhouStage.REGISTERED;

  @Field(() => Date, { description: 'When the unit registered the applicant (UTC instant)' })
  @Property({ type: 'timestamptz' })
  registeredAt!: Date;

  @Field(() => String, { description: 'Who in the unit registered the applicant and attested conduct, health and fit with the unit plan' })
  @Property({ type: 'string' })
  attestedBy!: string;

  @Field(() => EnglishLevel, { nullable: true, description: 'Language assessment result (外语能力评估)' })
  @Enum({ items: () => EnglishLevel, nullable: true })
  languageLevel?: EnglishLevel | null;

  @Field(() => Int, { nullable: true, description: 'The language assessment’s score, 0–100 (外语能力评估); the committee’s 外语评估结果 is taken from it; null before the assessment' })
  @Property({ type: 'integer', nullable: true })
  languageScore?: number | null;

  @Field(() => String, { nullable: true, description: 'The user id of the expert who assessed the language; null before' })
  @Property({ type: 'string', nullable: true })
  languageAssessedBy?: string | null;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'The day of the language assessment; null before' })
  @Property({ type: 'date', nullable: true })
  languageAssessedOn?: CalendarDate | null;

  @Field(() => String, { nullable: true, description: 'The assessing expert’s note' })
  @Property({ type: 'text', nullable: true })
  languageNote?: string | null;

  @Field(() => Int, { nullable: true, description: 'Place in the ranked list of the track' })
  @Property({ type: 'integer', nullable: true })
  rank?: number | null;

  @Field(() => WenzhouDecimal, { nullable: true, description: "Weighted mean of the experts' scores" })
  @Property({ type: 'double', nullable: true })
  weightedScore?: number | null;

  @Field(() => WenzhouDecimal, { nullable: true, description: 'Weighted score plus the priority-group bonus' })
  @Property({ type: 'double', nullable: true })
  totalScore?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Within the track's quota when ranked" })
  @Property({ type: 'boolean', nullable: true })
  withinQuota?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'When the commission approved the applicant (四(四) 审定, UTC instant); null before' })
  @Property({ type: 'timestamptz', nullable: true })
  approvedAt?: Date | null;

  @ManyToOne(() => WenzhouPublication, { nullable: true, deleteRule: 'set null' })
  publication?: WenzhouPublication | null;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'Exit formalities completed by the unit' })
  @Property({ type: 'date', nullable: true })
  exitClearedOn?: CalendarDate | null;

  @Field(() => String, { nullable: true, description: 'The unit’s note on the exit formalities' })
  @Property({ type: 'text', nullable: true })
  exitNote?: string | null;

  @Field(() => [WenzhouExitStep], { description: 'Pre-departure steps done with the exit formalities (四(五), 五(二)): travel_documents, pre_departure_training, political_education (思想政治和意识形态教育), confidentiality_briefing; empty before them' })
  @Property({ type: 'text[]' })
  exitChecklist: string[] & Opt = [];
}

/** One committee expert's scores for one applicant (四(三)). */
@ObjectType('WenzhouScore', { description: "One committee expert's scores for an applicant" })
@Entity({ schema: '*', tableName: 'wz_score' })
@Unique({ properties: ['candidacy', 'expertId'] })
export class WenzhouScore extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => WenzhouCandidacy, { deleteRule: 'cascade' })
  candidacy!: WenzhouCandidacy;

  @Field(() => String, { description: 'The scoring expert’s user id (a member of the call’s committee)' })
  @Property({ type: 'string' })
  expertId!: string;

  @Property({ type: 'uuid', nullable: true })
  expertUnitId?: string | null;

  @Field(() => Int, { description: '业务能力, 0..scoreMax (configuration, 100 by default)' }) @Property({ type: 'integer' }) businessAbility!: number;
  @Field(() => Int, { description: '临床水平, 0..scoreMax' }) @Property({ type: 'integer' }) clinicalLevel!: number;
  @Field(() => Int, { description: '外语评估结果, 0..scoreMax: the recorded language assessment’s score on this scale' }) @Property({ type: 'integer' }) languageResult!: number;
  @Field(() => Int, { description: '社会评价, 0..scoreMax' }) @Property({ type: 'integer' }) socialEvaluation!: number;

  @Field(() => String, { nullable: true, description: 'The profession whose weights applied (根据申报人员职业特点), as its lowercase value (doctor, manager…); null = the general weights', deprecationReason: 'Use weightsForProfession: the same profession as the Profession enum' })
  @Property({ type: 'string', nullable: true })
  weightsProfession?: string | null;

  @Field(() => Profession, { nullable: true, description: 'The profession whose weights applied (根据申报人员职业特点, configuration scoreWeightsByProfession); null = the general weights (scoreWeights)' })
  get weightsForProfession(): Profession | null {
    return (this.weightsProfession as Profession | null | undefined) ?? null;
  }

  @Field(() => WenzhouDecimal, { description: 'Weighted by the configuration in force when scored' })
  @Property({ type: 'double' })
  weighted!: number;

  @Field(() => String, { nullable: true, description: 'The expert’s comment; commission and committee only, as the sheet is' })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;
}
