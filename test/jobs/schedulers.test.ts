import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayInShanghai } from '../../src/calendar.js';
import { fireJobId } from '../../src/jobs/job-system.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createHost, createOpenProgramme, createTalent, createUnit } from '../support/fixtures.js';
import { startPrivateRedis } from '../support/private-redis.js';
import { eventually } from '../support/webhook-receiver.js';

/**
 * Job schedulers live only in Redis. A worker's watchdog (src/jobs/schedulers.ts) re-creates
 * those Redis lost, and /readyz?detail names the ones missing. These run in one process; the
 * same promise across an API process and a worker process is test/jobs/redis-loss.test.ts.
 */
const PLUGIN_SCHEDULERS = ['sample-scheme.digest.alpha', 'sample-scheme.digest.beta'];
const readyz = async (h: Harness) => {
  const r = await fetch(`${h.url}/readyz?detail`);
  return { status: r.status, body: (await r.json()) as any };
};
const schedulerIds = async (h: Harness) => (await h.app.jobs.queues.scheduled.getJobSchedulers(0, -1)).map((s) => s.key).sort();

describe('/readyz?detail', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(); // no workers: nothing has created the sweep's scheduler
  });
  afterAll(async () => h?.close());

  it('names a missing scheduler and fails the detailed check only', async () => {
    const detail = await readyz(h);
    expect(detail.status).toBe(503);
    expect(detail.body).toMatchObject({ ok: false, database: 'ok', redis: 'ok' });
    expect(detail.body.schedulers).toEqual({ ok: false, expected: 3, present: 2, missing: ['sweep'], mismatched: [], unexpected: [] });
    // The plain check is what a load balancer polls: the API serves requests without a sweep.
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
  });

  it('reports a scheduler with another schedule than declared, and one nobody declares', async () => {
    const q = h.app.jobs.queues.scheduled;
    await q.upsertJobScheduler('sample-scheme.digest.alpha', { pattern: '0 9 * * 1', tz: 'Asia/Shanghai' }, { name: 'sample-scheme.digest', data: { tenant: 'alpha' } });
    await q.upsertJobScheduler('retired-plugin.job.alpha', { pattern: '0 9 * * 1', tz: 'Asia/Shanghai' }, { name: 'retired-plugin.job' });
    try {
      const { body } = await readyz(h);
      expect(body.schedulers).toMatchObject({ missing: ['sweep'], mismatched: ['sample-scheme.digest.alpha'], unexpected: ['retired-plugin.job.alpha'] });
    } finally {
      await q.removeJobScheduler('retired-plugin.job.alpha');
      await h.app.jobs.registerPluginSchedules();
    }
  });
});

describe('a worker process’s scheduler watchdog', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let h: Harness;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    h = await startHarness({ workers: true, redisUrl: redis.url, env: { SCHEDULER_CHECK_MS: '300', SWEEP_EVERY_MS: '1000' } });
  });
  afterAll(async () => {
    await h?.close();
    await redis?.stop();
  });

  it('re-creates every scheduler after FLUSHALL, and /readyz?detail says they match again', async () => {
    const before = await schedulerIds(h);
    expect(before).toEqual([...PLUGIN_SCHEDULERS, 'sweep']);
    const client = new Redis(redis.url);
    await client.flushall();
    client.disconnect();
    await eventually(() => schedulerIds(h), (ids) => ids.length === 3, 20_000);
    expect(await schedulerIds(h)).toEqual(before);
    const { status, body } = await readyz(h);
    expect(status).toBe(200);
    expect(body.schedulers).toEqual({ ok: true, expected: 3, present: 3, missing: [], mismatched: [], unexpected: [] });
  });

  it('re-creates a scheduler whose next job Redis lost (as an evicting Redis would)', async () => {
    const q = h.app.jobs.queues.scheduled;
    const scheduler = (await q.getJobScheduler('sample-scheme.digest.beta'))!;
    const jobId = `repeat:sample-scheme.digest.beta:${scheduler.next}`;
    expect(await q.getJobState(jobId)).toBe('delayed');
    const client = new Redis(redis.url);
    await client.del(`${h.app.jobs.prefix}:scheduled:${jobId}`);
    await client.zrem(`${h.app.jobs.prefix}:scheduled:delayed`, jobId);
    client.disconnect();
    expect(await q.getJobState(jobId)).toBe('unknown');
    await eventually(() => q.getJobState(jobId), (state) => state === 'delayed', 20_000);
  });

  it('sweeps in its own process when no sweep job has run for two intervals (the scheduled queue paused)', async () => {
    const admin = await h.token('alpha', 'commission-admin');
    const unit = await createUnit(h, admin, 'Paused Queue Hospital');
    const t = await createTalent(h, admin, unit, { name: 'Paused' });
    const programme = await createOpenProgramme(h, admin, 'C-paused');
    const a = await h.ok(admin, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programme, t });
    await h.ok(admin, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: a.submitApplication.id });
    const host = await createHost(h, admin, 'Host Paused');
    const today = dayInShanghai();
    const p = await h.ok(admin, `mutation($a: ID!, $h: ID!, $s: Date!, $e: Date!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: $s, plannedEnd: $e }) { reports { reminders { id fireAt } } } }`, {
      a: a.submitApplication.id, h: host, s: addDays(today, 30), e: addDays(today, 120),
    });
    const r = p.createPlacement.reports[0].reminders[0] as { id: string; fireAt: string };
    const jobId = fireJobId('alpha', new Date(r.fireAt));
    const reminders = h.app.jobs.queues.reminders;
    expect(await reminders.getJobState(jobId)).toBe('delayed');

    await h.app.jobs.queues.scheduled.pause();
    try {
      await (await reminders.getJob(jobId))!.remove(); // Redis lost it
      expect(await reminders.getJobState(jobId)).toBe('unknown');
      await eventually(() => reminders.getJobState(jobId), (state) => state === 'delayed', 20_000);
    } finally {
      await h.app.jobs.queues.scheduled.resume();
    }
  });
});

describe('Redis restarted without persistence', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let h: Harness;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    // Checks once an hour: only the reconnect can bring the schedulers back within the test.
    h = await startHarness({ workers: true, redisUrl: redis.url, env: { SCHEDULER_CHECK_MS: '3600000' } });
  });
  afterAll(async () => {
    await h?.close();
    await redis?.stop();
  });

  it('gets its schedulers back as soon as the workers reconnect', async () => {
    expect(await schedulerIds(h)).toEqual([...PLUGIN_SCHEDULERS, 'sweep']);
    await redis.restart();
    await eventually(() => schedulerIds(h).catch(() => []), (ids) => ids.length === 3, 30_000);
    expect(await schedulerIds(h)).toEqual([...PLUGIN_SCHEDULERS, 'sweep']);
  });
});
