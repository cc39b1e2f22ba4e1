import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

/**
 * A redis-server of the test's own, without persistence, for tests that flush or restart Redis
 * (never the shared one on 6379). `restart()` stops it and starts an empty one on the same port,
 * as a Redis restarted without persistence comes back.
 */
export async function startPrivateRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'private-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  // If the test process ends without stopping it (a hook that timed out), it must not outlive it.
  const orphanGuard = () => child?.kill('SIGKILL');
  process.once('exit', orphanGuard);

  const up = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'], { stdio: 'ignore' });
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      for (let i = 0; ; i++) {
        if (child.exitCode !== null) throw new Error(`redis-server on port ${port} exited with ${child.exitCode}`);
        if (await probe.connect().then(() => probe.ping()).then(() => true, () => false)) return;
        if (i > 100) throw new Error(`redis-server on port ${port} did not answer`);
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      probe.disconnect();
    }
  };
  const down = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL'); // a crash: no shutdown save (there is none to make anyway)
    await exited;
  };

  await up();
  return {
    url,
    port,
    /** Killed: the port refuses connections until `start()`. */
    crash: down,
    start: up,
    async restart() {
      await down();
      await up();
    },
    async stop() {
      await down();
      process.off('exit', orphanGuard);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
