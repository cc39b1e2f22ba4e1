import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, dayInShanghai } from '../../src/calendar.js';
import { Report } from '../../src/core/entities/report.js';
import { createPlacement } from '../../src/core/services/placements.js';
import { Roles } from '../../src/auth/roles.js';
import type { AnySchemePlugin } from '../../src/plugin/contract.js';
import { samplePlugin } from '../fixtures/sample-plugin/sample.plugin.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createHost, createOpenProgramme, createTalent, createUnit } from '../support/fixtures.js';
import { startSmtpServer } from '../support/smtp.js';
import { eventually } from '../support/webhook-receiver.js';
import { xlsx } from '../support/xlsx.js';

/**
 * Issue 14, "No reminder floods": the Yuping commission's inbox held 1,512 overdue messages at
 * start-up, some 1,247 days late, because seeded history owed reports. Reports long past due are
 * not chased one message each: a cut-off (reminders.overdueCutoffDays, local default 30), one
 * digest per audience, and history (a seed, an Excel import of past records) that sends nothing.
 * With a real worker process, real PostgreSQL, Redis and SMTP; counted in the inbox rows, the
 * API and the mails.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OFFICE = 'office@flood.gov.cn';
let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let worker: ChildProcess | undefined;
const today = dayInShanghai();

/** Selected applications a seed turns into stays of the past (prepared through the API first). */
const history: { applicationId: string; hostId: string; end: string }[] = [];
const STAYS_IMPORTER = {
  key: 'sample-scheme.stays',
  title: 'Stays of the past',
  titleZh: '历史研修记录',
  roles: [Roles.COMMISSION_ADMIN],
  params: z.object({ hostId: z.uuid() }),
  columns: [
    { header: '申请编号', field: 'applicationId', type: 'text', required: true },
    { header: '开始日期', field: 'plannedStart', type: 'date', required: true },
    { header: '结束日期', field: 'plannedEnd', type: 'date', required: true },
  ],
  async apply(ctx: any, values: Record<string, unknown>, params: { hostId: string }) {
    await createPlacement(ctx, { applicationId: values.applicationId as string, hostInstitutionId: params.hostId, plannedStart: values.plannedStart as string, plannedEnd: values.plannedEnd as string });
    return 'created' as const;
  },
} as const;
/** The sample scheme (a summary report one month after the stay) with a demo seed of history and an import of past stays. */
const historyPlugin: AnySchemePlugin = {
  ...samplePlugin,
  importers: [STAYS_IMPORTER as any],
  async seed(ctx) {
    if (ctx.tenant.key !== 'historytown') return;
    for (const s of history) {
      const placement = await createPlacement(ctx.request, { applicationId: s.applicationId, hostInstitutionId: s.hostId, plannedStart: addDays(s.end, -90), plannedEnd: s.end });
      // …and one report written directly, as a seed that bypasses syncReports does (county-pairing's).
      if (s === history[0]) ctx.em.create(Report, { placement, talent: placement.talent, unit: placement.unit, kind: 'extra', sequence: 1, title: '历史补充报告', dueOn: addDays(today, -100) });
    }
  },
};

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: h.databaseUrl });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}
const states = async (schema: string) => Object.fromEntries((await sql(`select state, count(*)::int as n from ${schema}.reminder group by state`)).map((r) => [r.state, r.n]));
const inboxRows = async (schema: string) => (await sql(`select count(*)::int as n from ${schema}.inbox_message`))[0].n as number;

function startWorker(): ChildProcess {
  return spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/worker.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, DATABASE_URL: h.databaseUrl, REDIS_URL: inject('redisUrl'), QUEUE_PREFIX: h.app.jobs.prefix, SWEEP_EVERY_MS: '1000', LOG_LEVEL: 'warn', NODE_ENV: 'test' },
  });
}

/** Wait until the worker process has swept at least once after `since` (the sweep stamps Redis). */
async function sweptSince(since: number) {
  const redis = new Redis(inject('redisUrl'));
  try {
    await eventually(async () => Number(await redis.get(`${h.app.jobs.prefix}:sweep:last`)) || 0, (t) => t > since, 120_000);
  } finally {
    redis.disconnect();
  }
}

