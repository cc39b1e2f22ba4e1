import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { TalentOwnedEntity, CalendarDateScalar, type CalendarDate } from '../../../src/index.js';
import { ActivityKind, CaseRole } from '../domain.js';
import { CountyMentor } from './participants.js';
import { CountyPair } from './pair.js';

/** One case in an apprentice's log: an operation or procedure (with its surgical grade) or a field's own activity. */
@ObjectType('CountyCaseLogEntry', { description: 'One case in an apprentice’s log' })
@Entity({ schema: '*', tableName: 'cp_case_log' })
@Index({ properties: ['kind', 'grade', 'role'] })
export class CountyCaseLogEntry extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => CountyPair, { deleteRule: 'cascade' })
  pair!: CountyPair;

  @Field(() => ActivityKind, { description: 'What the entry records' })
  @Enum({ items: () => ActivityKind })
  kind!: ActivityKind;

  @Field(() => Int, { nullable: true, description: 'Surgical grade 1–4 (operations and procedures only)' })
  @Property({ type: 'smallint', nullable: true })
  grade?: number | null;

  @Field(() => CaseRole, { description: 'The apprentice’s role in the case' })
  @Enum({ items: () => CaseRole })
  role!: CaseRole;

  @Field(() => CalendarDateScalar, { description: 'Day of the case' })
  @Index()
  @Property({ type: 'date' })
  performedOn!: CalendarDate;

  @Field(() => String, { description: "The hospital's case (medical record) reference" })
  @Property({ type: 'string' })
  caseReference!: string;

  @Field(() => String, { nullable: true, description: 'A remark, as entered' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the mentor signed the entry off' })
  @Property({ type: 'timestamptz', nullable: true })
  signedOffAt?: Date | null;

  @ManyToOne(() => CountyMentor, { nullable: true, deleteRule: 'set null' })
  signedOffBy?: CountyMentor | null;
}
