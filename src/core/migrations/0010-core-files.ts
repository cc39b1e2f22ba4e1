import { Migration } from '@mikro-orm/migrations';

/** Attachments (src/files): one row per stored file, with its owner record and the owner's talent and unit for row scoping. */
export class CoreFiles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "stored_file" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "owner_type" varchar(255) not null, "owner_id" uuid not null, "talent_id" uuid not null, "unit_id" uuid not null, "kind" text not null, "filename" varchar(255) not null, "content_type" varchar(255) not null, "size" bigint not null, "sha256" varchar(64) not null, "storage_key" varchar(255) not null, "uploaded_by" varchar(255) not null, primary key ("id"));`);
    this.addSql(`create index "stored_file_talent_id_index" on "stored_file" ("talent_id");`);
    this.addSql(`create index "stored_file_unit_id_index" on "stored_file" ("unit_id");`);
    this.addSql(`create index "stored_file_owner_type_owner_id_index" on "stored_file" ("owner_type", "owner_id");`);
    this.addSql(`alter table "stored_file" add constraint "stored_file_kind_check" check ("kind" in ('report', 'certificate', 'host_letter', 'receipt', 'evidence', 'other'));`);
    this.addSql(`alter table "stored_file" add constraint "stored_file_talent_id_foreign" foreign key ("talent_id") references "talent" ("id") on delete restrict;`);
    this.addSql(`alter table "stored_file" add constraint "stored_file_unit_id_foreign" foreign key ("unit_id") references "institution" ("id") on delete restrict;`);
  }
}
