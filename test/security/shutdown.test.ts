import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import { createTalent, createUnit } from '../support/fixtures.js';

/**
 * SIGTERM (scripts/start.ts calls App.close) drains: a job a worker is running and a request in
 * flight both finish and are committed before the process lets go of the database. Both are held
 * in the middle of their work by a lock this test takes on the tenant's audit chain head, which
 * every write must pass.
 */
describe('graceful shutdown with work in flight', () => {
  it('finishes the running job and the in-flight request, then closes', async () => {
    const h = await startHarness({ workers: true });
    const db = new pg.Client({ connectionString: h.databaseUrl });
    await db.connect();
    const holder = new pg.Client({ connectionString: h.databaseUrl });
    await holder.connect();
    try {
      const admin = await h.token('beta', 'commission-admin');
      const unit = await createUnit(h, admin, 'Beta Unit');
      await createTalent(h, admin, unit, { name: 'Digest Reader' });

      await holder.query('begin');
      await holder.query('select * from t_beta.audit_chain_head for update');
      const job = await h.app.jobs.queues.scheduled.add('sample-scheme.digest', { tenant: 'beta', plugin: 'sample-scheme', job: 'digest' });
      const request = h.gql(admin, `mutation { createInstitution(input: { name: "Written during shutdown", kind: HOSPITAL, country: "CN" }) { id } }`);
      // Both are now waiting on the lock: the job is active, the request in flight.
      for (let i = 0; i < 200 && ((await job.getState()) !== 'active' || h.app.inFlight() === 0); i++) await new Promise((r) => setTimeout(r, 25));
      expect(await job.getState()).toBe('active');
      expect(h.app.inFlight()).toBe(1);

      let closed = false;
      const closing = h.app.close(20_000).then(() => (closed = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(closed).toBe(false); // still draining
      await holder.query('commit');
      await closing;

      const response = await request;
      expect(response.status).toBe(200);
      expect(response.body.data?.createInstitution.id).toBeTruthy();
      const notes = (await db.query(`select text from t_beta.sample_note`)).rows;
      expect(notes).toHaveLength(1);
      expect(notes[0].text).toMatch(/^digest for beta/);
      expect((await db.query(`select count(*)::int as n from t_beta.institution where name = 'Written during shutdown'`)).rows[0].n).toBe(1);
    } finally {
      await holder.end().catch(() => undefined);
      await db.end();
      await h.close().catch(() => undefined);
    }
  });
});
