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
export enum ReminderState { PENDING = 'pending', SENT = 'sent', CANCELLED = 'cancelled', SUPPRESSED = 'suppressed', DIGEST = 'digest', SUPERSEDED = 'superseded' }
registerEnumType(Audience, { name: 'Audience', description: 'Whose inbox a reminder or message goes to: the talent, their dispatching unit’s coordinators, or the commission' });
registerEnumType(ReminderStage, { name: 'ReminderStage', description: 'When a reminder fires relative to the due day: before it, on it, or after it (overdue); the days come from the tenant file’s reminders settings' });
registerEnumType(ReminderState, {
  name: 'ReminderState',
  description: 'PENDING (to be sent at fireAt), SENT, CANCELLED (the report was handed in or no longer owed), SUPPRESSED (recorded as history already past due: never sent), DIGEST (long overdue when first planned: goes into one digest per recipient, then SENT), SUPERSEDED (fell due together with a later stage for the same report and audience, after the workers were down: only the latest is sent)',
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

  @Field(() => Audience, { description: 'Whose inbox the reminder goes to (the talent, their unit’s coordinators, the commission)' })
  @Enum({ items: () => Audience })
  audience!: Audience;

  @Field(() => ReminderStage, { description: 'Before the due day, on it, or overdue' })
  @Enum({ items: () => ReminderStage })
  stage!: ReminderStage;

  @Field(() => Int, { description: 'Days relative to the due day (-14 = two weeks before, 7 = a week late)' })
  @Property({ type: 'integer' })
  offsetDays!: number;

  @Field(() => Date, { description: 'When it is (or was) planned to go out (UTC instant)' })
  @Property({ type: 'timestamptz' })
  fireAt!: Date;

  @Field(() => ReminderState, { description: 'Pending, sent, cancelled (the report no longer owed), suppressed, or folded into a digest' })
  @Enum({ items: () => ReminderState })
  state: ReminderState & Opt = ReminderState.PENDING;

  @Unique()
  @Property({ type: 'string' })
  idempotencyKey!: string;

  @Field(() => Date, { description: 'When it went out (null until sent)', nullable: true })
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

  @Field(() => Audience, { description: 'Whose inbox it is in: the talent’s, their unit coordinators’ or the commission’s' })
  @Enum({ items: () => Audience })
  audience!: Audience;

  @Field(() => String, { description: 'Title in Chinese (what Chinese audiences read)' })
  @Property({ type: 'string' })
  titleZh!: string;

  @Field(() => String, { description: 'Title in English' })
  @Property({ type: 'string' })
  titleEn!: string;

  @Field(() => String, { description: 'Text in Chinese (plain text, may span lines)' })
  @Property({ type: 'text' })
  bodyZh!: string;

  @Field(() => String, { description: 'Text in English (plain text, may span lines)' })
  @Property({ type: 'text' })
  bodyEn!: string;

  @Field(() => Date, { description: 'When it was marked read (null while unread)', nullable: true })
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
