import { SignJWT, UnsecuredJWT } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Roles, type Role } from '../../src/auth/roles.js';
import { CORE_OUTCOME_CATEGORIES } from '../../src/core/services/outcomes.js';
import { coreEntities } from '../../src/core/entities/index.js';
import { plugins as registeredPlugins } from '../../plugins/index.js';
import { REPO_TENANTS, startHarness, type GqlResult, type Harness } from '../support/harness.js';

/**
 * Tenant isolation, proven from the schemas themselves: for every tenant, every Query and
 * Mutation field of the schema that tenant is served (core + its plugins, so a new plugin is
 * covered without touching this file) is called with generated arguments, in the ways an
 * attacker would:
 *
 * - as the tenant's own administrators, with ids of every OTHER tenant's real rows;
 * - with an `X-Tenant` header naming another tenant;
 * - with a token signed by a wrong key, an expired one, and one with `alg: none`;
 * - with a role the field's `@Authorized` does not list (a viewer for a mutation…);
 * - for queries, as a viewer (no right to personal data) with the tenant's own ids.
 *
 * Every attempt must be refused with the right code, or (foreign ids) find nothing; and no
 * foreign data may appear anywhere in the response: no other tenant's ids, names, texts, or
 * personal data, and in the viewer attempts none of the tenant's own personal data. Demo data is
 * seeded in every real tenant that has a scheme, and personal data is added, so there is something
 * to leak. A region above others (hubei above wuhanunion) reads their aggregates: numbers and
 * public vocabulary, which never count as a leak, and nothing else.
 */
let h: Harness;
let db: pg.Client;
/** Every tenant file in tenants/: a new tenant is tried, and tried against, with no edit here. */
const TENANT_FILES = readdirSync(REPO_TENANTS).filter((f) => /\.ya?ml$/.test(f)).map((f) => parse(readFileSync(path.join(REPO_TENANTS, f), 'utf8')) as { key: string; demo?: boolean; plugins?: Record<string, unknown> });
const TENANTS = TENANT_FILES.map((t) => t.key);
type Tenant = string;
/** Tenants whose demo data gives markers to look for (a region that runs no scheme has none of its own). */
const SEEDED = TENANT_FILES.filter((t) => t.demo && registeredPlugins.some((p) => p.seed && Object.keys(t.plugins ?? {}).includes(p.key))).map((t) => t.key);
/**
 * Public vocabulary, never a tenant's marker: what the core's own answers say (outcome categories),
 * every scheme's default configuration, and every word written in the schemes' code — a report
 * kind, a channel's code, a metric a parent region reads among its aggregates — but not their demo
 * seeds, whose names and texts are data like any tenant's.
 */
