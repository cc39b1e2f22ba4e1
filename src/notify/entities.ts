import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Filter, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../core/entities/base.js';
import { Institution } from '../core/entities/institution.js';
import { Placement } from '../core/entities/placement.js';
import { DeliveryState } from '../core/entities/reminder.js';
import { ROW_SCOPE, TalentOwned, type RowScope } from '../core/entities/scope.js';
import { Talent } from '../core/entities/talent.js';

/** People without an account whom a scheme asks to confirm something. */
export enum ContactRole { HOST_SUPERVISOR = 'host_supervisor', MENTOR = 'mentor', LIAISON = 'liaison', OTHER = 'other' }
registerEnumType(ContactRole, { name: 'ContactRole', description: 'Host supervisor abroad, mentor at a township hospital, liaison, other' });

/**
 * How a talent or a unit wants reminders beyond the in-app inbox: an ordered list of channels
 * (`email`, `robot:<name>` for a WeCom or DingTalk group robot of the tenant file, `inbox` for
 * none). Each reminder goes to each recipient through the first channel that can reach them.
 */
@Entity({ schema: '*', tableName: 'notification_preference' })
@Filter({ name: ROW_SCOPE, default: true, cond: (a: RowScope) => (a?.talentId ? { talent: a.talentId } : a?.unitId ? { unit: a.unitId } : {}) })
export class NotificationPreference extends BaseEntity {
  /** `talent:<id>` or `unit:<id>`: one preference per owner. */
  @Unique()
  @Property({ type: 'string' })
  owner!: string;

  @ManyToOne(() => Talent, { nullable: true, deleteRule: 'cascade' })
  talent?: Talent | null;

  @Index()
  @ManyToOne(() => Institution, { deleteRule: 'cascade' })
  unit!: Institution;

  @Property({ type: 'text[]' })
  channels: string[] = [];

  /** A unit's address (its training office); a talent's is their own `email`. */
  @Property({ type: 'string', nullable: true })
  email?: string | null;
}

/** A person without an account: reached by email, acting through signed single-purpose links. */
@ObjectType('Contact', { description: 'A person without an account (host supervisor, township mentor) reached by email' })
@Entity({ schema: '*', tableName: 'contact' })
@TalentOwned()
export class Contact extends BaseEntity {
  @Field(() => String, { description: 'The person’s name, as entered' }) @Property({ type: 'string' }) name!: string;
  @Field(() => String, { description: 'Where the signed links go' }) @Property({ type: 'string' }) email!: string;
  @Field(() => ContactRole, { description: 'Host supervisor, mentor, liaison or other' }) @Enum({ items: () => ContactRole }) role!: ContactRole;

  @Index()
  @ManyToOne(() => Talent, { deleteRule: 'cascade' })
  talent!: Talent;

  @ManyToOne(() => Institution, { deleteRule: 'cascade' })
  unit!: Institution;

  /** The stay or training the contact oversees; their reminders are that placement's reports'. */
  @Index()
  @ManyToOne(() => Placement, { nullable: true, deleteRule: 'cascade' })
  placement?: Placement | null;

  @Field(() => Boolean, { description: 'Asked to confirm the reports of the placement when they fall due' })
  @Property({ type: 'boolean', default: true })
  confirmsReports: boolean & Opt = true;
}

/**
 * One message through one channel to one recipient. `(source, recipient)` is unique: a reminder
 * (source `reminder:<id>`) reaches each person once, through one channel, whatever runs twice.
 * Derived rows, not audited (like the inbox and webhook deliveries).
 */
@Entity({ schema: '*', tableName: 'channel_delivery' })
@Unique({ properties: ['source', 'recipient'] })
@Index({ properties: ['state'] })
export class ChannelDelivery extends BaseEntity {
  @Property({ type: 'string' }) source!: string;
  /** `talent:<id>`, `unit:<id>`, `commission`, `contact:<id>`. */
  @Property({ type: 'string' }) recipient!: string;
  /** `email`, `wecom`, `dingtalk`. */
  @Property({ type: 'string' }) channel!: string;
  /** The email address, or the robot's name in the tenant file (never its secret URL). */
  @Property({ type: 'string' }) target!: string;
  @Property({ type: 'string' }) titleZh!: string;
  @Property({ type: 'text' }) bodyZh!: string;
  /** The signed link the message carries, for a contact. */
  @Property({ type: 'uuid', nullable: true }) linkId?: string | null;
  @Enum({ items: () => DeliveryState }) state: DeliveryState & Opt = DeliveryState.PENDING;
  @Property({ type: 'integer' }) attempts: number & Opt = 0;
  @Property({ type: 'text', nullable: true }) lastError?: string | null;
  @Property({ type: 'timestamptz', nullable: true }) deliveredAt?: Date | null;
}

/**
 * A signed, expiring, single-purpose link: the capability a person without an account holds.
 * Used once (`usedAt`), it is also the record of what they confirmed, audited like any write.
 */
@ObjectType('Confirmation', { description: 'Something a person without an account confirmed through a signed link' })
@Entity({ schema: '*', tableName: 'action_link' })
@Index({ properties: ['subjectType', 'subjectId'] })
@TalentOwned()
export class ActionLink extends BaseEntity {
  @Field(() => String, { description: 'What the link does, e.g. report.confirm' }) @Property({ type: 'string' }) purpose!: string;
  @Field(() => String, { description: 'The type of the record confirmed (Report)' }) @Property({ type: 'string' }) subjectType!: string;
  @Field(() => String, { description: 'The id of the record confirmed' }) @Property({ type: 'uuid' }) subjectId!: string;
  @ManyToOne(() => Contact, { deleteRule: 'cascade' }) contact!: Contact;
  @ManyToOne(() => Talent, { deleteRule: 'cascade' }) talent!: Talent;
  @ManyToOne(() => Institution, { deleteRule: 'cascade' }) unit!: Institution;
  @Field(() => Date, { description: 'When the link stops working (UTC instant)' }) @Property({ type: 'timestamptz' }) expiresAt!: Date;
  @Field(() => Date, { description: 'When it was used, i.e. when the person confirmed (UTC instant)', nullable: true }) @Property({ type: 'timestamptz', nullable: true }) usedAt?: Date | null;
}
