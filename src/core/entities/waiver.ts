import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { Application } from './application.js';
import { BaseEntity } from './base.js';
import { Institution } from './institution.js';
import { TalentOwned } from './scope.js';
import { Talent } from './talent.js';

/**
 * A commission admin waived an "in principle" criterion of an application's eligibility verdict
 * (a `waivable` reason: an age cap 原则上, a title "or equivalent level"), with the reason. The
 * verdict itself is kept as the rule gave it; the application is eligible once every failed
 * criterion is waived. The contract always listed `waivable` reasons; Wenzhou had built this
 * table for itself (`wz_waiver`, moved here by its migration 0003).
 */
@ObjectType('EligibilityWaiver', { description: 'A waived "in principle" eligibility criterion, with the reason' })
@Entity({ schema: '*', tableName: 'eligibility_waiver' })
@Unique({ properties: ['application', 'code'] })
@TalentOwned()
export class EligibilityWaiver extends BaseEntity {
  @Index()
  @ManyToOne(() => Application, { deleteRule: 'cascade' })
  application!: Application;

  @ManyToOne(() => Talent, { deleteRule: 'restrict' })
  talent!: Talent;

  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  unit!: Institution;

  @Field(() => String, { description: 'The criterion code waived, as in `Eligibility.reasons.code` (e.g. AGE_OVER_CAP)' })
  @Property({ type: 'string' })
  code!: string;

  @Field(() => String, { description: 'Why it was waived, as the commission recorded it' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => String, { description: 'Who waived it (user id, the token subject)' })
  @Property({ type: 'string' })
  waivedBy!: string;

  @Field(() => Int, { description: 'Configuration revision of the verdict that was waived' })
  @Property({ type: 'integer' })
  configVersion!: number;
}
