import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { createTalent, createUnit } from '../support/fixtures.js';
import { eventually } from '../support/webhook-receiver.js';

/** A plugin's repeating jobs are registered per tenant that enables it, in Shanghai time. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: true });
});
afterAll(async () => h?.close());

describe('plugin jobs', () => {
  it('get one scheduler per enabling tenant, with the plugin’s cron pattern in Asia/Shanghai', async () => {
    const schedulers = await h.app.jobs.queues.scheduled.getJobSchedulers();
    const ids = schedulers.map((s) => s.key).sort();
    expect(ids).toEqual(['sample-scheme.digest.alpha', 'sample-scheme.digest.beta', 'sweep']);
    const alpha = schedulers.find((s) => s.key === 'sample-scheme.digest.alpha')!;
    expect(alpha).toMatchObject({ pattern: '0 8 * * 1', tz: 'Asia/Shanghai' });
    // next run: a Monday 08:00 in Shanghai = Monday 00:00 UTC
    const next = new Date(alpha.next!);
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 0, 0]);
  });

  it('run with the tenant’s context: its schema, its config', async () => {
    const admin = await h.token('beta', 'commission-admin');
    const unit = await createUnit(h, admin, 'Beta Unit');
    await createTalent(h, admin, unit, { name: 'Digest Reader' });
    await h.app.jobs.queues.scheduled.add('sample-scheme.digest', { tenant: 'beta', plugin: 'sample-scheme', job: 'digest' });
    const notes = await eventually(() => h.ok(admin, `{ sampleNotes { text } }`), (d) => d.sampleNotes.length === 1);
    expect(notes.sampleNotes[0].text).toMatch(/^digest for beta on \d{4}-\d{2}-\d{2}$/);
    const alpha = await h.token('alpha', 'commission-admin');
    expect((await h.ok(alpha, `{ sampleNotes { text } }`)).sampleNotes).toEqual([]);
  });
});
