import { Migration } from '@mikro-orm/migrations';

/** Reminders (the source of truth for what must be sent and when), the in-app inbox, webhook deliveries. */
export class CoreReminders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "reminder" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "report_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "audience" text not null, "stage" text not null, "offset_days" int not null, "fire_at" timestamptz not null, "state" text not null default 'pending', "idempotency_key" varchar(255) not null, "sent_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "reminder_report_id_index" on "reminder" ("report_id");`);
    this.addSql(`alter table "reminder" add constraint "reminder_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "reminder_state_fire_at_index" on "reminder" ("state", "fire_at");`);
    this.addSql(`alter table "reminder" add constraint "reminder_audience_check" check ("audience" in ('talent', 'unit', 'commission'));`);
    this.addSql(`alter table "reminder" add constraint "reminder_stage_check" check ("stage" in ('before', 'due', 'overdue'));`);
    this.addSql(`alter table "reminder" add constraint "reminder_state_check" check ("state" in ('pending', 'sent', 'cancelled'));`);
    this.addSql(`create table "inbox_message" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "reminder_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "audience" text not null, "title_zh" varchar(255) not null, "title_en" varchar(255) not null, "body_zh" text not null, "body_en" text not null, "read_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_reminder_id_unique" unique ("reminder_id");`);
    this.addSql(`create index "inbox_message_audience_read_at_index" on "inbox_message" ("audience", "read_at");`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_audience_check" check ("audience" in ('talent', 'unit', 'commission'));`);
    this.addSql(`create table "webhook_delivery" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "reminder_id" uuid not null, "url" varchar(255) not null, "state" text not null default 'pending', "attempts" int not null default 0, "last_status" int null, "last_error" text null, "delivered_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_reminder_id_unique" unique ("reminder_id");`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_state_check" check ("state" in ('pending', 'delivered', 'failed'));`);
    this.addSql(`alter table "reminder" add constraint "reminder_report_id_foreign" foreign key ("report_id") references "report" ("id") on delete cascade;`);
    this.addSql(`alter table "reminder" add constraint "reminder_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete cascade;`);
    this.addSql(`alter table "reminder" add constraint "reminder_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete cascade;`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_reminder_id_foreign" foreign key ("reminder_id") references "reminder" ("id") on delete cascade;`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete cascade;`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_reminder_id_foreign" foreign key ("reminder_id") references "reminder" ("id") on delete cascade;`);
  }
}
