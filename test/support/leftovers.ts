import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * What a test run creates on the shared PostgreSQL and Redis carries the run's id in its name
 * (`ts_test_<run>_…` databases, `{test-<run>-…}` queue prefixes), so the end of the run can
 * check that it left nothing behind without mistaking another run's live data (other people
 * test on the same machine at the same time) for its own leftovers.
 */
export const newRunId = () => `${Date.now().toString(36).slice(-4)}${randomBytes(2).toString('hex')}`;
export const testDatabaseName = (runId: string) => `ts_test_${runId}_${randomBytes(4).toString('hex')}`;
export const testQueuePrefix = (runId: string) => `{test-${runId}-${randomBytes(4).toString('hex')}}`;

/** Every key matching a pattern (SCAN, not KEYS: the shared Redis may be large). */
export async function listKeys(redisUrl: string, pattern: string): Promise<string[]> {
  return scanKeys(redisUrl, pattern, false);
}

/** Delete every key matching a pattern; returns them. */
export async function deleteKeys(redisUrl: string, pattern: string): Promise<string[]> {
  return scanKeys(redisUrl, pattern, true);
}

async function scanKeys(redisUrl: string, pattern: string, unlink: boolean): Promise<string[]> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined); // reported through the rejected commands
  try {
    await redis.connect();
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) {
        found.push(...keys);
        if (unlink) await redis.unlink(...keys);
      }
    } while (cursor !== '0');
    return found;
  } finally {
    redis.disconnect();
  }
}

/** Drop a database, ending sessions still connected to it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  admin.on('error', () => undefined); // a dropped connection; the awaited calls report failures
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** Find and remove what a run left behind; returns what it found, so the caller can fail. */
export async function removeLeftovers(runId: string, databaseUrl: string, redisUrl: string): Promise<{ databases: string[]; keys: string[] }> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  admin.on('error', () => undefined);
  await admin.connect();
  let databases: string[];
  try {
    databases = (await admin.query(`select datname from pg_database where datname like $1 order by 1`, [`ts\\_test\\_${runId}\\_%`])).rows.map((r) => r.datname as string);
  } finally {
    await admin.end().catch(() => undefined);
  }
  for (const name of databases) await dropDatabase(databaseUrl, name);
  const keys = await deleteKeys(redisUrl, `{test-${runId}-*`);
  return { databases, keys };
}
