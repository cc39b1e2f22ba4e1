import { Migration } from '@mikro-orm/migrations';

/**
 * county-pairing tables (prefix `cp_`), unqualified: migrations run with the tenant's schema as
 * search_path. Drafted with `npm run migration:draft -- county-pairing`, then reviewed: text[]
 * columns get an empty default, a partial unique index keeps one live pair per apprentice, and
 * grade / capacity carry range checks.
 */
export class CountyPairingInit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "cp_round" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "programme_id" uuid not null, "code" varchar(255) not null, "name" varchar(255) not null, "year" int not null, "pairing_start" date not null, "pairing_end" date not null, "status" text not null default 'open', "match_runs" int not null default 0, "matched_at" timestamptz null, "confirmed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "cp_round" add constraint "cp_round_programme_id_unique" unique ("programme_id");`);
    this.addSql(`alter table "cp_round" add constraint "cp_round_code_unique" unique ("code");`);
    this.addSql(`create index "cp_round_status_index" on "cp_round" ("status");`);
    this.addSql(`alter table "cp_round" add constraint "cp_round_status_check" check ("status" in ('open', 'matched', 'confirmed'));`);
    this.addSql(`create table "cp_retention" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "checked_on" date not null, "still_serving" boolean not null, "note" text null, primary key ("id"));`);
    this.addSql(`create index "cp_retention_talent_id_index" on "cp_retention" ("talent_id");`);
    this.addSql(`create index "cp_retention_unit_id_index" on "cp_retention" ("unit_id");`);
    this.addSql(`alter table "cp_retention" add constraint "cp_retention_talent_id_checked_on_unique" unique ("talent_id", "checked_on");`);
    this.addSql(`create table "cp_mentor" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "round_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "display_name" varchar(255) not null, "department" varchar(255) null, "field" text not null, "capacity" int not null, "ranking" text[] not null default '{}', primary key ("id"));`);
    this.addSql(`create index "cp_mentor_round_id_index" on "cp_mentor" ("round_id");`);
    this.addSql(`create index "cp_mentor_talent_id_index" on "cp_mentor" ("talent_id");`);
    this.addSql(`alter table "cp_mentor" add constraint "cp_mentor_round_id_talent_id_unique" unique ("round_id", "talent_id");`);
    this.addSql(`alter table "cp_mentor" add constraint "cp_mentor_field_check" check ("field" in ('western_medicine', 'tcm', 'nursing', 'pharmacy', 'medical_technology', 'public_health', 'management'));`);
    this.addSql(`create table "cp_apprentice" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "round_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "application_id" uuid not null, "display_name" varchar(255) not null, "field" text not null, "ranking" text[] not null default '{}', primary key ("id"));`);
    this.addSql(`create index "cp_apprentice_round_id_index" on "cp_apprentice" ("round_id");`);
    this.addSql(`create index "cp_apprentice_talent_id_index" on "cp_apprentice" ("talent_id");`);
    this.addSql(`create index "cp_apprentice_unit_id_index" on "cp_apprentice" ("unit_id");`);
    this.addSql(`alter table "cp_apprentice" add constraint "cp_apprentice_round_id_talent_id_unique" unique ("round_id", "talent_id");`);
    this.addSql(`alter table "cp_apprentice" add constraint "cp_apprentice_field_check" check ("field" in ('western_medicine', 'tcm', 'nursing', 'pharmacy', 'medical_technology', 'public_health', 'management'));`);
    this.addSql(`create table "cp_pair" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "round_id" uuid not null, "mentor_id" uuid not null, "apprentice_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "status" text not null default 'proposed', "source" text not null default 'matching', "adjust_reason" text null, "previous_mentor_id" uuid null, "placement_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "cp_pair_round_id_index" on "cp_pair" ("round_id");`);
    this.addSql(`create index "cp_pair_mentor_id_index" on "cp_pair" ("mentor_id");`);
    this.addSql(`create index "cp_pair_apprentice_id_index" on "cp_pair" ("apprentice_id");`);
    this.addSql(`create index "cp_pair_talent_id_index" on "cp_pair" ("talent_id");`);
    this.addSql(`create index "cp_pair_unit_id_index" on "cp_pair" ("unit_id");`);
    this.addSql(`create index "cp_pair_status_index" on "cp_pair" ("status");`);
    this.addSql(`alter table "cp_pair" add constraint "cp_pair_status_check" check ("status" in ('proposed', 'confirmed', 'cancelled'));`);
    this.addSql(`alter table "cp_pair" add constraint "cp_pair_source_check" check ("source" in ('matching', 'adjustment'));`);
    this.addSql(`create table "cp_plan" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "pair_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "title" varchar(255) not null, "written_by" varchar(255) not null, primary key ("id"));`);
    this.addSql(`alter table "cp_plan" add constraint "cp_plan_pair_id_unique" unique ("pair_id");`);
    this.addSql(`create index "cp_plan_talent_id_index" on "cp_plan" ("talent_id");`);
    this.addSql(`create index "cp_plan_unit_id_index" on "cp_plan" ("unit_id");`);
    this.addSql(`create table "cp_plan_stage" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "plan_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "position" int not null, "kind" text not null, "starts_on" date not null, "ends_on" date not null, "targets" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "cp_plan_stage_talent_id_index" on "cp_plan_stage" ("talent_id");`);
    this.addSql(`create index "cp_plan_stage_unit_id_index" on "cp_plan_stage" ("unit_id");`);
    this.addSql(`alter table "cp_plan_stage" add constraint "cp_plan_stage_plan_id_position_unique" unique ("plan_id", "position");`);
    this.addSql(`alter table "cp_plan_stage" add constraint "cp_plan_stage_kind_check" check ("kind" in ('theory', 'supervised_practice', 'independent_practice'));`);
    this.addSql(`create table "cp_progress" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "stage_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "target_code" varchar(255) not null, "amount" int not null, "recorded_on" date not null, "note" text null, "recorded_by" varchar(255) not null, primary key ("id"));`);
    this.addSql(`create index "cp_progress_stage_id_index" on "cp_progress" ("stage_id");`);
    this.addSql(`create index "cp_progress_talent_id_index" on "cp_progress" ("talent_id");`);
    this.addSql(`create index "cp_progress_unit_id_index" on "cp_progress" ("unit_id");`);
    this.addSql(`create table "cp_case_log" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "pair_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "kind" text not null, "grade" smallint null, "role" text not null, "performed_on" date not null, "case_reference" varchar(255) not null, "description" text null, "signed_off_at" timestamptz null, "signed_off_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "cp_case_log_pair_id_index" on "cp_case_log" ("pair_id");`);
    this.addSql(`create index "cp_case_log_talent_id_index" on "cp_case_log" ("talent_id");`);
    this.addSql(`create index "cp_case_log_unit_id_index" on "cp_case_log" ("unit_id");`);
    this.addSql(`create index "cp_case_log_performed_on_index" on "cp_case_log" ("performed_on");`);
    this.addSql(`create index "cp_case_log_kind_grade_role_index" on "cp_case_log" ("kind", "grade", "role");`);
    this.addSql(`alter table "cp_case_log" add constraint "cp_case_log_kind_check" check ("kind" in ('operation', 'procedure', 'imaging_report', 'lab_test', 'tcm_consultation', 'acupuncture', 'herbal_prescription', 'nursing_care', 'nursing_procedure', 'health_education', 'prescription_review', 'medication_consultation', 'dispensing', 'other'));`);
    this.addSql(`alter table "cp_case_log" add constraint "cp_case_log_role_check" check ("role" in ('independent', 'under_guidance', 'assisting'));`);
    this.addSql(`alter table "cp_round" add constraint "cp_round_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_retention" add constraint "cp_retention_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_retention" add constraint "cp_retention_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_mentor" add constraint "cp_mentor_round_id_foreign" foreign key ("round_id") references "cp_round" ("id") on delete cascade;`);
    // cp_mentor.talent_id is a plain column in the entity (see CountyMentor), so the ORM does not order its insert after the talent's: check it at commit.
    this.addSql(`alter table "cp_mentor" add constraint "cp_mentor_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict deferrable initially deferred;`);
    this.addSql(`alter table "cp_mentor" add constraint "cp_mentor_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_apprentice" add constraint "cp_apprentice_round_id_foreign" foreign key ("round_id") references "cp_round" ("id") on delete cascade;`);
    this.addSql(`alter table "cp_apprentice" add constraint "cp_apprentice_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_apprentice" add constraint "cp_apprentice_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_apprentice" add constraint "cp_apprentice_application_id_foreign" foreign key ("application_id") references "application" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_pair" add constraint "cp_pair_round_id_foreign" foreign key ("round_id") references "cp_round" ("id") on delete cascade;`);
    this.addSql(`alter table "cp_pair" add constraint "cp_pair_mentor_id_foreign" foreign key ("mentor_id") references "cp_mentor" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_pair" add constraint "cp_pair_apprentice_id_foreign" foreign key ("apprentice_id") references "cp_apprentice" ("id") on delete cascade;`);
    this.addSql(`alter table "cp_pair" add constraint "cp_pair_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_pair" add constraint "cp_pair_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_pair" add constraint "cp_pair_previous_mentor_id_foreign" foreign key ("previous_mentor_id") references "cp_mentor" ("id") on delete set null;`);
    this.addSql(`alter table "cp_pair" add constraint "cp_pair_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on delete set null;`);
    this.addSql(`alter table "cp_plan" add constraint "cp_plan_pair_id_foreign" foreign key ("pair_id") references "cp_pair" ("id") on delete cascade;`);
    this.addSql(`alter table "cp_plan" add constraint "cp_plan_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_plan" add constraint "cp_plan_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_plan_stage" add constraint "cp_plan_stage_plan_id_foreign" foreign key ("plan_id") references "cp_plan" ("id") on delete cascade;`);
    this.addSql(`alter table "cp_plan_stage" add constraint "cp_plan_stage_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_plan_stage" add constraint "cp_plan_stage_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_progress" add constraint "cp_progress_stage_id_foreign" foreign key ("stage_id") references "cp_plan_stage" ("id") on delete cascade;`);
    this.addSql(`alter table "cp_progress" add constraint "cp_progress_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_progress" add constraint "cp_progress_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_case_log" add constraint "cp_case_log_pair_id_foreign" foreign key ("pair_id") references "cp_pair" ("id") on delete cascade;`);
    this.addSql(`alter table "cp_case_log" add constraint "cp_case_log_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_case_log" add constraint "cp_case_log_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_case_log" add constraint "cp_case_log_signed_off_by_id_foreign" foreign key ("signed_off_by_id") references "cp_mentor" ("id") on delete set null;`);
    // Reviewed additions to the draft: one live pair per apprentice; grade and capacity ranges as a last line of defence.
    this.addSql(`create unique index "cp_pair_live_apprentice_unique" on "cp_pair" ("apprentice_id") where "status" <> 'cancelled';`);
    this.addSql(`alter table "cp_case_log" add constraint "cp_case_log_grade_check" check ("grade" between 1 and 4);`);
    this.addSql(`alter table "cp_mentor" add constraint "cp_mentor_capacity_check" check ("capacity" between 1 and 2);`);
  }
}
