import { Migration } from '@mikro-orm/migrations';

/**
 * Outcome evaluation (issue 15, src/evaluation): a talent's post (the "role" indicator), and the
 * snapshots of indicators at the decision (baseline) and at follow-ups after return. Follow-ups
 * themselves are core reports (kind `evaluation.follow_up`), so they need no table of their own.
 */
export class CoreEvaluation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "talent" add column "post" text null;`);
    this.addSql(`alter table "talent" add constraint "talent_post_check" check ("post" in ('staff', 'backbone', 'deputy_head', 'head', 'hospital_leader'));`);
    this.addSql(`create table "evaluation_snapshot" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "programme_id" uuid not null, "application_id" uuid null, "placement_id" uuid null, "report_id" uuid null, "track" varchar(255) null, "kind" text not null, "months" int not null default 0, "selected" boolean not null, "recorded_on" date not null, "title_grade" text not null, "post" text null, "outputs" int not null default 0, "papers" int not null default 0, "sci_papers" int not null default 0, "grants" int not null default 0, "grant_fen" bigint not null default 0, "awards" int not null default 0, "patents" int not null default 0, "new_techniques" int not null default 0, "recorded_by" varchar(255) not null, primary key ("id"));`);
    this.addSql(`create index "evaluation_snapshot_talent_id_index" on "evaluation_snapshot" ("talent_id");`);
    this.addSql(`create index "evaluation_snapshot_unit_id_index" on "evaluation_snapshot" ("unit_id");`);
    this.addSql(`create index "evaluation_snapshot_programme_id_index" on "evaluation_snapshot" ("programme_id");`);
    this.addSql(`alter table "evaluation_snapshot" add constraint "evaluation_snapshot_programme_id_talent_id_kind_months_unique" unique ("programme_id", "talent_id", "kind", "months");`);
    this.addSql(`alter table "evaluation_snapshot" add constraint "evaluation_snapshot_kind_check" check ("kind" in ('baseline', 'follow_up'));`);
    this.addSql(`alter table "evaluation_snapshot" add constraint "evaluation_snapshot_post_check" check ("post" in ('staff', 'backbone', 'deputy_head', 'head', 'hospital_leader'));`);
    this.addSql(`alter table "evaluation_snapshot" add constraint "evaluation_snapshot_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete cascade;`);
    this.addSql(`alter table "evaluation_snapshot" add constraint "evaluation_snapshot_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete cascade;`);
    this.addSql(`alter table "evaluation_snapshot" add constraint "evaluation_snapshot_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on delete cascade;`);
    this.addSql(`alter table "evaluation_snapshot" add constraint "evaluation_snapshot_application_id_foreign" foreign key ("application_id") references "application" ("id") on delete set null;`);
    this.addSql(`alter table "evaluation_snapshot" add constraint "evaluation_snapshot_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on delete set null;`);
    this.addSql(`alter table "evaluation_snapshot" add constraint "evaluation_snapshot_report_id_foreign" foreign key ("report_id") references "report" ("id") on delete set null;`);
    // Baselines that predate this migration: every decided application, as its talent stands now
    // (the best that can be known after the fact; recorded_by says so).
    this.addSql(`insert into "evaluation_snapshot" ("id", "created_at", "updated_at", "talent_id", "unit_id", "programme_id", "application_id", "track", "kind", "months", "selected", "recorded_on", "title_grade", "recorded_by")
      select gen_random_uuid(), now(), now(), a."talent_id", a."unit_id", a."programme_id", a."id", a."track", 'baseline', 0, a."status" = 'selected', (a."updated_at" at time zone 'Asia/Shanghai')::date, t."title_grade", 'migration:0030'
      from "application" a join "talent" t on t."id" = a."talent_id" where a."status" in ('selected', 'rejected') on conflict do nothing;`);
  }
}
