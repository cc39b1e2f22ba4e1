import { Migration } from '@mikro-orm/migrations';

/**
 * Import batches (src/excel): each uploaded .xlsx, its dry run and its commit. A file (SHA-256)
 * is committed at most once per importer and parameters: the partial unique index settles two
 * commits racing.
 */
export class CoreImports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "import_batch" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "importer" varchar(255) not null, "params" jsonb not null, "scope_key" text not null, "unit_id" uuid null, "talent_id" uuid null, "filename" varchar(255) not null, "sha256" varchar(64) not null, "size" bigint not null, "storage_key" varchar(255) not null, "state" text not null, "rows" int not null default 0, "created" int not null default 0, "unchanged" int not null default 0, "problem_count" int not null default 0, "problems" jsonb null, "created_by" varchar(255) not null, "committed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "import_batch_scope_key_sha256_index" on "import_batch" ("scope_key", "sha256");`);
    this.addSql(`alter table "import_batch" add constraint "import_batch_state_check" check ("state" in ('checked', 'rejected', 'committed'));`);
    this.addSql(`alter table "import_batch" add constraint "import_batch_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
    this.addSql(`alter table "import_batch" add constraint "import_batch_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`create unique index "import_batch_committed_file_unique" on "import_batch" ("scope_key", "sha256") where "state" = 'committed';`);
  }
}
