import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app.js';
import { auditScope } from '../core/audit.js';
import { isAppError, type ErrorCode } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import { authenticate, type Authenticated } from './authenticate.js';
import { HttpError, sendJson } from './errors.js';
import type { RateLimiter } from './rate-limit.js';

/** A route beside /graphql: answers when it matches (true), else leaves the request to the next. */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) => Promise<boolean>;

const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_FILE_TYPE: 415,
  ID_NUMBER_CHECKS_EXHAUSTED: 429,
};

/** The GraphQL errors the services throw, as the same JSON body with an HTTP status. */
export function toHttpError(e: unknown): unknown {
  if (!isAppError(e)) return e;
  const { code, ...rest } = e.extensions as { code: ErrorCode } & Record<string, unknown>;
  return new HttpError(STATUS[code] ?? 400, code, e.message, {}, rest);
}

/**
 * Run a file endpoint as the token's user: the same authentication, tenant, rate limit, request
 * context (em forked to the tenant's schema and row-scoped to the actor) and audit scope as a
 * GraphQL request, so an upload, import or export sees exactly the rows the API would show.
 */
export async function asTenantUser<T>(
  app: App,
  limiter: RateLimiter,
  req: IncomingMessage,
  requestId: string,
  fn: (ctx: RequestContext, auth: Authenticated) => Promise<T>,
): Promise<T> {
  if (app.draining) throw new HttpError(503, 'SHUTTING_DOWN', 'The server is shutting down; retry');
  const auth = await authenticate(app, req, limiter);
  const ctx = app.requestContext(auth.tenant, auth.claims, requestId);
  try {
    return await auditScope.run({ actor: ctx.actor, requestId }, () => fn(ctx, auth));
  } catch (e) {
    throw toHttpError(e);
  }
}

/** Run `fn` in one transaction of the request (all or nothing; after-commit tasks run after). */
export async function inTransaction<T>(ctx: RequestContext, fn: () => Promise<T>): Promise<T> {
  await ctx.beginTransaction();
  let ok = false;
  try {
    const out = await fn();
    ok = true;
    return out;
  } finally {
    await ctx.endTransaction(ok);
  }
}

export { sendJson };

/** `Content-Disposition: attachment` with a UTF-8 file name (RFC 6266/5987): Chinese names survive. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
