import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import type { CalendarDate } from '../../calendar.js';
import { PlacementStatus } from '../domain.js';
import { Application } from './application.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { BaseEntity } from './base.js';
import { Institution } from './institution.js';
import { Programme } from './programme.js';
import { TalentOwned } from './scope.js';
import { Talent } from './talent.js';

/** A talent at a host institution for a period: planned dates, then actual ones. */
@ObjectType({ description: 'A talent placed at a host institution for a period' })
@Entity({ schema: '*', tableName: 'placement' })
@TalentOwned()
export class Placement extends BaseEntity {
  @Index()
  @ManyToOne(() => Programme, { deleteRule: 'restrict' })
  programme!: Programme;

  @ManyToOne(() => Application, { nullable: true, deleteRule: 'set null' })
  application?: Application | null;

  @Index()
  @ManyToOne(() => Talent, { deleteRule: 'restrict' })
  talent!: Talent;

  @Index()
  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  unit!: Institution;

  @Index()
  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  hostInstitution!: Institution;

  @Field(() => PlacementStatus, { description: 'Where the placement is: planned, active (departed), completed (returned) or withdrawn' })
  @Index()
  @Enum({ items: () => PlacementStatus })
  status: PlacementStatus & Opt = PlacementStatus.PLANNED;

  @Index()
  @Field(() => CalendarDateScalar, { description: 'Planned first day at the host (Asia/Shanghai calendar day)' })
  @Property({ type: 'date' })
  plannedStart!: CalendarDate;

  @Field(() => CalendarDateScalar, { description: 'Planned last day at the host' })
  @Property({ type: 'date' })
  plannedEnd!: CalendarDate;

  @Field(() => CalendarDateScalar, { description: 'Departure: the first day away, once recorded (null before)', nullable: true })
  @Property({ type: 'date', nullable: true })
  actualStart?: CalendarDate | null;

  @Field(() => CalendarDateScalar, { description: 'Return: the last day at the host, once recorded (null before); report due days count from it', nullable: true })
  @Property({ type: 'date', nullable: true })
  actualEnd?: CalendarDate | null;

  @Field(() => String, { description: 'Why the status changed (a withdrawal’s reason), as entered', nullable: true })
  @Property({ type: 'text', nullable: true })
  statusNote?: string | null;
}
