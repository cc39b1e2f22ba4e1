import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, CalendarDateScalar, Programme, TalentOwnedEntity, TitleGrade, type CalendarDate } from '../../../src/index.js';
import { WenzhouInfluenceLevel } from './enums.js';

/**
 * What the unit attests about an applicant for the track-specific criteria (二(一) 带领团队、
 * 较强影响力; 二(四) 临床带教或教育管理经验): the facts the eligibility rule reads beside the
 * core's talent record. One per talent, replaced at each registration that gives it.
 */
@ObjectType('WenzhouApplicantProfile', { description: "The unit's attestation for the track-specific criteria (二(一), 二(四))" })
@Entity({ schema: '*', tableName: 'wz_applicant_profile' })
@Unique({ properties: ['talent'] })
export class WenzhouApplicantProfile extends TalentOwnedEntity {
  @Field(() => Boolean, { description: '临床带教工作经验' }) @Property({ type: 'boolean' }) clinicalTeaching!: boolean;
  @Field(() => Boolean, { description: '毕业后医学教育、继续医学教育管理经验' }) @Property({ type: 'boolean' }) educationManagement!: boolean;
  @Field(() => Boolean, { description: '已带领团队形成显著优势和鲜明特色' }) @Property({ type: 'boolean' }) leadsTeam!: boolean;
  @Field(() => WenzhouInfluenceLevel, { description: '同行影响力 as the unit attested it: none | city | provincial | national (在全国或者全省同行中具有较强影响力)' }) @Property({ type: 'string' }) influence!: string;
  @Field(() => String, { nullable: true, description: 'Evidence in brief (projects, team, awards)' }) @Property({ type: 'text', nullable: true }) note?: string | null;
  @Field(() => String, { description: 'The user id of the unit coordinator (or commission) who attested it' }) @Property({ type: 'string' }) attestedBy!: string;
  @Field(() => CalendarDateScalar, { description: 'The day it was attested (the registration that gave it)' }) @Property({ type: 'date' }) attestedOn!: CalendarDate;
}

/** 四(三) 市卫生健康委负责组建评选委员会: one committee per call. */
@ObjectType('WenzhouCommittee', { description: "A call's selection committee (评选委员会), of senior experts" })
@Entity({ schema: '*', tableName: 'wz_committee' })
export class WenzhouCommittee extends BaseEntity {
  @Unique()
  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Programme;

  @Field(() => String, { description: 'The committee’s name as entered, e.g. 2025年度“百医出海”评选委员会' }) @Property({ type: 'string' }) name!: string;
  @Field(() => CalendarDateScalar, { description: 'The day the commission formed it' }) @Property({ type: 'date' }) formedOn!: CalendarDate;
  @Field(() => String, { description: 'The user id of who formed it (commission)' }) @Property({ type: 'string' }) formedBy!: string;
}

/** 评选委员会由医疗卫生健康领域高级专家组成: a member, with the title that makes them senior. */
@ObjectType('WenzhouCommitteeMember', { description: 'A senior expert on a call’s selection committee' })
@Entity({ schema: '*', tableName: 'wz_committee_member' })
@Unique({ properties: ['committee', 'expertId'] })
export class WenzhouCommitteeMember extends BaseEntity {
  @Index()
  @ManyToOne(() => WenzhouCommittee, { deleteRule: 'cascade' })
  committee!: WenzhouCommittee;

  @Field(() => String, { description: "The expert's user id (the one their token carries)" }) @Property({ type: 'string' }) expertId!: string;
  @Field(() => String, { description: 'The expert’s name as entered' }) @Property({ type: 'string' }) name!: string;
  @Field(() => TitleGrade, { description: '高级专家: associate senior or senior' }) @Enum({ items: () => TitleGrade }) titleGrade!: TitleGrade;
  @Field(() => String, { description: 'Field of expertise (医疗卫生健康领域)' }) @Property({ type: 'string' }) specialty!: string;
  @Field(() => String, { nullable: true, description: 'The unit the expert works at: they never score its applicants' }) @Property({ type: 'uuid', nullable: true }) unitId?: string | null;
  @Field(() => Boolean, { description: 'true while the member may score; false once stood down (their sheets so far stay)' }) @Property({ type: 'boolean', default: true }) active: boolean & Opt = true;
}
