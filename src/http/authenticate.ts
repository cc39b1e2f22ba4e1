import type { IncomingMessage } from 'node:http';
import type { App } from '../app.js';
import { PLATFORM_TENANT } from '../auth/roles.js';
import { TokenError, type TokenClaims } from '../auth/tokens.js';
import { ErrorCode } from '../errors.js';
import type { TenantInfo } from '../plugin/contract.js';
import { HttpError } from './errors.js';
import type { RateLimiter } from './rate-limit.js';

export interface Authenticated {
  claims: TokenClaims;
  tenant: TenantInfo;
  /** RateLimit-* headers to send with the answer. */
  headers: Record<string, string>;
}

/**
 * Who is asking, for every tenant endpoint (`/graphql` and the file endpoints beside it): the
 * bearer token verified, `X-Tenant` matching it, the tenant known, the rate limit counted. One
 * function, so the file endpoints cannot drift from the GraphQL endpoint's rules.
 */
export async function authenticate(app: App, req: IncomingMessage, limiter: RateLimiter, trace?: { user?: string; tenant?: string }): Promise<Authenticated> {
  const bearer = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!bearer) throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'Send a bearer token: Authorization: Bearer <jwt> (npm run token prints one)');
  let claims: TokenClaims;
  try {
    claims = await app.tokens.verify(bearer);
  } catch (e) {
    throw new HttpError(401, ErrorCode.UNAUTHENTICATED, e instanceof TokenError ? e.message : 'Invalid token');
  }
  if (trace) trace.user = claims.userId;
  if (claims.tenant === PLATFORM_TENANT) throw new HttpError(403, ErrorCode.FORBIDDEN, `A platform admin's token opens the operator's pages (/admin/queues), not a tenant's API`);
  const headerTenant = req.headers['x-tenant'];
  if (headerTenant !== undefined && headerTenant !== claims.tenant) {
    throw new HttpError(403, ErrorCode.TENANT_MISMATCH, 'X-Tenant does not match the tenant of the token');
  }
  const tenant = await app.tenancy.get(claims.tenant);
  if (!tenant) throw new HttpError(403, ErrorCode.TENANT_UNKNOWN, `Tenant "${claims.tenant}" does not exist`);
  if (trace) trace.tenant = tenant.key;
  const limit = await limiter.hit(tenant.key, claims.userId);
  if (!limit.allowed) throw new HttpError(429, ErrorCode.RATE_LIMITED, `Too many requests for this token; retry in ${limit.retryAfter} s`, limit.headers);
  return { claims, tenant, headers: limit.headers };
}
