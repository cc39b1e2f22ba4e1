import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap } from '@apollo/server';
import MIMEType from 'whatwg-mimetype';
import { getOperationAST } from 'graphql';
import type { App } from '../app.js';
import { auditScope } from '../core/audit.js';
import { ErrorCode } from '../errors.js';
import { isUnavailable } from '../db/faults.js';
import { DocumentGate } from '../graphql/documents.js';
import { JitExecutor } from '../graphql/executor.js';
import { firstErrorCode } from '../metrics.js';
import { endRequestSpan, endRouteSpan, startRequestSpan, startRouteSpan, tracingOn, withSpan } from '../telemetry/tracing.js';
import { ADMIN_QUEUES_PATH, createQueueDashboard } from './admin.js';
import { EXPLORER_ASSETS_PATH, serveExplorerAsset, serveExplorerPage, wantsExplorer } from './explorer.js';
import { RateLimiter } from './rate-limit.js';
import { authenticate } from './authenticate.js';
import { readBody } from './body.js';
import { HttpError, errorBody, sendJson } from './errors.js';
import { fileRoutes } from './file-routes.js';
import { excelRoutes } from './excel-routes.js';
import { linkRoutes } from './link-routes.js';
import type { Route } from './tenant-request.js';
import type { BuiltSchema } from '../graphql/schema-cache.js';
import type { TenantInfo } from '../plugin/contract.js';

/**
 * The HTTP layer: `POST /graphql` (the tenant comes from the bearer token and must match
 * `X-Tenant` when sent), `GET /healthz` (process up), `GET /readyz` (database and Redis
 * reachable, start-up done), and the file endpoints beside `/graphql` (src/http/file-routes.ts: uploads,
 * downloads, imports, exports, evidence packs, signed links). Each GraphQL request is routed to
 * the Apollo server of its tenant's plugin set.
 */
