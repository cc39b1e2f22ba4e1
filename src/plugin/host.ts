import semver from 'semver';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Actor } from '../auth/roles.js';
import type { CalendarDate } from '../calendar.js';
import type { Clock } from '../clock.js';
import { PluginConfigVersion } from '../core/entities/plugin-config.js';
import { AppError, ErrorCode, zodProblems, type FieldProblem } from '../errors.js';
import type { NamedMigration } from '../db/orm.js';
import type { AnySchemePlugin, ConfigVersion, SchemeRules, TenantContext, TenantInfo } from './contract.js';

export const CORE_VERSION = '1.0.0';
const PLUGIN_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Holds the registered plugins, checks them at boot, and answers the core's questions:
 * which plugins a tenant enables, a plugin's configuration on a day, the rule a programme's
 * scheme supplies, and a `TenantContext` for rules, jobs and seeds.
 */
export class PluginHost {
  private readonly byKey = new Map<string, AnySchemePlugin>();

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
    const row = await em.findOne(
      PluginConfigVersion,
      { plugin: pluginKey, effectiveFrom: { $lte: date } },
      { orderBy: { effectiveFrom: 'desc', revision: 'desc' } },
    );
    if (!row) return { config: plugin.config.parse({}) as C, revision: 0, effectiveFrom: '1970-01-01' };
    // Stored configs were validated when written; parse again so defaults added by a newer plugin version apply.
    return { config: plugin.config.parse(row.config) as C, revision: row.revision, effectiveFrom: row.effectiveFrom };
  }

  async context<C>(pluginKey: string, tenant: TenantInfo, em: EntityManager, actor: Actor, log: Logger = this.log): Promise<TenantContext<C>> {
    const today = this.clock.today();
    const current = await this.configOn<C>(em, pluginKey, today);
    return {
      tenant,
      em,
      actor,
      config: current.config,
      configRevision: current.revision,
      configOn: (date) => this.configOn<C>(em, pluginKey, date),
      today: () => this.clock.today(),
      now: () => this.clock.now(),
      log: log.child({ plugin: pluginKey }),
    };
  }
}
