import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { Application, TalentOwnedEntity, CalendarDateScalar, Institution, Placement, type CalendarDate } from '../../../src/index.js';
import { GuizhouGrade, GuizhouSubPlan, GuizhouTraineeStatus, GuizhouWithdrawalStage } from '../domain.js';
import { GuizhouCohort } from './cohort.js';

/**
 * A talent enrolled in a cohort: the term (3, 6 or 12 months), the host-side mentor, the mid-term
 * and final assessments, completion or withdrawal, and the return to the home institution. The
 * core `Placement` holds the dates at the host and the reports; this row holds the scheme's facts.
 */
@ObjectType('GuizhouTrainee', { description: 'A talent enrolled in a Guizhou cohort' })
@Entity({ schema: '*', tableName: 'gz_trainee' })
@Unique({ properties: ['cohort', 'talent'] })
@Index({ properties: ['cohort', 'status'] })
export class GuizhouTrainee extends TalentOwnedEntity {
  @ManyToOne(() => GuizhouCohort, { deleteRule: 'restrict' })
  cohort!: GuizhouCohort;

  @Unique()
  @ManyToOne(() => Application, { deleteRule: 'restrict' })
  application!: Application;

  @Unique()
  @ManyToOne(() => Placement, { deleteRule: 'restrict' })
  placement!: Placement;

  @Field(() => GuizhouSubPlan, { description: 'The sub-plan the trainee was selected for (the application’s track)' })
  @Enum({ items: () => GuizhouSubPlan })
  subPlan!: GuizhouSubPlan;

  @Field(() => Int, { description: 'Term in months: 3, 6 or 12' })
  @Property({ type: 'integer' })
  termMonths!: number;

  @Field(() => GuizhouTraineeStatus, { description: 'Where the trainee is: enrolled → in_training → completed | not_completed; withdrawn' })
  @Enum({ items: () => GuizhouTraineeStatus })
  status: GuizhouTraineeStatus & Opt = GuizhouTraineeStatus.ENROLLED;

  @Field(() => String, { nullable: true, description: 'Host-side mentor' })
  @Property({ type: 'string', nullable: true })
  mentorName?: string | null;

  @Field(() => String, { nullable: true, description: 'The host-side mentor’s professional title, as entered' })
  @Property({ type: 'string', nullable: true })
  mentorTitle?: string | null;

  @Field(() => String, { nullable: true, description: 'The host-side mentor’s department, as entered' })
  @Property({ type: 'string', nullable: true })
  mentorDepartment?: string | null;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'First day at the host' })
  @Property({ type: 'date', nullable: true })
  startedOn?: CalendarDate | null;

  @Field(() => GuizhouGrade, { nullable: true, description: 'Mid-term assessment grade (中期考核); null until assessed' })
  @Enum({ items: () => GuizhouGrade, nullable: true })
  midTermGrade?: GuizhouGrade | null;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'Day of the mid-term assessment' })
  @Property({ type: 'date', nullable: true })
  midTermAssessedOn?: CalendarDate | null;

  @Field(() => String, { nullable: true, description: 'The mid-term assessor’s remarks, as entered' })
  @Property({ type: 'text', nullable: true })
  midTermNote?: string | null;

  @Field(() => GuizhouGrade, { nullable: true, description: 'Final assessment: excellent or pass completes the term, fail does not' })
  @Enum({ items: () => GuizhouGrade, nullable: true })
  finalGrade?: GuizhouGrade | null;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'Day of the final assessment (结业考核)' })
  @Property({ type: 'date', nullable: true })
  finalAssessedOn?: CalendarDate | null;

  @Field(() => String, { nullable: true, description: 'The final assessor’s remarks, as entered' })
  @Property({ type: 'text', nullable: true })
  finalNote?: string | null;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'Last day at the host (end of the term, or the withdrawal day)' })
  @Property({ type: 'date', nullable: true })
  endedOn?: CalendarDate | null;

  @Field(() => GuizhouWithdrawalStage, { nullable: true, description: 'When the trainee withdrew (before the start or mid-term); null unless withdrawn' })
  @Enum({ items: () => GuizhouWithdrawalStage, nullable: true })
  withdrawalStage?: GuizhouWithdrawalStage | null;

  @Field(() => String, { nullable: true, description: 'Why the trainee withdrew, as entered' })
  @Property({ type: 'text', nullable: true })
  withdrawalReason?: string | null;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'Back at work in the home institution' })
  @Property({ type: 'date', nullable: true })
  returnedOn?: CalendarDate | null;

  @ManyToOne(() => Institution, { nullable: true, deleteRule: 'restrict' })
  returnedTo?: Institution | null;
}
