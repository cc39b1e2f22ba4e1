import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayInShanghai } from '../../src/calendar.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createHost, createOpenProgramme, createTalent, createUnit } from '../support/fixtures.js';
import { startRobotReceiver } from '../support/robot-receiver.js';
import { eventually } from '../support/webhook-receiver.js';

/**
 * Group robots: the commission's WeCom group and a unit's DingTalk group (signed) each get an
 * overdue escalation once, in Chinese; a robot that refuses (WeCom's rate limit) is retried.
 * The robots' URLs and DingTalk's secret come from environment variables named in the tenant file.
 */
const SECRET = 'SECdingtalk-test-secret-0123456789';
let h: Harness;
let robots: Awaited<ReturnType<typeof startRobotReceiver>>;
let admin: string;
let unit: string;
let wecomCalls = 0;

beforeAll(async () => {
  robots = await startRobotReceiver(SECRET, { answer: (c) => (c.kind === 'wecom' && ++wecomCalls === 1 ? { errcode: 45009, errmsg: 'api freq out of limit' } : { errcode: 0, errmsg: 'ok' }) });
  process.env.ROBOTCITY_WECOM_URL = robots.wecomUrl('wecom-key-1');
  process.env.ROBOTCITY_DING_URL = robots.dingtalkUrl('ding-token-1');
  process.env.ROBOTCITY_DING_SECRET = SECRET;
  const dir = mkdtempSync(join(tmpdir(), 'robotcity-'));
  writeFileSync(
    join(dir, 'robotcity.yaml'),
    `key: robotcity\nname: Robot City\nlevel: city\nplugins:\n  sample-scheme: {}\nnotify:\n  robots:\n    office: { kind: wecom, urlEnv: ROBOTCITY_WECOM_URL }\n    hospital: { kind: dingtalk, urlEnv: ROBOTCITY_DING_URL, secretEnv: ROBOTCITY_DING_SECRET }\n  commission:\n    channels: [robot:office]\n`,
  );
  h = await startHarness({ tenantsDirs: [dir], workers: true });
  admin = await h.token('robotcity', 'commission-admin');
  unit = await createUnit(h, admin, '温州市中心医院');
});
afterAll(async () => {
  await h?.close();
  await robots?.close();
});

describe('group robots', () => {
  it('the unit’s DingTalk group and the commission’s WeCom group each get the escalation once; DingTalk’s is signed', async () => {
    await h.ok(admin, `mutation($u: ID!) { setNotificationChannels(input: { unitId: $u, channels: ["robot:hospital"] }) { channels } }`, { u: unit });
    const t = await createTalent(h, admin, unit, { name: '陈医生' });
    const programme = await createOpenProgramme(h, admin, 'R-1');
    const a = await h.ok(admin, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programme, t });
    await h.ok(admin, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: a.submitApplication.id });
    const host = await createHost(h, admin, 'Mayo Clinic');
    const today = dayInShanghai();
    // Due a month ago: both escalations (unit a day late, commission a week late) are due now.
    await h.ok(admin, `mutation($a: ID!, $h: ID!, $s: Date!, $e: Date!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: $s, plannedEnd: $e }) { id } }`, { a: a.submitApplication.id, h: host, s: addDays(today, -120), e: addDays(today, -45) });

    await eventually(async () => robots.calls.filter((c) => c.kind === 'dingtalk').length, (k) => k === 1, 20_000);
    await eventually(async () => robots.calls.filter((c) => c.kind === 'wecom').length, (k) => k === 2, 20_000);
    await new Promise((r) => setTimeout(r, 2000));
    const ding = robots.calls.filter((c) => c.kind === 'dingtalk');
    expect(ding).toHaveLength(1);
    expect(ding[0]).toMatchObject({ key: 'ding-token-1', signatureValid: true, body: { msgtype: 'markdown', markdown: { title: expect.stringMatching(/^逾期提醒：陈医生的《Summary report》已逾期\d+天$/) } } });
    const wecom = robots.calls.filter((c) => c.kind === 'wecom');
    // The first was refused (rate limit) and retried: the group sees the message once.
    expect(wecom).toHaveLength(2);
    expect(wecom[0]!.body).toEqual(wecom[1]!.body);
    expect(wecom[1]).toMatchObject({ key: 'wecom-key-1', body: { msgtype: 'markdown', markdown: { content: expect.stringContaining('请督促提交') } } });
    const rows = await h.app.orm.em.getConnection().execute(`select recipient, channel, target, state, attempts from t_robotcity.channel_delivery order by channel`);
    expect(rows.map((r: any) => [r.recipient.split(':')[0], r.channel, r.target, r.state, r.attempts])).toEqual([
      ['unit', 'dingtalk', 'hospital', 'delivered', 1],
      ['commission', 'wecom', 'office', 'delivered', 2],
    ]);
    // Nowhere does a row or the queue hold a robot's secret URL.
    expect(JSON.stringify(rows)).not.toContain('ding-token-1');
  });

  it('the notifications queue is a queue of the job system (dashboard, counts)', async () => {
    expect(Object.keys(h.app.jobs.queues)).toContain('notifications');
    expect(await h.app.jobs.queues.notifications!.getJobCounts('completed')).toMatchObject({ completed: expect.any(Number) });
  });
});
