import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ApplicationStatus } from '../domain.js';
import { BaseEntity } from './base.js';
import { Institution } from './institution.js';
import { Programme } from './programme.js';
import { TalentOwned } from './scope.js';
import { Talent } from './talent.js';

/** What a scheme's eligibility rule answered, kept so a verdict can be explained after the rules change. */
export interface EligibilityRecord {
  eligible: boolean;
  reasons: { code: string; message: string; messageZh?: string; waivable?: boolean }[];
  priorityGroups: string[];
  rule: string;
  configVersion: number;
  decidedOn: string;
}

/**
 * A talent's application to a programme (and track). `unit` is the dispatching unit that
 * registered it; it scopes who may see the row.
 */
@ObjectType({ description: 'A talent applying to a programme track' })
@Entity({ schema: '*', tableName: 'application' })
@Unique({ properties: ['programme', 'talent'] })
@TalentOwned()
export class Application extends BaseEntity {
  @Index()
  @ManyToOne(() => Programme, { deleteRule: 'restrict' })
  programme!: Programme;

  @Field(() => String, { nullable: true, description: 'Track or sub-plan code within the programme' })
  @Property({ type: 'string', nullable: true })
  track?: string | null;

  @Index()
  @ManyToOne(() => Talent, { deleteRule: 'restrict' })
  talent!: Talent;

  @Index()
  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  unit!: Institution;

  @Field(() => ApplicationStatus, { description: 'Where the application is (submitted, eligible, ineligible, selected, rejected, withdrawn)' })
  @Index()
  @Enum({ items: () => ApplicationStatus })
  status: ApplicationStatus & Opt = ApplicationStatus.SUBMITTED;

  @Property({ type: 'json', nullable: true })
  eligibility?: EligibilityRecord | null;

  @Field(() => Date, { description: 'When it was submitted (UTC instant)' })
  @Property({ type: 'timestamptz' })
  submittedAt: Date & Opt = new Date();

  @Field(() => String, { nullable: true, description: 'Why the decision was taken (rejection, withdrawal)' })
  @Property({ type: 'text', nullable: true })
  decisionNote?: string | null;
}
