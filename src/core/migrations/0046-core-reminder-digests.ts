import { Migration } from '@mikro-orm/migrations';

/**
 * No reminder floods (issue 14): reminders recorded as history are `suppressed`, long-overdue ones
 * wait as `digest` for one digest per recipient; a digest has one inbox message, so an inbox
 * message belongs to a reminder or to a digest, and a commission's digest names no talent or unit.
 */
export class CoreReminderDigests extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "reminder_digest" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "audience" text not null, "recipient" varchar(255) not null, "talent_id" uuid null, "unit_id" uuid null, "items" int not null, "sent_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "reminder_digest" add constraint "reminder_digest_audience_check" check ("audience" in ('talent', 'unit', 'commission'));`);
    this.addSql(`alter table "reminder_digest" add constraint "reminder_digest_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete cascade;`);
    this.addSql(`alter table "reminder_digest" add constraint "reminder_digest_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete cascade;`);

    this.addSql(`alter table "reminder" drop constraint "reminder_state_check";`);
    this.addSql(`alter table "reminder" add constraint "reminder_state_check" check ("state" in ('pending', 'sent', 'cancelled', 'suppressed', 'digest'));`);
    this.addSql(`alter table "reminder" add column "digest_id" uuid null;`);
    this.addSql(`alter table "reminder" add constraint "reminder_digest_id_foreign" foreign key ("digest_id") references "reminder_digest" ("id") on delete set null;`);
    this.addSql(`create index "reminder_digest_id_index" on "reminder" ("digest_id");`);

    this.addSql(`alter table "inbox_message" alter column "reminder_id" drop not null, alter column "talent_id" drop not null, alter column "unit_id" drop not null;`);
    this.addSql(`alter table "inbox_message" add column "digest_id" uuid null;`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_digest_id_unique" unique ("digest_id");`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_digest_id_foreign" foreign key ("digest_id") references "reminder_digest" ("id") on delete cascade;`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_reminder_or_digest_check" check (("reminder_id" is null) <> ("digest_id" is null));`);
  }
}
