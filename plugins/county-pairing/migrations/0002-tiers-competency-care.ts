import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 14 (seed 004): apprentices in tiers (分层培养), the competency check at the end, and
 * incentive-and-care records (激励关爱). Existing apprentices get the tier their title gives under
 * the default `tierByTitle`.
 */
export class CountyPairingTiersCompetencyCare extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "cp_apprentice" add column "tier" text null, add column "tier_reason" text null;`);
    this.addSql(`update "cp_apprentice" a set "tier" = case t."title_grade" when 'intermediate' then 'intermediate' when 'associate_senior' then 'advanced' when 'senior' then 'advanced' else 'foundation' end from "talent" t where t."id" = a."talent_id";`);
    this.addSql(`alter table "cp_apprentice" alter column "tier" set not null;`);
    this.addSql(`alter table "cp_apprentice" add constraint "cp_apprentice_tier_check" check ("tier" in ('foundation', 'intermediate', 'advanced'));`);

    this.addSql(`create table "cp_competency_check" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "pair_id" uuid not null, "checked_on" date not null, "items" jsonb not null, "passed" boolean not null, "examiner" varchar(255) not null, primary key ("id"));`);
    this.addSql(`create index "cp_competency_check_talent_id_index" on "cp_competency_check" ("talent_id");`);
    this.addSql(`create index "cp_competency_check_unit_id_index" on "cp_competency_check" ("unit_id");`);
    this.addSql(`alter table "cp_competency_check" add constraint "cp_competency_check_pair_id_unique" unique ("pair_id");`);
    this.addSql(`alter table "cp_competency_check" add constraint "cp_competency_check_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_competency_check" add constraint "cp_competency_check_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_competency_check" add constraint "cp_competency_check_pair_id_foreign" foreign key ("pair_id") references "cp_pair" ("id") on delete cascade;`);

    this.addSql(`create table "cp_care" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "kind" text not null, "title" varchar(255) not null, "given_on" date not null, "amount_fen" bigint null, "description" text null, primary key ("id"));`);
    this.addSql(`create index "cp_care_talent_id_index" on "cp_care" ("talent_id");`);
    this.addSql(`create index "cp_care_unit_id_index" on "cp_care" ("unit_id");`);
    this.addSql(`create index "cp_care_kind_given_on_index" on "cp_care" ("kind", "given_on");`);
    this.addSql(`alter table "cp_care" add constraint "cp_care_kind_check" check ("kind" in ('incentive', 'care', 'political_quality', 'business_ability'));`);
    this.addSql(`alter table "cp_care" add constraint "cp_care_amount_fen_check" check ("amount_fen" is null or "amount_fen" >= 0);`);
    this.addSql(`alter table "cp_care" add constraint "cp_care_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "cp_care" add constraint "cp_care_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
  }
}