/** A talent with a selected application to the sample scheme. */
async function selected(token: string, unit: string, name: string, code: string) {
  const t = await createTalent(h, token, unit, { name });
  const programme = await createOpenProgramme(h, token, code);
  const a = await h.ok(token, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programme, t });
  await h.ok(token, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: a.submitApplication.id });
  return a.submitApplication.id as string;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  const dir = mkdtempSync(join(tmpdir(), 'floods-'));
  writeFileSync(join(dir, 'historytown.yaml'), `key: historytown\nname: Historytown\nlevel: county\ndemo: true\nplugins:\n  sample-scheme: {}\n`);
  writeFileSync(
    join(dir, 'floodtown.yaml'),
    `key: floodtown\nname: Floodtown\nlevel: county\nplugins:\n  sample-scheme: {}\nreminders:\n  digestDelaySeconds: 45\nnotify:\n  email:\n    host: 127.0.0.1\n    port: ${smtp.port}\n    tls: none\n    from: '"玉屏县卫生健康局" <noreply@flood.gov.cn>'\n  commission:\n    channels: [email]\n    email: ${OFFICE}\n`,
  );
  h = await startHarness({ tenantsDirs: [dir], plugins: [historyPlugin] });
}, 90_000);
afterAll(async () => {
  if (worker) {
    try {
      process.kill(-worker.pid!, 'SIGTERM');
    } catch {
      /* gone */
    }
    await new Promise((r) => setTimeout(r, 1500));
  }
  await h?.close();
  await smtp?.close();
});

describe('history sends nothing for what is already past due', () => {
  it('a demo seed of past stays, then the worker: no inbox row; what falls due later is still chased', async () => {
    const admin = await h.token('historytown', 'commission-admin');
    const unit = await createUnit(h, admin, '玉屏县人民医院');
    const host = await createHost(h, admin, '贵州医科大学附属医院');
    // Summary reports fall due a month after each stay: ~1,247, ~400 and 15 days ago, and in two months.
    for (const [i, end] of [-1277, -430, -45, 30].entries()) history.push({ applicationId: await selected(admin, unit, `历史学员${i + 1}`, `H-${i}`), hostId: host, end: addDays(today, end) });
    await h.app.seedDemo((await h.app.tenancy.get('historytown'))!);

    const started = Date.now();
    worker = startWorker();
    await sweptSince(started);
    await new Promise((r) => setTimeout(r, 1500)); // time for any job the sweep added to run
    // Three stays' summary reports and the seed's own report: each of their two escalations (unit,
    // commission) recorded as suppressed; the future report's six reminders wait for their day.
    expect(await states('t_historytown')).toEqual({ suppressed: 8, pending: 6 });
    expect(await inboxRows('t_historytown')).toBe(0);
    expect((await h.ok(admin, `{ inbox { totalCount } }`)).inbox.totalCount).toBe(0);
    const coord = await h.token('historytown', 'unit-coordinator', { unitId: unit });
    expect((await h.ok(coord, `{ inbox { totalCount } }`)).inbox.totalCount).toBe(0);
    // The history is still there to see: overdue, not chased.
    const overdue = await h.ok(admin, `{ reports(filter: { overdue: true }) { totalCount nodes { dueOn reminders { state } } } }`);
    expect(overdue.reports.totalCount).toBe(4);
    for (const r of overdue.reports.nodes) expect(r.reminders.map((x: any) => x.state)).toEqual(['SUPPRESSED', 'SUPPRESSED']);
  }, 120_000);

  it('an Excel import of past stays: the same, through the import endpoint', async () => {
    const admin = await h.token('historytown', 'commission-admin');
    const unit = await createUnit(h, admin, '玉屏县中医医院');
    const host = await createHost(h, admin, '遵义医科大学附属医院');
    const apps = [await selected(admin, unit, '导入学员1', 'I-1'), await selected(admin, unit, '导入学员2', 'I-2'), await selected(admin, unit, '导入学员3', 'I-3')];
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    const body = await xlsx([
      ['申请编号', '开始日期', '结束日期'],
      [apps[0], day(addDays(today, -800)), day(addDays(today, -700))],
      [apps[1], day(addDays(today, -300)), day(addDays(today, -200))],
      [apps[2], day(addDays(today, -10)), day(addDays(today, 20))],
    ]);
    const before = await states('t_historytown');
    const dry = await h.http(admin, `/imports/sample-scheme.stays?hostId=${host}&filename=${encodeURIComponent('历史研修.xlsx')}`, { method: 'POST', body });
    const checked = (await dry.json()) as any;
    expect(checked.state, JSON.stringify(checked)).toBe('checked');
    const done = (await (await h.http(admin, `/imports/batches/${checked.batchId}/commit`, { method: 'POST' })).json()) as any;
    expect(done).toMatchObject({ state: 'committed', created: 3 });

    const started = Date.now();
    await sweptSince(started);
    await new Promise((r) => setTimeout(r, 1500));
    const after = await states('t_historytown');
    expect(after).toEqual({ suppressed: before.suppressed + 4, pending: before.pending + 6 });
    expect(await inboxRows('t_historytown')).toBe(0);
  }, 120_000);
});

