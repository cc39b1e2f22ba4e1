import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isCalendarDate } from '../calendar.js';
import { zodProblems, type FieldProblem } from '../errors.js';
import { PLATFORM_TENANT } from '../auth/roles.js';
import type { PluginHost } from '../plugin/host.js';
import { TenantSettingsSchema, type TenantSettings } from './settings.js';

/**
 * `tenants/<key>.yaml`: a region's definition, versioned in git. It gives the tenant its
 * initial plugin configuration; later changes go through the API (versioned, audited).
 */
export const TENANT_KEY = /^[a-z][a-z0-9]{1,30}$/;

const TenantFileSchema = z.object({
  key: z
    .string()
    .regex(TENANT_KEY, 'lowercase letters and digits, 2–31 characters, starting with a letter')
    .refine((k) => k !== PLATFORM_TENANT, `"${PLATFORM_TENANT}" is reserved for the platform admins' tokens`),
  name: z.string().min(1),
  nameZh: z.string().min(1).optional(),
  // A hospital running its own scheme is a tenant of its own under its region (docs/architecture.md).
  level: z.enum(['province', 'city', 'county', 'hospital']),
  parent: z.string().regex(TENANT_KEY).nullish(),
  /** Seed demo data into this tenant at `npm start`. */
  demo: z.boolean().default(false),
  plugins: z
    .record(
      z.string(),
      z.object({
        effectiveFrom: z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD').default('2000-01-01'),
        config: z.record(z.string(), z.unknown()).default({}),
      }).strict().nullish(),
    )
    .default({}),
  reminders: z.unknown().optional(),
  webhook: z.unknown().optional(),
  idNumbers: z.unknown().optional(),
  notify: z.unknown().optional(),
  evaluation: z.unknown().optional(),
}).strict();

export interface TenantDefinition {
  file: string;
  key: string;
  name: string;
  nameZh?: string;
  level: 'province' | 'city' | 'county' | 'hospital';
  parent: string | null;
  demo: boolean;
  plugins: { key: string; effectiveFrom: string; config: unknown }[];
  settings: TenantSettings;
}

export class TenantFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${file}: ${field}: ${problem}`);
    this.name = 'TenantFileError';
  }
}

/** Read and validate one tenant file, including each enabled plugin's configuration. Touches no database. */
export function readTenantFile(path: string, host: PluginHost, cwd = process.cwd()): TenantDefinition {
  const file = relative(cwd, path) || path;
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new TenantFileError(file, '(file)', `not readable YAML: ${(e as Error).message}`);
  }
  const parsed = TenantFileSchema.safeParse(raw);
  if (!parsed.success) throw problemError(file, zodProblems(parsed.error.issues)[0]!);
  const def = parsed.data;
  const expected = basename(path).replace(/\.ya?ml$/, '');
  if (def.key !== expected) throw new TenantFileError(file, 'key', `must match the file name ("${expected}")`);
  const plugins = Object.entries(def.plugins).map(([key, entry]) => {
    if (!host.get(key)) throw new TenantFileError(file, `plugins.${key}`, `no plugin "${key}" is registered (see plugins/index.ts)`);
    const result = host.parseConfig(key, entry?.config ?? {});
    if (!result.ok) throw problemError(file, result.problems[0]!, `plugins.${key}.config.`);
    return { key, effectiveFrom: entry?.effectiveFrom ?? '2000-01-01', config: result.config };
  });
  const settings = TenantSettingsSchema.safeParse({ reminders: def.reminders, webhook: def.webhook, idNumbers: def.idNumbers, notify: def.notify, evaluation: def.evaluation });
  if (!settings.success) throw problemError(file, zodProblems(settings.error.issues)[0]!);
  return { file, key: def.key, name: def.name, nameZh: def.nameZh, level: def.level, parent: def.parent ?? null, demo: def.demo, plugins, settings: settings.data };
}

/** Read every tenant file in a folder; parents must exist (in the folder or among `known`). */
export function readTenantFolder(dir: string, host: PluginHost, known: readonly string[] = []): TenantDefinition[] {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const defs = files.map((f) => readTenantFile(join(dir, f), host));
  const keys = new Set([...defs.map((d) => d.key), ...known]);
  for (const d of defs) {
    if (d.parent && !keys.has(d.parent)) throw new TenantFileError(d.file, 'parent', `no tenant "${d.parent}"`);
    if (d.parent === d.key) throw new TenantFileError(d.file, 'parent', 'a tenant cannot be its own parent');
  }
  // Parents first, so the registry's foreign key holds as they are inserted.
  const ordered: TenantDefinition[] = [];
  const pending = [...defs];
  while (pending.length) {
    const next = pending.findIndex((d) => !d.parent || !pending.some((p) => p.key === d.parent));
    if (next < 0) throw new TenantFileError(pending[0]!.file, 'parent', 'parent links form a cycle');
    ordered.push(...pending.splice(next, 1));
  }
  return ordered;
}

/** A tenant file's first problem, in English and Chinese (operators read these at start-up and in `tenant:create`). */
function problemError(file: string, p: FieldProblem, prefix = ''): TenantFileError {
  return new TenantFileError(file, `${prefix}${p.field}`, p.messageZh && p.messageZh !== p.message ? `${p.message} (${p.messageZh})` : p.message);
}
