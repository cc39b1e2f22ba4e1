/**
 * `npm run token -- --tenant wenzhou --role commission-admin [--role viewer] [--unit <id>] [--talent <id>] [--user <id>] [--expires 12h]`
 * prints a development token signed with JWT_SECRET (or the development secret).
 * `npm run token -- --role platform-admin` prints a platform admin's token (the queue dashboard).
 *
 * What a role needs is required, so a token cannot silently see nothing: a unit coordinator
 * names its unit, a talent its talent record. The tenant must be one of tenants/.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TokenService } from '../src/auth/tokens.js';
import { ALL_ROLES, PLATFORM_TENANT, Roles, type Role } from '../src/auth/roles.js';
import { loadConfig } from '../src/config.js';
import { projectRoot } from '../src/infra/project-root.js';

const USAGE = `usage: npm run token -- --tenant <key> --role <role> [--role <role>…] [--unit <institution id>] [--talent <talent id>] [--user <id>] [--expires 12h]
       npm run token -- --role platform-admin
  (the -- after "token" hands the options to this command instead of to npm)
roles: ${ALL_ROLES.join(', ')}
  unit-coordinator needs --unit (the dispatching unit's id); talent needs --talent (the talent's id)`;

function fail(problem: string): never {
  console.error(`${problem}\n\n${USAGE}`);
  process.exit(2);
}

let values: { tenant?: string; role?: string[]; unit?: string; talent?: string; user?: string; expires: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      role: { type: 'string', multiple: true },
      unit: { type: 'string' },
      talent: { type: 'string' },
      user: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }) as { values: typeof values });
} catch (e) {
  const forgotDashes = (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL';
  fail(forgotDashes ? `token: options reached npm, not this command: put -- after "npm run token" (got bare words: ${process.argv.slice(2).join(' ')})` : `token: ${(e as Error).message}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const roles = (values.role ?? []) as Role[];
const unknown = roles.filter((r) => !ALL_ROLES.includes(r));
if (roles.length === 0) fail('token: give at least one --role');
if (unknown.length) fail(`token: unknown role ${unknown.join(', ')}`);

const platform = roles.includes(Roles.PLATFORM_ADMIN);
const tenantsDir = join(projectRoot(), 'tenants');
const tenants = readdirSync(tenantsDir).filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, '')).sort();
let tenant: string;
if (platform) {
  if (roles.length > 1) fail('token: platform-admin is the platform operator’s role and carries no other');
  if (values.tenant && values.tenant !== PLATFORM_TENANT) fail(`token: platform-admin is not a tenant's role; leave out --tenant`);
  tenant = PLATFORM_TENANT;
} else {
  if (!values.tenant) fail(`token: give --tenant (one of: ${tenants.join(', ')})`);
  if (!tenants.includes(values.tenant)) fail(`token: no tenant "${values.tenant}" in tenants/ (known: ${tenants.join(', ')})`);
  tenant = values.tenant;
}
if (roles.includes(Roles.UNIT_COORDINATOR) && !values.unit) fail('token: a unit-coordinator token needs --unit <institution id> (its queries would otherwise return nothing)');
if (roles.includes(Roles.TALENT) && !values.talent) fail('token: a talent token needs --talent <talent id>');
for (const [name, id] of [['unit', values.unit], ['talent', values.talent]] as const) {
  if (id !== undefined && !UUID.test(id)) fail(`token: --${name} must be an id from the API (a UUID), not "${id}"`);
}

const config = loadConfig();
const tokens = new TokenService({ secret: config.jwtSecret, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, maxLifetimeSeconds: config.TOKEN_MAX_LIFETIME_SECONDS });
let token: string;
try {
  token = await tokens.sign({ userId: values.user ?? `dev-${roles[0]}`, tenant, roles, unitId: values.unit ?? null, talentId: values.talent ?? null }, values.expires);
  // The server would refuse a token that lives longer than it accepts: refuse to print one.
  const lifetime = tokens.expiryOf(token) - Math.floor(Date.now() / 1000);
  if (lifetime > config.TOKEN_MAX_LIFETIME_SECONDS) fail(`token: --expires ${values.expires} is longer than the server accepts (TOKEN_MAX_LIFETIME_SECONDS=${config.TOKEN_MAX_LIFETIME_SECONDS})`);
} catch (e) {
  fail(`token: ${(e as Error).message}`);
}
console.log(token);
