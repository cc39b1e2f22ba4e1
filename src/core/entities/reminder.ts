import { Entity, Enum, Index, ManyToOne, OneToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from './base.js';
import { Institution } from './institution.js';
import { Report } from './report.js';
import { TalentOwned } from './scope.js';
import { Talent } from './talent.js';

/** Who a reminder is for: the talent who owes the report, their unit's coordinators, or the commission. */
export enum Audience { TALENT = 'talent', UNIT = 'unit', COMMISSION = 'commission' }
/** Before the due day, on it, or an escalation after it. */
export enum ReminderStage { BEFORE = 'before', DUE = 'due', OVERDUE = 'overdue' }
/**
 * `suppressed`: recorded as history (a seed, an Excel import of past records) already past due, so
 * never sent; `digest`: more than the tenant's cut-off past due when first planned, so listed in one
 * digest per recipient instead of sent on its own (src/jobs/digests.ts); `sent` once it was.
 */
export enum ReminderState { PENDING = 'pending', SENT = 'sent', CANCELLED = 'cancelled', SUPPRESSED = 'suppressed', DIGEST = 'digest' }
registerEnumType(Audience, { name: 'Audience' });
registerEnumType(ReminderStage, { name: 'ReminderStage' });
registerEnumType(ReminderState, {
  name: 'ReminderState',
  description: 'PENDING (to be sent at fireAt), SENT, CANCELLED (the report was handed in or no longer owed), SUPPRESSED (recorded as history already past due: never sent), DIGEST (long overdue when first planned: goes into one digest per recipient, then SENT)',
});

/**
 * PostgreSQL is the source of truth for what must happen and when: one row per reminder, with
 * its instant, its state and an idempotency key (report + audience + offset). BullMQ's delayed
 * job is only how it happens on time; a sweep re-enqueues what Redis lost.
 */
@ObjectType({ description: 'A reminder that a report falls due (or is overdue)' })
@Entity({ schema: '*', tableName: 'reminder' })
@Index({ properties: ['state', 'fireAt'] })
@TalentOwned()
export class Reminder extends BaseEntity {
  @Index()
  @ManyToOne(() => Report, { deleteRule: 'cascade' })
  report!: Report;

  @ManyToOne(() => Talent, { deleteRule: 'cascade' })
  talent!: Talent;

  @ManyToOne(() => Institution, { deleteRule: 'cascade' })
  unit!: Institution;

  @Field(() => Audience)
  @Enum({ items: () => Audience })
  audience!: Audience;

  @Field(() => ReminderStage)
  @Enum({ items: () => ReminderStage })
  stage!: ReminderStage;

  @Field(() => Int, { description: 'Days relative to the due day (-14 = two weeks before, 7 = a week late)' })
  @Property({ type: 'integer' })
  offsetDays!: number;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  fireAt!: Date;

  @Field(() => ReminderState)
  @Enum({ items: () => ReminderState })
  state: ReminderState & Opt = ReminderState.PENDING;

  @Unique()
  @Property({ type: 'string' })
  idempotencyKey!: string;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  sentAt?: Date | null;

  /** The digest that listed this reminder, instead of a message of its own. */
  @Index()
  @ManyToOne(() => ReminderDigest, { nullable: true, deleteRule: 'set null' })
  digest?: ReminderDigest | null;
}

/**
 * One message to one recipient (a talent, a unit, the commission) listing reports that were long
 * overdue when their reminders were first planned, instead of one message each. Each reminder it
 * lists points at it; it has exactly one inbox message.
 */
@Entity({ schema: '*', tableName: 'reminder_digest' })
export class ReminderDigest extends BaseEntity {
  @Enum({ items: () => Audience })
  audience!: Audience;

  /** `talent:<id>`, `unit:<id>` or `commission`. */
  @Property({ type: 'string' })
  recipient!: string;

  @ManyToOne(() => Talent, { nullable: true, deleteRule: 'cascade' })
  talent?: Talent | null;

  @ManyToOne(() => Institution, { nullable: true, deleteRule: 'cascade' })
  unit?: Institution | null;

  /** Reports listed. */
  @Property({ type: 'integer' })
  items!: number;

  @Property({ type: 'timestamptz' })
  sentAt!: Date;
}

/**
 * One in-app message; exactly one per reminder or per digest (unique keys make a second delivery
 * impossible). A digest to the commission names no talent or unit of its own.
 */
@ObjectType({ description: 'A message in an in-app inbox' })
@Entity({ schema: '*', tableName: 'inbox_message' })
@Index({ properties: ['audience', 'readAt'] })
@TalentOwned()
export class InboxMessage extends BaseEntity {
  @OneToOne(() => Reminder, { owner: true, unique: true, nullable: true, deleteRule: 'cascade' })
  reminder?: Reminder | null;

  @OneToOne(() => ReminderDigest, { owner: true, unique: true, nullable: true, deleteRule: 'cascade' })
  digest?: ReminderDigest | null;

  @ManyToOne(() => Talent, { nullable: true, deleteRule: 'cascade' })
  talent?: Talent | null;

  @ManyToOne(() => Institution, { nullable: true, deleteRule: 'cascade' })
  unit?: Institution | null;

  @Field(() => Audience)
  @Enum({ items: () => Audience })
  audience!: Audience;

  @Field(() => String)
  @Property({ type: 'string' })
  titleZh!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  titleEn!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  bodyZh!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  bodyEn!: string;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  readAt?: Date | null;
}

export enum DeliveryState { PENDING = 'pending', DELIVERED = 'delivered', FAILED = 'failed' }

/** A reminder POSTed to the tenant's webhook: one row per reminder, retried with back-off. */
@Entity({ schema: '*', tableName: 'webhook_delivery' })
export class WebhookDelivery extends BaseEntity {
  @OneToOne(() => Reminder, { owner: true, unique: true, deleteRule: 'cascade' })
  reminder!: Reminder;

  @Property({ type: 'string' })
  url!: string;

  @Enum({ items: () => DeliveryState })
  state: DeliveryState & Opt = DeliveryState.PENDING;

  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Property({ type: 'integer', nullable: true })
  lastStatus?: number | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;
}