const PLUGINS_DIR = fileURLToPath(new URL('../../plugins', import.meta.url));
const schemeSources = (readdirSync(PLUGINS_DIR, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !/(^|\/)(seed|test|scripts)(\.ts|\/)/.test(f))
  .map((f) => readFileSync(path.join(PLUGINS_DIR, f), 'utf8'));
const PUBLIC_VOCABULARY = JSON.stringify([CORE_OUTCOME_CATEGORIES, ...registeredPlugins.map((p) => p.config.parse({}))]) + schemeSources.join('\n');

interface TenantData {
  /** Row ids per table. */
  ids: Map<string, string[]>;
  allIds: Set<string>;
  /** Text values that exist only in this tenant (checked against the others' dumps). */
  texts: Set<string>;
  /** Clear personal data values (stored encrypted, so known from when we wrote them). */
  personal: Set<string>;
  dump: string;
  /** Some unit (institution) id, for scoped tokens. */
  unitId: string;
}
const data = new Map<Tenant, TenantData>();
const stats = { attempts: 0, leaks: 0, byKind: new Map<string, number>() };
let failures: string[] = [];

const FIELD_ROLE_META = new Map<string, readonly string[] | null>();
let CORE_TABLES = new Set<string>();

beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS], seedDemo: true });
  db = new pg.Client({ connectionString: h.databaseUrl });
  await db.connect();
  CORE_TABLES = new Set((coreEntities as Function[]).map((e) => h.app.orm.getMetadata().find(e as never)!.tableName));
  // Personal data in every tenant (the demo seeds have none): ID and phone on some talents, a liaison phone on Wenzhou stays.
  for (const [ti, t] of TENANTS.entries()) {
    const admin = await h.token(t, 'commission-admin');
    const talents = (await db.query(`select id from "t_${t}".talent order by id limit 6`)).rows.map((r) => r.id as string);
    const personal = new Set<string>();
    for (const [i, id] of talents.entries()) {
      const idCard = `5201021990010${ti}${i}${i}${ti}X`.slice(0, 17) + 'X';
      const phone = `1370${ti}${i}${ti}${i}5555`;
      await h.ok(admin, `mutation($id: ID!, $p: TalentPatch!) { updateTalent(id: $id, patch: $p) { id } }`, { id, p: { idCardNumber: idCard, phone } });
      personal.add(idCard).add(phone);
    }
    const hasStay = (await db.query(`select to_regclass('t_${t}.wz_stay') as r`)).rows[0].r;
    if (hasStay) {
      const phone = `1361${ti}0009999`;
      await db.query(`update t_${t}.wz_stay set liaison_contact = $1`, [phone]);
      personal.add(phone);
    }
    data.set(t, { ids: new Map(), allIds: new Set(), texts: new Set(), personal, dump: '', unitId: '' });
  }
  for (const t of TENANTS) {
    const d = data.get(t)!;
    const tables = (await db.query(`select table_name from information_schema.columns where table_schema = $1 and column_name = 'id' and data_type = 'uuid' order by 1`, [`t_${t}`])).rows.map((r) => r.table_name as string);
    for (const table of tables) {
      const ids = (await db.query(`select id::text from t_${t}."${table}" order by id limit 300`)).rows.map((r) => r.id as string);
      if (ids.length) d.ids.set(table, ids);
      for (const id of ids) d.allIds.add(id);
    }
    d.unitId = d.ids.get('institution')?.[0] ?? '';
    const textCols = (await db.query(`select table_name, column_name from information_schema.columns where table_schema = $1 and data_type in ('text', 'character varying') and table_name not in ('schema_migrations', 'audit_entry')`, [`t_${t}`])).rows;
    for (const c of textCols) {
      const values = (await db.query(`select distinct "${c.column_name}"::text as v from t_${t}."${c.table_name}" where "${c.column_name}" is not null limit 500`)).rows.map((r) => r.v as string);
      for (const v of values) if (v.length >= 6 && !v.startsWith('enc:v1:')) d.texts.add(v);
    }
    const whole: string[] = [];
    for (const table of (await db.query(`select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'`, [`t_${t}`])).rows.map((r) => r.table_name as string)) {
      whole.push((await db.query(`select coalesce(string_agg(x::text, E'\\n'), '') as t from t_${t}."${table}" x`)).rows[0].t as string);
    }
    d.dump = whole.join('\n');
  }
  // A text is a marker of its tenant only if no other tenant has it too, and it is not public
  // vocabulary: the tenant registry (a county names its parent province) or a schema's SDL.
  const registry = (await db.query(`select string_agg(t::text, E'\\n') as t from platform.tenant t`)).rows[0].t as string;
  const sdls = (await Promise.all(TENANTS.map(async (t) => (await h.app.schemas.get(h.app.host.enabled((await h.app.tenancy.get(t))!))).sdl))).join('\n');
  // Enum values are UPPER_CASE in the SDL and lowercase in the rows: both are the schema's words.
  const sdlsFolded = sdls.toLowerCase();
  for (const t of TENANTS) {
    const d = data.get(t)!;
    for (const v of [...d.texts]) {
      if (registry.includes(v) || sdlsFolded.includes(v.toLowerCase()) || PUBLIC_VOCABULARY.includes(v) || TENANTS.some((o) => o !== t && data.get(o)!.dump.includes(v))) d.texts.delete(v);
    }
  }
  // Which roles each resolver method allows (type-graphql's @Authorized metadata).
  const storage = getMetadataStorage();
  for (const r of [...storage.queries, ...storage.mutations]) {
    const field = storage.authorizedFields.find((a) => a.target === r.target && a.fieldName === r.methodName);
    const cls = storage.authorizedResolver.find((a) => a.target === r.target);
    FIELD_ROLE_META.set(r.schemaName, field?.roles ?? cls?.roles ?? null);
  }
}, 300_000);

afterAll(async () => {
  await db?.end();
  await h?.close();
});

// ─── operation generation ──────────────────────────────────────────────────

