import { Entity, Enum, Index, ManyToOne, OneToMany, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Collection } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import type { CalendarDate } from '../../calendar.js';
import { ReportStatus } from '../domain.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { BaseEntity } from './base.js';
import { Institution } from './institution.js';
import { Placement } from './placement.js';
import { TalentOwned } from './scope.js';
import { Talent } from './talent.js';
import { Reminder } from './reminder.js';

/**
 * A document that falls due on a date the scheme's `reportDueDates` rule computes. `kind`
 * together with `sequence` identifies it within its placement (the third quarterly report…),
 * so recomputing due dates updates rows instead of duplicating them.
 */
@ObjectType({ description: 'A report that falls due for a placement' })
@Entity({ schema: '*', tableName: 'report' })
@Unique({ properties: ['placement', 'kind', 'sequence'] })
@TalentOwned()
export class Report extends BaseEntity {
  @Index()
  @ManyToOne(() => Placement, { deleteRule: 'cascade' })
  placement!: Placement;

  @ManyToOne(() => Talent, { deleteRule: 'restrict' })
  talent!: Talent;

  @Index()
  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  unit!: Institution;

  @Field(() => String, { description: "Kind code from the scheme's rule, e.g. summary" })
  @Property({ type: 'string' })
  kind!: string;

  @Property({ type: 'integer', default: 1 })
  sequence: number & Opt = 1;

  @Field(() => String)
  @Property({ type: 'string' })
  title!: string;

  @Index()
  @Field(() => CalendarDateScalar)
  @Property({ type: 'date' })
  dueOn!: CalendarDate;

  @Field(() => ReportStatus)
  @Index()
  @Enum({ items: () => ReportStatus })
  status: ReportStatus & Opt = ReportStatus.DUE;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  submittedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  content?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  reviewedBy?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  reviewNote?: string | null;

  /** The reminder rows (GraphQL exposes them as `reminders` through a DataLoader). */
  @OneToMany(() => Reminder, (m) => m.report)
  reminderRows = new Collection<Reminder>(this);
}
