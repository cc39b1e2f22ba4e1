import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { REPO_TENANTS } from '../support/harness.js';
import { ensureBuilt, freePort, run, userEnv, waitUntil } from '../support/processes.js';

beforeAll(() => ensureBuilt(), 600_000);

/** `npm start` as a user runs it, where start-up used to go wrong. */
describe('npm start', () => {
  it('refuses a taken port at once, naming the process that holds it, with no stack trace', { timeout: 120_000 }, async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'start-up-'));
    // Services of its own, so that starting any would show (it used to start them, seed, then crash).
    const npm = run('npm', ['start'], userEnv({ PORT: String(port), SERVICES_FORCE_EMBEDDED: '1', SERVICES_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), EMBEDDED_REDIS_PORT: String(await freePort()) }));
    try {
      const { code } = await npm.exited;
      const output = npm.output();
      expect(code, output).not.toBe(0);
      // This test process holds the port, and /proc says so.
      expect(output).toContain(`port ${port} on 0.0.0.0 is already in use by pid ${process.pid} (`);
      expect(output).toContain('set PORT to a free port');
      expect(output).not.toMatch(/^\s+at /m);
      expect(output).not.toContain('EADDRINUSE');
      expect(output).not.toContain('PostgreSQL:');
      expect(await fs.readdir(dataDir)).toEqual([]);
    } finally {
      npm.killGroup();
      await new Promise<void>((resolve) => holder.close(() => resolve()));
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('creates the database DATABASE_URL names when it does not exist, and serves', { timeout: 180_000 }, async () => {
    const server = inject('databaseUrl');
    const name = `ts_test_new_${Date.now().toString(36)}`;
    const url = new URL(server);
    url.pathname = `/${name}`;
    const port = await freePort();
    const prefix = `{test-start-${Date.now().toString(36)}}`;
    const npm = run('npm', ['start'], userEnv({ PORT: String(port), DATABASE_URL: url.toString(), REDIS_URL: inject('redisUrl'), QUEUE_PREFIX: prefix, SEED_DEMO: '0', WORKERS: '0' }));
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    try {
      let exited = false;
      void npm.exited.then(() => (exited = true));
      const ready = await waitUntil('/readyz', 120_000, async () => {
        if (exited) throw new Error(`npm start exited:\n${npm.output()}`);
        return fetch(`http://127.0.0.1:${port}/readyz`).then((r) => (r.ok ? (r.json() as Promise<{ database: string }>) : undefined), () => undefined);
      });
      expect(ready.database).toBe('ok');
      expect(npm.output()).toContain(`created database \\"${name}\\"`);
      // The tenants were provisioned into it.
      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      const tenants = await db.query<{ key: string }>('select key from platform.tenant order by key').finally(() => db.end());
      // Every tenant file of tenants/ (a new tenant needs no edit here).
      expect(tenants.rows.map((r) => r.key)).toEqual(readdirSync(REPO_TENANTS).filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, '')).sort());
      process.kill(npm.child.pid!, 'SIGTERM');
      expect((await npm.exited).code, npm.output()).toBe(0);
    } finally {
      npm.killGroup();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
      const redis = new Redis(inject('redisUrl'));
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });
});
