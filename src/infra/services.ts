/**
 * "Find or start what we need": a PostgreSQL database and a Redis server, for `npm start` and
 * `npm test` on a fresh machine.
 *
 * PostgreSQL: DATABASE_URL (must connect; a missing database is created) → local server on
 *             127.0.0.1:5432 as `postgres` (trust) → embedded PostgreSQL (embedded-postgres.ts),
 *             data in <dataDir>/pg.
 * Redis:      REDIS_URL (must answer PING) → 127.0.0.1:6379 → the system `redis-server` spawned
 *             as a child process (redis-server.ts; installed with apt-get first if missing and we are root).
 *
 * SERVICES_FORCE_EMBEDDED=1 skips the two default-port probes; SERVICES_DATA_DIR moves <dataDir>
 * (tests that need servers of their own use both).
 */
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { projectRoot } from './project-root.js';
import { spawnRedis } from './redis-server.js';
import { errorMessage, pgCheck, redactUrl, redisPing, scrub, type Resolved, type ServiceContext } from './util.js';

export interface Services {
  /** postgres://... pointing at an existing database (default db name `postgres`). */
  databaseUrl: string;
  /** redis://host:port */
  redisUrl: string;
  /** Human-readable list of what this call started, e.g. ['embedded PostgreSQL on 127.0.0.1:54329']. */
  started: string[];
  /** Stops only what this call started. Idempotent. */
  stop(): Promise<void>;
}

export interface EnsureServicesOptions {
  /** Default: SERVICES_DATA_DIR, else <repo>/.data */
  dataDir?: string;
  /** Default: console.error. Messages never contain secrets. */
  log?: (msg: string) => void;
  /** Default: process.env */
  env?: NodeJS.ProcessEnv;
  /** The servers to look for before starting any. Default: the standard local ports (tests point it at servers of their own). */
  localServers?: { postgres: string; redis: string };
}

const LOCAL_SERVERS = { postgres: 'postgres://postgres@127.0.0.1:5432/postgres', redis: 'redis://127.0.0.1:6379' };

export async function ensureServices(opts: EnsureServicesOptions = {}): Promise<Services> {
  const env = opts.env ?? process.env;
  const ctx: ServiceContext = {
    env,
    dataDir: path.resolve(opts.dataDir ?? (env.SERVICES_DATA_DIR || path.join(projectRoot(), '.data'))),
    log: opts.log ?? ((msg) => console.error(msg)),
    forceEmbedded: env.SERVICES_FORCE_EMBEDDED === '1',
    isRoot: process.getuid?.() === 0,
  };
  const local = opts.localServers ?? LOCAL_SERVERS;

  const [pgResult, redisResult] = await Promise.allSettled([resolvePostgres(ctx, local.postgres), resolveRedis(ctx, local.redis)]);
  const startedParts = [pgResult, redisResult].flatMap((r) => (r.status === 'fulfilled' && r.value.started ? [r.value.started] : []));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    // Stop in reverse order of start; remember the promise so repeated calls are no-ops.
    stopping ??= (async () => {
      const errors: unknown[] = [];
      for (const part of [...startedParts].reverse()) {
        try {
          await part.stop();
        } catch (err) {
          errors.push(err);
        }
      }
      if (errors.length > 0) throw new AggregateError(errors, 'failed to stop some services');
    })();
    return stopping;
  };

  if (pgResult.status === 'rejected' || redisResult.status === 'rejected') {
    // Do not leave behind what the other half started.
    await stop().catch(() => undefined);
    throw pgResult.status === 'rejected' ? pgResult.reason : (redisResult as PromiseRejectedResult).reason;
  }

  return {
    databaseUrl: pgResult.value.url,
    redisUrl: redisResult.value.url,
    started: startedParts.map((p) => p.description),
    stop,
  };
}

// ─── PostgreSQL ─────────────────────────────────────────────────────────────

async function resolvePostgres(ctx: ServiceContext, localUrl: string): Promise<Resolved> {
  const fromEnv = ctx.env.DATABASE_URL;
  if (fromEnv) {
    const shown = redactUrl(fromEnv);
    try {
      await pgCheck(fromEnv, 5000);
    } catch (err) {
      // The server is there but the database is not: create it, as the ORM does for the default one.
      if ((err as { code?: string }).code === '3D000') return { url: await createMissingDatabase(ctx, fromEnv) };
      throw new Error(`DATABASE_URL (${shown}) is set but PostgreSQL did not accept a connection: ${scrub(errorMessage(err), fromEnv)}`);
    }
    ctx.log(`PostgreSQL: using DATABASE_URL (${shown})`);
    return { url: fromEnv };
  }

  if (!ctx.forceEmbedded) {
    const where = new URL(localUrl).host;
    try {
      await pgCheck(localUrl, 1500);
      ctx.log(`PostgreSQL: using local server on ${where}`);
      return { url: localUrl };
    } catch (err) {
      ctx.log(`PostgreSQL: no usable local server on ${where} (${errorMessage(err)}); using embedded PostgreSQL`);
    }
  }

  return startEmbeddedPostgres(ctx);
}

/** Creates the database DATABASE_URL names, connecting to the same server's maintenance database. */
async function createMissingDatabase(ctx: ServiceContext, rawUrl: string): Promise<string> {
  const shown = redactUrl(rawUrl);
  const name = decodeURIComponent(new URL(rawUrl).pathname.slice(1));
  const failures: string[] = [];
  for (const maintenance of ['postgres', 'template1']) {
    const url = new URL(rawUrl);
    url.pathname = `/${maintenance}`;
    const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query(`create database "${name.replaceAll('"', '""')}"`);
      ctx.log(`PostgreSQL: created database "${name}" named by DATABASE_URL (${shown})`);
      return rawUrl;
    } catch (err) {
      // 42P04: created meanwhile by someone else, which is what we wanted.
      if ((err as { code?: string }).code === '42P04') return rawUrl;
      failures.push(`${maintenance}: ${scrub(errorMessage(err), rawUrl)}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`DATABASE_URL (${shown}) names database "${name}", which does not exist, and creating it failed (${failures.join('; ')})`);
}

// ─── Redis ──────────────────────────────────────────────────────────────────

async function resolveRedis(ctx: ServiceContext, localUrl: string): Promise<Resolved> {
  const fromEnv = ctx.env.REDIS_URL;
  if (fromEnv) {
    const shown = redactUrl(fromEnv);
    try {
      await redisPing(fromEnv, 5000);
    } catch (err) {
      throw new Error(`REDIS_URL (${shown}) is set but Redis did not answer PING: ${scrub(errorMessage(err), fromEnv)}`);
    }
    ctx.log(`Redis: using REDIS_URL (${shown})`);
    return { url: fromEnv };
  }

  if (!ctx.forceEmbedded) {
    const where = new URL(localUrl).host;
    try {
      await redisPing(localUrl, 1000);
      ctx.log(`Redis: using local server on ${where}`);
      return { url: localUrl };
    } catch (err) {
      ctx.log(`Redis: no local server on ${where} (${errorMessage(err)}); using a redis-server of its own`);
    }
  }

  return spawnRedis(ctx);
}

/**
 * The application's own database on a found or started server: `DATABASE_URL` is used as given;
 * a discovered server gets a `talent_schemes` database (created by the ORM on first start),
 * so the demo never writes into the server's `postgres` database.
 */
export function appDatabaseUrl(serverUrl: string, env: NodeJS.ProcessEnv = process.env, name = 'talent_schemes'): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
