import { Entity, Enum, Index, ManyToOne, OneToMany, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Collection } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import type { CalendarDate } from '../../calendar.js';
import { ReportStatus } from '../domain.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { BaseEntity } from './base.js';
import { Institution } from './institution.js';
import { Placement } from './placement.js';
import { TalentOwned } from './scope.js';
import { Talent } from './talent.js';
import { Reminder } from './reminder.js';
import { TrainingGroup } from './group.js';

/**
 * A document that falls due on a date the scheme's rule computes: owed by a placement (its
 * `reportDueDates` rule) or by a training group (its `groupReportDueDates` rule; the group's
 * leader is the talent who owes it), exactly one of the two. `kind` together with `sequence`
 * identifies it within its owner (the third quarterly report…), so recomputing due dates updates
 * rows instead of duplicating them.
 */
@ObjectType({ description: 'A report that falls due for a placement or a training group' })
@Entity({ schema: '*', tableName: 'report' })
@Unique({ properties: ['placement', 'kind', 'sequence'] })
@Unique({ properties: ['group', 'kind', 'sequence'] })
@TalentOwned()
export class Report extends BaseEntity {
  @Index()
  @ManyToOne(() => Placement, { nullable: true, deleteRule: 'cascade' })
  placement?: Placement | null;

  @Index()
  @ManyToOne(() => TrainingGroup, { nullable: true, deleteRule: 'cascade' })
  group?: TrainingGroup | null;

  @ManyToOne(() => Talent, { deleteRule: 'restrict' })
  talent!: Talent;

  @Index()
  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  unit!: Institution;

  @Field(() => String, { description: "Kind code from the scheme's rule (summary, check_in, stage_review, evaluation.follow_up…): each scheme fixes its own in code, so the set is open across schemes and a String (a code such as evaluation.follow_up is no GraphQL enum value); `reportKinds` lists this tenant's with labelZh/labelEn" })
  @Property({ type: 'string' })
  kind!: string;

  @Field(() => Int, { description: 'Which one of its kind, from 1 (the third quarterly report, the second milestone)' })
  @Property({ type: 'integer', default: 1 })
  sequence: number & Opt = 1;

  @Field(() => String, { description: 'The title as the scheme’s rule wrote it, Chinese and English in one (研学总结报告 Study summary report)', deprecationReason: 'Use titleZh and titleEn: the same title given apart, one language each' })
  @Property({ type: 'string' })
  title!: string;

  @Index()
  @Field(() => CalendarDateScalar, { description: 'The day it falls due (Asia/Shanghai calendar day); overdue from the next day' })
  @Property({ type: 'date' })
  dueOn!: CalendarDate;

  @Field(() => ReportStatus, { description: 'Due, submitted, accepted, returned for changes, or cancelled' })
  @Index()
  @Enum({ items: () => ReportStatus })
  status: ReportStatus & Opt = ReportStatus.DUE;

  @Field(() => Date, { description: 'When it was last handed in (null until then)', nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  submittedAt?: Date | null;

  @Field(() => String, { description: 'The report’s text as handed in (null until then)', nullable: true })
  @Property({ type: 'text', nullable: true })
  content?: string | null;

  @Field(() => String, { description: 'Who accepted or returned it (user id, the token subject)', nullable: true })
  @Property({ type: 'string', nullable: true })
  reviewedBy?: string | null;

  @Field(() => String, { description: 'The reviewer’s note (why it was returned…)', nullable: true })
  @Property({ type: 'text', nullable: true })
  reviewNote?: string | null;

  /** The reminder rows (GraphQL exposes them as `reminders` through a DataLoader). */
  @OneToMany(() => Reminder, (m) => m.report)
  reminderRows = new Collection<Reminder>(this);
}
