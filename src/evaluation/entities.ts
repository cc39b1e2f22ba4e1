import { BigIntType, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import type { CalendarDate } from '../calendar.js';
import { TitleGrade } from '../core/domain.js';
import { Application } from '../core/entities/application.js';
import { BaseEntity } from '../core/entities/base.js';
import { Institution } from '../core/entities/institution.js';
import { Placement } from '../core/entities/placement.js';
import { Programme } from '../core/entities/programme.js';
import { Report } from '../core/entities/report.js';
import { TalentOwned } from '../core/entities/scope.js';
import { Talent } from '../core/entities/talent.js';
import { CalendarDateScalar, FenScalar } from '../graphql/scalars.js';
import { SnapshotKind, TalentPost } from './domain.js';

/**
 * A talent's indicators as they stood on a day: at the decision on their application (the
 * baseline, for the selected and the not selected alike) and at each follow-up after return.
 * Written by the core, never by a scheme: baselines by the flush hook every decision passes
 * (src/evaluation/baseline.ts), follow-ups when the unit files one (follow-ups.ts). Counts are of
 * the talent's research output achieved on or before `recordedOn`; `months` is 0 for a baseline.
 */
@ObjectType('EvaluationSnapshot', { description: "A talent's indicators at the decision (baseline) or a follow-up after return" })
@Entity({ schema: '*', tableName: 'evaluation_snapshot' })
@Unique({ properties: ['programme', 'talent', 'kind', 'months'] })
@TalentOwned()
export class EvaluationSnapshot extends BaseEntity {
  @Index()
  @ManyToOne(() => Talent, { deleteRule: 'cascade' })
  talent!: Talent;

  @Index()
  @ManyToOne(() => Institution, { deleteRule: 'cascade' })
  unit!: Institution;

  @Index()
  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Programme;

  @ManyToOne(() => Application, { nullable: true, deleteRule: 'set null' })
  application?: Application | null;

  @ManyToOne(() => Placement, { nullable: true, deleteRule: 'set null' })
  placement?: Placement | null;

  @ManyToOne(() => Report, { nullable: true, deleteRule: 'set null' })
  report?: Report | null;

  @Field(() => String, { description: 'The track or sub-plan applied to (null without one)', nullable: true })
  @Property({ type: 'string', nullable: true })
  track?: string | null;

  @Field(() => SnapshotKind, { description: 'A baseline at the decision, or a follow-up after return' })
  @Enum({ items: () => SnapshotKind })
  kind!: SnapshotKind;

  @Field(() => Int, { description: 'Months after return (0 for the baseline)' })
  @Property({ type: 'integer', default: 0 })
  months: number & Opt = 0;

  @Field(() => Boolean, { description: 'Selected (a trainee) or not selected at the decision' })
  @Property({ type: 'boolean' })
  selected!: boolean;

  @Field(() => CalendarDateScalar, { description: 'The day the indicators were recorded (Asia/Shanghai)' })
  @Property({ type: 'date' })
  recordedOn!: CalendarDate;

  @Field(() => TitleGrade, { description: 'Professional title grade then' })
  @Enum({ items: () => TitleGrade })
  titleGrade!: TitleGrade;

  @Field(() => TalentPost, { description: 'Post in the unit then (null when not recorded)', nullable: true })
  @Enum({ items: () => TalentPost, nullable: true })
  post?: TalentPost | null;

  @Field(() => Int, { description: 'Research outputs of every kind, counted up to the day recorded' }) @Property({ type: 'integer', default: 0 }) outputs: number & Opt = 0;
  @Field(() => Int, { description: 'Papers (论文)' }) @Property({ type: 'integer', default: 0 }) papers: number & Opt = 0;
  @Field(() => Int, { description: 'Papers indexed in SCI, SCIE or SSCI' }) @Property({ type: 'integer', default: 0 }) sciPapers: number & Opt = 0;
  @Field(() => Int, { description: 'Research grants (科研项目)' }) @Property({ type: 'integer', default: 0 }) grants: number & Opt = 0;
  @Field(() => FenScalar, { description: 'Sum of the grants’ amounts in whole fen', deprecationReason: 'Use grant, which carries its currency (grant { fen amount currencyCode })' }) @Property({ type: new BigIntType('number'), default: 0 }) grantFen: number & Opt = 0;
  @Field(() => Int, { description: 'Awards (科技奖励)' }) @Property({ type: 'integer', default: 0 }) awards: number & Opt = 0;
  @Field(() => Int, { description: 'Patents (专利)' }) @Property({ type: 'integer', default: 0 }) patents: number & Opt = 0;
  @Field(() => Int, { description: 'New clinical techniques (新技术新项目)' }) @Property({ type: 'integer', default: 0 }) newTechniques: number & Opt = 0;

  @Property({ type: 'string' })
  recordedBy!: string;
}
