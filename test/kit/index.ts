/**
 * The public test kit for scheme plugins: what every plugin's API tests repeated — a real server
 * with the plugin on a tenant file, institutions and talents created over GraphQL as a client
 * would, an error assertion naming code and field, and the demo seed's idempotence test.
 * Everything goes through the GraphQL API on a fresh database (test/support/harness.ts).
 *
 * ```ts
 * const h = await startScheme({ plugins: [myPlugin], tenants: { tongren: { plugins: { 'my-scheme': {} } } }, today: '2025-07-01' });
 * const admin = await h.token('tongren', 'commission-admin');
 * const unit = await institution(h, admin, { name: '铜仁市人民医院' });
 * const t = await talent(h, admin, unit, { name: '王芳', titleGrade: 'SENIOR' });
 * ```
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { parse, stringify } from 'yaml';
import { fireJobId } from '../../src/jobs/job-system.js';
import type { AnySchemePlugin } from '../../src/plugin/contract.js';
import { REPO_TENANTS, startHarness, type GqlResult, type Harness, type HarnessOptions } from '../support/harness.js';

export type { Harness, GqlResult };
export { REPO_TENANTS };

/** A tenant file's content, as YAML would give it (`key` is taken from the map's key). */
export type TenantSpec = { name?: string; level?: string; parent?: string; demo?: boolean; plugins?: Record<string, unknown> } & Record<string, unknown>;

/** Write tenant files into a fresh folder: `{ tongren: { plugins: { 'my-scheme': {} } } }`. */
export function tenantFolder(tenants: Record<string, TenantSpec>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kit-tenants-'));
  for (const [key, spec] of Object.entries(tenants)) {
    writeFileSync(path.join(dir, `${key}.yaml`), stringify({ key, name: spec.name ?? `${key} test tenant`, level: spec.level ?? 'city', ...spec }));
  }
  return dir;
}

/** The repository's own tenant files for `keys` (and the parents they name), copied to a fresh folder. */
export function repoTenants(...keys: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kit-repo-tenants-'));
  const copy = (key: string) => {
    const file = path.join(REPO_TENANTS, `${key}.yaml`);
    cpSync(file, path.join(dir, `${key}.yaml`));
    const parent = (parse(readFileSync(file, 'utf8')) as { parent?: string }).parent;
    if (parent) copy(parent);
  };
  keys.forEach(copy);
  return dir;
}

export interface SchemeHarnessOptions extends Omit<HarnessOptions, 'tenantsDirs'> {
  /** Tenant files to write (see `tenantFolder`), or folders that hold them. */
  tenants: Record<string, TenantSpec> | string | string[];
  /** The platform clock: a Shanghai calendar day (at 10:00 there) or an instant. */
  today?: string;
}

/**
 * A real server with these plugins on these tenants, its clock set when asked — before the demo
 * seeds run (`seedDemo`), so data dated relative to today is dated relative to that day.
 */
export async function startScheme(opts: SchemeHarnessOptions): Promise<Harness> {
  const tenantsDirs = typeof opts.tenants === 'string' ? [opts.tenants] : Array.isArray(opts.tenants) ? opts.tenants : [tenantFolder(opts.tenants)];
  const h = await startHarness({ ...opts, tenantsDirs, seedDemo: false });
  if (opts.today) h.app.clock.set(/^\d{4}-\d{2}-\d{2}$/.test(opts.today) ? `${opts.today}T02:00:00Z` : opts.today);
  if (opts.seedDemo) {
    for (const dir of tenantsDirs) {
      for (const f of readdirSync(dir).filter((x) => /\.ya?ml$/.test(x))) {
        const def = parse(readFileSync(path.join(dir, f), 'utf8')) as { key: string; demo?: boolean };
        if (def.demo) await h.app.seedDemo((await h.app.tenancy.get(def.key))!);
      }
    }
  }
  return h;
}

