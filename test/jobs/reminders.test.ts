import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Reminder } from '../../src/core/entities/reminder.js';
import { fireJobId } from '../../src/jobs/job-system.js';
import { skipRemindersDueBy } from '../kit/index.js';
import { deliverBatch } from '../../src/jobs/delivery-batch.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createHost, createOpenProgramme, createTalent, createUnit } from '../support/fixtures.js';
import { eventually, startWebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Reminders fire at the instants the scheme's rule and the tenant's offsets give, move with the
 * dates, stop when the report is handed in, and arrive in the inbox and at the webhook once.
 */
const SECRET = 'webhook-secret-for-tests';
let h: Harness;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let admin: string;
let unit: string;

beforeAll(async () => {
  process.env.HOOKED_WEBHOOK_SECRET = SECRET;
  receiver = await startWebhookReceiver(SECRET);
  const dir = mkdtempSync(join(tmpdir(), 'hooked-'));
  writeFileSync(join(dir, 'hooked.yaml'), `key: hooked\nname: Hooked\nlevel: city\nplugins:\n  sample-scheme: {}\nwebhook:\n  url: ${receiver.url}\n  secretEnv: HOOKED_WEBHOOK_SECRET\n  attempts: 3\n`);
  h = await startHarness({ tenantsDirs: [dir], workers: true });
  h.app.clock.set('2025-09-01T02:00:00Z');
  admin = await h.token('hooked', 'commission-admin');
  unit = await createUnit(h, admin, 'Hooked Hospital');
});
afterEach(() => h.app.clock.set('2025-09-01T02:00:00Z'));
afterAll(async () => {
  await h?.close();
  await receiver?.close();
});

async function placement(name: string, plannedEnd: string) {
  const t = await createTalent(h, admin, unit, { name });
  const programme = await createOpenProgramme(h, admin, `P-${name.replace(/\W/g, '')}`);
  const app = await h.ok(admin, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programme, t });
  await h.ok(admin, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: app.submitApplication.id });
  const host = await createHost(h, admin, `Host of ${name}`);
  const p = await h.ok(admin, `mutation($a: ID!, $h: ID!, $e: Date!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: "2025-09-10", plannedEnd: $e }) { id reports { id dueOn reminders { id audience offsetDays fireAt state } } } }`, { a: app.submitApplication.id, h: host, e: plannedEnd });
  return { talentId: t, placementId: p.createPlacement.id as string, report: p.createPlacement.reports[0] };
}

/** The tests jump the platform clock weeks ahead: see skipRemindersDueBy. */
const settleUntil = (instant: string, keep: string[]) => skipRemindersDueBy(h, 'hooked', instant, keep);

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: h.databaseUrl });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

const remindersOf = async (reportId: string) =>
  (await h.ok(admin, `query($id: ID!) { report(id: $id) { dueOn status reminders { id audience offsetDays fireAt state } } }`, { id: reportId })).report;