describe('long-overdue reports entered through the API: one digest per recipient, exactly once', () => {
  it('each unit, and the commission, get one message listing their long-overdue reports; one within the cut-off is chased as usual', async () => {
    if (!worker) worker = startWorker();
    const admin = await h.token('floodtown', 'commission-admin');
    const unitA = await createUnit(h, admin, '玉屏县人民医院');
    const unitB = await createUnit(h, admin, '玉屏县妇幼保健院');
    const host = await createHost(h, admin, '铜仁市人民医院');
    let n = 0;
    const stay = async (unit: string, name: string, end: number) => {
      const a = await selected(admin, unit, name, `F-${++n}`);
      await h.ok(admin, `mutation($a: ID!, $h: ID!, $s: Date!, $e: Date!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: $s, plannedEnd: $e }) { id } }`, { a, h: host, s: addDays(today, end - 90), e: addDays(today, end) });
    };
    // Summary reports due ~1,247, ~270 and ~70 days ago in unit A, ~470 and ~60 in unit B: past the
    // 30-day cut-off. 王芳's is about 15 days late: within it, so its escalations go out one by one.
    await stay(unitA, '张伟', -1277);
    await stay(unitA, '李娜', -300);
    await stay(unitA, '刘洋', -100);
    await stay(unitB, '陈静', -500);
    await stay(unitB, '杨帆', -90);
    await stay(unitA, '王芳', -45);

    const INBOX = `{ inbox { totalCount nodes { titleZh titleEn bodyZh isDigest report { id } digestReports { dueOn talent { name } } } } }`;
    const coordA = await h.token('floodtown', 'unit-coordinator', { unitId: unitA });
    const coordB = await h.token('floodtown', 'unit-coordinator', { unitId: unitB });
    const a = (await eventually(() => h.ok(coordA, INBOX), (d) => d.inbox.nodes.length >= 2, 150_000)).inbox;
    const c = (await eventually(() => h.ok(admin, INBOX), (d) => d.inbox.nodes.length >= 2, 150_000)).inbox;
    const b = (await eventually(() => h.ok(coordB, INBOX), (d) => d.inbox.nodes.length >= 1, 150_000)).inbox;
    await eventually(async () => smtp.mails.filter((m) => m.to.includes(OFFICE)).length, (n) => n >= 2, 150_000);

    // Exactly once: the sweep runs every second in the worker; give duplicates time, sweep here too.
    await new Promise((r) => setTimeout(r, 3000));
    await h.app.jobs.sweep();
    await new Promise((r) => setTimeout(r, 2000));
    expect(await inboxRows('t_floodtown')).toBe(5);
    expect((await sql(`select audience, items from t_floodtown.reminder_digest order by audience, items`)).map((r) => [r.audience, r.items])).toEqual([['commission', 5], ['unit', 2], ['unit', 3]]);

    const digestA = a.nodes.find((n: any) => n.isDigest);
    expect(a.nodes, JSON.stringify(a)).toHaveLength(2);
    expect(digestA).toMatchObject({ titleZh: '逾期汇总：3份报告逾期超过30天', titleEn: 'Overdue digest: 3 reports more than 30 days late', report: null });
    expect(digestA.digestReports.map((r: any) => r.talent.name)).toEqual(['张伟', '李娜', '刘洋']);
    expect(digestA.bodyZh).toMatch(/张伟《Summary report》应于\d{4}-\d\d-\d\d提交，已逾期\d+天/);
    expect(a.nodes.find((n: any) => !n.isDigest).titleZh).toMatch(/^逾期提醒：王芳的《Summary report》已逾期1\d天$/);
    expect(b.nodes).toHaveLength(1);
    expect(b.nodes[0].digestReports.map((r: any) => r.talent.name)).toEqual(['陈静', '杨帆']);
    expect(c.nodes).toHaveLength(2);
    expect(c.nodes.find((n: any) => n.isDigest).digestReports).toHaveLength(5);

    // The same channel path: the commission's email has the digest once and 王芳's escalation once.
    const mails = smtp.mails.filter((m) => m.to.includes(OFFICE));
    expect(mails.map((m) => m.subject).sort()).toEqual([expect.stringMatching(/^逾期提醒：王芳的《Summary report》已逾期1\d天$/), '逾期汇总：5份报告逾期超过30天']);
    const digestMail = mails.find((m) => m.subject.startsWith('逾期汇总'))!;
    for (const name of ['张伟', '李娜', '刘洋', '陈静', '杨帆']) expect(digestMail.text).toContain(name);

    // A job run again (a retry, a duplicate) finds nothing left to send.
    const digested = await sql(`select id from t_floodtown.reminder where digest_id is not null`);
    expect(digested).toHaveLength(10);
    expect(await h.app.jobs.deliver('floodtown', digested[0].id)).toBe('skipped');
    expect(await inboxRows('t_floodtown')).toBe(5);
    // Talents are not told by a digest: the escalations were for their unit and the commission.
    expect(await sql(`select count(*)::int as n from t_floodtown.inbox_message where audience = 'talent'`)).toEqual([{ n: 0 }]);
  }, 300_000);
});
