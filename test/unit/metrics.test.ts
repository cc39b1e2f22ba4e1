import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { Metrics } from '../../src/metrics.js';

describe('pool metrics', () => {
  it('sum every pool the ORM reports (it may build one more than once), and ended pools drop out', async () => {
    const metrics = new Metrics();
    const a = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
    const b = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
    metrics.observePool(a);
    metrics.observePool(b); // threw "already registered" and failed npm start
    const held = await Promise.all([a.connect(), b.connect()]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('db_pool_connections{state="in_use"} 2');
    held.forEach((c) => c.release());
    await a.end();
    expect(await metrics.registry.metrics()).toContain('db_pool_connections{state="idle"} 1');
    await b.end();
  });
});
