import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { Application, BaseEntity, Field as ProfessionalField, Institution, Talent, TalentOwnedEntity } from '../../../src/index.js';
import { ApprenticeTier } from '../domain.js';
import { CountyRound } from './round.js';

/**
 * A mentor's published offer in a round: their field and capacity (one or two apprentices) and
 * their ranking of applicants. Mentors are core Talents (senior staff of a county hospital); the
 * mentor's user carries role `mentor` and `talentId` = this row's `talent`. Offers are public in
 * the tenant (apprentices read them to rank), so the row is not talent-scoped and keeps the
 * published name and department itself, and refers to the mentor's Talent by id only.
 */
@ObjectType('CountyMentor', { description: "A mentor's offer in a round: field, capacity, ranking of applicants" })
@Entity({ schema: '*', tableName: 'cp_mentor' })
@Unique({ properties: ['round', 'talentId'] })
export class CountyMentor extends BaseEntity {
  @Index()
  @ManyToOne(() => CountyRound, { deleteRule: 'cascade' })
  round!: CountyRound;

  /**
   * The mentor's Talent id. A plain column (with a foreign key in the migration), not a relation:
   * MikroORM joins M:1 relations to filtered entities and applies their filter, so a relation to
   * Talent would hide every offer from an apprentice (whose row scope is their own Talent).
   */
  @Index()
  @Property({ type: 'uuid' })
  talentId!: string;

  /** The mentor's hospital: the host of the pairing's placement. */
  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  unit!: Institution;

  @Field(() => String, { description: 'The mentor’s name as published with the offer (apprentices read it to rank)' })
  @Property({ type: 'string' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'The mentor’s department as published' })
  @Property({ type: 'string', nullable: true })
  department?: string | null;

  @Field(() => ProfessionalField, { description: 'The professional field the mentor takes apprentices in (专业对口: apprentices of this field only)' })
  @Enum({ items: () => ProfessionalField })
  field!: ProfessionalField;

  @Field(() => Int, { description: 'Apprentices this mentor takes: 1 or 2' })
  @Property({ type: 'integer' })
  capacity!: number;

  /** Apprentice entry ids, most preferred first. */
  @Property({ type: 'text[]' })
  ranking: string[] & Opt = [];
}

/**
 * A talent applying to be paired in a round, with their ranking of mentors. Backed by a core
 * Application (track = field) so the pairing becomes a core Placement once confirmed.
 */
@ObjectType('CountyApprentice', { description: 'An applicant for pairing in a round, with their ranking of mentors' })
@Entity({ schema: '*', tableName: 'cp_apprentice' })
@Unique({ properties: ['round', 'talent'] })
export class CountyApprentice extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => CountyRound, { deleteRule: 'cascade' })
  round!: CountyRound;

  @ManyToOne(() => Application, { deleteRule: 'restrict' })
  application!: Application;

  @Field(() => String, { description: 'The apprentice’s name at registration (mentors read it to rank)' })
  @Property({ type: 'string' })
  displayName!: string;

  @Field(() => ProfessionalField, { description: 'The apprentice’s professional field: their track, and the field of every mentor they may rank' })
  @Enum({ items: () => ProfessionalField })
  field!: ProfessionalField;

  @Field(() => ApprenticeTier, { description: '分层培养: the tier the apprentice trains in (from the title at registration, `tierByTitle`; the commission may move them)' })
  @Enum({ items: () => ApprenticeTier })
  tier!: ApprenticeTier;

  @Field(() => String, { nullable: true, description: 'Why the commission moved the apprentice to this tier (null: placed by title)' })
  @Property({ type: 'text', nullable: true })
  tierReason?: string | null;

  /** Mentor entry ids, most preferred first. */
  @Property({ type: 'text[]' })
  ranking: string[] & Opt = [];
}
