import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayInShanghai } from '../../src/calendar.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createHost, createOpenProgramme, createTalent, createUnit } from '../support/fixtures.js';
import { startSmtpServer } from '../support/smtp.js';
import { eventually } from '../support/webhook-receiver.js';

/**
 * Exactly once across a worker kill: worker processes (`npm run worker`'s script) deliver an
 * overdue report's escalations by email to a real SMTP server; the first worker is killed while
 * its message is in flight (the server holding its answer to MAIL FROM, the delivery row locked),
 * and a second worker sends each message once, in Chinese.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let holdMs = 60_000;
let admin: string;
let unit: string;

beforeAll(async () => {
  smtp = await startSmtpServer({ holdMs: () => holdMs });
  const dir = mkdtempSync(join(tmpdir(), 'mailcrash-'));
  writeFileSync(join(dir, 'mailcrash.yaml'), `key: mailcrash\nname: Mail Crash\nlevel: city\nplugins:\n  sample-scheme: {}\nnotify:\n  email: { host: 127.0.0.1, port: ${smtp.port}, tls: none, from: '"温州市卫生健康委员会" <noreply@wzwjw.gov.cn>' }\n  commission: { channels: [email], email: office@wzwjw.gov.cn }\n`);
  h = await startHarness({ tenantsDirs: [dir] });
  admin = await h.token('mailcrash', 'commission-admin');
  unit = await createUnit(h, admin, '温州市人民医院');
  await h.ok(admin, `mutation($u: ID!) { setNotificationChannels(input: { unitId: $u, channels: ["email"], email: "kjk@wzrmyy.cn" }) { channels } }`, { u: unit });
}, 60_000);
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

function startWorker(): ChildProcess {
  return spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/worker.ts'], {
    cwd: ROOT,
    detached: true, // its own process group, so a kill reaches tsx's child node too
    stdio: 'ignore',
    env: { ...process.env, DATABASE_URL: h.databaseUrl, REDIS_URL: h.redisUrl, QUEUE_PREFIX: h.app.jobs.prefix, JOB_LOCK_MS: '1000', LOG_LEVEL: 'warn' },
  });
}
const kill = (w: ChildProcess, signal: NodeJS.Signals = 'SIGKILL') => {
  try {
    process.kill(-w.pid!, signal);
  } catch {
    /* already gone */
  }
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

describe('a worker killed while an email is in flight', () => {
  it('is retried by the next worker, and each escalation arrives once', async () => {
    const t = await createTalent(h, admin, unit, { name: '杨帆' });
    const programme = await createOpenProgramme(h, admin, 'MC-1');
    const a = await h.ok(admin, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programme, t });
    await h.ok(admin, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: a.submitApplication.id });
    const host = await createHost(h, admin, 'Mayo Clinic');
    const today = dayInShanghai();
    await h.ok(admin, `mutation($a: ID!, $h: ID!, $s: Date!, $e: Date!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: $s, plannedEnd: $e }) { id } }`, { a: a.submitApplication.id, h: host, s: addDays(today, -120), e: addDays(today, -45) });

    let worker = startWorker();
    try {
      // The first worker reaches the SMTP server and waits for its answer, holding the delivery row.
      await eventually(async () => smtp.mailFroms(), (k) => k >= 1, 40_000);
      kill(worker);
      holdMs = 0;
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.mails).toHaveLength(0);
      await eventually(() => sql(`select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'idle in transaction'`), (rows) => rows[0].n === 0);
      const pending = await sql(`select state, attempts from t_mailcrash.channel_delivery order by recipient`);
      expect(pending.map((r) => r.state)).toEqual(['pending', 'pending']);

      worker = startWorker();
      await eventually(async () => smtp.mails.length, (k) => k === 2, 40_000);
      await new Promise((r) => setTimeout(r, 3000)); // time enough for any duplicate to show up
      expect(smtp.mails).toHaveLength(2);
      const byTo = Object.fromEntries(smtp.mails.map((m) => [m.to[0], m]));
      expect(Object.keys(byTo).sort()).toEqual(['kjk@wzrmyy.cn', 'office@wzwjw.gov.cn']);
      for (const m of smtp.mails) {
        expect(m.subject).toMatch(/^逾期提醒：杨帆的《Summary report》已逾期\d+天$/);
        expect(m.text).toContain('请督促提交');
        expect(m.from).toBe('"温州市卫生健康委员会" <noreply@wzwjw.gov.cn>');
      }
      const rows = await sql(`select state from t_mailcrash.channel_delivery`);
      expect(rows.map((r) => r.state)).toEqual(['delivered', 'delivered']);
    } finally {
      kill(worker, 'SIGTERM');
    }
  }, 120_000);
});
