import { Migration } from '@mikro-orm/migrations';

/** Waivers moved to the core (core.0006-eligibility-waivers runs first): keep every row, drop the plugin's table. */
export class WenzhouCoreWaivers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`insert into "eligibility_waiver" ("id", "created_at", "updated_at", "version", "application_id", "talent_id", "unit_id", "code", "reason", "waived_by", "config_version")
      select "id", "created_at", "updated_at", "version", "application_id", "talent_id", "unit_id", "code", "reason", "waived_by", "config_version" from "wz_waiver";`);
    this.addSql(`drop table "wz_waiver";`);
  }
}
