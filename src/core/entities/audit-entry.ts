import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { BigIntType, type Opt } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';

/**
 * Who changed what, when. Written in the same transaction as the change (see audit.ts), never
 * updated or deleted (a trigger refuses it), hash-chained per tenant by the database (migration
 * core.0004). Personal data is masked in `before`/`after`.
 */
@ObjectType({ description: 'One change to one record' })
@Entity({ schema: '*', tableName: 'audit_entry' })
export class AuditEntry {
  // As a string: past 2^53 a number would round, and GraphQL's ID takes a string.
  @Field(() => ID, { description: 'Position in the trail (increasing)' })
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  seq!: string & Opt;

  @Field(() => Date, { description: 'When it happened (UTC instant)' })
  @Index()
  @Property({ type: 'timestamptz' })
  at: Date & Opt = new Date();

  @Field(() => String, { description: 'User id (token subject), or "system"' })
  @Property({ type: 'string' })
  actor!: string;

  @Field(() => [String], { description: 'The actor’s roles as the token spells them (commission-admin…)', deprecationReason: 'Use actingRoles, typed by the Role enum (COMMISSION_ADMIN for commission-admin…)' })
  @Property({ type: 'text[]' })
  actorRoles: string[] & Opt = [];

  @Field(() => String, { description: 'The type of the record (Talent, Placement…)' })
  @Property({ type: 'string' })
  entity!: string;

  @Field(() => String, { description: 'The record’s id' })
  @Index()
  @Property({ type: 'string' })
  entityId!: string;

  @Field(() => String, { description: 'create, update or delete (a row), download or export (a file), refused-foreign-id-number', deprecationReason: 'Use actionType, typed by the AuditAction enum (CREATE for create…)' })
  @Property({ type: 'string' })
  action!: string;

  @Field(() => GraphQLJSON, { description: 'The changed fields before (null for a creation); personal data masked', nullable: true })
  @Property({ type: 'json', nullable: true })
  before?: Record<string, unknown> | null;

  @Field(() => GraphQLJSON, { description: 'The changed fields after (null for a deletion); personal data masked', nullable: true })
  @Property({ type: 'json', nullable: true })
  after?: Record<string, unknown> | null;

  @Field(() => String, { description: 'The request that made the change (x-request-id), to find its log line; null for jobs', nullable: true })
  @Property({ type: 'string', nullable: true })
  requestId?: string | null;

  @Field(() => String, { nullable: true, description: 'Hash of the previous entry of this tenant (the chain; set by the database)' })
  @Property({ type: 'string', length: 64, nullable: true })
  prevHash?: string | null;

  @Field(() => String, { nullable: true, description: 'sha256 over prevHash and this entry; `npm run audit:verify` checks the chain' })
  @Property({ type: 'string', length: 64, nullable: true })
  hash?: string | null;
}
