import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 14 (scheme fidelity): the unit's attestation for the track criteria, selection committees
 * and their members, each stay's agreement (协议), salary and incentive pay during the stay,
 * safety and discipline incidents, third-party agencies and group study tours (on the core's
 * training groups); check-ins answer a period, clawbacks a clause, scores record the profession
 * whose weights applied, exit formalities their checklist. Drafted by `npm run migration:draft`.
 */
export class WenzhouFidelity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "wz_agency" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "programme_id" uuid not null, "institution_id" uuid not null, "services" text[] not null, "selected_on" date not null, "selection_note" text not null, "selected_by" varchar(255) not null, primary key ("id"));`);
    this.addSql(`create table "wz_applicant_profile" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "clinical_teaching" boolean not null, "education_management" boolean not null, "leads_team" boolean not null, "influence" varchar(255) not null, "note" text null, "attested_by" varchar(255) not null, "attested_on" date not null, primary key ("id"));`);
    this.addSql(`create table "wz_committee" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "programme_id" uuid not null, "name" varchar(255) not null, "formed_on" date not null, "formed_by" varchar(255) not null, primary key ("id"));`);
    this.addSql(`create table "wz_committee_member" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "committee_id" uuid not null, "expert_id" varchar(255) not null, "name" varchar(255) not null, "title_grade" text not null, "specialty" varchar(255) not null, "unit_id" uuid null, "active" boolean not null default true, primary key ("id"));`);
    this.addSql(`create table "wz_incident" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "stay_id" uuid not null, "occurred_on" date not null, "kind" text not null, "severity" text not null, "description" text not null, "action_taken" text null, "resolved_on" date null, "reported_by" varchar(255) not null, primary key ("id"));`);
    this.addSql(`create table "wz_benefit_payment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "stay_id" uuid not null, "month" varchar(255) not null, "base_salary_fen" int not null, "base_salary_due_fen" int not null, "performance_pay_fen" int not null, "department_average_fen" int not null, "guarantees_missed" text[] not null default '{}', "recorded_by" varchar(255) not null, primary key ("id"));`);
    this.addSql(`create table "wz_agreement" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "stay_id" uuid not null, "signed_on" date not null, "tasks" text[] not null, "service_period_months" int not null, "service_period_defaulted" boolean not null, "note" text null, "recorded_by" varchar(255) not null, primary key ("id"));`);
    this.addSql(`create table "wz_study_tour" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "group_id" uuid not null, "programme_id" uuid not null, "agency_id" uuid null, "host_id" uuid null, primary key ("id"));`);
    this.addSql(`alter table "wz_candidacy" add column "exit_checklist" text[] not null default '{}';`);
    this.addSql(`alter table "wz_score" add column "weights_profession" varchar(255) null;`);
    this.addSql(`alter table "wz_stay" add column "study_tour_id" uuid null;`);
    this.addSql(`alter table "wz_clawback" add column "clause_code" varchar(255) null, add column "clause_text" text null;`);
    this.addSql(`alter table "wz_check_in" add column "period" int null;`);
    this.addSql(`create index "wz_agency_programme_id_index" on "wz_agency" ("programme_id");`);
    this.addSql(`alter table "wz_agency" add constraint "wz_agency_programme_id_institution_id_unique" unique ("programme_id", "institution_id");`);
    this.addSql(`create index "wz_applicant_profile_talent_id_index" on "wz_applicant_profile" ("talent_id");`);
    this.addSql(`create index "wz_applicant_profile_unit_id_index" on "wz_applicant_profile" ("unit_id");`);
    this.addSql(`alter table "wz_applicant_profile" add constraint "wz_applicant_profile_talent_id_unique" unique ("talent_id");`);
    this.addSql(`alter table "wz_committee" add constraint "wz_committee_programme_id_unique" unique ("programme_id");`);
    this.addSql(`create index "wz_committee_member_committee_id_index" on "wz_committee_member" ("committee_id");`);
    this.addSql(`alter table "wz_committee_member" add constraint "wz_committee_member_committee_id_expert_id_unique" unique ("committee_id", "expert_id");`);
    this.addSql(`alter table "wz_committee_member" add constraint "wz_committee_member_title_grade_check" check ("title_grade" in ('none', 'junior', 'intermediate', 'associate_senior', 'senior'));`);
    this.addSql(`create index "wz_incident_talent_id_index" on "wz_incident" ("talent_id");`);
    this.addSql(`create index "wz_incident_unit_id_index" on "wz_incident" ("unit_id");`);
    this.addSql(`create index "wz_incident_stay_id_index" on "wz_incident" ("stay_id");`);
    this.addSql(`alter table "wz_incident" add constraint "wz_incident_kind_check" check ("kind" in ('safety', 'discipline'));`);
    this.addSql(`alter table "wz_incident" add constraint "wz_incident_severity_check" check ("severity" in ('minor', 'serious'));`);
    this.addSql(`create index "wz_benefit_payment_talent_id_index" on "wz_benefit_payment" ("talent_id");`);
    this.addSql(`create index "wz_benefit_payment_unit_id_index" on "wz_benefit_payment" ("unit_id");`);
    this.addSql(`create index "wz_benefit_payment_stay_id_index" on "wz_benefit_payment" ("stay_id");`);
    this.addSql(`alter table "wz_benefit_payment" add constraint "wz_benefit_payment_stay_id_month_unique" unique ("stay_id", "month");`);
    this.addSql(`create index "wz_agreement_talent_id_index" on "wz_agreement" ("talent_id");`);
    this.addSql(`create index "wz_agreement_unit_id_index" on "wz_agreement" ("unit_id");`);
    this.addSql(`alter table "wz_agreement" add constraint "wz_agreement_stay_id_unique" unique ("stay_id");`);
    this.addSql(`alter table "wz_study_tour" add constraint "wz_study_tour_group_id_unique" unique ("group_id");`);
    this.addSql(`create index "wz_study_tour_programme_id_index" on "wz_study_tour" ("programme_id");`);
    this.addSql(`alter table "wz_agency" add constraint "wz_agency_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on delete cascade;`);
    this.addSql(`alter table "wz_agency" add constraint "wz_agency_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "wz_applicant_profile" add constraint "wz_applicant_profile_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "wz_applicant_profile" add constraint "wz_applicant_profile_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "wz_committee" add constraint "wz_committee_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on delete cascade;`);
    this.addSql(`alter table "wz_committee_member" add constraint "wz_committee_member_committee_id_foreign" foreign key ("committee_id") references "wz_committee" ("id") on delete cascade;`);
    this.addSql(`alter table "wz_incident" add constraint "wz_incident_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "wz_incident" add constraint "wz_incident_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "wz_incident" add constraint "wz_incident_stay_id_foreign" foreign key ("stay_id") references "wz_stay" ("id") on delete cascade;`);
    this.addSql(`alter table "wz_benefit_payment" add constraint "wz_benefit_payment_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "wz_benefit_payment" add constraint "wz_benefit_payment_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "wz_benefit_payment" add constraint "wz_benefit_payment_stay_id_foreign" foreign key ("stay_id") references "wz_stay" ("id") on delete cascade;`);
    this.addSql(`alter table "wz_agreement" add constraint "wz_agreement_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "wz_agreement" add constraint "wz_agreement_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "wz_agreement" add constraint "wz_agreement_stay_id_foreign" foreign key ("stay_id") references "wz_stay" ("id") on delete cascade;`);
    this.addSql(`alter table "wz_study_tour" add constraint "wz_study_tour_group_id_foreign" foreign key ("group_id") references "training_group" ("id") on delete cascade;`);
    this.addSql(`alter table "wz_study_tour" add constraint "wz_study_tour_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on delete cascade;`);
    this.addSql(`alter table "wz_study_tour" add constraint "wz_study_tour_agency_id_foreign" foreign key ("agency_id") references "wz_agency" ("id") on delete set null;`);
    this.addSql(`alter table "wz_study_tour" add constraint "wz_study_tour_host_id_foreign" foreign key ("host_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "wz_stay" add constraint "wz_stay_study_tour_id_foreign" foreign key ("study_tour_id") references "training_group" ("id") on delete set null;`);
  }
}
