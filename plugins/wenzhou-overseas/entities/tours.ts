import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, CalendarDateScalar, Institution, Programme, TrainingGroup, type CalendarDate } from '../../../src/index.js';
import { WenzhouAgencyService } from './enums.js';

/**
 * 五(一) 通过组织遴选，择优选择第三方机构开展"百医出海"项目合作…做好政策咨询、行前教育、语言研学等
 * 服务保障: a third-party agency chosen for a call, with what it provides and why it was chosen.
 */
@ObjectType('WenzhouAgency', { description: 'A third-party agency selected for a call (第三方机构), and its services' })
@Entity({ schema: '*', tableName: 'wz_agency' })
@Unique({ properties: ['programme', 'institution'] })
export class WenzhouAgency extends BaseEntity {
  @Index()
  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Programme;

  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  institution!: Institution;

  @Field(() => [WenzhouAgencyService], { description: 'What it provides for the call (政策咨询、行前教育、语言研学…)' }) @Property({ type: 'text[]' }) services!: WenzhouAgencyService[];
  @Field(() => CalendarDateScalar, { description: '通过组织遴选: the day it was selected' }) @Property({ type: 'date' }) selectedOn!: CalendarDate;
  @Field(() => String, { description: 'How it was selected (择优选择)' }) @Property({ type: 'text' }) selectionNote!: string;
  @Field(() => String, { description: 'The user id of who recorded the selection (commission)' }) @Property({ type: 'string' }) selectedBy!: string;
}

/**
 * 五(一) 强化组团研学管理: a group study tour is a core TrainingGroup under the call (its leader,
 * its members, its dates, its group report), with the agency that organises it, if any.
 */
@ObjectType('WenzhouStudyTour', { description: 'A group study tour (组团研学): a core training group, and the agency that runs it' })
@Entity({ schema: '*', tableName: 'wz_study_tour' })
export class WenzhouStudyTour extends BaseEntity {
  @Unique()
  @ManyToOne(() => TrainingGroup, { deleteRule: 'cascade' })
  group!: TrainingGroup;

  @Index()
  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Programme;

  @ManyToOne(() => WenzhouAgency, { nullable: true, deleteRule: 'set null' })
  agency?: WenzhouAgency | null;

  @ManyToOne(() => Institution, { nullable: true, deleteRule: 'restrict' })
  host?: Institution | null;
}
