import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';

/** The platform registry of tenants, loaded from `tenants/<key>.yaml` at start. Lives in the platform schema. */
@Entity({ schema: 'platform', tableName: 'tenant' })
export class TenantRecord {
  @PrimaryKey({ type: 'string' })
  key!: string;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string', nullable: true })
  nameZh?: string | null;

  /** province, city, county, or hospital (a hospital's own schemes, under its region) */
  @Property({ type: 'string' })
  level!: string;

  @Property({ type: 'string', nullable: true })
  parent?: string | null;

  @Property({ type: 'text[]' })
  plugins!: string[];

  /** The Postgres schema that holds this tenant's rows (`t_<key>`). */
  @Property({ type: 'string' })
  schemaName!: string;

  /** Core settings from the tenant file (reminder offsets, webhook); see TenantSettings. */
  @Property({ type: 'json' })
  settings: Record<string, unknown> & Opt = {};

  @Property({ type: 'boolean', default: false })
  demo: boolean & Opt = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
