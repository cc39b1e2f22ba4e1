import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import type { CalendarDate } from '../calendar.js';
import { BaseEntity } from '../core/entities/base.js';
import { Institution } from '../core/entities/institution.js';
import { Placement } from '../core/entities/placement.js';
import { Programme } from '../core/entities/programme.js';
import { TalentOwned } from '../core/entities/scope.js';
import { Talent } from '../core/entities/talent.js';
import { CalendarDateScalar } from '../graphql/scalars.js';

/**
 * A returnee's rating of their host, once per stay, after return: teaching, access to practice,
 * support (1–5) and whether they would recommend it. The row keeps who rated (row scope: a unit
 * reaches its own people's ratings, the commission all), but GraphQL never says who: the type has
 * no talent or placement field, and the host table shows averages only from k raters up.
 */
@ObjectType('HostRating', { description: 'A returnee’s rating of their host (who rated is never shown)' })
@Entity({ schema: '*', tableName: 'host_rating' })
@Unique({ properties: ['placement'] })
@TalentOwned()
export class HostRating extends BaseEntity {
  @ManyToOne(() => Talent, { deleteRule: 'cascade' })
  talent!: Talent;

  @ManyToOne(() => Institution, { deleteRule: 'cascade' })
  unit!: Institution;

  @ManyToOne(() => Placement, { deleteRule: 'cascade' })
  placement!: Placement;

  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Programme;

  @ManyToOne(() => Institution, { deleteRule: 'cascade' })
  hostInstitution!: Institution;

  @Field(() => Int, { description: 'Teaching, 1–5' }) @Property({ type: 'integer' }) teaching!: number;
  @Field(() => Int, { description: 'Access to clinical practice, 1–5' }) @Property({ type: 'integer' }) practiceAccess!: number;
  @Field(() => Int, { description: 'Support (supervision, living, administration), 1–5' }) @Property({ type: 'integer' }) support!: number;
  @Field(() => Boolean, { description: 'Would recommend the host to colleagues' }) @Property({ type: 'boolean' }) wouldRecommend!: boolean;
  @Field(() => String, { description: 'Free comment, as entered', nullable: true }) @Property({ type: 'text', nullable: true }) comment?: string | null;
  @Field(() => CalendarDateScalar, { description: 'The day it was rated (Asia/Shanghai)' }) @Property({ type: 'date' }) ratedOn!: CalendarDate;
  @Property({ type: 'timestamptz' }) ratedAt: Date & Opt = new Date();
}