describe('reminder rows and their jobs', () => {
  it('are planned from the rule’s due day and the tenant’s offsets, each instant with a delayed job of the tenant, shared by the reminders due then', async () => {
    const { report } = await placement('Planned', '2025-10-31');
    expect(report.dueOn).toBe('2025-11-30');
    expect(report.reminders.map((r: any) => [r.audience, r.offsetDays, r.fireAt])).toEqual([
      ['TALENT', -14, '2025-11-16T01:00:00.000Z'],
      ['TALENT', -7, '2025-11-23T01:00:00.000Z'],
      ['TALENT', -1, '2025-11-29T01:00:00.000Z'],
      ['TALENT', 0, '2025-11-30T01:00:00.000Z'],
      ['UNIT', 1, '2025-12-01T01:00:00.000Z'],
      ['COMMISSION', 7, '2025-12-07T01:00:00.000Z'],
    ]);
    for (const r of report.reminders) {
      const job = await h.app.jobs.queues.reminders.getJob(fireJobId('hooked', new Date(r.fireAt)));
      expect(job, `job for ${r.offsetDays}`).toBeDefined();
      expect(job!.data).toEqual({ tenant: 'hooked', at: new Date(r.fireAt).getTime() });
      expect(job!.timestamp + (job!.delay ?? 0)).toBeGreaterThanOrEqual(new Date(r.fireAt).getTime() - (Date.now() - h.app.clock.now().getTime()) - 60_000);
      expect(await job!.getState()).toBe('delayed');
    }
    // A second report due the same day adds no job: its reminders share the instants' jobs.
    const delayed = async () => (await h.app.jobs.queues.reminders.getJobCounts('delayed')).delayed;
    const before = await delayed();
    const twin = await placement('Twin', '2025-10-31');
    expect(twin.report.reminders.map((r: any) => r.fireAt)).toEqual(report.reminders.map((r: any) => r.fireAt));
    expect(await delayed()).toBe(before);
  });

  it('move with the end date (same rows, new instants, new jobs) and are cancelled when the report is handed in', async () => {
    const { placementId, report } = await placement('Mover', '2025-10-31');
    const ids = report.reminders.map((r: any) => r.id).sort();
    await h.ok(admin, `mutation($id: ID!) { updatePlacementDates(id: $id, dates: { actualStart: "2025-09-10", actualEnd: "2025-11-15" }) { id } }`, { id: placementId });
    const moved = await remindersOf(report.id);
    expect(moved.dueOn).toBe('2025-12-15');
    expect(moved.reminders.map((r: any) => r.id).sort()).toEqual(ids);
    expect(moved.reminders.find((r: any) => r.offsetDays === 0).fireAt).toBe('2025-12-15T01:00:00.000Z');
    const job = await h.app.jobs.queues.reminders.getJob(fireJobId('hooked', new Date(moved.reminders[0].fireAt)));
    expect(await job?.getState()).toBe('delayed');

    await h.ok(admin, `mutation($id: ID!) { submitReport(id: $id, content: "Done") { status } }`, { id: report.id });
    const after = await remindersOf(report.id);
    expect(after.reminders.every((r: any) => r.state === 'CANCELLED')).toBe(true);
  });

  it('fire at their instant: one inbox message in Chinese and English, one signed webhook call', async () => {
    const { talentId, report } = await placement('Fired', '2025-10-31');
    const dayBefore = report.reminders.find((r: any) => r.offsetDays === -1);
    // Move the platform clock to the reminder's instant and let its instant's delayed job run now.
    await settleUntil(dayBefore.fireAt, [dayBefore.id]);
    h.app.clock.set(dayBefore.fireAt);
    const job = await h.app.jobs.queues.reminders.getJob(fireJobId('hooked', new Date(dayBefore.fireAt)));
    await job!.promote();
    const talentToken = await h.token('hooked', 'talent', { talentId, unitId: unit });
    const inbox = await eventually(
      () => h.ok(talentToken, `{ inbox { nodes { id titleZh titleEn bodyEn readAt report { id } } } }`),
      (d) => d.inbox.nodes.length === 1,
    );
    expect(inbox.inbox.nodes[0]).toMatchObject({ titleEn: 'Reminder: "Summary report" is due in 1 day', titleZh: '到期提醒：《Summary report》还有1天到期', readAt: null, report: { id: report.id } });
    await eventually(async () => receiver.calls.filter((c) => c.key === `${report.id}.talent.-1`).length, (n) => n === 1);
    const call = receiver.calls.find((c) => c.key === `${report.id}.talent.-1`)!;
    expect(call.signatureValid).toBe(true);
    expect(call.body).toMatchObject({ tenant: 'hooked', audience: 'talent', stage: 'before', report: { id: report.id, dueOn: '2025-11-30' }, title: { en: 'Reminder: "Summary report" is due in 1 day' } });
    expect((await remindersOf(report.id)).reminders.find((r: any) => r.id === dayBefore.id).state).toBe('SENT');

    // running the same job again (a retry, a duplicate) delivers nothing more
    expect(await h.app.jobs.fire('hooked')).toBe(0);
    expect(await h.app.jobs.deliver('hooked', dayBefore.id)).toBe('skipped');
    const read = await h.ok(talentToken, `mutation($id: ID!) { markInboxRead(id: $id) { readAt } }`, { id: inbox.inbox.nodes[0].id });
    expect(read.markInboxRead.readAt).not.toBeNull();
    expect((await h.ok(talentToken, `{ inbox(filter: { unreadOnly: true }) { totalCount } }`)).inbox.totalCount).toBe(0);
    // the commission's inbox is not the talent's
    expect((await h.ok(admin, `{ inbox { totalCount } }`)).inbox.totalCount).toBe(0);
    h.app.clock.set('2025-09-01T02:00:00Z');
  });

  it('a job that fires before its instant puts itself back instead of delivering early', async () => {
    const { report } = await placement('Early', '2025-10-31');
    const r = report.reminders.find((x: any) => x.offsetDays === -7);
    expect(await h.app.jobs.deliver('hooked', r.id)).toBe('early');
    // The instant's job run now (the clock is weeks before it) goes back to waiting for its instant.
    const job = (await h.app.jobs.queues.reminders.getJob(fireJobId('hooked', new Date(r.fireAt))))!;
    await job.promote();
    await eventually(async () => (await h.app.jobs.queues.reminders.getJob(job.id!))?.attemptsStarted ?? 0, (n) => n >= 1);
    await eventually(() => job.getState(), (state) => state === 'delayed');
    expect((await h.app.jobs.queues.reminders.getJob(job.id!))!.failedReason).toBeUndefined();
    expect((await remindersOf(report.id)).reminders.find((x: any) => x.id === r.id).state).toBe('PENDING');
  });

  it('escalates an overdue report to the unit and then the commission', async () => {
    const { talentId, report } = await placement('Late', '2025-10-31');
    h.app.clock.set('2025-12-08T02:00:00Z');
    for (const r of report.reminders.filter((x: any) => x.offsetDays > 0)) expect(await h.app.jobs.deliver('hooked', r.id)).toBe('sent');
    const coord = await h.token('hooked', 'unit-coordinator', { unitId: unit });
    const unitInbox = await h.ok(coord, `{ inbox { nodes { titleEn report { id } } } }`);
    expect(unitInbox.inbox.nodes.filter((n: any) => n.report.id === report.id).map((n: any) => n.titleEn)).toEqual([`Overdue: Late's "Summary report" is 8 days late`]);
    const commission = await h.ok(admin, `{ inbox { nodes { titleZh report { id } } } }`);
    expect(commission.inbox.nodes.filter((n: any) => n.report.id === report.id)).toHaveLength(1);
    const talentToken = await h.token('hooked', 'talent', { talentId, unitId: unit });
    expect((await h.ok(talentToken, `{ inbox { totalCount } }`)).inbox.totalCount).toBe(0);
    h.app.clock.set('2025-09-01T02:00:00Z');
  });

  it('a webhook that keeps failing is retried with back-off and recorded as failed after the last try', async () => {
    const failing = await startWebhookReceiver(SECRET, { status: () => 500 });
    const { report } = await placement('Unlucky', '2025-10-31');
    const r = report.reminders.find((x: any) => x.offsetDays === 1);
    h.app.clock.set(r.fireAt);
    const em = h.app.tenancy.em((await h.app.tenancy.get('hooked'))!);
    // point this tenant's webhook at the failing endpoint for this test
    const tenant = (await h.app.tenancy.get('hooked'))!;
    const original = tenant.settings.webhook!.url;
    tenant.settings.webhook!.url = failing.url;
    try {
      expect(await h.app.jobs.deliver('hooked', r.id)).toBe('sent');
      await eventually(async () => (await em.fork().getConnection().execute(`select state, attempts, last_status from t_hooked.webhook_delivery where reminder_id = ?`, [r.id]))[0], (row: any) => row?.state === 'failed', 20_000).then((row: any) => {
        expect(row).toEqual({ state: 'failed', attempts: 3, last_status: 500 });
      });
      expect(failing.calls.length).toBe(3);
    } finally {
      tenant.settings.webhook!.url = original;
      await failing.close();
      h.app.clock.set('2025-09-01T02:00:00Z');
    }
  });
});

