/** The system's `redis-server`, run as our child (installed with apt-get first if missing and permitted). */
import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { spawnServer } from './children.js';
import { describeProcess, listenersOf, parentOf } from './port.js';
import { LOCALHOST, TailBuffer, errorMessage, exists, parsePort, portAcceptsTcp, redisPing, retry, type Resolved, type ServiceContext } from './util.js';

const DEFAULT_EMBEDDED_REDIS_PORT = 63790;

export async function spawnRedis(ctx: ServiceContext): Promise<Resolved> {
  const port = parsePort(ctx.env, 'EMBEDDED_REDIS_PORT', DEFAULT_EMBEDDED_REDIS_PORT);
  const url = `redis://${LOCALHOST}:${port}`;

  // A redis-server another instance started on this port (e.g. `npm start` beside `npm run worker`): use it.
  if (await redisPing(url, 1000).then(() => true, () => false)) {
    const [holder] = await listenersOf(port);
    const parent = holder && (await parentOf(holder.pid));
    const owner = !holder ? '' : parent && parent.pid !== 1 ? ` (${describeProcess(holder)}, started by ${describeProcess(parent)}, and stops with it)` : ` (${describeProcess(holder)})`;
    ctx.log(`Redis: using the server already answering on ${LOCALHOST}:${port}${owner}`);
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
  const server = spawnServer(
    binary,
    ['--port', String(port), '--bind', LOCALHOST, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir, '--loglevel', 'warning'],
    { stopSignal: 'SIGTERM', env: ctx.env, onUnexpectedExit: (why) => ctx.log(`Redis: spawned redis-server on port ${port} ${why}`) },
  );
  try {
    await retry(() => redisPing(url, 500), 10_000, 150, () => server.exited() !== undefined);
  } catch (err) {
    await server.stop(5000);
    throw new Error(`redis-server did not come up on port ${port}: ${server.exited() ?? errorMessage(err)}\n${server.output()}`);
  }
  return { url, started: { description: `redis-server on ${LOCALHOST}:${port}`, stop: () => server.stop(5000) } };
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

async function installRedisServer(ctx: ServiceContext): Promise<string> {
  const canApt = ctx.isRoot && ctx.env.SERVICES_ALLOW_APT !== '0' && (await exists('/usr/bin/apt-get'));
  if (!canApt) {
    throw new Error(
      'redis-server not found (looked on PATH and /usr/bin/redis-server). ' +
        "Install it (`apt-get install redis-server`, or your platform's redis package) or set REDIS_URL to a running Redis.",
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
