import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, OneToMany, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import type { CalendarDate } from '../../calendar.js';
import { ProgrammeStatus } from '../domain.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { BaseEntity } from './base.js';

/**
 * One scheme's call or cohort ("Wenzhou overseas 2025 call", "Ruijin class phase 2").
 * `scheme` is the key of the plugin that owns it: that plugin's rules decide eligibility and
 * report due dates for everything under it.
 */
@ObjectType({ description: "A scheme's call or cohort" })
@Entity({ schema: '*', tableName: 'programme' })
export class Programme extends BaseEntity {
  @Field(() => String, { description: 'Key of the scheme plugin that owns this programme' })
  @Index()
  @Property({ type: 'string' })
  scheme!: string;

  @Field(() => String, { description: 'Short code, unique in the tenant (e.g. WZ-2025)' })
  @Unique()
  @Property({ type: 'string' })
  code!: string;

  @Field(() => String, { description: 'The programme’s name as entered (any language), e.g. 2025年度温州市医学人才出国研修项目' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => Int, { description: 'The year of the call or cohort, where it has one', nullable: true })
  @Property({ type: 'integer', nullable: true })
  year?: number | null;

  @Field(() => ProgrammeStatus, { description: 'Where the programme is: draft, open (taking applications), closed or archived' })
  @Enum({ items: () => ProgrammeStatus })
  status: ProgrammeStatus & Opt = ProgrammeStatus.DRAFT;

  @Field(() => CalendarDateScalar, { description: 'First day applications are taken (null: no opening day)', nullable: true })
  @Property({ type: 'date', nullable: true })
  opensOn?: CalendarDate | null;

  @Field(() => CalendarDateScalar, { description: 'Last day applications are taken (null: no closing day)', nullable: true })
  @Property({ type: 'date', nullable: true })
  closesOn?: CalendarDate | null;

  /** Ages and other time-dependent criteria are judged on this day. */
  @Field(() => CalendarDateScalar, { description: 'The day eligibility is judged on (ages, years of service…)' })
  @Property({ type: 'date' })
  referenceDate!: CalendarDate;

  @Field(() => Int, { nullable: true, description: 'Total places, if capped' })
  @Property({ type: 'integer', nullable: true })
  quota?: number | null;

  @OneToMany(() => ProgrammeTrack, (t) => t.programme, { orderBy: { code: 'asc' } })
  tracks = new Collection<ProgrammeTrack>(this);
}

/** A track or sub-plan of a programme (Wenzhou's "clinical backbone", Guizhou's "forest-cultivation"). */
@ObjectType({ description: 'A track or sub-plan of a programme' })
@Entity({ schema: '*', tableName: 'programme_track' })
@Unique({ properties: ['programme', 'code'] })
export class ProgrammeTrack extends BaseEntity {
  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Programme;

  @Field(() => String, { description: 'Track or sub-plan code, unique in the programme (what `track` fields hold)' })
  @Property({ type: 'string' })
  code!: string;

  @Field(() => String, { description: 'The track’s name as entered (any language)' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => Int, { description: 'Places on this track, if capped (null: no cap of its own)', nullable: true })
  @Property({ type: 'integer', nullable: true })
  quota?: number | null;
}
