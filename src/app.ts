import { Redis } from 'ioredis';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import { Roles, TENANT_WIDE_ROLES, hasRole, type Actor } from './auth/roles.js';
import { TokenService, type TokenClaims } from './auth/tokens.js';
import { Clock } from './clock.js';
import type { AppConfig } from './config.js';
import { AuditSubscriber, auditScope } from './core/audit.js';
import { EvaluationSubscriber } from './evaluation/baseline.js';
import { coreMigrations } from './core/migrations/index.js';
import type { RowScope } from './core/entities/scope.js';
import { createOrm } from './db/orm.js';
import { PreparedStatements, type SqlStatement } from './db/prepared-statements.js';
import { ReadBatches, type BatchableRead } from './db/read-batches.js';
import { Metrics } from './metrics.js';
import { registerDataKey } from './security/personal-data.js';
import type { RequestContext } from './graphql/context.js';
import { Loaders } from './graphql/loaders.js';
import { SchemaCache } from './graphql/schema-cache.js';
import { createHttpServer } from './http/server.js';
import { createLogger } from './log.js';
import { JobSystem } from './jobs/job-system.js';
import type { SchedulerReport } from './jobs/schedulers.js';
import { createStorage } from './files/create-storage.js';
import type { FileStorage } from './files/storage.js';
import { NOTIFY_QUEUE, NotifyStage } from './notify/stage.js';
import { Transports } from './notify/transports.js';
import type { AnySchemePlugin, TenantContext, TenantInfo } from './plugin/contract.js';
import { PluginHost } from './plugin/host.js';
import { platformMigrations } from './tenancy/platform-migrations.js';
import { TenancyService } from './tenancy/tenancy.service.js';
import { readTenantFolder, type TenantDefinition } from './tenancy/tenant-file.js';
import { forbidden } from './errors.js';

export interface AppOptions {
  config: AppConfig;
  plugins: readonly AnySchemePlugin[];
  databaseUrl: string;
  redisUrl: string;
  log?: Logger;
  clock?: Clock;
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
  /** BullMQ key prefix (tests use their own). */
  queuePrefix?: string;
  /** Worker lock duration in ms (how soon a crashed worker's job is retried). */
  jobLockMs?: number;
  /** Connections in the pool (local default 10, src/db/orm.ts); tests that inspect one connection's session use 1. */
  poolMax?: number;
}

/** The row scope of an actor: tenant-wide roles see everything, a coordinator its unit, a talent itself. */
export function rowScopeOf(actor: Actor): RowScope {
  if (hasRole(actor, ...TENANT_WIDE_ROLES)) return {};
  if (hasRole(actor, Roles.TALENT)) return { talentId: actor.talentId ?? '00000000-0000-0000-0000-000000000000' };
  return { unitId: actor.unitId ?? '00000000-0000-0000-0000-000000000000' };
}

/**
 * The platform in one object: ORM (one pool for every tenant), tenancy, plugin host, schema
 * cache, tokens, clock. `npm start`, the tests and the scripts all build it the same way.
 */
export class App {
  draining = false;
  private http?: ReturnType<typeof createHttpServer>;
  /**
   * Start-up work still running after the server listens (`npm start` provisions, seeds and
   * builds the schemas after it: GET /healthz answers within its first second or two). Requests
   * to the API wait for it; /readyz says `starting` until it is done.
   */
  private startup?: Promise<void>;
  /**
   * The ORM's own `pg` pool and the statement counter, for planned reads outside a transaction
   * (graphql/sql-reads.ts): one statement whose JSON PostgreSQL builds needs none of the ORM's
   * query pipeline, which cost a sixth of a small query's CPU.
   */
  private readPool: () => Pool | undefined = () => undefined;
  private countQuery?: (sql: string) => void;
  /** Named prepared statements for planned reads on the read pool; none when PREPARED_STATEMENTS=off. */
  private prepared?: PreparedStatements;

