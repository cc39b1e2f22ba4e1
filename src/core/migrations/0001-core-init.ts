import { Migration } from '@mikro-orm/migrations';

/**
 * The core tables of every tenant schema. Runs with the tenant's schema as search_path, so
 * tables are unqualified. Drafted with `npm run migration:draft`, then reviewed: text[] columns
 * get an empty default, and foreign keys stay inside the tenant schema (Citus-ready).
 */
export class CoreInit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("seq" bigserial primary key, "at" timestamptz not null, "actor" varchar(255) not null, "actor_roles" text[] not null default '{}', "entity" varchar(255) not null, "entity_id" varchar(255) not null, "action" varchar(255) not null, "before" jsonb null, "after" jsonb null, "request_id" varchar(255) null);`);
    this.addSql(`create index "audit_entry_at_index" on "audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_entity_id_index" on "audit_entry" ("entity_id");`);
    this.addSql(`create table "institution" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name" varchar(255) not null, "name_en" varchar(255) null, "kind" text not null, "dispatching" boolean not null default false, "host" boolean not null default false, "country" varchar(2) not null, "province" varchar(255) null, "city" varchar(255) null, "admin_level" text null, "region" varchar(255) null, "level" varchar(255) null, "qualification_verified" boolean not null default false, primary key ("id"));`);
    this.addSql(`create index "institution_country_index" on "institution" ("country");`);
    this.addSql(`alter table "institution" add constraint "institution_kind_check" check ("kind" in ('hospital', 'cdc', 'university', 'research_institute', 'health_commission', 'other'));`);
    this.addSql(`alter table "institution" add constraint "institution_admin_level_check" check ("admin_level" in ('national', 'province', 'city', 'county', 'township'));`);
    this.addSql(`create table "plugin_config" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "plugin" varchar(255) not null, "revision" int not null, "effective_from" date not null, "config" jsonb not null, "created_by" varchar(255) not null, "note" text null, "source" varchar(255) not null default 'api', primary key ("id"));`);
    this.addSql(`create index "plugin_config_plugin_effective_from_index" on "plugin_config" ("plugin", "effective_from");`);
    this.addSql(`alter table "plugin_config" add constraint "plugin_config_plugin_revision_unique" unique ("plugin", "revision");`);
    this.addSql(`create table "programme" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "scheme" varchar(255) not null, "code" varchar(255) not null, "name" varchar(255) not null, "year" int null, "status" text not null default 'draft', "opens_on" date null, "closes_on" date null, "reference_date" date not null, "quota" int null, primary key ("id"));`);
    this.addSql(`create index "programme_scheme_index" on "programme" ("scheme");`);
    this.addSql(`alter table "programme" add constraint "programme_code_unique" unique ("code");`);
    this.addSql(`alter table "programme" add constraint "programme_status_check" check ("status" in ('draft', 'open', 'closed', 'archived'));`);
    this.addSql(`create table "programme_track" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "programme_id" uuid not null, "code" varchar(255) not null, "name" varchar(255) not null, "quota" int null, primary key ("id"));`);
    this.addSql(`alter table "programme_track" add constraint "programme_track_programme_id_code_unique" unique ("programme_id", "code");`);
    this.addSql(`create table "talent" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name" varchar(255) not null, "gender" text not null, "birth_date" date not null, "unit_id" uuid not null, "department" varchar(255) null, "field" text not null, "profession" text not null, "title_grade" text not null, "highest_degree" text not null, "talent_programmes" text[] not null default '{}', "admin_experience_months" int not null default 0, "english_self_declared" text not null default 'none', "english_assessed" text null, "adverse_incident_primary_responsibility" boolean not null default false, "id_card_number" varchar(255) null, "phone" varchar(255) null, "email" varchar(255) null, primary key ("id"));`);
    this.addSql(`create index "talent_unit_id_index" on "talent" ("unit_id");`);
    this.addSql(`alter table "talent" add constraint "talent_gender_check" check ("gender" in ('male', 'female'));`);
    this.addSql(`alter table "talent" add constraint "talent_field_check" check ("field" in ('western_medicine', 'tcm', 'nursing', 'pharmacy', 'medical_technology', 'public_health', 'management'));`);
    this.addSql(`alter table "talent" add constraint "talent_profession_check" check ("profession" in ('doctor', 'nurse', 'pharmacist', 'technician', 'manager', 'researcher'));`);
    this.addSql(`alter table "talent" add constraint "talent_title_grade_check" check ("title_grade" in ('none', 'junior', 'intermediate', 'associate_senior', 'senior'));`);
    this.addSql(`alter table "talent" add constraint "talent_highest_degree_check" check ("highest_degree" in ('below_bachelor', 'bachelor', 'master', 'doctorate'));`);
    this.addSql(`alter table "talent" add constraint "talent_english_self_declared_check" check ("english_self_declared" in ('none', 'basic', 'working', 'good', 'fluent'));`);
    this.addSql(`alter table "talent" add constraint "talent_english_assessed_check" check ("english_assessed" in ('none', 'basic', 'working', 'good', 'fluent'));`);
    this.addSql(`create table "application" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "programme_id" uuid not null, "track" varchar(255) null, "talent_id" uuid not null, "unit_id" uuid not null, "status" text not null default 'submitted', "eligibility" jsonb null, "submitted_at" timestamptz not null, "decision_note" text null, primary key ("id"));`);
    this.addSql(`create index "application_programme_id_index" on "application" ("programme_id");`);
    this.addSql(`create index "application_talent_id_index" on "application" ("talent_id");`);
    this.addSql(`create index "application_unit_id_index" on "application" ("unit_id");`);
    this.addSql(`create index "application_status_index" on "application" ("status");`);
    this.addSql(`alter table "application" add constraint "application_programme_id_talent_id_unique" unique ("programme_id", "talent_id");`);
    this.addSql(`alter table "application" add constraint "application_status_check" check ("status" in ('submitted', 'ineligible', 'eligible', 'selected', 'rejected', 'withdrawn'));`);
    this.addSql(`create table "placement" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "programme_id" uuid not null, "application_id" uuid null, "talent_id" uuid not null, "unit_id" uuid not null, "host_institution_id" uuid not null, "status" text not null default 'planned', "planned_start" date not null, "planned_end" date not null, "actual_start" date null, "actual_end" date null, "status_note" text null, primary key ("id"));`);
    this.addSql(`create index "placement_programme_id_index" on "placement" ("programme_id");`);
    this.addSql(`create index "placement_talent_id_index" on "placement" ("talent_id");`);
    this.addSql(`create index "placement_unit_id_index" on "placement" ("unit_id");`);
    this.addSql(`create index "placement_host_institution_id_index" on "placement" ("host_institution_id");`);
    this.addSql(`create index "placement_status_index" on "placement" ("status");`);
    this.addSql(`create index "placement_planned_start_index" on "placement" ("planned_start");`);
    this.addSql(`alter table "placement" add constraint "placement_status_check" check ("status" in ('planned', 'active', 'completed', 'withdrawn'));`);
    this.addSql(`create table "report" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "placement_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "kind" varchar(255) not null, "sequence" int not null default 1, "title" varchar(255) not null, "due_on" date not null, "status" text not null default 'due', "submitted_at" timestamptz null, "content" text null, "reviewed_by" varchar(255) null, "review_note" text null, primary key ("id"));`);
    this.addSql(`create index "report_placement_id_index" on "report" ("placement_id");`);
    this.addSql(`create index "report_unit_id_index" on "report" ("unit_id");`);
    this.addSql(`create index "report_due_on_index" on "report" ("due_on");`);
    this.addSql(`create index "report_status_index" on "report" ("status");`);
    this.addSql(`alter table "report" add constraint "report_placement_id_kind_sequence_unique" unique ("placement_id", "kind", "sequence");`);
    this.addSql(`alter table "report" add constraint "report_status_check" check ("status" in ('due', 'submitted', 'accepted', 'returned', 'cancelled'));`);
    this.addSql(`create table "outcome" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "placement_id" uuid null, "category" varchar(255) not null, "title" varchar(255) not null, "description" text null, "achieved_on" date not null, "quantity" int not null default 1, "level" text null, "verified" boolean not null default false, "flagship" boolean not null default false, primary key ("id"));`);
    this.addSql(`create index "outcome_talent_id_index" on "outcome" ("talent_id");`);
    this.addSql(`create index "outcome_unit_id_index" on "outcome" ("unit_id");`);
    this.addSql(`create index "outcome_category_index" on "outcome" ("category");`);
    this.addSql(`alter table "outcome" add constraint "outcome_level_check" check ("level" in ('national', 'province', 'city', 'county', 'township'));`);
    this.addSql(`alter table "programme_track" add constraint "programme_track_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on delete cascade;`);
    this.addSql(`alter table "talent" add constraint "talent_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "application" add constraint "application_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on delete restrict;`);
    this.addSql(`alter table "application" add constraint "application_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "application" add constraint "application_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "placement" add constraint "placement_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on delete restrict;`);
    this.addSql(`alter table "placement" add constraint "placement_application_id_foreign" foreign key ("application_id") references "application" ("id") on delete set null;`);
    this.addSql(`alter table "placement" add constraint "placement_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "placement" add constraint "placement_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "placement" add constraint "placement_host_institution_id_foreign" foreign key ("host_institution_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "report" add constraint "report_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on delete cascade;`);
    this.addSql(`alter table "report" add constraint "report_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "report" add constraint "report_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "outcome" add constraint "outcome_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "outcome" add constraint "outcome_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "outcome" add constraint "outcome_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on delete set null;`);
  }
}
