import { Migration } from '@mikro-orm/migrations';

/** Returnees' ratings of their hosts, once per stay (src/evaluation/host-rating.ts). */
export class CoreHostRatings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "host_rating" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "talent_id" uuid not null, "unit_id" uuid not null, "placement_id" uuid not null, "programme_id" uuid not null, "host_institution_id" uuid not null, "teaching" int not null, "practice_access" int not null, "support" int not null, "would_recommend" boolean not null, "comment" text null, "rated_on" date not null, "rated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "host_rating" add constraint "host_rating_placement_id_unique" unique ("placement_id");`);
    this.addSql(`create index "host_rating_unit_id_index" on "host_rating" ("unit_id");`);
    this.addSql(`create index "host_rating_host_institution_id_index" on "host_rating" ("host_institution_id");`);
    this.addSql(`alter table "host_rating" add constraint "host_rating_scores_check" check ("teaching" between 1 and 5 and "practice_access" between 1 and 5 and "support" between 1 and 5);`);
    this.addSql(`alter table "host_rating" add constraint "host_rating_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete cascade;`);
    this.addSql(`alter table "host_rating" add constraint "host_rating_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete cascade;`);
    this.addSql(`alter table "host_rating" add constraint "host_rating_placement_id_foreign" foreign key ("placement_id") references "placement" ("id") on delete cascade;`);
    this.addSql(`alter table "host_rating" add constraint "host_rating_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on delete cascade;`);
    this.addSql(`alter table "host_rating" add constraint "host_rating_host_institution_id_foreign" foreign key ("host_institution_id") references "institution" ("id") on delete cascade;`);
  }
}
