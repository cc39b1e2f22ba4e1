import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { coreMigrations } from '../core/migrations/index.js';
import { encryptLegacyPersonalData } from '../core/migrations/0003-core-personal-data.js';
import { PluginConfigVersion } from '../core/entities/plugin-config.js';
import type { PluginHost } from '../plugin/host.js';
import type { TenantInfo } from '../plugin/contract.js';
import { platformMigrations } from './platform-migrations.js';
import { TenantRecord } from './tenant-record.js';
import { TENANT_KEY, type TenantDefinition } from './tenant-file.js';
import { TenantSettingsSchema } from './settings.js';
import { ROW_SCOPE, type RowScope } from '../core/entities/scope.js';

export const PLATFORM_SCHEMA = 'platform';

/**
 * Tenancy in one place: the only code that names, creates, migrates and drops tenant schemas.
 * Each tenant's rows live in the Postgres schema `t_<key>`; the registry lives in `platform`.
 */
export class TenancyService {
  private cache = new Map<string, TenantInfo>();
  /** Migrations change the migrator's session schema: run them one tenant at a time. */
  private migrating: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly orm: MikroORM,
    private readonly host: PluginHost,
    private readonly log: Logger,
  ) {}

  static schemaName(key: string): string {
    if (!TENANT_KEY.test(key)) throw new Error(`invalid tenant key "${key}"`);
    return `t_${key}`;
  }

  /** The platform schema and its registry table. */
  async ensurePlatform(): Promise<void> {
    await this.migrate(PLATFORM_SCHEMA, platformMigrations.map((m) => m.name));
  }

  /**
   * Create or update a tenant from its definition: registry row, schema, core migrations and
   * the enabled plugins' migrations, and the initial plugin configuration (only where the tenant
   * has none yet: after that the API owns it). Idempotent.
   */
  async provision(def: TenantDefinition): Promise<TenantInfo> {
    const schema = TenancyService.schemaName(def.key);
    const em = this.orm.em.fork({ schema: PLATFORM_SCHEMA });
    const pluginKeys = def.plugins.map((p) => p.key);
    await em.upsert(TenantRecord, {
      key: def.key,
      name: def.name,
      nameZh: def.nameZh ?? null,
      level: def.level,
      parent: def.parent,
      plugins: pluginKeys,
      schemaName: schema,
      demo: def.demo,
      settings: def.settings as Record<string, unknown>,
    });
    await this.orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
    const migrations = [...coreMigrations, ...this.host.migrationsFor(pluginKeys)].map((m) => m.name);
    const ran = await this.migrate(schema, migrations);
    if (ran.length) this.log.info({ tenant: def.key, migrations: ran }, 'tenant migrated');

    const tenantEm = this.orm.em.fork({ schema });
    const encrypted = await encryptLegacyPersonalData(tenantEm, schema);
    if (encrypted) this.log.info({ tenant: def.key, rows: encrypted }, 'personal data written before encryption is now encrypted');
    for (const p of def.plugins) {
      const existing = await tenantEm.count(PluginConfigVersion, { plugin: p.key });
      if (existing === 0) {
        tenantEm.create(PluginConfigVersion, {
          plugin: p.key,
          revision: 1,
          effectiveFrom: p.effectiveFrom,
          config: p.config as Record<string, unknown>,
          createdBy: 'system',
          source: 'tenant-file',
          note: `initial configuration from ${def.file}`,
        });
      }
    }
    await tenantEm.flush();
    this.cache.clear();
    return (await this.get(def.key))!;
  }

  /**
   * Apply the migrations an existing tenant lacks (core and its enabled plugins'), as provision
   * does, for a tenant whose file is not at hand (the benchmark's seeded tenants). Returns those run.
   */
  async migrateExisting(tenant: TenantInfo): Promise<string[]> {
    const migrations = [...coreMigrations, ...this.host.migrationsFor([...tenant.plugins])].map((m) => m.name);
    const ran = await this.migrate(tenant.schema, migrations);
    if (ran.length) this.log.info({ tenant: tenant.key, migrations: ran }, 'tenant migrated');
    return ran;
  }

  /** Drop a tenant's schema and registry row. Irreversible; used by tests and the ops command. */
  async drop(key: string): Promise<void> {
    const schema = TenancyService.schemaName(key);
    await this.orm.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
    await this.orm.em.fork({ schema: PLATFORM_SCHEMA }).nativeDelete(TenantRecord, { key });
    this.cache.clear();
  }

  async list(): Promise<TenantInfo[]> {
    await this.load();
    return [...this.cache.values()];
  }

  /** A tenant by key, or null. Reloads the registry once on a miss (a tenant created by another process). */
  async get(key: string): Promise<TenantInfo | null> {
    if (!TENANT_KEY.test(key)) return null;
    if (!this.cache.has(key)) await this.load(true);
    return this.cache.get(key) ?? null;
  }

  /** A forked EntityManager that can only reach this tenant's schema. */
  em(tenant: TenantInfo, scope: RowScope = {}): EntityManager {
    const em = this.orm.em.fork({ schema: tenant.schema, clear: true });
    em.setFilterParams(ROW_SCOPE, scope);
    return em;
  }

  private async load(force = false): Promise<void> {
    if (this.cache.size && !force) return;
    const rows = await this.orm.em.fork({ schema: PLATFORM_SCHEMA }).find(TenantRecord, {}, { orderBy: { key: 'asc' } });
    const children = new Map<string, string[]>();
    for (const r of rows) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.key]);
    const regionsOf = (key: string): string[] => [key, ...(children.get(key) ?? []).flatMap(regionsOf)];
    const next = new Map<string, TenantInfo>();
    for (const r of rows) {
      next.set(r.key, {
        key: r.key,
        name: r.name,
        nameZh: r.nameZh,
        level: r.level,
        parent: r.parent ?? null,
        regions: regionsOf(r.key),
        plugins: r.plugins,
        schema: r.schemaName,
        settings: TenantSettingsSchema.parse(r.settings ?? {}),
      });
    }
    this.cache = next;
  }

  private migrate(schema: string, names: string[]): Promise<string[]> {
    const run = this.migrating.then(async () => {
      const result = await this.orm.migrator.up({ schema, migrations: names });
      return result.map((m) => m.name);
    });
    this.migrating = run.catch(() => undefined);
    return run;
  }
}
