import { Migration } from '@mikro-orm/migrations';
import type { NamedMigration } from '../db/orm.js';

/** The platform schema: the tenant registry. Runs with `platform` as search_path. */
class PlatformInit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "tenant" (
      "key" varchar(64) primary key,
      "name" varchar(255) not null,
      "name_zh" varchar(255) null,
      "level" varchar(32) not null,
      "parent" varchar(64) null references "tenant" ("key") on delete restrict,
      "plugins" text[] not null default '{}',
      "schema_name" varchar(80) not null unique,
      "demo" boolean not null default false,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
  }
}

/** Per-tenant settings of the core (reminder offsets, webhook), from the tenant file. */
class PlatformTenantSettings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tenant" add column "settings" jsonb not null default '{}';`);
  }
}

export const platformMigrations: NamedMigration[] = [
  { name: 'platform.0001-init', class: PlatformInit },
  { name: 'platform.0002-settings', class: PlatformTenantSettings },
];