describe('batched delivery (src/jobs/delivery-batch.ts)', () => {
  it('takes every due reminder of the tenant with one asked for, whatever its instant, in one transaction, sends the latest stage of each report and audience once (the earlier are superseded), and leaves those not due', async () => {
    const a = await placement('BatchOne', '2025-10-31');
    const b = await placement('BatchTwo', '2025-10-31');
    const dayBefore = (r: any) => r.reminders.find((x: any) => x.offsetDays === -1);
    await settleUntil(dayBefore(a.report).fireAt, [a, b].flatMap((r) => r.report.reminders.filter((x: any) => x.offsetDays <= -1).map((x: any) => x.id)));
    h.app.clock.set(dayBefore(a.report).fireAt);
    const before = { ...h.app.jobs.deliveryStats };
    const result = await h.app.jobs.deliverBatch('hooked', [dayBefore(a.report).id]);
    expect(result.outcomes.get(dayBefore(a.report).id)).toBe('sent');
    // B's reminder of the same instant went with it, and A's and B's earlier ones (two weeks and a
    // week before), due too, were taken and superseded by the day before's: one message per
    // report, not three saying the same; those of the due day (tomorrow) were not taken.
    const earlier = [a, b].flatMap((r) => r.report.reminders.filter((x: any) => x.offsetDays < -1).map((x: any) => x.id));
    expect(earlier).toHaveLength(4);
    expect([...result.extra.keys()].sort()).toEqual([dayBefore(b.report).id, ...earlier].sort());
    expect(result.extra.get(dayBefore(b.report).id)).toBe('sent');
    expect(earlier.map((id) => result.extra.get(id))).toEqual(['superseded', 'superseded', 'superseded', 'superseded']);
    expect(result.sent.sort()).toEqual([dayBefore(a.report).id, dayBefore(b.report).id].sort());
    const states = async (r: any) => Object.fromEntries((await remindersOf(r.report.id)).reminders.map((x: any) => [x.offsetDays, x.state]));
    for (const r of [a, b]) expect(await states(r)).toMatchObject({ '-14': 'SUPERSEDED', '-7': 'SUPERSEDED', '-1': 'SENT', '0': 'PENDING', '1': 'PENDING', '7': 'PENDING' });
    expect(result.statements).toBe(6); // begin, lock and read, inbox, reminders, webhooks, commit
    // One inbox message for each reminder sent, whichever job or batch took it, none for those superseded.
    const inbox = await sql(`select count(*)::int as n, count(distinct reminder_id)::int as d from t_hooked.inbox_message where reminder_id = any($1::uuid[])`, [[dayBefore(a.report).id, ...result.extra.keys()]]);
    expect(inbox[0]).toEqual({ n: 2, d: 2 });
    expect(h.app.jobs.deliveryStats.batches).toBe(before.batches + 1);
    // The instants' jobs, when they run, find nothing due and deliver nothing more.
    expect(await h.app.jobs.fire('hooked')).toBe(0);
    expect(await h.app.jobs.deliver('hooked', earlier[0])).toBe('skipped');
    await eventually(async () => receiver.calls.filter((c) => c.key === `${b.report.id}.talent.-1`).length, (n) => n === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.calls.filter((c) => c.key === `${b.report.id}.talent.-1`)).toHaveLength(1);
  });

  it('a firing whose due row another transaction holds waits for it instead of trusting the skip, and delivers once', async () => {
    const { report } = await placement('Held', '2025-10-31');
    const r = report.reminders.find((x: any) => x.offsetDays === 0);
    await settleUntil(r.fireAt, [r.id]);
    h.app.clock.set(r.fireAt);
    const locker = new pg.Client({ connectionString: h.databaseUrl });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query(`select id from t_hooked.reminder where id = $1 for update`, [r.id]);
      const skipped = await h.app.jobs.deliverBatch('hooked', [r.id]);
      expect(skipped.outcomes.get(r.id)).toBe('locked');
      const firing = h.app.jobs.fire('hooked');
      await new Promise((res) => setTimeout(res, 300));
      expect((await sql(`select state from t_hooked.reminder where id = $1`, [r.id]))[0].state).toBe('pending');
      await locker.query('rollback');
      expect(await firing).toBe(1);
    } finally {
      await locker.end();
    }
    expect((await remindersOf(report.id)).reminders.find((x: any) => x.id === r.id).state).toBe('SENT');
    expect(await h.app.jobs.fire('hooked')).toBe(0);
    expect(await sql(`select count(*)::int as n from t_hooked.inbox_message where reminder_id = $1`, [r.id])).toEqual([{ n: 1 }]);
  });

  it('jobs of one tenant arriving while its firing runs share the next firing, which sees what they were added for', async () => {
    const { report } = await placement('Crowd', '2025-10-31');
    const r = report.reminders.find((x: any) => x.offsetDays === 1);
    await settleUntil(r.fireAt, [r.id]);
    h.app.clock.set(r.fireAt);
    const before = { ...h.app.jobs.deliveryStats };
    const runs = [h.app.jobs.fire('hooked'), h.app.jobs.fire('hooked'), h.app.jobs.fire('hooked'), h.app.jobs.fire('hooked')];
    const sent = await Promise.all(runs);
    expect(sent[0]).toBe(1);
    expect(sent.slice(1)).toEqual([0, 0, 0]);
    // Four jobs, two firings: the one running and the one the other three waited for.
    expect(h.app.jobs.deliveryStats.jobs - before.jobs).toBe(4);
    expect(h.app.jobs.deliveryStats.firings - before.firings).toBe(2);
  });
});

