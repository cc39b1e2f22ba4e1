import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { ensureServices } from '../../src/infra/services.js';

/** Environment without anything that would change the resolution order. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'SERVICES_FORCE_EMBEDDED', 'SERVICES_DATA_DIR', 'EMBEDDED_PG_PORT', 'EMBEDDED_REDIS_PORT']) delete env[name];
  return { ...env, ...extra };
}

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ one: number }>('select 1 as one');
    return result.rows[0]!.one;
  } finally {
    await client.end();
  }
}

async function ping(url: string): Promise<string> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.ping();
  } finally {
    client.disconnect();
  }
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The error code of a TCP connection attempt to 127.0.0.1:port ('connected' if it succeeds). */
function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('ensureServices', () => {
  it('uses PostgreSQL and Redis already running where it looks first, starting nothing', { timeout: 60_000 }, async () => {
    // What a developer's machine has on 5432/6379, this test brings itself: servers of its own on
    // free ports, which the probe is pointed at instead of the standard ports.
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'services-local-'));
    const own = await ensureServices({
      dataDir,
      env: cleanEnv({ SERVICES_FORCE_EMBEDDED: '1', EMBEDDED_PG_PORT: String(await freePort()), EMBEDDED_REDIS_PORT: String(await freePort()) }),
      log: () => undefined,
    });
    try {
      const logs: string[] = [];
      const services = await ensureServices({ env: cleanEnv(), localServers: { postgres: own.databaseUrl, redis: own.redisUrl }, log: (m) => logs.push(m) });
      try {
        expect(services.databaseUrl).toBe(own.databaseUrl);
        expect(services.redisUrl).toBe(own.redisUrl);
        expect(services.started).toEqual([]);
        expect(logs).toContain(`PostgreSQL: using local server on ${new URL(own.databaseUrl).host}`);
        expect(await selectOne(services.databaseUrl)).toBe(1);
        expect(await ping(services.redisUrl)).toBe('PONG');
      } finally {
        await services.stop();
      }
      // Stopping what it merely found leaves it running.
      expect(await selectOne(own.databaseUrl)).toBe(1);
    } finally {
      await own.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('creates the database DATABASE_URL names when the server lacks it', async () => {
    const url = new URL(inject('databaseUrl'));
    const name = `ts_test_missing_${Date.now().toString(36)}`;
    url.pathname = `/${name}`;
    const logs: string[] = [];
    const services = await ensureServices({ env: cleanEnv({ DATABASE_URL: url.toString(), REDIS_URL: inject('redisUrl') }), log: (m) => logs.push(m) });
    try {
      expect(services.databaseUrl).toBe(url.toString());
      expect(await selectOne(services.databaseUrl)).toBe(1);
      expect(logs.join('\n')).toContain(`created database "${name}"`);
    } finally {
      await services.stop();
      const admin = new pg.Client({ connectionString: inject('databaseUrl') });
      await admin.connect();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });

  it('starts embedded PostgreSQL and redis-server when forced, and stops them', { timeout: 60_000 }, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'services-test-'));
    const pgPort = await freePort();
    const redisPort = await freePort();
    const logs: string[] = [];
    try {
      const services = await ensureServices({
        dataDir,
        env: cleanEnv({ SERVICES_FORCE_EMBEDDED: '1', EMBEDDED_PG_PORT: String(pgPort), EMBEDDED_REDIS_PORT: String(redisPort) }),
        log: (m) => logs.push(m),
      });
      try {
        expect(services.started).toEqual([`embedded PostgreSQL on 127.0.0.1:${pgPort}`, `redis-server on 127.0.0.1:${redisPort}`]);
        expect(new URL(services.databaseUrl).port).toBe(String(pgPort));
        expect(new URL(services.redisUrl).port).toBe(String(redisPort));
        expect(await selectOne(services.databaseUrl)).toBe(1);
        expect(await ping(services.redisUrl)).toBe('PONG');
        await expect(fs.access(path.join(dataDir, 'pg', 'PG_VERSION'))).resolves.toBeUndefined();
      } finally {
        await services.stop();
      }
      await services.stop(); // idempotent
      expect(await connectOutcome(pgPort)).toBe('ECONNREFUSED');
      expect(await connectOutcome(redisPort)).toBe('ECONNREFUSED');
      expect(logs.join('\n')).not.toContain('postgres:postgres@');
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('rejects an unreachable DATABASE_URL without revealing its password', async () => {
    const logs: string[] = [];
    const secret = 's3cret-Passw0rd';
    const error = await ensureServices({
      env: cleanEnv({ DATABASE_URL: `postgres://app:${secret}@127.0.0.1:1/app` }),
      log: (m) => logs.push(m),
    }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('DATABASE_URL');
    expect((error as Error).message).not.toContain(secret);
    expect(logs.join('\n')).not.toContain(secret);
  });

  it('rejects an unreachable REDIS_URL, naming it', async () => {
    const error = await ensureServices({
      env: cleanEnv({ REDIS_URL: 'redis://:hunter2-secret@127.0.0.1:1' }),
      log: () => undefined,
    }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('REDIS_URL');
    expect((error as Error).message).not.toContain('hunter2-secret');
  });
});
