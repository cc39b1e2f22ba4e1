import { Index, ManyToOne } from '@mikro-orm/decorators/legacy';
import { ObjectType } from 'type-graphql';
import { BaseEntity } from './base.js';
import { Institution } from './institution.js';
import { TalentOwned } from './scope.js';
import { Talent } from './talent.js';

/**
 * The base of a scheme's rows that belong to a talent and their dispatching unit (a stay, an
 * action plan, a case log…): the two relations and the row-scope filter, so a unit's coordinator
 * reaches only its unit's rows and a talent only their own, whatever a resolver asks for. Every
 * plugin declared these three by hand on each such entity.
 */
// A GraphQL type only so that subclasses inherit BaseEntity’s fields through it (type-graphql looks at the direct superclass); no field returns it, so no schema prints it.
@ObjectType()
@TalentOwned()
export abstract class TalentOwnedEntity extends BaseEntity {
  @Index()
  @ManyToOne(() => Talent, { deleteRule: 'restrict' })
  talent!: Talent;

  @Index()
  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  unit!: Institution;
}
