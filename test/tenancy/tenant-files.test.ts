import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenancyService } from '../../src/tenancy/tenancy.service.js';
import { TenantFileError } from '../../src/tenancy/tenant-file.js';
import { startHarness, type Harness } from '../support/harness.js';

/** A malformed tenant file stops provisioning with the file and the field named, and writes nothing. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenants-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function schemas(): Promise<string[]> {
  const client = new pg.Client({ connectionString: h.databaseUrl });
  await client.connect();
  const r = await client.query(`select nspname from pg_namespace where nspname like 't\\_%' order by 1`);
  await client.end();
  return r.rows.map((x) => x.nspname);
}

const good = `key: delta\nname: Delta\nlevel: city\nplugins:\n  sample-scheme:\n    config: { maxAge: 60 }\n`;

describe('tenant files', () => {
  it.each([
    ['a plugin config value out of range', { 'delta.yaml': good, 'omega.yaml': `key: omega\nname: Omega\nlevel: city\nplugins:\n  sample-scheme:\n    config: { maxAge: 5 }\n` }, 'plugins.sample-scheme.config.maxAge'],
    ['an unknown plugin', { 'delta.yaml': good, 'omega.yaml': `key: omega\nname: Omega\nlevel: city\nplugins:\n  no-such-plugin: {}\n` }, 'plugins.no-such-plugin'],
    ['an unknown level', { 'delta.yaml': good, 'omega.yaml': `key: omega\nname: Omega\nlevel: planet\n` }, 'level'],
    ['a key that differs from the file name', { 'delta.yaml': good, 'omega.yaml': `key: sigma\nname: Omega\nlevel: city\n` }, 'key'],
    ['a missing parent', { 'delta.yaml': good, 'omega.yaml': `key: omega\nname: Omega\nlevel: county\nparent: nowhere\n` }, 'parent'],
    ['an unexpected field', { 'delta.yaml': good, 'omega.yaml': `key: omega\nname: Omega\nlevel: city\nplugin: {}\n` }, '(root)'],
    ['a bad effective date', { 'delta.yaml': good, 'omega.yaml': `key: omega\nname: Omega\nlevel: city\nplugins:\n  sample-scheme:\n    effectiveFrom: 2025-02-30\n` }, 'plugins.sample-scheme.effectiveFrom'],
    ['YAML that does not parse', { 'delta.yaml': good, 'omega.yaml': `key: [omega\n` }, '(file)'],
  ])('refuses %s, naming file and field, before touching the database', async (_name, files, field) => {
    const before = await schemas();
    const error = await h.app.provisionFolder(folder(files)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantFileError);
    expect((error as TenantFileError).file).toMatch(/omega\.yaml$/);
    expect((error as TenantFileError).field).toBe(field);
    expect((error as Error).message).toContain('omega.yaml');
    expect(await schemas()).toEqual(before); // delta.yaml was valid, but nothing was created
  });

  it('refuses the key reserved for platform admins’ tokens', async () => {
    const error = await h.app.provisionFolder(folder({ 'platform.yaml': `key: platform\nname: Platform\nlevel: city\n` })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantFileError);
    expect((error as TenantFileError).field).toBe('key');
    expect((error as Error).message).toMatch(/reserved/);
  });

  it('creates and migrates a new tenant with one call, idempotently, children after parents', async () => {
    const dir = folder({ 'delta.yaml': good, 'epsilon.yaml': `key: epsilon\nname: Epsilon County\nlevel: county\nparent: delta\n` });
    await h.app.provisionFolder(dir);
    await h.app.provisionFolder(dir);
    expect(await schemas()).toEqual(expect.arrayContaining(['t_delta', 't_epsilon']));
    const delta = await h.app.tenancy.get('delta');
    expect(delta).toMatchObject({ schema: 't_delta', plugins: ['sample-scheme'], regions: ['delta', 'epsilon'] });
    const token = await h.token('delta', 'commission-admin');
    const cfg = await h.ok(token, `{ pluginConfigHistory(plugin: "sample-scheme") { revision source config } }`);
    expect(cfg.pluginConfigHistory).toEqual([{ revision: 1, source: 'tenant-file', config: expect.objectContaining({ maxAge: 60 }) }]);
  });

  it('names schemas in one place and refuses keys that could escape it', () => {
    expect(TenancyService.schemaName('wenzhou')).toBe('t_wenzhou');
    expect(() => TenancyService.schemaName('x"; drop schema public; --')).toThrow();
    expect(() => TenancyService.schemaName('Upper')).toThrow();
  });

  it('drops a tenant’s schema and registry entry', async () => {
    await h.app.provisionFolder(folder({ 'zeta.yaml': `key: zeta\nname: Zeta\nlevel: city\n` }));
    expect(await schemas()).toContain('t_zeta');
    await h.app.tenancy.drop('zeta');
    expect(await schemas()).not.toContain('t_zeta');
    expect(await h.app.tenancy.get('zeta')).toBeNull();
  });
});
