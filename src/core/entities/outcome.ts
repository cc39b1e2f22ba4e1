import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import type { CalendarDate } from '../../calendar.js';
import { AdminLevel } from '../domain.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { BaseEntity } from './base.js';
import { Institution } from './institution.js';
import { Placement } from './placement.js';
import { TalentOwned } from './scope.js';
import { Talent } from './talent.js';

/**
 * What a talent achieved afterwards: a new technology introduced, a gap filled, a guideline,
 * patent, paper, grant, a teaching or management model, operations, people trained, a promotion.
 * `category` is one of the codes the scheme's `outcomeCategories` rule lists.
 */
@ObjectType({ description: 'Something a talent achieved after training' })
@Entity({ schema: '*', tableName: 'outcome' })
@TalentOwned()
export class Outcome extends BaseEntity {
  @Index()
  @ManyToOne(() => Talent, { deleteRule: 'restrict' })
  talent!: Talent;

  @Index()
  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  unit!: Institution;

  @Index()
  @ManyToOne(() => Placement, { nullable: true, deleteRule: 'set null' })
  placement?: Placement | null;

  @Field(() => String, { description: 'Category code: open across schemes (a scheme’s configuration may define its own, e.g. Wenzhou per track), so a String; `outcomeCategories(placementId:)` lists the codes allowed with labelZh/labelEn' })
  @Index()
  @Property({ type: 'string' })
  category!: string;

  @Field(() => String, { description: 'What was achieved, as entered (e.g. 开展经皮冠状动脉介入新技术)' })
  @Property({ type: 'string' })
  title!: string;

  @Field(() => String, { description: 'Details, as entered', nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => CalendarDateScalar, { description: 'The day it was achieved (Asia/Shanghai calendar day)' })
  @Property({ type: 'date' })
  achievedOn!: CalendarDate;

  @Field(() => Int, { description: 'How many (operations performed, people trained, …); 1 for a single item' })
  @Property({ type: 'integer', default: 1 })
  quantity: number & Opt = 1;

  @Field(() => AdminLevel, { nullable: true, description: 'Level at which it counts (a gap filled at province level)' })
  @Enum({ items: () => AdminLevel, nullable: true })
  level?: AdminLevel | null;

  @Field(() => Boolean, { description: 'Checked by the unit or the commission' })
  @Property({ type: 'boolean', default: false })
  verified: boolean & Opt = false;

  @Field(() => Boolean, { description: 'Flagged as outstanding, for promotion' })
  @Property({ type: 'boolean', default: false })
  flagship: boolean & Opt = false;
}