describe('after the workers were down', () => {
  it('sends each report and audience only its latest due stage; the earlier ones are superseded, stay so when the report is planned again, and none is sent twice', async () => {
    const { talentId, placementId, report } = await placement('Outage', '2025-10-31');
    const byOffset = Object.fromEntries(report.reminders.map((x: any) => [x.offsetDays, x]));
    // Down from before the first heads-up until a week and a day past the due day: every stage is due.
    await settleUntil(byOffset['7'].fireAt, report.reminders.map((x: any) => x.id));
    h.app.clock.set(new Date(new Date(byOffset['7'].fireAt).getTime() + 86_400_000).toISOString());
    // The talent's due-day reminder, the unit's and the commission's escalations: three audiences, one each.
    expect(await h.app.jobs.fire('hooked')).toBe(3);
    const states = async () => Object.fromEntries((await remindersOf(report.id)).reminders.map((x: any) => [x.offsetDays, x.state]));
    expect(await states()).toEqual({ '-14': 'SUPERSEDED', '-7': 'SUPERSEDED', '-1': 'SUPERSEDED', '0': 'SENT', '1': 'SENT', '7': 'SENT' });
    const talentToken = await h.token('hooked', 'talent', { talentId, unitId: unit });
    expect((await h.ok(talentToken, `{ inbox { totalCount } }`)).inbox.totalCount).toBe(1);
    // Planned again for a due day two months on (a month after the new end), whose heads-ups lie ahead again: a superseded
    // one is done with, as a sent one is (a reminder is sent once per report, audience and offset).
    await h.ok(admin, `mutation($id: ID!) { updatePlacementDates(id: $id, dates: { actualStart: "2025-09-10", actualEnd: "2025-12-31" }) { id } }`, { id: placementId });
    expect((await remindersOf(report.id)).dueOn).toBe('2026-01-31');
    expect(await states()).toEqual({ '-14': 'SUPERSEDED', '-7': 'SUPERSEDED', '-1': 'SUPERSEDED', '0': 'SENT', '1': 'SENT', '7': 'SENT' });
    expect(await h.app.jobs.fire('hooked')).toBe(0);
    expect(await sql(`select count(*)::int as n from t_hooked.inbox_message where reminder_id = any($1::uuid[])`, [report.reminders.map((x: any) => x.id)])).toEqual([{ n: 3 }]);
  });

  it('a reminder delivered alone is superseded too when a later stage of its report and audience is due', async () => {
    const { report } = await placement('OutageAlone', '2025-10-31');
    const dayBefore = report.reminders.find((x: any) => x.offsetDays === -1);
    const dueDay = report.reminders.find((x: any) => x.offsetDays === 0);
    await settleUntil(dueDay.fireAt, [dayBefore.id, dueDay.id]);
    h.app.clock.set(dueDay.fireAt);
    expect(await h.app.jobs.deliver('hooked', dayBefore.id)).toBe('superseded');
    expect(await h.app.jobs.deliver('hooked', dueDay.id)).toBe('sent');
    expect(await h.app.jobs.deliver('hooked', dayBefore.id)).toBe('skipped');
    expect(await sql(`select reminder_id from t_hooked.inbox_message where reminder_id = any($1::uuid[])`, [[dayBefore.id, dueDay.id]])).toEqual([{ reminder_id: dueDay.id }]);
  });
});

