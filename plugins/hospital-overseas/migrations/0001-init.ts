import { Migration } from '@mikro-orm/migrations';

/** The scheme's tables (ho_): stays with their grade, period appraisals, visiting experts and their lectures. Drafted with `npm run migration:draft -- hospital-overseas`. */
export class HospitalInit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "ho_expert_visit" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "expert_name" varchar(255) not null, "expert_title" varchar(255) null, "affiliation" varchar(255) not null, "country" varchar(2) not null, "arrives_on" date not null, "departs_on" date not null, "departments" text[] not null default '{}', "purpose" text null, primary key ("id"));`);
    this.addSql(`create index "ho_expert_visit_arrives_on_index" on "ho_expert_visit" ("arrives_on");`);
    this.addSql(`create table "ho_lecture" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "visit_id" uuid not null, "title" varchar(300) not null, "held_on" date not null, "department" varchar(255) not null, "attendance" int not null, primary key ("id"));`);
    this.addSql(`create index "ho_lecture_visit_id_index" on "ho_lecture" ("visit_id");`);
    this.addSql(`create table "ho_stay" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "placement_id" uuid not null, "application_id" uuid not null, "channel" varchar(255) not null, "appraisal_scheme" varchar(255) not null, "funding_fen" bigint not null, "config_revision" int not null, "overall_score" double precision null, "grade" text null, "consequence" text null, "consequence_fen" bigint null, "graded_on" date null, primary key ("id"));`);
    this.addSql(`create index "ho_stay_talent_id_index" on "ho_stay" ("talent_id");`);
    this.addSql(`create index "ho_stay_unit_id_index" on "ho_stay" ("unit_id");`);
    this.addSql(`alter table "ho_stay" add constraint "ho_stay_placement_id_unique" unique ("placement_id");`);
    this.addSql(`create index "ho_stay_channel_index" on "ho_stay" ("channel");`);
    this.addSql(`create index "ho_stay_appraisal_scheme_index" on "ho_stay" ("appraisal_scheme");`);
    this.addSql(`alter table "ho_stay" add constraint "ho_stay_grade_check" check ("grade" in ('excellent', 'good', 'pass', 'fail'));`);
    this.addSql(`alter table "ho_stay" add constraint "ho_stay_consequence_check" check ("consequence" in ('incentive', 'none', 'warning', 'clawback'));`);
    this.addSql(`create table "ho_appraisal" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "stay_id" uuid not null, "period" text not null, "appraised_on" date not null, "scores" jsonb not null, "score" double precision not null, "appraised_by" varchar(255) not null, "note" text null, primary key ("id"));`);
    this.addSql(`create index "ho_appraisal_talent_id_index" on "ho_appraisal" ("talent_id");`);
    this.addSql(`create index "ho_appraisal_unit_id_index" on "ho_appraisal" ("unit_id");`);
    this.addSql(`create index "ho_appraisal_stay_id_index" on "ho_appraisal" ("stay_id");`);
    this.addSql(`alter table "ho_appraisal" add constraint "ho_appraisal_stay_id_period_unique" unique ("stay_id", "period");`);
    this.addSql(`alter table "ho_appraisal" add constraint "ho_appraisal_period_check" check ("period" in ('before', 'during', 'after'));`);
    this.addSql(`alter table "ho_lecture" add constraint "ho_lecture_visit_id_foreign" foreign key ("visit_id") references "ho_expert_visit" ("id") on delete cascade;`);
    this.addSql(`alter table "ho_stay" add constraint "ho_stay_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "ho_stay" add constraint "ho_stay_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "ho_stay" add constraint "ho_stay_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on delete cascade;`);
    this.addSql(`alter table "ho_stay" add constraint "ho_stay_application_id_foreign" foreign key ("application_id") references "application" ("id") on delete cascade;`);
    this.addSql(`alter table "ho_appraisal" add constraint "ho_appraisal_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "ho_appraisal" add constraint "ho_appraisal_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "ho_appraisal" add constraint "ho_appraisal_stay_id_foreign" foreign key ("stay_id") references "ho_stay" ("id") on delete cascade;`);
  }
}