/** Pick an id of a tenant's rows for an argument, by its name (talentId → talent, candidacyId → wz_candidacy…). */
function idFor(d: TenantData, hint: string): string {
  const h2 = hint.toLowerCase().replace(/ids?$/, '').replace(/[^a-z]/g, '');
  let best: [string, string[]] | undefined;
  for (const [table, ids] of d.ids) {
    // A plugin's tables carry its prefix (wz_candidacy, dl_action_plan): match on what follows it.
    const bare = (CORE_TABLES.has(table) ? table : table.replace(/^[a-z0-9]+_/, '')).replace(/_/g, '');
    if (bare && h2.includes(bare) && (!best || bare.length > best[0].length)) best = [bare, ids];
  }
  // A region that runs no scheme has no rows: any well-formed id is as foreign as another.
  const ids = best?.[1] ?? d.ids.get('talent') ?? [...d.ids.values()][0] ?? ['0190ffff-0000-7000-8000-000000000000'];
  return ids[Math.abs(hashOf(hint)) % ids.length]!;
}
const hashOf = (s: string) => [...s].reduce((a, c) => (a * 31 + c.charCodeAt(0)) | 0, 7);

function scalarValue(name: string, argName: string): unknown {
  switch (name) {
    case 'Int':
      return /first|limit/i.test(argName) ? 5 : 1;
    case 'Float':
    case 'WenzhouDecimal':
      return 1.5;
    case 'Boolean':
      return true;
    case 'Date':
      return '2025-07-01';
    case 'DateTimeISO':
      return '2025-07-01T08:00:00.000Z';
    case 'JSON':
      return {};
    default:
      return /url/i.test(argName) ? 'https://example.invalid/' : 'isolation-probe';
  }
}

function valueFor(type: GraphQLInputType, name: string, d: TenantData, depth = 0): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, name, d, depth);
  if (isListType(type)) return [valueFor(type.ofType, name, d, depth)];
  if (isEnumType(type)) return type.getValues()[0]!.value === undefined ? type.getValues()[0]!.name : type.getValues()[0]!.name;
  if (isScalarType(type)) return type.name === 'ID' ? idFor(d, name) : scalarValue(type.name, name);
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      const named = getNamedType(f.type);
      // Required fields, and every id (the point is to hand the server foreign ids wherever it takes one).
      if (isNonNullType(f.type) || (isScalarType(named) && named.name === 'ID')) {
        if (depth < 4) out[f.name] = valueFor(f.type, f.name, d, depth + 1);
      }
    }
    return out;
  }
  return null;
}

function argsFor(field: GraphQLField<unknown, unknown>, d: TenantData): { decl: string; use: string; vars: Record<string, unknown> } {
  const decl: string[] = [];
  const use: string[] = [];
  const vars: Record<string, unknown> = {};
  field.args.forEach((a: GraphQLArgument, i) => {
    const named = getNamedType(a.type);
    const isId = isScalarType(named) && named.name === 'ID';
    // Small pages keep a generated everything-two-levels-deep selection under the cost limit.
    const isPage = a.name === 'first' && isScalarType(named) && named.name === 'Int';
    if (!isNonNullType(a.type) && !isId && !isPage && !isInputObjectType(named)) return;
    decl.push(`$a${i}: ${a.type.toString()}`);
    use.push(`${a.name}: $a${i}`);
    vars[`a${i}`] = isPage ? 2 : valueFor(a.type, a.name === 'id' ? field.name : a.name, d);
  });
  return { decl: decl.length ? `(${decl.join(', ')})` : '', use: use.length ? `(${use.join(', ')})` : '', vars };
}

/** Scalar fields a couple of levels deep (fields needing arguments are skipped). */
function selectionFor(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isUnionType(named) || isInterfaceType(named)) return '{ __typename }';
  if (!isObjectType(named)) return '';
  const parts: string[] = [];
  for (const f of Object.values(named.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type))) continue;
    const inner = getNamedType(f.type);
    if (isLeafType(inner)) parts.push(f.name);
    else if (depth < 2 || ['nodes', 'edges', 'node'].includes(f.name)) {
      const sub = selectionFor(f.type, depth + (['nodes', 'edges', 'node'].includes(f.name) ? 0 : 1));
      if (sub) parts.push(`${f.name} ${sub}`);
    }
  }
  return parts.length ? `{ ${parts.join(' ')} }` : '{ __typename }';
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, d: TenantData) {
  const { decl, use, vars } = argsFor(field, d);
  const sel = selectionFor(getNullableType(field.type) as GraphQLOutputType);
  return { query: `${kind} Probe${decl} { ${field.name}${use} ${sel} }`, vars };
}