/** The first GraphQL error of a response must carry `code` (and name `field`); returns it. */
export async function expectError(p: Promise<GqlResult> | GqlResult, code: string, field?: string) {
  const r = await p;
  const e = r.body.errors?.[0];
  expect(e?.extensions?.code, JSON.stringify(r.body.errors ?? r.body)).toBe(code);
  if (field !== undefined) expect(e?.extensions?.field, JSON.stringify(r.body.errors)).toBe(field);
  return e!;
}

export interface InstitutionSpec {
  name: string;
  nameEn?: string | null;
  kind?: string;
  /** Sends staff (default) or receives them. */
  host?: boolean;
  dispatching?: boolean;
  country?: string;
  province?: string | null;
  city?: string | null;
  adminLevel?: string | null;
  region?: string | null;
  level?: string | null;
  qualificationVerified?: boolean;
}

/**
 * The record of a payload mutation's answer (`institutionCreate { institution { id } userErrors … }`),
 * or an error naming its userErrors: a fixture that could not be made stops the test where it was made.
 */
export function payloadRecord<T>(payload: { userErrors: { code: string; field: string | null; message: string }[] } & Record<string, unknown>, field: string): T {
  if (payload.userErrors.length) throw new Error(`userErrors: ${payload.userErrors.map((e) => `${e.code} ${e.field ?? ''} ${e.message}`).join('; ')}`);
  return payload[field] as T;
}

/** An institution through `institutionCreate`: a dispatching Chinese hospital unless told otherwise. */
export async function institution(h: Harness, token: string, spec: InstitutionSpec): Promise<string> {
  const { host = false, ...rest } = spec;
  const r = await h.ok(token, `mutation($i: InstitutionInput!) { institutionCreate(input: $i) { institution { id } userErrors { code field message } } }`, {
    i: { kind: 'HOSPITAL', country: host ? 'US' : 'CN', dispatching: !host, host, ...rest },
  });
  return payloadRecord<{ id: string }>(r.institutionCreate, 'institution').id;
}

/** A host abroad whose qualification is verified. */
export const hostInstitution = (h: Harness, token: string, name: string, extra: Partial<InstitutionSpec> = {}) => institution(h, token, { name, host: true, qualificationVerified: true, ...extra });

export interface TalentSpec {
  name?: string;
  gender?: string;
  birthDate?: string;
  department?: string | null;
  field?: string;
  profession?: string;
  titleGrade?: string;
  highestDegree?: string;
  talentProgrammes?: string[];
  adminExperienceMonths?: number;
  englishSelfDeclared?: string;
  adverseIncidentPrimaryResponsibility?: boolean;
  phone?: string;
  idCardNumber?: string;
}

let made = 0;
/** A talent of `unitId` through `talentCreate`: an intermediate-title doctor with a master's degree unless told otherwise. */
export async function talent(h: Harness, token: string, unitId: string, spec: TalentSpec = {}): Promise<string> {
  made += 1;
  const r = await h.ok(token, `mutation($i: TalentInput!) { talentCreate(input: $i) { talent { id } userErrors { code field message } } }`, {
    i: {
      name: `医生${made}`,
      gender: 'FEMALE',
      birthDate: '1985-03-15',
      field: 'WESTERN_MEDICINE',
      profession: 'DOCTOR',
      titleGrade: 'INTERMEDIATE',
      highestDegree: 'MASTER',
      ...spec,
      unitId,
    },
  });
  return payloadRecord<{ id: string }>(r.talentCreate, 'talent').id;
}

/** A token for a talent (role `talent`), a unit's coordinator, or a role without scope. */
export const tokens = (h: Harness, tenant: string) => ({
  admin: () => h.token(tenant, 'commission-admin'),
  viewer: () => h.token(tenant, 'viewer'),
  coordinator: (unitId: string, userId = `coord-${unitId.slice(-6)}`) => h.token(tenant, 'unit-coordinator', { unitId, userId }),
  talent: (talentId: string, unitId?: string) => h.token(tenant, 'talent', { talentId, unitId, userId: `talent-${talentId.slice(-6)}` }),
});