describe('batch size', () => {
  it('a batch takes the oldest due reminders up to its size; the rest wait for the next batch, and none is taken twice', async () => {
    const { report } = await placement('Sized', '2025-10-31');
    const due = report.reminders.filter((x: any) => x.offsetDays <= 0);
    await settleUntil(due.at(-1).fireAt, due.map((x: any) => x.id));
    const pool = await (h.app.orm.em.getConnection() as any).getNativeClient();
    const now = new Date(due.at(-1).fireAt);
    const first = await deliverBatch(pool, { schema: 't_hooked', ids: [], now, limit: 3 });
    // The three oldest: two weeks, a week and a day before, each superseded by the due day's, which
    // is due too though left for the next batch.
    expect([...first.extra.keys()].sort()).toEqual(due.slice(0, 3).map((x: any) => x.id).sort());
    expect([...first.extra.values()]).toEqual(['superseded', 'superseded', 'superseded']);
    const second = await deliverBatch(pool, { schema: 't_hooked', ids: [], now, limit: 3 });
    expect([...second.extra]).toEqual([[due[3].id, 'sent']]);
    expect((await deliverBatch(pool, { schema: 't_hooked', ids: [], now, limit: 3 })).extra.size).toBe(0);
    const states = Object.fromEntries((await remindersOf(report.id)).reminders.map((x: any) => [x.offsetDays, x.state]));
    expect(states).toMatchObject({ '-14': 'SUPERSEDED', '-7': 'SUPERSEDED', '-1': 'SUPERSEDED', '0': 'SENT', '1': 'PENDING', '7': 'PENDING' });
  });
});

