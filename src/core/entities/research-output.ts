import { BigIntType, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import type { CalendarDate } from '../../calendar.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { AuthorRole, PaperIndex, PatentType, ResearchLevel, ResearchOutputKind } from '../research-domain.js';
import { BaseEntity } from './base.js';
import { Institution } from './institution.js';
import { Placement } from './placement.js';
import { TalentOwned } from './scope.js';
import { Talent } from './talent.js';

/**
 * A piece of research output a talent owns, dated, structured enough to be counted and compared:
 * a paper (journal, indexing such as SCI, impact factor, authorship position), a grant (funder,
 * level, amount in fen), an award, a patent, a new clinical technique. It belongs to the talent,
 * not to a placement: output before a stay is the baseline that output after it is compared with
 * (seed 000 compares output per person before and after, across channels). `placement` is an
 * optional attribution. One table with nullable detail columns per kind, checked on input
 * (services/research.ts), rather than a table per kind: every comparison reads them together.
 */
@ObjectType('ResearchOutput', { description: 'A paper, grant, award, patent or new clinical technique of a talent, dated' })
@Entity({ schema: '*', tableName: 'research_output' })
@TalentOwned()
@Index({ properties: ['talent', 'achievedOn'] })
export class ResearchOutput extends BaseEntity {
  @ManyToOne(() => Talent, { deleteRule: 'restrict' })
  talent!: Talent;

  @Index()
  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  unit!: Institution;

  @ManyToOne(() => Placement, { nullable: true, deleteRule: 'set null' })
  placement?: Placement | null;

  @Field(() => ResearchOutputKind, { description: 'Paper, grant, award, patent or new clinical technique: the one of `paper`, `grant`, `award`, `patent`, `technique` that is set' })
  @Enum({ items: () => ResearchOutputKind })
  kind!: ResearchOutputKind;

  @Field(() => String, { description: 'The title as entered (a paper’s, a grant’s project, an award’s…)' })
  @Property({ type: 'string', length: 500 })
  title!: string;

  @Field(() => CalendarDateScalar, { description: 'Published, awarded, granted, or first performed' })
  @Index()
  @Property({ type: 'date' })
  achievedOn!: CalendarDate;

  @Field(() => String, { nullable: true, description: 'DOI, grant number or patent number' })
  @Property({ type: 'string', nullable: true })
  reference?: string | null;

  @Property({ type: 'string', nullable: true })
  journal?: string | null;

  @Property({ type: 'text[]' })
  indexing: PaperIndex[] & Opt = [];

  @Property({ type: 'double', nullable: true })
  impactFactor?: number | null;

  @Enum({ items: () => AuthorRole, nullable: true })
  authorRole?: AuthorRole | null;

  /** The funder of a grant, the body that gave an award, the office that granted a patent. */
  @Property({ type: 'string', nullable: true })
  issuer?: string | null;

  @Enum({ items: () => ResearchLevel, nullable: true })
  level?: ResearchLevel | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  amountFen?: number | null;

  /** An award's grade (一等奖…). */
  @Property({ type: 'string', nullable: true })
  grade?: string | null;

  @Enum({ items: () => PatentType, nullable: true })
  patentType?: PatentType | null;

  /** Where a new clinical technique is carried out. */
  @Property({ type: 'string', nullable: true })
  department?: string | null;

  @Field(() => Boolean, { description: 'Checked by the unit or the commission' })
  @Property({ type: 'boolean', default: false })
  verified: boolean & Opt = false;
}
