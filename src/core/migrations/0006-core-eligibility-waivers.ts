import { Migration } from '@mikro-orm/migrations';

/** Waivers of "in principle" eligibility criteria become the core's (core/entities/waiver.ts). */
export class CoreEligibilityWaivers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "eligibility_waiver" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "application_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "code" varchar(255) not null, "reason" text not null, "waived_by" varchar(255) not null, "config_version" int not null, primary key ("id"));`);
    this.addSql(`create index "eligibility_waiver_application_id_index" on "eligibility_waiver" ("application_id");`);
    this.addSql(`create index "eligibility_waiver_unit_id_index" on "eligibility_waiver" ("unit_id");`);
    this.addSql(`alter table "eligibility_waiver" add constraint "eligibility_waiver_application_id_code_unique" unique ("application_id", "code");`);
    this.addSql(`alter table "eligibility_waiver" add constraint "eligibility_waiver_application_id_foreign" foreign key ("application_id") references "application" ("id") on delete cascade;`);
    this.addSql(`alter table "eligibility_waiver" add constraint "eligibility_waiver_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "eligibility_waiver" add constraint "eligibility_waiver_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
  }
}
