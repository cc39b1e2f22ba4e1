import { LRUCache } from 'lru-cache';
import semver from 'semver';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Actor } from '../auth/roles.js';
import type { CalendarDate } from '../calendar.js';
import type { Clock } from '../clock.js';
import { PluginConfigVersion } from '../core/entities/plugin-config.js';
import { AppError, ErrorCode, zodProblems, type FieldProblem } from '../errors.js';
import type { NamedMigration } from '../db/orm.js';
import { tableOf } from '../db/tables.js';
import type { AnySchemePlugin, ConfigVersion, SchemeRules, TenantContext, TenantInfo } from './contract.js';

export const CORE_VERSION = '1.0.0';
const PLUGIN_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** One stored configuration version as read: the JSON as PostgreSQL writes it out, parsed only when first seen. */
export interface StoredConfigVersion {
  revision: number;
  effectiveFrom: CalendarDate;
  text: string;
}

/** Frozen all the way down: one parsed configuration is shared by every request that reads the same stored text. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Holds the registered plugins, checks them at boot, and answers the core's questions:
 * which plugins a tenant enables, a plugin's configuration on a day, the rule a programme's
 * scheme supplies, and a `TenantContext` for rules, jobs and seeds.
 */
export class PluginHost {
  private readonly byKey = new Map<string, AnySchemePlugin>();
  /**
   * A plugin's stored versions, read once per EntityManager (a request or a job) in one statement:
   * a request asked twice (its TenantContext for today, then the programme's reference day), each a
   * query and a schema parse of the ~5 KB configuration. `configChanged` forgets them after a write.
   */
  private readonly versionsByEm = new WeakMap<EntityManager, Map<string, Promise<StoredConfigVersion[]>>>();
  /** Parsed configurations by plugin and stored text (deep-frozen, shared): the schema runs once per version, not per request. */
  private readonly parsedConfigs = new LRUCache<string, object>({ max: 2_000 });

  constructor(
    plugins: readonly AnySchemePlugin[],
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    for (const p of plugins) {
      const where = `plugin "${p.key}"`;
      if (!PLUGIN_KEY.test(p.key)) throw new Error(`${where}: key must be kebab-case`);
      if (this.byKey.has(p.key)) throw new Error(`${where} is registered twice`);
      if (!semver.validRange(p.coreCompatibility) || !semver.satisfies(CORE_VERSION, p.coreCompatibility)) {
        throw new Error(`${where} ${p.version} requires core ${p.coreCompatibility}, this core is ${CORE_VERSION}`);
      }
      if (!/^[A-Z][A-Za-z0-9]*$/.test(p.graphqlTypePrefix)) throw new Error(`${where}: graphqlTypePrefix must be PascalCase`);
      for (const m of p.migrations ?? []) {
        if (!m.name.startsWith(`${p.key}.`)) throw new Error(`${where}: migration "${m.name}" must be named "${p.key}.<name>"`);
      }
      for (const a of p.linkActions ?? []) {
        if (!a.purpose.startsWith(`${p.key}.`)) throw new Error(`${where}: link purpose "${a.purpose}" must be named "${p.key}.<name>"`);
      }
      for (const x of [...(p.importers ?? []), ...(p.exporters ?? [])]) {
        if (!x.key.startsWith(`${p.key}.`)) throw new Error(`${where}: importer/exporter "${x.key}" must be named "${p.key}.<name>"`);
      }
      for (const n of p.nodeTypes ?? []) {
        const type = typeof n === 'function' ? n : n.type;
        if (!p.entities?.includes(type)) throw new Error(`${where}: node type ${type.name} must be one of its entities`);
      }
      const defaults = p.config.safeParse({});
      if (!defaults.success) throw new Error(`${where}: its config schema must give defaults for {} (${defaults.error.issues[0]?.message})`);
      this.byKey.set(p.key, p);
    }
  }

  all(): AnySchemePlugin[] {
    return [...this.byKey.values()];
  }

  get(key: string): AnySchemePlugin | undefined {
    return this.byKey.get(key);
  }

  /** The tenant's enabled plugins, in registry order. */
  enabled(tenant: Pick<TenantInfo, 'plugins'>): AnySchemePlugin[] {
    return this.all().filter((p) => tenant.plugins.includes(p.key));
  }

  migrationsFor(pluginKeys: readonly string[]): NamedMigration[] {
    return this.all()
      .filter((p) => pluginKeys.includes(p.key))
      .flatMap((p) => p.migrations ?? []);
  }

  /** The rule of the scheme that owns a programme, if that scheme is enabled here. */
  rule<K extends keyof SchemeRules<unknown>>(tenant: TenantInfo, scheme: string, kind: K): { plugin: AnySchemePlugin; rule: NonNullable<SchemeRules<unknown>[K]> } | null {
    if (!tenant.plugins.includes(scheme)) return null;
    const plugin = this.byKey.get(scheme);
    const rule = plugin?.rules?.[kind];
    return plugin && rule ? { plugin, rule: rule as NonNullable<SchemeRules<unknown>[K]> } : null;
  }

