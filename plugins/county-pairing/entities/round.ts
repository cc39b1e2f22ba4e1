import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, CalendarDateScalar, Programme, type CalendarDate } from '../../../src/index.js';
import { RoundStatus } from '../domain.js';

/**
 * A two-way selection round ("Yuping pairing 2024"). It owns a core Programme (scheme
 * `county-pairing`) so that every confirmed pair becomes a core Placement and the core's report
 * machinery (due dates, reminders) applies. The pairing period is the placements' planned period.
 */
@ObjectType('CountyRound', { description: 'A two-way selection round of mentors and apprentices' })
@Entity({ schema: '*', tableName: 'cp_round' })
export class CountyRound extends BaseEntity {
  @Unique()
  @ManyToOne(() => Programme, { deleteRule: 'restrict' })
  programme!: Programme;

  @Field(() => String, { description: 'The programme code, unique in the tenant (e.g. YP-PAIR-2024)' })
  @Unique()
  @Property({ type: 'string' })
  code!: string;

  @Field(() => String, { description: 'Name of the round as the bureau calls it' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => Int, { description: 'Year of the round' })
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => CalendarDateScalar, { description: 'First day of the pairing period (confirmed pairs’ placements start on it)' })
  @Property({ type: 'date' })
  pairingStart!: CalendarDate;

  @Field(() => CalendarDateScalar, { description: 'Last day of the pairing period' })
  @Property({ type: 'date' })
  pairingEnd!: CalendarDate;

  @Field(() => RoundStatus, { description: 'Open → matched → confirmed' })
  @Index()
  @Enum({ items: () => RoundStatus })
  status: RoundStatus & Opt = RoundStatus.OPEN;

  @Field(() => Int, { description: 'How many times the matching has been run' })
  @Property({ type: 'integer', default: 0 })
  matchRuns: number & Opt = 0;

  @Field(() => Date, { nullable: true, description: 'When the matching last ran; null before it has' })
  @Property({ type: 'timestamptz', nullable: true })
  matchedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the commission confirmed the pairs; null until then' })
  @Property({ type: 'timestamptz', nullable: true })
  confirmedAt?: Date | null;
}