  /** Reads by id of one statement arriving together, sent as one (src/db/read-batches.ts); none when READ_BATCHES=off. */
  private readBatches?: ReadBatches;
  private closing?: () => void;
  private readonly closed = new Promise<void>((resolve) => (this.closing = resolve));

  private constructor(
    readonly config: AppConfig,
    readonly orm: MikroORM,
    readonly redis: Redis,
    readonly host: PluginHost,
    readonly tenancy: TenancyService,
    readonly schemas: SchemaCache,
    readonly tokens: TokenService,
    readonly clock: Clock,
    readonly log: Logger,
    readonly jobs: JobSystem,
    readonly metrics: Metrics,
    /** Where attachments and imported files are kept (src/files/storage.ts). */
    readonly files: FileStorage,
    /** SMTP connections and robot senders of the notification stage. */
    readonly transports: Transports,
  ) {}

  static async create(opts: AppOptions): Promise<App> {
    const log = opts.log ?? createLogger(opts.config.LOG_LEVEL);
    const clock = opts.clock ?? new Clock();
    const host = new PluginHost(opts.plugins, clock, log);
    const metrics = new Metrics();
    let readPool: Pool | undefined;
    const orm = await createOrm({
      databaseUrl: opts.databaseUrl,
      entities: host.all().flatMap((p) => p.entities ?? []),
      migrations: [...platformMigrations, ...coreMigrations, ...host.all().flatMap((p) => p.migrations ?? [])],
      onQuery: opts.onQuery,
      poolMax: opts.poolMax,
      onPool: (pool) => {
        readPool = pool;
        metrics.observePool(pool);
      },
      connectTimeoutMs: opts.config.DB_CONNECT_TIMEOUT_MS,
    });
    orm.em.getEventManager().registerSubscriber(new AuditSubscriber());
    orm.em.getEventManager().registerSubscriber(new EvaluationSubscriber(() => clock.today()));
    registerDataKey(orm.em.getPlatform(), opts.config.dataKey);
    const redis = new Redis(opts.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    // Without a listener ioredis prints every connection error to stderr; log the first of an outage.
    let redisDown = false;
    redis.on('error', (e: Error) => {
      if (!redisDown) log.warn({ err: e.message }, 'Redis connection lost; reconnecting (/readyz says so)');
      redisDown = true;
    });
    redis.on('ready', () => (redisDown = false));
    await redis.connect().catch((e: Error) => log.warn({ err: e.message }, 'Redis not reachable yet; /readyz will say so'));
    const tenancy = new TenancyService(orm, host, log);
    await tenancy.ensurePlatform();
    const tokens = new TokenService({
      secret: opts.config.jwtSecret,
      publicKeyPem: opts.config.JWT_PUBLIC_KEY,
      issuer: opts.config.JWT_ISSUER,
      audience: opts.config.JWT_AUDIENCE,
      maxLifetimeSeconds: opts.config.TOKEN_MAX_LIFETIME_SECONDS,
    });
    const schemas = new SchemaCache(log, opts.config.NODE_ENV === 'production', {
      maxDepth: opts.config.MAX_QUERY_DEPTH,
      maxAliases: opts.config.MAX_ALIASES,
      maxComplexity: opts.config.MAX_QUERY_COMPLEXITY,
    }, { maxBytes: opts.config.MAX_QUERY_BYTES, maxTokens: opts.config.MAX_QUERY_TOKENS });
    const jobs = new JobSystem({
      redisUrl: opts.redisUrl,
      prefix: opts.queuePrefix ?? opts.config.QUEUE_PREFIX,
      orm,
      tenancy,
      host,
      clock,
      log,
      lockMs: opts.jobLockMs ?? opts.config.JOB_LOCK_MS,
      sweepEveryMs: opts.config.SWEEP_EVERY_MS,
      schedulerCheckMs: opts.config.SCHEDULER_CHECK_MS,
      metrics,
    });
    // Email and group robots after the inbox: a delivery stage of its own (src/notify/stage.ts).
    const transports = new Transports();
    jobs.addStage(NOTIFY_QUEUE, (queue, redis) => new NotifyStage(queue, { tenancy, clock, log, transports, publicUrl: opts.config.publicUrl, linkKey: opts.config.linkKey, redis }));
    metrics.observeQueues(Object.values(jobs.queues));
    const files = createStorage(opts.config);
    await files.init();
    const app = new App(opts.config, orm, redis, host, tenancy, schemas, tokens, clock, log, jobs, metrics, files, transports);
    app.readPool = () => readPool; // told when the ORM creates it
    app.countQuery = opts.onQuery;
    if (opts.config.PREPARED_STATEMENTS === 'on') {
      const prepared = new PreparedStatements(opts.config.PREPARED_STATEMENTS_PER_CONNECTION, opts.onQuery);
      app.prepared = prepared;
      if (opts.config.READ_BATCHES === 'on') app.readBatches = new ReadBatches((s) => prepared.query(readPool!, s.name!, s.text, s.values));
    }
    return app;
  }

  /** Validate every tenant file first (nothing is written if one is wrong), then provision each. */
  async provisionFolder(dir: string): Promise<TenantDefinition[]> {
    const known = (await this.tenancy.list()).map((t) => t.key);
    const defs = readTenantFolder(dir, this.host, known);
    for (const def of defs) await this.tenancy.provision(def);
    // New tenants get their plugins' repeating jobs at once (workers may be running elsewhere).
    await this.jobs.registerPluginSchedules().catch((e: Error) => this.log.warn({ err: e.message }, 'could not register plugin job schedules; workers will at start'));
    return defs;
  }

  /**
   * Run every enabled plugin's idempotent demo seed in a tenant. Each seed runs as a mutation
   * request does: in one transaction on its request context, whose em is also the seed's
   * `ctx.em`, so a seed may call any core or plugin service (including those that lock rows);
   * reminder jobs are enqueued after the commit, and a seed that throws leaves nothing behind.
   */
  async seedDemo(tenant: TenantInfo): Promise<void> {
    for (const plugin of this.host.enabled(tenant)) {
      if (!plugin.seed) continue;
      const actor: Actor = { userId: 'seed', roles: [Roles.PLATFORM_ADMIN] };
      const request = this.requestContext(tenant, { ...actor, tenant: tenant.key }, `seed-${plugin.key}`);
      // Demo data is history: what it leaves past due is not chased (issue 14, no reminder floods).
      request.historical = true;
      await request.beginTransaction();
      let ok = false;
      try {
        const ctx = await this.host.context(plugin.key, tenant, request.em, actor);
        await auditScope.run({ actor, requestId: request.requestId }, () => plugin.seed!({ ...ctx, request }));
        await request.commit();
        ok = true;
      } finally {
        await request.endTransaction(ok);
      }
    }
    // Reports a seed wrote directly get their reminders now rather than at the next sweep, as
    // history: those already past due are recorded as suppressed, never sent.
    await this.jobs.reconcileReminders(tenant, { historical: true });
  }

  /** A TenantContext for code outside a request (jobs, seeds, scripts). */
  async pluginContext<C>(pluginKey: string, tenant: TenantInfo, actor: Actor = { userId: 'system', roles: [Roles.PLATFORM_ADMIN] }): Promise<TenantContext<C>> {
    return this.host.context<C>(pluginKey, tenant, this.tenancy.em(tenant), actor);
  }

  /** Build the per-request context: em forked to the tenant's schema and row-scoped to the actor. */
  requestContext(tenant: TenantInfo, claims: TokenClaims, requestId: string): RequestContext {
    const app = this;
    const actor: Actor = { userId: claims.userId, roles: claims.roles, unitId: claims.unitId, talentId: claims.talentId };
    const rowScope = rowScopeOf(actor);
    // Forked on first use: a read answered in one SQL statement never needs it, and a fork costs
    // more than the rest of such a request's context (the ORM rewrites its configuration twice).
    let forked: EntityManager | undefined;
    let loaders: Loaders | undefined;
    // The child logger is made when first used: building one (with its redaction) per request cost more than most requests log.
    let childLog: Logger | undefined;
    const pluginContexts = new Map<string, Promise<TenantContext<unknown>>>();
    let afterCommit: (() => Promise<void>)[] = [];
    let afterTransaction: (() => Promise<void>)[] = [];
    let inTransaction = false;
    let mustRollBack = false;
    // Methods, not arrow functions, here and below: the build keeps function names (keepNames),
    // which costs a defineProperty per arrow function per request; a method has its name already.
    const local = {
      em(): EntityManager {
        return (forked ??= app.tenancy.em(tenant, rowScope));
      },
      log(): Logger {
        return (childLog ??= app.log.child({ requestId, tenant: tenant.key }));
      },
      async runAfterTransaction(): Promise<void> {
        const tasks = afterTransaction;
        afterTransaction = [];
        for (const task of tasks) await task();
      },
      async runAfterCommit(): Promise<void> {
        const tasks = afterCommit;
        afterCommit = [];
        for (const task of tasks) await task();
      },
    };
    return {
      requestId,
      tenant,
      actor,
      rowScope,
      historical: false,
      get em() {
        return local.em();
      },
      get loaders() {
        return (loaders ??= new Loaders(local.em()));
      },
      async read(statement: SqlStatement) {
        const { text, values, name } = statement;
        const transaction = forked?.getTransactionContext();
        const pool = app.readPool();
        if (!transaction && pool && name && app.prepared) {
          if (app.readBatches && statement.key !== undefined && statement.batch) return app.readBatches.read(statement as BatchableRead);
          return app.prepared.query(pool, name, text, values);
        }
        // In the request's transaction, prepared on the connection the transaction holds: a write's
        // reads before it changes anything (plainRowsTogether) are planned once per connection, not per request.
        if (transaction && name && app.prepared) return app.prepared.inTransaction(transaction, name, text, values);
        // Else as text with the values as literals: the ORM's connection formats `?`, not `$n`, and
        // PostgreSQL runs an unnamed statement with parameters ~10% slower than the same text with
        // literals (scripts/bench/statement.ts).
        const sql = values.length ? text.replace(/\$(\d+)/g, (_, n: string) => String(app.orm.em.getPlatform().quoteValue(values[Number(n) - 1]))) : text;
        if (transaction || !pool) return (forked ?? app.orm.em).getConnection().execute(sql, [], 'all', transaction);
        app.countQuery?.(sql);
        return (await pool.query(sql)).rows as Record<string, unknown>[];
      },
      get log() {
        return local.log();
      },
      clock: this.clock,
      host: this.host,
      jobs: this.jobs,
      links: { key: this.config.linkKey, publicUrl: this.config.publicUrl },
      afterCommit(task) {
        afterCommit.push(task);
      },
      async afterTransaction(task) {
        if (inTransaction) afterTransaction.push(task);
        else await task();
      },
      get inTransaction() {
        return inTransaction;
      },
      async commit() {
        await local.em().flush();
        if (!inTransaction) await local.runAfterCommit();
      },
      rollbackOnly() {
        mustRollBack = true;
      },
      async beginTransaction() {
        await local.em().begin();
        inTransaction = true;
        mustRollBack = false;
      },
      async endTransaction(ok: boolean) {
        if (!inTransaction) return;
        inTransaction = false;
        try {
          if (ok && !mustRollBack) {
            await local.em().commit();
            await local.runAfterCommit();
          } else {
            await local.em().rollback();
            afterCommit = [];
          }
        } finally {
          await local.runAfterTransaction();
        }
      },
      async subRegions() {
        const inside = [];
        for (const key of tenant.regions) {
          const child = key === tenant.key ? null : await app.tenancy.get(key);
          if (child) inside.push(child);
        }
        // The child's own schema, whole-tenant: what a plugin's regionFigures computes from it is
        // numbers only, and nothing else of the child is exposed to the parent.
        const reader: Actor = { userId: `region:${tenant.key}`, roles: [] };
        return inside.map((child) => ({ tenant: child, em: app.tenancy.em(child), context: <C>(plugin: string) => app.host.context<C>(plugin, child, app.tenancy.em(child), reader, local.log()) }));
      },
      plugin<C>(key: string) {
        if (!tenant.plugins.includes(key)) throw forbidden(`Plugin ${key} is not enabled for ${tenant.key}`);
        let p = pluginContexts.get(key);
        if (!p) {
          p = app.host.context(key, tenant, local.em(), actor, () => local.log());
          pluginContexts.set(key, p);
        }
        return p as Promise<TenantContext<C>>;
      },
    };
  }


  /**
   * `/readyz`: PostgreSQL and Redis answer (what serving requests needs). With `detail`, also the
   * job counts and the job schedulers; a scheduler missing from Redis fails the detailed check
   * (and only it, so a load balancer polling `/readyz` keeps the API in service meanwhile).
   */
  async readiness(detail = false): Promise<{ ok: boolean; starting?: true; database: string; redis: string; queues?: Record<string, Record<string, number>>; schedulers?: SchedulerReport | string }> {
    const timeout = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, r) => setTimeout(() => r(new Error('timeout')), 1500))]);
    const database = await timeout(this.orm.em.getConnection().execute('select 1'))
      .then(() => 'ok')
      .catch((e: Error) => `unreachable: ${e.message}`);
    const redis = await timeout(this.redis.ping())
      .then(() => 'ok')
      .catch((e: Error) => `unreachable: ${e.message}`);
    // Not ready while start-up still provisions tenants (a load balancer waits; /healthz already answers).
    const starting = this.starting ? { starting: true as const } : {};
    const ok = database === 'ok' && redis === 'ok' && !this.starting;
    if (!detail || redis !== 'ok') return { ok, ...starting, database, redis };
    const queues = await timeout(this.jobs.counts()).catch(() => undefined);
    const schedulers = await timeout(this.jobs.schedulers()).catch((e: Error) => `unknown: ${e.message}`);
    return { ok: ok && typeof schedulers === 'object' && schedulers.ok, ...starting, database, redis, queues, schedulers };
  }

  async listen(port = this.config.PORT, host = this.config.HOST): Promise<string> {
    this.http = createHttpServer(this);
    const http = this.http;
    // A failed listen (EADDRINUSE…) rejects here, for the caller to report, instead of an unhandled 'error'.
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
    const addr = this.http.address() as AddressInfo;
    return `http://${host === '0.0.0.0' ? 'localhost' : host}:${addr.port}`;
  }

  /**
   * Serve while `task` finishes the start-up (npm start: provisioning, demo seeds, schemas): API
   * requests wait for it (or for the stop), /readyz answers 503 `starting` until then. A task
   * that fails leaves the API waiting: the caller stops the process.
   */
  startingUp(task: Promise<unknown>): void {
    const startup: Promise<void> = task.then(
      () => {
        if (this.startup === startup) this.startup = undefined;
      },
      () => new Promise<never>(() => undefined),
    );
    this.startup = startup;
  }

  /** Still starting up (see startingUp). */
  get starting(): boolean {
    return this.startup !== undefined;
  }

  /** Resolves once start-up is done, or the app is stopping (then `draining` says so). */
  async started(): Promise<void> {
    if (this.startup) await Promise.race([this.startup, this.closed]);
  }

  /** Requests being handled right now. */
  inFlight(): number {
    return this.http?.inFlight() ?? 0;
  }

  /** Graceful stop: refuse new GraphQL requests, let in-flight ones finish (up to `graceMs`), then close. */
  async close(graceMs = 10_000): Promise<void> {
    this.draining = true;
    this.closing?.();
    if (this.http) {
      const closed = new Promise<void>((resolve) => this.http!.close(() => resolve()));
      const deadline = Date.now() + graceMs;
      while (this.http.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      this.http.closeAllConnections();
      await closed;
    }
    await this.jobs.close();
    this.transports.close();
    await this.schemas.stop();
    await this.orm.close(true);
    this.redis.disconnect();
  }
}
