import { Migration } from '@mikro-orm/migrations';

/**
 * Reminders beyond the inbox (src/notify): each talent's or unit's channel preference, contacts
 * without accounts, one delivery per (source, recipient) through one channel, and the signed
 * single-purpose links people without accounts confirm through.
 */
export class CoreNotify extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "channel_delivery" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "source" varchar(255) not null, "recipient" varchar(255) not null, "channel" varchar(255) not null, "target" varchar(255) not null, "title_zh" varchar(255) not null, "body_zh" text not null, "link_id" uuid null, "state" text not null default 'pending', "attempts" int not null default 0, "last_error" text null, "delivered_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "channel_delivery_state_index" on "channel_delivery" ("state");`);
    this.addSql(`alter table "channel_delivery" add constraint "channel_delivery_source_recipient_unique" unique ("source", "recipient");`);
    this.addSql(`alter table "channel_delivery" add constraint "channel_delivery_state_check" check ("state" in ('pending', 'delivered', 'failed'));`);
    this.addSql(`create table "notification_preference" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "owner" varchar(255) not null, "talent_id" uuid null, "unit_id" uuid not null, "channels" text[] not null, "email" varchar(255) null, primary key ("id"));`);
    this.addSql(`alter table "notification_preference" add constraint "notification_preference_owner_unique" unique ("owner");`);
    this.addSql(`create index "notification_preference_unit_id_index" on "notification_preference" ("unit_id");`);
    this.addSql(`create table "contact" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name" varchar(255) not null, "email" varchar(255) not null, "role" text not null, "talent_id" uuid not null, "unit_id" uuid not null, "placement_id" uuid null, "confirms_reports" boolean not null default true, primary key ("id"));`);
    this.addSql(`create index "contact_talent_id_index" on "contact" ("talent_id");`);
    this.addSql(`create index "contact_placement_id_index" on "contact" ("placement_id");`);
    this.addSql(`alter table "contact" add constraint "contact_role_check" check ("role" in ('host_supervisor', 'mentor', 'liaison', 'other'));`);
    this.addSql(`create table "action_link" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "purpose" varchar(255) not null, "subject_type" varchar(255) not null, "subject_id" uuid not null, "contact_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "action_link_subject_type_subject_id_index" on "action_link" ("subject_type", "subject_id");`);
    this.addSql(`alter table "notification_preference" add constraint "notification_preference_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete cascade;`);
    this.addSql(`alter table "notification_preference" add constraint "notification_preference_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete cascade;`);
    this.addSql(`alter table "contact" add constraint "contact_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete cascade;`);
    this.addSql(`alter table "contact" add constraint "contact_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete cascade;`);
    this.addSql(`alter table "contact" add constraint "contact_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on delete cascade;`);
    this.addSql(`alter table "action_link" add constraint "action_link_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on delete cascade;`);
    this.addSql(`alter table "action_link" add constraint "action_link_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete cascade;`);
    this.addSql(`alter table "action_link" add constraint "action_link_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete cascade;`);
  }
}
