import { PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * Every tenant row: a time-ordered UUID (so cursors follow creation order and keys are safe to
 * shard), timestamps, and a version for optimistic locking of concurrent edits.
 */
@ObjectType({ description: 'Fields every record has' })
export abstract class BaseEntity {
  @Field(() => ID, { description: 'The record’s id: a time-ordered UUID, also accepted by `node(id:)`' })
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = uuidv7();

  @Field(() => Date, { description: 'When the record was created (UTC instant)' })
  @Property({ type: 'timestamptz', onCreate: () => new Date() })
  createdAt: Date & Opt = new Date();

  @Field(() => Date, { description: 'When the record last changed (UTC instant)' })
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  @Field(() => Int, { description: 'Incremented on every change; send it back to detect concurrent edits' })
  @Property({ type: 'integer', version: true })
  version!: number & Opt;
}