describe('the sweep', () => {
  it('plans reminders for owed reports written without them (seeds, loaders, plugin code)', async () => {
    const { report } = await placement('Orphan', '2025-10-31');
    const tenant = (await h.app.tenancy.get('hooked'))!;
    const em = h.app.tenancy.em(tenant);
    await em.nativeDelete(Reminder, { report: report.id });
    expect(await em.count(Reminder, { report: report.id })).toBe(0);
    expect(await h.app.jobs.reconcileReminders(tenant)).toBe(6);
    expect(await em.count(Reminder, { report: report.id })).toBe(6);
    expect(await h.app.jobs.reconcileReminders(tenant)).toBe(0);
  });

  it('re-enqueues exactly the instant jobs Redis lost, counting the pending reminders they cover', async () => {
    const { report } = await placement('Swept', '2025-10-31');
    expect(await h.app.jobs.sweep()).toEqual({ reminders: 0, webhooks: 0 });
    // lose two jobs
    const lost = report.reminders.slice(0, 2).map((r: any) => r.fireAt);
    for (const at of lost) await (await h.app.jobs.queues.reminders.getJob(fireJobId('hooked', new Date(at))))!.remove();
    const covered = (await sql(`select count(*)::int as n from t_hooked.reminder where state = 'pending' and fire_at = any($1::timestamptz[])`, [lost]))[0].n;
    expect(covered).toBeGreaterThanOrEqual(2);
    expect(await h.app.jobs.sweep()).toEqual({ reminders: covered, webhooks: 0 });
    for (const at of lost) expect(await (await h.app.jobs.queues.reminders.getJob(fireJobId('hooked', new Date(at))))?.getState()).toBe('delayed');
    expect(await h.app.jobs.sweep()).toEqual({ reminders: 0, webhooks: 0 });
  });

  it('delivers a due reminder whose instant job was gone when it was planned (its add ignored while that job ran): the next sweep adds the job', async () => {
    const { report } = await placement('Late joiner', '2025-10-31');
    const r = report.reminders.find((x: any) => x.offsetDays === 7);
    await settleUntil(r.fireAt, [r.id]);
    h.app.clock.set(r.fireAt);
    // As if the firing of its instant had completed (and its job been removed) just after this reminder was committed.
    await (await h.app.jobs.queues.reminders.getJob(fireJobId('hooked', new Date(r.fireAt))))!.remove();
    expect(await h.app.jobs.sweep()).toMatchObject({ reminders: 1 });
    await eventually(async () => (await sql(`select state from t_hooked.reminder where id = $1`, [r.id]))[0].state, (state) => state === 'sent');
    expect(await sql(`select count(*)::int as n from t_hooked.inbox_message where reminder_id = $1`, [r.id])).toEqual([{ n: 1 }]);
  });
});
