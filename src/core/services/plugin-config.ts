import type { CalendarDate } from '../../calendar.js';
import { badInput, notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { PluginConfigVersion } from '../entities/plugin-config.js';

/**
 * A commission admin changes a plugin's configuration from a day on. The new version is
 * validated by the plugin's own schema; earlier versions stay in force for earlier days.
 */
export async function updatePluginConfig(ctx: RequestContext, plugin: string, effectiveFrom: CalendarDate, raw: unknown, note: string | null): Promise<PluginConfigVersion> {
  if (!ctx.tenant.plugins.includes(plugin)) throw notFound('Plugin', plugin);
  const parsed = ctx.host.parseConfig(plugin, raw);
  if (!parsed.ok) throw badInput(parsed.problems.map((p) => ({ ...p, field: `config.${p.field}` })));
  const latest = await ctx.em.findOne(PluginConfigVersion, { plugin }, { orderBy: { revision: 'desc' } });
  const row = ctx.em.create(PluginConfigVersion, {
    plugin,
    revision: (latest?.revision ?? 0) + 1,
    effectiveFrom,
    config: parsed.config as Record<string, unknown>,
    createdBy: ctx.actor.userId,
    note,
    source: 'api',
  });
  ctx.host.configChanged(ctx.em);
  await ctx.commit();
  return row;
}
