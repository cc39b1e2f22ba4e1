import { Migration } from '@mikro-orm/migrations';

/**
 * Talent-owned research output (core/entities/research-output.ts): papers, grants, awards,
 * patents and new clinical techniques, dated, counted before and after a stay. Drafted with
 * `npm run migration:draft`; `indexing` gets an empty default, and the talent index leads with
 * the talent and the day because comparisons read one talent's output in a window.
 */
export class CoreResearchOutputs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "research_output" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "placement_id" uuid null, "kind" text not null, "title" varchar(500) not null, "achieved_on" date not null, "reference" varchar(255) null, "journal" varchar(255) null, "indexing" text[] not null default '{}', "impact_factor" double precision null, "author_role" text null, "issuer" varchar(255) null, "level" text null, "amount_fen" bigint null, "grade" varchar(255) null, "patent_type" text null, "department" varchar(255) null, "verified" boolean not null default false, primary key ("id"));`);
    this.addSql(`create index "research_output_unit_id_index" on "research_output" ("unit_id");`);
    this.addSql(`create index "research_output_achieved_on_index" on "research_output" ("achieved_on");`);
    this.addSql(`alter table "research_output" add constraint "research_output_kind_check" check ("kind" in ('paper', 'grant', 'award', 'patent', 'clinical_technique'));`);
    this.addSql(`alter table "research_output" add constraint "research_output_author_role_check" check ("author_role" in ('first', 'corresponding', 'first_and_corresponding', 'co_first', 'other'));`);
    this.addSql(`alter table "research_output" add constraint "research_output_level_check" check ("level" in ('international', 'national', 'provincial', 'municipal', 'institutional'));`);
    this.addSql(`alter table "research_output" add constraint "research_output_patent_type_check" check ("patent_type" in ('invention', 'utility_model', 'design'));`);
    this.addSql(`alter table "research_output" add constraint "research_output_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "research_output" add constraint "research_output_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "research_output" add constraint "research_output_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on delete set null;`);
    this.addSql(`create index "research_output_talent_id_achieved_on_index" on "research_output" ("talent_id", "achieved_on");`);
  }
}