/**
 * The demo seed's test, the same for every scheme: on the repository's tenant file, the seed
 * writes something (`check` asserts what a commission would recognise), and seeding again
 * changes nothing — neither `snapshot`'s answer nor the number of rows in any table of the schema.
 */
export function describeDemoSeed(opts: {
  plugins?: AnySchemePlugin[];
  tenant: string;
  /** Other tenant files to provision beside it (a region's sub-regions); parents come by themselves. */
  with?: string[];
  today?: string;
  /** A query (as the tenant's commission-admin) whose answer must not change when the seed runs again. */
  snapshot: string;
  /** What a commission would recognise: one check, or several named ones (one test each). */
  check: ((h: Harness, admin: string) => Promise<void>) | Record<string, (h: Harness, admin: string) => Promise<void>>;
}): void {
  let h: Harness;
  beforeAll(async () => {
    h = await startScheme({ plugins: opts.plugins, tenants: repoTenants(opts.tenant, ...(opts.with ?? [])), today: opts.today });
    await h.app.seedDemo((await h.app.tenancy.get(opts.tenant))!);
  }, 120_000);
  afterAll(async () => h?.close());

  const rowCounts = async () => {
    const schema = (await h.app.tenancy.get(opts.tenant))!.schema;
    const conn = h.app.orm.em.getConnection();
    const tables = (await conn.execute(`select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' and table_name <> 'audit_entry' order by 1`, [schema])) as { table_name: string }[];
    const out: Record<string, number> = {};
    for (const { table_name } of tables) out[table_name] = Number(((await conn.execute(`select count(*) as n from "${schema}"."${table_name}"`)) as { n: string }[])[0]!.n);
    return out;
  };

  describe(`demo seed (${opts.tenant})`, () => {
    const checks = typeof opts.check === 'function' ? { 'seeds data a commission (or a hospital office) would recognise': opts.check } : opts.check;
    for (const [name, check] of Object.entries(checks)) it(name, async () => check(h, await h.token(opts.tenant, 'commission-admin')));

    it('is idempotent: seeding again changes no answer and no row count', async () => {
      const admin = await h.token(opts.tenant, 'commission-admin');
      const answer = await h.ok(admin, opts.snapshot);
      const rows = await rowCounts();
      expect(Object.values(rows).some((n) => n > 0)).toBe(true);
      await h.app.seedDemo((await h.app.tenancy.get(opts.tenant))!);
      expect(await h.ok(admin, opts.snapshot)).toEqual(answer);
      expect(await rowCounts()).toEqual(rows);
    });
  });
}

/**
 * A test that jumps the platform clock past instants whose jobs never ran leaves the tenant's
 * reminders due by `instant` as that time would have left them (cancelled here), except `keep`:
 * a delivery batch takes every due reminder of its tenant (src/jobs/delivery-batch.ts), so it
 * would send them too.
 */
export async function skipRemindersDueBy(h: Harness, tenant: string, instant: string, keep: string[]): Promise<void> {
  const c = new pg.Client({ connectionString: h.databaseUrl });
  await c.connect();
  try {
    await c.query(`update "t_${tenant}".reminder set state = 'cancelled' where state = 'pending' and fire_at <= $1 and id <> all($2::uuid[])`, [instant, keep]);
  } finally {
    await c.end();
  }
}

/** Move the clock to a reminder's instant and let its instant's delayed job run now, as the worker would (reminders skipped past are cancelled first). */
export async function fireReminder(h: Harness, tenant: string, r: { id: string; fireAt: string }): Promise<void> {
  await skipRemindersDueBy(h, tenant, r.fireAt, [r.id]);
  h.app.clock.set(r.fireAt);
  const job = await h.app.jobs.queues.reminders.getJob(fireJobId(tenant, new Date(r.fireAt)));
  expect(job, `a delayed job for the instant of reminder ${r.id}`).toBeDefined();
  expect(await job!.getState()).toBe('delayed');
  await job!.promote();
}
