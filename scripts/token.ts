/**
 * `npm run token -- --tenant wenzhou --role commission-admin [--role viewer] [--unit <id>] [--talent <id>] [--user <id>] [--expires 12h]`
 * prints a development token signed with JWT_SECRET (or the development secret).
 */
import { parseArgs } from 'node:util';
import { TokenService } from '../src/auth/tokens.js';
import { ALL_ROLES, type Role } from '../src/auth/roles.js';
import { loadConfig } from '../src/config.js';

const { values } = parseArgs({
  options: {
    tenant: { type: 'string' },
    role: { type: 'string', multiple: true },
    unit: { type: 'string' },
    talent: { type: 'string' },
    user: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});
const roles = (values.role ?? []) as Role[];
const bad = roles.filter((r) => !ALL_ROLES.includes(r));
if (!values.tenant || roles.length === 0 || bad.length) {
  console.error(`usage: npm run token -- --tenant <key> --role <role> [--unit <institution id>] [--talent <talent id>]\nroles: ${ALL_ROLES.join(', ')}${bad.length ? `\nunknown role: ${bad.join(', ')}` : ''}`);
  process.exit(2);
}
const config = loadConfig();
const tokens = new TokenService({ secret: config.jwtSecret, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
console.log(
  await tokens.sign(
    { userId: values.user ?? `dev-${roles[0]}`, tenant: values.tenant, roles, unitId: values.unit ?? null, talentId: values.talent ?? null },
    values.expires,
  ),
);
