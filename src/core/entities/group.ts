import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Filter, Index, ManyToOne, OneToMany, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import type { CalendarDate } from '../../calendar.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { GroupRole, GroupStatus } from '../domain.js';
import { BaseEntity } from './base.js';
import { Institution } from './institution.js';
import { Placement } from './placement.js';
import { Programme } from './programme.js';
import { ROW_SCOPE, TalentOwned, type RowScope } from './scope.js';
import { Talent } from './talent.js';

/**
 * Talents who travel and train together under one of a scheme's programmes: a management
 * delegation (seed 002: 14 managers and their leader, 8 days at Mayo Clinic), a group study tour
 * (Wenzhou's 组团研学). The group is what owes a group report (`Report.group`), written by its
 * leader; each member's own stay is a core Placement, so per-member reports and reminders work as
 * for anyone placed. A unit's coordinator sees the groups its unit organises; a talent those they
 * lead or belong to.
 */
@ObjectType('TrainingGroup', { description: 'A delegation or study group of talents travelling together' })
@Entity({ schema: '*', tableName: 'training_group' })
@Filter({
  name: ROW_SCOPE,
  default: true,
  cond: (args: RowScope) => (args?.talentId ? { $or: [{ leader: args.talentId }, { members: { talent: args.talentId } }] } : args?.unitId ? { unit: args.unitId } : {}),
})
export class TrainingGroup extends BaseEntity {
  @Index()
  @ManyToOne(() => Programme, { deleteRule: 'restrict' })
  programme!: Programme;

  @Field(() => String, { description: 'Short code, unique in the tenant' })
  @Unique()
  @Property({ type: 'string' })
  code!: string;

  @Field(() => String, { description: 'The group’s name as entered (any language), e.g. 2025年度医院管理干部赴德研修团' })
  @Property({ type: 'string' })
  name!: string;

  /** The organising (dispatching) unit: its coordinators manage the group. */
  @Index()
  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  unit!: Institution;

  /** Writes the group report; a member with role leader. */
  @ManyToOne(() => Talent, { nullable: true, deleteRule: 'restrict' })
  leader?: Talent | null;

  @ManyToOne(() => Institution, { nullable: true, deleteRule: 'restrict' })
  hostInstitution?: Institution | null;

  @Field(() => GroupStatus, { description: 'Where the group is: planned, underway (departed), returned, or cancelled' })
  @Enum({ items: () => GroupStatus })
  status: GroupStatus & Opt = GroupStatus.PLANNED;

  @Field(() => CalendarDateScalar, { description: 'Planned departure day (Asia/Shanghai calendar day)' }) @Property({ type: 'date' }) plannedStart!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'Planned return day' }) @Property({ type: 'date' }) plannedEnd!: CalendarDate;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Departure' }) @Property({ type: 'date', nullable: true }) actualStart?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Return' }) @Property({ type: 'date', nullable: true }) actualEnd?: CalendarDate | null;

  @Field(() => Int, { nullable: true, description: 'Most people in the group, the leader included (null = no cap)' })
  @Property({ type: 'integer', nullable: true })
  memberCap?: number | null;

  @Field(() => String, { description: 'Why the status changed (a cancellation’s reason), as entered', nullable: true })
  @Property({ type: 'text', nullable: true })
  statusNote?: string | null;

  @OneToMany(() => TrainingGroupMember, (m) => m.group)
  members = new Collection<TrainingGroupMember>(this);
}

@ObjectType('TrainingGroupMember', { description: 'A talent in a training group, with their own placement for the trip' })
@Entity({ schema: '*', tableName: 'training_group_member' })
@Unique({ properties: ['group', 'talent'] })
@TalentOwned()
export class TrainingGroupMember extends BaseEntity {
  @Index()
  @ManyToOne(() => TrainingGroup, { deleteRule: 'cascade' })
  group!: TrainingGroup;

  @Index()
  @ManyToOne(() => Talent, { deleteRule: 'restrict' })
  talent!: Talent;

  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  unit!: Institution;

  @Field(() => GroupRole, { description: 'Leader (writes the group report) or member' })
  @Enum({ items: () => GroupRole })
  role: GroupRole & Opt = GroupRole.MEMBER;

  /** The member's stay at the host for the group's dates (null while the group has no host). */
  @ManyToOne(() => Placement, { nullable: true, deleteRule: 'set null' })
  placement?: Placement | null;
}
