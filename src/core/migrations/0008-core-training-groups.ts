import { Migration } from '@mikro-orm/migrations';

/**
 * Training groups (a delegation, a group study tour) and their members, and reports a group owes:
 * `report.placement_id` becomes nullable, `report.group_id` is added, and exactly one of the two
 * is set (core/entities/group.ts, core/entities/report.ts). Drafted with `npm run migration:draft`.
 */
export class CoreTrainingGroups extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "training_group" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "programme_id" uuid not null, "code" varchar(255) not null, "name" varchar(255) not null, "unit_id" uuid not null, "leader_id" uuid null, "host_institution_id" uuid null, "status" text not null default 'planned', "planned_start" date not null, "planned_end" date not null, "actual_start" date null, "actual_end" date null, "member_cap" int null, "status_note" text null, primary key ("id"));`);
    this.addSql(`create index "training_group_programme_id_index" on "training_group" ("programme_id");`);
    this.addSql(`alter table "training_group" add constraint "training_group_code_unique" unique ("code");`);
    this.addSql(`create index "training_group_unit_id_index" on "training_group" ("unit_id");`);
    this.addSql(`alter table "training_group" add constraint "training_group_status_check" check ("status" in ('planned', 'underway', 'returned', 'cancelled'));`);
    this.addSql(`create table "training_group_member" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "group_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "role" text not null default 'member', "placement_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "training_group_member_group_id_index" on "training_group_member" ("group_id");`);
    this.addSql(`create index "training_group_member_talent_id_index" on "training_group_member" ("talent_id");`);
    this.addSql(`alter table "training_group_member" add constraint "training_group_member_group_id_talent_id_unique" unique ("group_id", "talent_id");`);
    this.addSql(`alter table "training_group_member" add constraint "training_group_member_role_check" check ("role" in ('leader', 'member'));`);
    this.addSql(`alter table "training_group" add constraint "training_group_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on delete restrict;`);
    this.addSql(`alter table "training_group" add constraint "training_group_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "training_group" add constraint "training_group_leader_id_foreign" foreign key ("leader_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "training_group" add constraint "training_group_host_institution_id_foreign" foreign key ("host_institution_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "training_group_member" add constraint "training_group_member_group_id_foreign" foreign key ("group_id") references "training_group" ("id") on delete cascade;`);
    this.addSql(`alter table "training_group_member" add constraint "training_group_member_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "training_group_member" add constraint "training_group_member_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "training_group_member" add constraint "training_group_member_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on delete set null;`);

    this.addSql(`alter table "report" alter column "placement_id" drop not null;`);
    this.addSql(`alter table "report" add column "group_id" uuid null;`);
    this.addSql(`create index "report_group_id_index" on "report" ("group_id");`);
    this.addSql(`alter table "report" add constraint "report_group_id_kind_sequence_unique" unique ("group_id", "kind", "sequence");`);
    this.addSql(`alter table "report" add constraint "report_group_id_foreign" foreign key ("group_id") references "training_group" ("id") on delete cascade;`);
    this.addSql(`alter table "report" add constraint "report_owner_check" check (("placement_id" is null) <> ("group_id" is null));`);
  }
}