  /** Parse a raw configuration with the plugin's schema; problems name the field. */
  parseConfig(pluginKey: string, raw: unknown): { ok: true; config: unknown } | { ok: false; problems: FieldProblem[] } {
    const plugin = this.byKey.get(pluginKey);
    if (!plugin) return { ok: false, problems: [{ field: 'plugin', message: `unknown plugin "${pluginKey}"` }] };
    const parsed = plugin.config.safeParse(raw ?? {});
    if (parsed.success) return { ok: true, config: parsed.data };
    return { ok: false, problems: zodProblems(parsed.error.issues) };
  }

  /** The configuration version in force on a day (the latest effectiveFrom on or before it). */
  async configOn<C>(em: EntityManager, pluginKey: string, date: CalendarDate): Promise<ConfigVersion<C>> {
    const plugin = this.byKey.get(pluginKey);
    if (!plugin) throw new AppError(ErrorCode.NOT_FOUND, `Plugin ${pluginKey} is not registered`);
    // Newest first: effectiveFrom, then revision (CalendarDate strings order as the days do).
    const row = (await this.storedVersions(em, pluginKey)).find((v) => v.effectiveFrom <= date);
    if (!row) return { config: this.parsedConfig(plugin, '{}') as C, revision: 0, effectiveFrom: '1970-01-01' };
    // Stored configs were validated when written; parse again so defaults added by a newer plugin version apply.
    return { config: this.parsedConfig(plugin, row.text) as C, revision: row.revision, effectiveFrom: row.effectiveFrom };
  }

  /** A plugin configuration was written through `em`: its next `configOn` reads the versions again. */
  configChanged(em: EntityManager): void {
    this.versionsByEm.delete(em);
  }

  /**
   * The read of a plugin's stored versions as one JSON value, for a caller that runs it in the
   * statement of its own reads (graphql/loaders.ts plainRowsTogether) and hands the rows to
   * primeConfigVersions; null when this EntityManager has them already (or has no tenant schema).
   */
  configVersionsRead(em: EntityManager, pluginKey: string): { json: string; params: unknown[] } | null {
    if (!em.schema || this.versionsByEm.get(em)?.has(pluginKey)) return null;
    return this.versionsJson(em, pluginKey);
  }

  /** A plugin's stored versions, newest first, as one JSON array: the one statement both ways of reading them run. */
  private versionsJson(em: EntityManager, pluginKey: string): { json: string; params: unknown[] } {
    return {
      json: `select coalesce(json_agg(json_build_object('revision', revision, 'effectiveFrom', effective_from::text, 'text', config::text) order by effective_from desc, revision desc), '[]') from ${tableOf(em, PluginConfigVersion)} where plugin = ?`,
      params: [pluginKey],
    };
  }

  /** The versions configVersionsRead's statement returned: this EntityManager's next configOn reads them from here. */
  primeConfigVersions(em: EntityManager, pluginKey: string, rows: StoredConfigVersion[]): void {
    let perPlugin = this.versionsByEm.get(em);
    if (!perPlugin) this.versionsByEm.set(em, (perPlugin = new Map()));
    if (!perPlugin.has(pluginKey)) perPlugin.set(pluginKey, Promise.resolve(rows));
  }

  private storedVersions(em: EntityManager, pluginKey: string): Promise<StoredConfigVersion[]> {
    let perPlugin = this.versionsByEm.get(em);
    if (!perPlugin) this.versionsByEm.set(em, (perPlugin = new Map()));
    let versions = perPlugin.get(pluginKey);
    if (!versions) {
      if (!em.schema) throw new Error('configOn needs an EntityManager forked to a tenant schema');
      const { json, params } = this.versionsJson(em, pluginKey);
      versions = em
        .getConnection()
        .execute<[{ versions: string }]>(`select (${json})::text as versions`, params, 'all', em.getTransactionContext())
        .then(([row]) => JSON.parse(row.versions) as StoredConfigVersion[]);
      perPlugin.set(pluginKey, versions);
      // A failed read is not remembered.
      versions.catch(() => perPlugin.delete(pluginKey));
    }
    return versions;
  }

  private parsedConfig(plugin: AnySchemePlugin, text: string): object {
    const key = `${plugin.key}\u0000${text}`;
    let config = this.parsedConfigs.get(key);
    if (!config) {
      config = deepFreeze(plugin.config.parse(JSON.parse(text)) as object);
      this.parsedConfigs.set(key, config);
    }
    return config;
  }

  /** `log` may be given as a function: a request's logger is then made only if the plugin logs (a child logger with its redaction costs more than most requests log). */
  async context<C>(pluginKey: string, tenant: TenantInfo, em: EntityManager, actor: Actor, log: Logger | (() => Logger) = this.log): Promise<TenantContext<C>> {
    const today = this.clock.today();
    const current = await this.configOn<C>(em, pluginKey, today);
    let pluginLog: Logger | undefined;
    return {
      tenant,
      em,
      actor,
      config: current.config,
      configRevision: current.revision,
      configOn: (date) => this.configOn<C>(em, pluginKey, date),
      today: () => this.clock.today(),
      now: () => this.clock.now(),
      get log() {
        return (pluginLog ??= (typeof log === 'function' ? log() : log).child({ plugin: pluginKey }));
      },
    };
  }
}