export function createHttpServer(app: App): Server & { inFlight(): number } {
  let inFlight = 0;
  const queueDashboard = createQueueDashboard(app.jobs, app.tokens);
  const documents = new DocumentGate({ maxBytes: app.config.MAX_QUERY_BYTES, maxTokens: app.config.MAX_QUERY_TOKENS });
  const jit = new JitExecutor(app.log, documents, { sqlReads: app.config.SQL_READS === 'on' });
  const limiter = new RateLimiter(app.redis, { max: app.config.RATE_LIMIT_MAX, windowSeconds: app.config.RATE_LIMIT_WINDOW_SECONDS, prefix: app.jobs.prefix, log: app.log });
  // The endpoints beside /graphql that move files (uploads, downloads, imports, exports, packs, links).
  const routes: Route[] = [fileRoutes(app, limiter), excelRoutes(app, limiter), linkRoutes(app)];

  // A tenant's schema, remembered per tenant record (the registry makes new records when it
  // reloads): finding its plugins and their set's key cost more per request than the lookup.
  const schemas = new WeakMap<TenantInfo, Promise<BuiltSchema>>();
  const schemaOf = (tenant: TenantInfo): Promise<BuiltSchema> => {
    let built = schemas.get(tenant);
    if (!built) {
      built = app.schemas.get(app.host.enabled(tenant));
      schemas.set(tenant, built);
      built.catch(() => schemas.delete(tenant));
    }
    return built;
  };

  /** What the request line and the metrics say of one request, filled in as it is learnt. */
  interface Trace {
    /** A GraphQL request (the explorer's page and files are not). */
    graphql?: boolean;
    tenant?: string;
    user?: string;
    operation?: string;
    /** query or mutation (read for traces only). */
    operationType?: string;
    /** Which executor answered: graphql-jit or apollo (read for traces only). */
    executor?: string;
    code?: string;
    /** A file endpoint beside /graphql (method and first path segment). */
    route?: string;
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, requestId: string, url: URL, trace: Trace): Promise<void> {
    // The media type parsed exactly as Apollo parses it (whatwg-mimetype): only a JSON body is a
    // GraphQL request the fast path may run. Anything else, `text/plain; charset=application/json`
    // included, goes to Apollo, whose CSRF rule refuses a simple request without a preflight header.
    const contentType = req.headers['content-type'];
    const isJson = req.method === 'POST' && (contentType === 'application/json' || MIMEType.parse(contentType ?? '')?.essence === 'application/json');
    // A JSON body's document is measured as it arrives (http/body.ts): one over MAX_QUERY_BYTES is
    // refused before it is parsed, and before the token, the tenant or the rate limit cost anything.
    const body = req.method === 'POST' ? await readBody(req, { limit: app.config.MAX_BODY_BYTES, maxQueryBytes: isJson ? app.config.MAX_QUERY_BYTES : undefined }) : '';
    const { claims, tenant, headers: limitHeaders } = await authenticate(app, req, limiter, trace);
    const limit = { headers: limitHeaders };
    const built = await schemaOf(tenant);
    const context = app.requestContext(tenant, claims, requestId);

    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    let parsedBody: unknown = body;
    if (isJson) {
      try {
        parsedBody = body ? JSON.parse(body) : {};
      } catch {
        throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'The request body is not valid JSON');
      }
    }
    // The document's size is checked before anything parses or validates it, on every path.
    const queryText = req.method === 'GET' ? url.searchParams.get('query') : (parsedBody as { query?: unknown } | null)?.query;
    const named = req.method === 'GET' ? url.searchParams.get('operationName') : (parsedBody as { operationName?: unknown } | null)?.operationName;
    if (typeof queryText === 'string') {
      const admission = documents.admit(queryText);
      if (!admission.ok) throw new HttpError(400, admission.code, admission.message, limit.headers, admission.extensions);
      // The operation's own name when the client did not send one (`query Dashboard { … }`).
      trace.operation = app.metrics.operationLabel(typeof named === 'string' ? named : admission.document ? getOperationAST(admission.document)?.name?.value : undefined);
      if (tracingOn() && admission.document) trace.operationType = getOperationAST(admission.document, typeof named === 'string' ? named : undefined)?.operation;
    } else trace.operation = app.metrics.operationLabel(named);
    const httpGraphQLRequest = { method: req.method ?? 'POST', headers, search: url.search, body: parsedBody };
    // graphql-jit answers ordinary operations, Apollo everything else (see graphql/executor.ts).
    const view = jit.viewOf(built.key, built.schema, built.server);
    const fast = view && isJson ? await auditScope.run({ actor: context.actor, requestId }, () => jit.execute(view, httpGraphQLRequest, parsedBody, context)) : null;
    trace.executor = fast ? 'graphql-jit' : 'apollo';
    if (fast) {
      res.writeHead(fast.status, { 'x-request-id': requestId, ...limit.headers, ...fast.headers, 'content-length': String(Buffer.byteLength(fast.body)) });
      res.end(fast.body);
      trace.code = firstErrorCode(fast.body, fast.status);
      return;
    }
    const result = await auditScope.run({ actor: context.actor, requestId }, () =>
      built.server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context }),
    );
    const out: Record<string, string> = { 'x-request-id': requestId, ...limit.headers };
    for (const [k, v] of result.headers) out[k] = v;
    res.writeHead(result.status ?? 200, out);
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      trace.code = firstErrorCode(result.body.string, result.status ?? 200);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  const server = createServer(async (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = (typeof req.headers['x-request-id'] === 'string' && /^[\w-]{1,64}$/.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : randomUUID());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const trace: Trace = {};
    /** A GraphQL request's span (src/telemetry/tracing.ts); undefined when traces are off. */
    let span: ReturnType<typeof startRequestSpan>;
    /** A file endpoint's span (src/telemetry/tracing.ts); undefined when traces are off. */
    let routeSpan: ReturnType<typeof startRouteSpan>;
    inFlight++;
    try {
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/metrics' && req.method === 'GET') {
        if (app.config.METRICS_TOKEN && req.headers.authorization !== `Bearer ${app.config.METRICS_TOKEN}`) throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>');
        const text = await app.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': app.metrics.registry.contentType });
        return res.end(text);
      }
      if (url.pathname === '/readyz') {
        const ready = await app.readiness(url.searchParams.has('detail'));
        return sendJson(res, ready.ok ? 200 : 503, ready);
      }
      if (url.pathname === ADMIN_QUEUES_PATH || url.pathname.startsWith(`${ADMIN_QUEUES_PATH}/`)) return await queueDashboard(req, res, url);
      if (app.config.explorer && url.pathname.startsWith(EXPLORER_ASSETS_PATH) && req.method === 'GET') {
        if (await serveExplorerAsset(res, url.pathname.slice(EXPLORER_ASSETS_PATH.length))) return;
        throw new HttpError(404, ErrorCode.NOT_FOUND, 'No such explorer file');
      }
      if (app.config.explorer && wantsExplorer(req, url.pathname)) return serveExplorerPage(res);
      if (url.pathname === '/graphql') {
        trace.graphql = true;
        span = startRequestSpan(req.headers, req.method);
        // During npm start's provisioning (App.startingUp) a request waits rather than meeting a half-migrated tenant.
        if (app.starting) await app.started();
        if (app.draining) throw new HttpError(503, ErrorCode.SHUTTING_DOWN, 'The server is shutting down; retry');
        if (req.method !== 'POST' && req.method !== 'GET') throw new HttpError(405, ErrorCode.METHOD_NOT_ALLOWED, 'Use POST /graphql');
        await withSpan(span, () => graphql(req, res, requestId, url, trace));
        return;
      }
      const first = `/${url.pathname.split('/')[1] ?? ''}`;
      trace.route = `${req.method} ${first}`;
      if (app.starting) await app.started();
      routeSpan = startRouteSpan(req.headers, req.method, first);
      const answered = await withSpan(routeSpan, async () => {
        for (const route of routes) if (await route(req, res, url, requestId)) return true;
        return false;
      });
      if (answered) return;
      throw new HttpError(404, ErrorCode.NOT_FOUND, 'Try POST /graphql, GET /healthz, GET /readyz or /admin/queues');
    } catch (e) {
      trace.code = e instanceof HttpError ? e.code : isUnavailable(e) ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.INTERNAL;
      if (e instanceof HttpError) {
        sendJson(res, e.status, errorBody(e.message, { code: e.code, ...e.extensions }), { 'x-request-id': requestId, ...e.headers });
      } else if (isUnavailable(e)) {
        // PostgreSQL or Redis is down (say, while looking up the tenant): a typed 503, not a 500.
        app.log.warn({ err: (e as Error).message, requestId }, 'dependency unavailable');
        if (!res.headersSent) sendJson(res, 503, errorBody('A service this request needs is unavailable; retry shortly', { code: ErrorCode.SERVICE_UNAVAILABLE }), { 'x-request-id': requestId, 'retry-after': '5' });
        else res.end();
      } else {
        app.log.error({ err: e, requestId }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, errorBody('Internal error', { code: ErrorCode.INTERNAL }), { 'x-request-id': requestId });
        else res.end();
      }
    } finally {
      inFlight--;
      if (trace.graphql) {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const operation = trace.operation ?? 'none';
        const code = trace.code ?? (res.statusCode >= 400 ? `HTTP_${res.statusCode}` : 'OK');
        app.metrics.request(operation, code, res.statusCode, seconds);
        if (span) endRequestSpan(span, { operation, operationType: trace.operationType, tenant: trace.tenant, code, status: res.statusCode, executor: trace.executor, failed: res.statusCode >= 500 || code === ErrorCode.INTERNAL });
        app.log.info({ requestId, tenant: trace.tenant, user: trace.user, operation, code, method: req.method, status: res.statusCode, ms: seconds * 1000 }, 'request');
      } else if (trace.route) {
        // The file endpoints beside /graphql: one line each, without the GraphQL metrics' operation.
        app.log.info({ requestId, route: trace.route, code: trace.code, method: req.method, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
        if (routeSpan) endRouteSpan(routeSpan, { code: trace.code, status: res.statusCode });
      }
    }
  });
  return Object.assign(server, { inFlight: () => inFlight });
}
