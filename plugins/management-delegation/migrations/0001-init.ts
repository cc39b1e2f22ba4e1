import { Migration } from '@mikro-orm/migrations';

/** The scheme's tables (dl_): itinerary sessions, members' action plans and their milestones. Drafted with `npm run migration:draft -- management-delegation`. */
export class DelegationInit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "dl_session" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "group_id" uuid not null, "day" date not null, "slot" int not null, "kind" text not null, "topic" varchar(300) not null, "topic_zh" varchar(300) null, "host_department" varchar(255) null, "faculty" text[] not null default '{}', primary key ("id"));`);
    this.addSql(`create index "dl_session_group_id_day_index" on "dl_session" ("group_id", "day");`);
    this.addSql(`alter table "dl_session" add constraint "dl_session_kind_check" check ("kind" in ('course', 'site_visit', 'department_exchange'));`);
    this.addSql(`create table "dl_action_plan" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "member_id" uuid not null, "group_id" uuid not null, "placement_id" uuid not null, "title" varchar(300) not null, "goal" text not null, "filed_on" date not null, primary key ("id"));`);
    this.addSql(`create index "dl_action_plan_talent_id_index" on "dl_action_plan" ("talent_id");`);
    this.addSql(`create index "dl_action_plan_unit_id_index" on "dl_action_plan" ("unit_id");`);
    this.addSql(`alter table "dl_action_plan" add constraint "dl_action_plan_member_id_unique" unique ("member_id");`);
    this.addSql(`create index "dl_action_plan_group_id_index" on "dl_action_plan" ("group_id");`);
    this.addSql(`create table "dl_milestone" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "plan_id" uuid not null, "placement_id" uuid not null, "sequence" int not null, "title" varchar(300) not null, "due_on" date not null, "done_on" date null, "note" text null, primary key ("id"));`);
    this.addSql(`create index "dl_milestone_talent_id_index" on "dl_milestone" ("talent_id");`);
    this.addSql(`create index "dl_milestone_unit_id_index" on "dl_milestone" ("unit_id");`);
    this.addSql(`create index "dl_milestone_plan_id_index" on "dl_milestone" ("plan_id");`);
    this.addSql(`alter table "dl_milestone" add constraint "dl_milestone_placement_id_sequence_unique" unique ("placement_id", "sequence");`);
    this.addSql(`alter table "dl_session" add constraint "dl_session_group_id_foreign" foreign key ("group_id") references "training_group" ("id") on delete cascade;`);
    this.addSql(`alter table "dl_action_plan" add constraint "dl_action_plan_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "dl_action_plan" add constraint "dl_action_plan_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "dl_action_plan" add constraint "dl_action_plan_member_id_foreign" foreign key ("member_id") references "training_group_member" ("id") on delete cascade;`);
    this.addSql(`alter table "dl_action_plan" add constraint "dl_action_plan_group_id_foreign" foreign key ("group_id") references "training_group" ("id") on delete cascade;`);
    this.addSql(`alter table "dl_action_plan" add constraint "dl_action_plan_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on delete cascade;`);
    this.addSql(`alter table "dl_milestone" add constraint "dl_milestone_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "dl_milestone" add constraint "dl_milestone_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "dl_milestone" add constraint "dl_milestone_plan_id_foreign" foreign key ("plan_id") references "dl_action_plan" ("id") on delete cascade;`);
    this.addSql(`alter table "dl_milestone" add constraint "dl_milestone_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on delete cascade;`);
  }
}
