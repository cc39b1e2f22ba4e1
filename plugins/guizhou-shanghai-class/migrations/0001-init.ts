import { Migration } from '@mikro-orm/migrations';

/**
 * The scheme's tables: cohorts (a class at a host in one period of a round) and trainees (a
 * talent's enrolment: term, mentor, assessments, withdrawal, return). Reviewed from
 * `npm run migration:draft -- guizhou-shanghai-class`; unqualified names (the tenant's schema is
 * the search_path).
 */
export class GuizhouInit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "gz_cohort" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "programme_id" uuid not null, "name" varchar(255) not null, "round" int not null, "period" int not null, "host_institution_id" uuid not null, "host_region" text not null, "sub_plans" text[] not null, "components" text[] not null, "capacity" int not null, "start_date" date not null, primary key ("id"));`);
    this.addSql(`alter table "gz_cohort" add constraint "gz_cohort_programme_id_unique" unique ("programme_id");`);
    this.addSql(`create index "gz_cohort_round_index" on "gz_cohort" ("round");`);
    this.addSql(`create index "gz_cohort_period_index" on "gz_cohort" ("period");`);
    this.addSql(`alter table "gz_cohort" add constraint "gz_cohort_period_host_institution_id_unique" unique ("period", "host_institution_id");`);
    this.addSql(`alter table "gz_cohort" add constraint "gz_cohort_host_region_check" check ("host_region" in ('shanghai', 'guangdong', 'beijing', 'zhejiang'));`);
    this.addSql(`create table "gz_trainee" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "cohort_id" uuid not null, "application_id" uuid not null, "placement_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "sub_plan" text not null, "term_months" int not null, "status" text not null default 'enrolled', "mentor_name" varchar(255) null, "mentor_title" varchar(255) null, "mentor_department" varchar(255) null, "started_on" date null, "mid_term_grade" text null, "mid_term_assessed_on" date null, "mid_term_note" text null, "final_grade" text null, "final_assessed_on" date null, "final_note" text null, "ended_on" date null, "withdrawal_stage" text null, "withdrawal_reason" text null, "returned_on" date null, "returned_to_id" uuid null, primary key ("id"));`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_application_id_unique" unique ("application_id");`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_placement_id_unique" unique ("placement_id");`);
    this.addSql(`create index "gz_trainee_talent_id_index" on "gz_trainee" ("talent_id");`);
    this.addSql(`create index "gz_trainee_unit_id_index" on "gz_trainee" ("unit_id");`);
    this.addSql(`create index "gz_trainee_cohort_id_status_index" on "gz_trainee" ("cohort_id", "status");`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_cohort_id_talent_id_unique" unique ("cohort_id", "talent_id");`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_sub_plan_check" check ("sub_plan" in ('climbing', 'forest_cultivation', 'backbone', 'outstanding'));`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_status_check" check ("status" in ('enrolled', 'in_training', 'completed', 'not_completed', 'withdrawn'));`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_mid_term_grade_check" check ("mid_term_grade" in ('excellent', 'pass', 'fail'));`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_final_grade_check" check ("final_grade" in ('excellent', 'pass', 'fail'));`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_withdrawal_stage_check" check ("withdrawal_stage" in ('before_start', 'mid_term'));`);
    this.addSql(`alter table "gz_cohort" add constraint "gz_cohort_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on delete restrict;`);
    this.addSql(`alter table "gz_cohort" add constraint "gz_cohort_host_institution_id_foreign" foreign key ("host_institution_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_cohort_id_foreign" foreign key ("cohort_id") references "gz_cohort" ("id") on delete restrict;`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_application_id_foreign" foreign key ("application_id") references "application" ("id") on delete restrict;`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on delete restrict;`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "gz_trainee" add constraint "gz_trainee_returned_to_id_foreign" foreign key ("returned_to_id") references "institution" ("id") on delete restrict;`);
  }
}
