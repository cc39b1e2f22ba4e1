import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { TalentOwnedEntity, Placement } from '../../../src/index.js';
import { PairSource, PairStatus } from '../domain.js';
import { CountyApprentice, CountyMentor } from './participants.js';
import { CountyRound } from './round.js';

/**
 * A mentor–apprentice pair. Proposed by the matching run (or an adjustment), confirmed by the
 * commission; on confirmation it gets a core Placement (host = the mentor's hospital, period = the
 * round's) whose reports are the pairing's reminders. One live pair per apprentice (partial unique
 * index in the migration).
 */
@ObjectType('CountyPair', { description: 'A mentor and an apprentice paired in a round' })
@Entity({ schema: '*', tableName: 'cp_pair' })
export class CountyPair extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => CountyRound, { deleteRule: 'cascade' })
  round!: CountyRound;

  @Index()
  @ManyToOne(() => CountyMentor, { deleteRule: 'restrict' })
  mentor!: CountyMentor;

  @Index()
  @ManyToOne(() => CountyApprentice, { deleteRule: 'cascade' })
  apprentice!: CountyApprentice;

  /** The apprentice (row scoping: a talent sees their own pairs). */
  /** The apprentice's unit. */
  @Field(() => PairStatus, { description: 'Proposed by the matching, confirmed by the commission, or cancelled by an adjustment' })
  @Index()
  @Enum({ items: () => PairStatus })
  status: PairStatus & Opt = PairStatus.PROPOSED;

  @Field(() => PairSource, { description: 'Whether the matching run or a manual adjustment made the pair' })
  @Enum({ items: () => PairSource })
  source: PairSource & Opt = PairSource.MATCHING;

  @Field(() => String, { nullable: true, description: 'Why the commission adjusted this pair' })
  @Property({ type: 'text', nullable: true })
  adjustReason?: string | null;

  @ManyToOne(() => CountyMentor, { nullable: true, deleteRule: 'set null' })
  previousMentor?: CountyMentor | null;

  @ManyToOne(() => Placement, { nullable: true, deleteRule: 'set null' })
  placement?: Placement | null;
}