// ─── tokens ────────────────────────────────────────────────────────────────

const sign = (claims: Record<string, unknown>, secret: string, exp: string | number = '1h') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('isolation').setIssuer('talent-schemes').setAudience('talent-schemes-api').setIssuedAt().setExpirationTime(exp).sign(new TextEncoder().encode(secret));

// ─── checking a response ───────────────────────────────────────────────────

/** Foreign values found in a response, ignoring what the request itself sent (an id echoed in "X not found"). */
function leaksIn(body: unknown, sent: string, markers: { ids: Set<string>; texts: Set<string>; personal: Set<string> }): string[] {
  const text = JSON.stringify(body);
  const found: string[] = [];
  for (const id of text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []) if (markers.ids.has(id) && !sent.includes(id)) found.push(id);
  for (const p of markers.personal) if (text.includes(p)) found.push(p);
  for (const v of markers.texts) if (text.includes(JSON.stringify(v).slice(1, -1)) && !sent.includes(v)) found.push(v);
  return found;
}

function record(kind: string, label: string, ok: boolean, leaks: string[], r: GqlResult, why: string) {
  stats.attempts++;
  stats.byKind.set(kind, (stats.byKind.get(kind) ?? 0) + 1);
  if (leaks.length) stats.leaks++;
  if (!ok || leaks.length) failures.push(`${kind} ${label}: ${why}${leaks.length ? ` LEAKED ${leaks.slice(0, 3).join(', ')}` : ''} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
}

const codes = (r: GqlResult) => (r.body.errors ?? []).map((e) => e.extensions?.code as string);
/** Codes a generated call may legitimately end in when it finds nothing or its made-up input is wrong. */
const NOTHING_FOUND_OR_BAD_INPUT = new Set(['NOT_FOUND', 'BAD_USER_INPUT', 'INVALID_STATE', 'FORBIDDEN', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED']);

async function inBatches<T>(items: T[], size: number, fn: (t: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

const auditCount = async (t: Tenant) => Number((await db.query(`select count(*) as n from t_${t}.audit_entry`)).rows[0].n);

describe('isolation suite generated from every tenant schema', () => {
  for (const tenant of TENANTS) {
    it(`${tenant}: every query and mutation, tried across tenants, with bad tokens and without the right`, async () => {
      failures = [];
      const own = data.get(tenant)!;
      const others = TENANTS.filter((t) => t !== tenant);
      const built = await h.app.schemas.get(h.app.host.enabled((await h.app.tenancy.get(tenant))!));
      const schema: GraphQLSchema = built.schema;
      const fields = [
        ...Object.values(schema.getQueryType()!.getFields()).map((f) => ({ kind: 'query' as const, f })),
        ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((f) => ({ kind: 'mutation' as const, f })),
      ];
      expect(fields.length).toBeGreaterThan(15);
      const auditBefore = new Map(await Promise.all(others.map(async (o) => [o, await auditCount(o)] as const)));

      const admin = await h.token(tenant, [Roles.COMMISSION_ADMIN], { userId: `iso-admin-${tenant}` });
      const viewer = await h.token(tenant, Roles.VIEWER, { userId: `iso-viewer-${tenant}` });
      const wrongKey = await sign({ tenant, roles: ['commission-admin'] }, 'w'.repeat(48));
      const expired = await sign({ tenant, roles: ['commission-admin'] }, h.app.config.jwtSecret!, Math.floor(Date.now() / 1000) - 120);
      const algNone = new UnsecuredJWT({ tenant, roles: ['commission-admin'] }).setSubject('isolation').setIssuer('talent-schemes').setAudience('talent-schemes-api').setExpirationTime('1h').encode();
      const everyoneElse = { ids: new Set(others.flatMap((o) => [...data.get(o)!.allIds])), texts: new Set(others.flatMap((o) => [...data.get(o)!.texts])), personal: new Set(others.flatMap((o) => [...data.get(o)!.personal])) };
      const everything = { ids: new Set([...everyoneElse.ids, ...own.allIds]), texts: new Set([...everyoneElse.texts, ...own.texts]), personal: new Set([...everyoneElse.personal, ...own.personal]) };

      await inBatches(fields, 6, async ({ kind, f }) => {
        const label = `${tenant}.${kind}.${f.name}`;
        // 1. Foreign ids, as this tenant's administrators: nothing of the other tenant comes back.
        for (const other of others) {
          const op = operationFor(kind, f, data.get(other)!);
          const sent = op.query + JSON.stringify(op.vars);
          const r = await h.gql(admin, op.query, op.vars);
          const bad = codes(r).filter((c) => !NOTHING_FOUND_OR_BAD_INPUT.has(c));
          record('foreign-ids', `${label} with ${other} ids`, r.status < 500 && bad.length === 0, leaksIn(r.body, sent, everyoneElse), r, bad.length ? `unexpected codes ${bad.join(',')}` : 'ok');
        }
        const op = operationFor(kind, f, own);
        const sent = op.query + JSON.stringify(op.vars);
        // 2. The token's tenant with another tenant's X-Tenant header.
        const mismatch = await h.gql(admin, op.query, op.vars, { 'x-tenant': others[0] });
        record('x-tenant', label, mismatch.status === 403 && codes(mismatch)[0] === 'TENANT_MISMATCH' && mismatch.body.data === undefined, leaksIn(mismatch.body, sent, everything), mismatch, 'expected 403 TENANT_MISMATCH');
        // 3–5. Tokens that must not authenticate.
        for (const [kindName, token] of [['wrong-key', wrongKey], ['expired', expired], ['alg-none', algNone]] as const) {
          const r = await h.gql(token, op.query, op.vars);
          record(kindName, label, r.status === 401 && codes(r)[0] === 'UNAUTHENTICATED' && r.body.data === undefined, leaksIn(r.body, sent, everything), r, 'expected 401 UNAUTHENTICATED');
        }
        // 6. A role the field does not allow.
        const allowed = FIELD_ROLE_META.get(f.name);
        if (allowed && allowed.length) {
          const lacking = ([Roles.VIEWER, Roles.MENTOR, Roles.TALENT, Roles.COMMITTEE_EXPERT, Roles.UNIT_COORDINATOR, Roles.COMMISSION_ADMIN] as Role[]).find((r) => !allowed.includes(r));
          if (lacking) {
            const t = await h.token(tenant, lacking, { userId: `iso-${lacking}`, unitId: own.unitId });
            const r = await h.gql(t, op.query, op.vars);
            const value = (r.body.data as Record<string, unknown> | null | undefined)?.[f.name];
            record('lacking-role', `${label} as ${lacking}`, codes(r).includes('FORBIDDEN') && (value === null || value === undefined), leaksIn(r.body, sent, everything), r, `expected FORBIDDEN for ${lacking}`);
          }
        }
        // 7. Queries as a viewer, with this tenant's own ids: personal data of its own people stays hidden.
        if (kind === 'query') {
          const r = await h.gql(viewer, op.query, op.vars);
          const bad = codes(r).filter((c) => !NOTHING_FOUND_OR_BAD_INPUT.has(c));
          record('viewer-personal-data', label, r.status < 500 && bad.length === 0, leaksIn(r.body, sent, { ids: everyoneElse.ids, texts: everyoneElse.texts, personal: everything.personal }), r, bad.length ? `unexpected codes ${bad.join(',')}` : 'ok');
        }
      });

      // Nothing any of this did reached another tenant's rows.
      for (const o of others) expect(await auditCount(o), `audit entries of ${o}`).toBe(auditBefore.get(o));
      expect(failures, failures.slice(0, 15).join('\n')).toEqual([]);
    }, 300_000);
  }

  it('reports how many attempts were made and that none leaked', () => {
    console.log(`isolation suite: ${stats.attempts} attempts over ${TENANTS.length} tenant schemas (${[...stats.byKind].map(([k, n]) => `${k} ${n}`).join(', ')}); ${stats.leaks} leaked`);
    expect(stats.attempts).toBeGreaterThan(1000);
    expect(stats.leaks).toBe(0);
    expect(SEEDED).toEqual(expect.arrayContaining(['wenzhou', 'guizhou', 'yuping']));
    for (const t of SEEDED) expect(data.get(t)!.texts.size + data.get(t)!.allIds.size, `markers of ${t}`).toBeGreaterThan(50);
  });
});
