import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { serversDieWithUs } from '../../src/infra/children.js';
import { FreezableProxy } from '../support/freezable-proxy.js';
import { ensureBuilt, freePort, portTaken, processTree, run, stillRunning, userEnv, waitUntil, type Command, type Proc } from '../support/processes.js';

/**
 * `npm start` as a user or a container runtime runs it, with PostgreSQL and Redis of its own
 * (embedded, forced): whichever process of it gets the signal, every process it consists of —
 * npm, node, the postmaster and its backends, redis-server — is gone within a bound, and the port
 * is free. The bounds are generous; what they catch is a process that never goes.
 */
const GONE_WITHIN_MS = 45_000;
let dataDir: string;
let current: { npm: Command; tree: Proc[] } | undefined;

beforeAll(async () => {
  // One cluster for the whole file (initdb once); each start runs its own postmaster on it.
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'stopping-'));
  await ensureBuilt();
}, 600_000);
afterEach(() => {
  // Whatever a failed test left behind: the servers are in process groups of their own.
  if (!current) return;
  current.npm.killGroup();
  for (const p of stillRunning(current.tree)) process.kill(p.pid, 'SIGKILL');
  current = undefined;
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

interface Started {
  npm: Command;
  port: number;
  tree: Proc[];
  /** The node process running dist/start.js (scripts/start.ts compiled). */
  node: Proc;
  /** The embedded postmaster and redis-server, when it started them. */
  postgres?: Proc;
  redis?: Proc;
}

async function startServer(extraEnv: Record<string, string> = {}): Promise<Started> {
  const [port, pgPort, redisPort] = [await freePort(), await freePort(), await freePort()];
  const npm = run('npm', ['start'], userEnv({
    PORT: String(port),
    SERVICES_FORCE_EMBEDDED: '1',
    SERVICES_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    EMBEDDED_REDIS_PORT: String(redisPort),
    SEED_DEMO: '0',
    ...extraEnv,
  }));
  current = { npm, tree: [] };
  let exited = false;
  void npm.exited.then(() => (exited = true));
  await waitUntil('/healthz', 120_000, async () => {
    if (exited) throw new Error(`npm start exited before serving:\n${npm.output()}`);
    return fetch(`http://127.0.0.1:${port}/healthz`).then((r) => (r.ok ? true : undefined), () => undefined);
  });
  const tree = processTree(npm.child.pid!);
  current.tree = tree;
  // The compiled start (npm run build, on demand): node runs dist/start.js, no compiler loaded.
  const node = tree.find((p) => p.command.includes('dist/start.js') && p.pid !== npm.child.pid);
  if (!node) throw new Error(`no node process in the tree of npm start:\n${tree.map((p) => `${p.pid} ${p.command}`).join('\n')}`);
  return {
    npm,
    port,
    tree,
    node,
    postgres: tree.find((p) => p.command.includes(`/postgres -D `) && p.command.includes(`-p ${pgPort}`)),
    redis: tree.find((p) => p.command.includes(`redis-server 127.0.0.1:${redisPort}`)),
  };
}

async function expectAllGone(s: Started): Promise<void> {
  await waitUntil('every process of npm start to be gone', GONE_WITHIN_MS, () => (stillRunning(s.tree).length === 0 ? true : undefined)).catch((err: Error) => {
    throw new Error(`${err.message}; still running:\n${stillRunning(s.tree).map((p) => `${p.pid} ${p.command}`).join('\n')}\n--- output:\n${s.npm.output()}`);
  });
  await s.npm.exited;
  expect(await portTaken(s.port)).toBe(false);
}

describe('stopping npm start', () => {
  it('SIGTERM to npm stops node, PostgreSQL and redis-server, after a graceful drain', { timeout: 180_000 }, async () => {
    const s = await startServer();
    expect(s.postgres).toBeDefined();
    expect(s.redis).toBeDefined();
    expect(s.tree.length).toBeGreaterThanOrEqual(5); // npm, node, the postmaster and its processes, redis-server
    expect(s.node.command).not.toMatch(/tsx/);
    process.kill(s.npm.child.pid!, 'SIGTERM');
    await expectAllGone(s);
    expect(s.npm.output()).toContain('"reason":"SIGTERM"');
    expect(s.npm.output()).not.toContain('exiting anyway');
  });

  it('SIGTERM to the node process does the same', { timeout: 180_000 }, async () => {
    const s = await startServer();
    process.kill(s.node.pid, 'SIGTERM');
    await expectAllGone(s);
    expect(s.npm.output()).toContain('"reason":"SIGTERM"');
  });

  it('npm killed outright (SIGKILL): node notices and stops everything', { timeout: 180_000 }, async () => {
    const s = await startServer();
    process.kill(s.npm.child.pid!, 'SIGKILL');
    await expectAllGone(s);
    expect(s.npm.output()).toContain(`parent process ${s.npm.child.pid} exited`);
  });

  // The kernel does this (setpriv --pdeathsig); where setpriv is missing only the other cases hold.
  it.skipIf(!serversDieWithUs())('node killed outright (SIGKILL): PostgreSQL and redis-server die with it', { timeout: 180_000 }, async () => {
    const s = await startServer();
    process.kill(s.node.pid, 'SIGKILL');
    await expectAllGone(s);
  });

  it('a PostgreSQL that stops answering mid-query cannot hold the stop past SHUTDOWN_TIMEOUT_MS', { timeout: 180_000 }, async () => {
    // The app reaches the run's PostgreSQL through a proxy that then goes silent: the pool cannot
    // close while a query waits for an answer that never comes.
    const server = new URL(inject('databaseUrl'));
    const proxy = await new FreezableProxy({ host: server.hostname, port: Number(server.port) }).start();
    const name = `ts_test_stop_${Date.now().toString(36)}`;
    const viaProxy = new URL(server);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    viaProxy.pathname = `/${name}`;
    const admin = new pg.Client({ connectionString: inject('databaseUrl') });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    try {
      const s = await startServer({ SHUTDOWN_TIMEOUT_MS: '3000', DATABASE_URL: viaProxy.toString() });
      proxy.freeze();
      const ready = await fetch(`http://127.0.0.1:${s.port}/readyz`);
      expect(((await ready.json()) as { database: string }).database).toMatch(/^unreachable/); // its `select 1` is still waiting
      process.kill(s.node.pid, 'SIGTERM');
      await expectAllGone(s);
      expect(s.npm.output()).toContain('exiting anyway');
      expect((await s.npm.exited).code).not.toBe(0);
    } finally {
      await proxy.close();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});
