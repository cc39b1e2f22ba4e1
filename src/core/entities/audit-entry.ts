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

  @Field(() => Date)
  @Index()
  @Property({ type: 'timestamptz' })
  at: Date & Opt = new Date();

  @Field(() => String, { description: 'User id (token subject), or "system"' })
  @Property({ type: 'string' })
  actor!: string;

  @Field(() => [String])
  @Property({ type: 'text[]' })
  actorRoles: string[] & Opt = [];

  @Field(() => String)
  @Property({ type: 'string' })
  entity!: string;

  @Field(() => String)
  @Index()
  @Property({ type: 'string' })
  entityId!: string;

  @Field(() => String, { description: 'create, update or delete' })
  @Property({ type: 'string' })
  action!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  @Property({ type: 'json', nullable: true })
  before?: Record<string, unknown> | null;

  @Field(() => GraphQLJSON, { nullable: true })
  @Property({ type: 'json', nullable: true })
  after?: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  requestId?: string | null;

  @Field(() => String, { nullable: true, description: 'Hash of the previous entry of this tenant (the chain; set by the database)' })
  @Property({ type: 'string', length: 64, nullable: true })
  prevHash?: string | null;

  @Field(() => String, { nullable: true, description: 'sha256 over prevHash and this entry; `npm run audit:verify` checks the chain' })
  @Property({ type: 'string', length: 64, nullable: true })
  hash?: string | null;
}
