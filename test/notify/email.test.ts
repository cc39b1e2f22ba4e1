import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireReminder } from '../kit/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createHost, createOpenProgramme, createUnit } from '../support/fixtures.js';
import { startSmtpServer } from '../support/smtp.js';
import { eventually } from '../support/webhook-receiver.js';

/**
 * Reminders by email through a real SMTP server: Chinese subject and body from the tenant's own
 * sender, once per reminder and recipient, a talent's choice of channel respected, and a host
 * supervisor without an account asked once per report to confirm it through a signed link that
 * works once, then says it was used, and says so when it has expired.
 */
let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let admin: string;
let unit: string;
const SENDER = '"温州市卫生健康委员会" <noreply@wzwjw.gov.cn>';

beforeAll(async () => {
  smtp = await startSmtpServer();
  const dir = mkdtempSync(join(tmpdir(), 'mailtown-'));
  writeFileSync(
    join(dir, 'mailtown.yaml'),
    `key: mailtown\nname: Mailtown\nlevel: city\nplugins:\n  sample-scheme: {}\nnotify:\n  email:\n    host: 127.0.0.1\n    port: ${smtp.port}\n    tls: none\n    from: '${SENDER}'\n  robots:\n    office: { kind: wecom, urlEnv: MAILTOWN_WECOM_URL }\n  commission:\n    channels: [email]\n    email: office@wzwjw.gov.cn\n`,
  );
  h = await startHarness({ tenantsDirs: [dir], workers: true, env: { PUBLIC_URL: 'https://talent.example.cn' } });
  h.app.clock.set('2025-09-01T02:00:00Z');
  admin = await h.token('mailtown', 'commission-admin');
  unit = await createUnit(h, admin, '温州医科大学附属第一医院');
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

let n = 0;
async function placement(name: string, email: string | null) {
  n++;
  const t = await h.ok(admin, `mutation($i: TalentInput!) { createTalent(input: $i) { id } }`, {
    i: { name, gender: 'MALE', birthDate: '1985-03-15', unitId: unit, field: 'WESTERN_MEDICINE', profession: 'DOCTOR', titleGrade: 'INTERMEDIATE', highestDegree: 'MASTER', email },
  });
  const talentId = t.createTalent.id as string;
  const programme = await createOpenProgramme(h, admin, `M-${n}`);
  const a = await h.ok(admin, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programme, t: talentId });
  await h.ok(admin, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: a.submitApplication.id });
  const host = await createHost(h, admin, `Mayo ${n}`);
  const p = await h.ok(admin, `mutation($a: ID!, $h: ID!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: "2025-09-10", plannedEnd: "2025-10-31" }) { id reports { id title reminders { id offsetDays fireAt } } } }`, { a: a.submitApplication.id, h: host });
  return { talentId, placementId: p.createPlacement.id as string, report: p.createPlacement.reports[0] as { id: string; title: string; reminders: { id: string; offsetDays: number; fireAt: string }[] } };
}

const fire = (reminder: { id: string; fireAt: string }) => fireReminder(h, 'mailtown', reminder);
const settle = () => new Promise((r) => setTimeout(r, 1500));
const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

describe('email reminders', () => {
  let p: Awaited<ReturnType<typeof placement>>;
  let link: string;

  it('reach the talent in Chinese from the tenant’s sender, and the host supervisor once per report with a signed link', async () => {
    p = await placement('林志远', 'lin@wmu.edu.cn');
    await h.ok(admin, `mutation($i: ContactInput!) { addContact(input: $i) { id } }`, { i: { placementId: p.placementId, role: 'HOST_SUPERVISOR', name: 'Dr. Smith', email: 'smith@mayo.example' } });
    const dayBefore = p.report.reminders.find((r) => r.offsetDays === -1)!;
    const dueDay = p.report.reminders.find((r) => r.offsetDays === 0)!;
    await fire(dayBefore);
    await eventually(async () => mailsTo('lin@wmu.edu.cn').length + mailsTo('smith@mayo.example').length, (k) => k === 2);
    await fire(dueDay);
    await eventually(async () => mailsTo('lin@wmu.edu.cn').length, (k) => k === 2);
    await settle();
    const [before, today] = mailsTo('lin@wmu.edu.cn');
    expect(before).toMatchObject({ from: SENDER, subject: '到期提醒：《Summary report》还有1天到期' });
    expect(before!.text).toContain('您的《Summary report》将于2025-11-30到期，还有1天。');
    expect(today).toMatchObject({ from: SENDER, subject: '今日到期：《Summary report》' });
    expect(before!.messageId).not.toBe(today!.messageId);
    const asks = mailsTo('smith@mayo.example');
    expect(asks).toHaveLength(1);
    expect(asks[0]!.subject).toBe('请确认：林志远的《Summary report》');
    link = /https:\/\/talent\.example\.cn(\/links\/[A-Za-z0-9_.-]+)/.exec(asks[0]!.text)![1]!;
    expect(asks[0]!.text).toContain('只能使用一次');
  });

  it('planning or sweeping again sends nothing more', async () => {
    const before = smtp.mails.length;
    const stage = (h.app.jobs as unknown as { stages: { plan(t: string, r: string): Promise<number> }[] }).stages[0]!;
    for (const r of p.report.reminders.filter((x) => x.offsetDays >= -1)) await stage.plan('mailtown', r.id);
    await h.app.jobs.sweep();
    await settle();
    expect(smtp.mails.length).toBe(before);
    const rows = await h.app.orm.em.getConnection().execute(`select recipient, channel, state, attempts from t_mailtown.channel_delivery order by recipient`);
    expect(rows.map((r: any) => [r.recipient.split(':')[0], r.channel, r.state, r.attempts])).toEqual([
      ['contact', 'email', 'delivered', 1],
      ['talent', 'email', 'delivered', 1],
      ['talent', 'email', 'delivered', 1],
    ]);
  });

  it('the signed link shows what it confirms, confirms once, then says it was used and changes nothing', async () => {
    const json = { accept: 'application/json' };
    const shown = await h.http(null, link, { headers: json });
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({ state: 'open', purpose: 'report.confirm', title: '确认林志远的《Summary report》', usedAt: null });
    const page = await (await h.http(null, link)).text();
    expect(page).toContain('<form method="post"');
    expect(page).toContain('林志远');
    // Opening it (as mail scanners do) changed nothing.
    const q = `query($id: ID!) { report(id: $id) { confirmations { purpose contactName usedAt } } }`;
    expect((await h.ok(admin, q, { id: p.report.id })).report.confirmations).toEqual([]);

    const first = await h.http(null, link, { method: 'POST', headers: json });
    expect(first.status).toBe(200);
    const confirmed = (await first.json()) as any;
    expect(confirmed.state).toBe('confirmed');
    const after = (await h.ok(admin, q, { id: p.report.id })).report.confirmations;
    expect(after).toEqual([{ purpose: 'report.confirm', contactName: 'Dr. Smith', usedAt: confirmed.usedAt }]);

    const again = await h.http(null, link, { method: 'POST', headers: json });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ state: 'used', code: 'LINK_USED', usedAt: confirmed.usedAt });
    expect((await h.http(null, link, { method: 'POST' })).status).toBe(409);
    expect(await (await h.http(null, link)).text()).toContain('此链接已使用过');
    expect((await h.ok(admin, q, { id: p.report.id })).report.confirmations).toEqual(after);
    const trail = await h.ok(admin, `query { auditTrail(first: 50, filter: { entity: "ActionLink" }) { nodes { action actor } } }`);
    expect(trail.auditTrail.nodes.map((e: any) => e.action + ':' + e.actor.split(':')[0])).toEqual(['create:notify-job', 'update:contact']);
  });

  it('a forged or altered link is refused, and an expired one says so and changes nothing', async () => {
    const [payload, sig] = link.slice('/links/'.length).split('.');
    expect((await h.http(null, `/links/${payload}.${sig!.slice(0, -2)}AA`, { headers: { accept: 'application/json' } })).status).toBe(404);
    h.app.clock.set('2025-09-01T02:00:00Z');
    const q = await placement('周敏', 'zhou@wmu.edu.cn');
    await h.ok(admin, `mutation($i: ContactInput!) { addContact(input: $i) { id } }`, { i: { placementId: q.placementId, role: 'MENTOR', name: '王老师', email: 'wang@township.cn' } });
    // The talent chose the inbox only: the mentor is still asked, the talent gets no email.
    const self = await h.token('mailtown', 'talent', { talentId: q.talentId, unitId: unit });
    expect((await h.ok(self, `mutation($t: ID!) { setNotificationChannels(input: { talentId: $t, channels: ["inbox"] }) { channels isDefault } }`, { t: q.talentId })).setNotificationChannels).toEqual({ channels: ['inbox'], isDefault: false });
    await fire(q.report.reminders.find((r) => r.offsetDays === 0)!);
    await eventually(async () => mailsTo('wang@township.cn').length, (k) => k === 1);
    await settle();
    expect(mailsTo('zhou@wmu.edu.cn')).toHaveLength(0);
    const expiring = /https:\/\/talent\.example\.cn(\/links\/[A-Za-z0-9_.-]+)/.exec(mailsTo('wang@township.cn')[0]!.text)![1]!;
    h.app.clock.set(new Date(h.app.clock.now().getTime() + 15 * 86_400_000));
    const late = await h.http(null, expiring, { method: 'POST', headers: { accept: 'application/json' } });
    expect(late.status).toBe(410);
    expect(await late.json()).toMatchObject({ state: 'expired', code: 'LINK_EXPIRED', usedAt: null });
    expect(await (await h.http(null, expiring)).text()).toContain('此链接已过期');
    expect((await h.ok(admin, `query($id: ID!) { report(id: $id) { confirmations { usedAt } } }`, { id: q.report.id })).report.confirmations).toEqual([]);
  });

  it('channels are checked: robots exist and are the commission’s to assign, a talent cannot pick a robot', async () => {
    const coord = await h.token('mailtown', 'unit-coordinator', { unitId: unit });
    const set = (token: string, input: Record<string, unknown>) => h.gql(token, `mutation($i: NotificationChannelsInput!) { setNotificationChannels(input: $i) { channels email } }`, { i: input });
    expect((await set(coord, { unitId: unit, channels: ['robot:nope'] })).body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'channels.0' });
    expect((await set(coord, { unitId: unit, channels: ['robot:office'] })).body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await set(coord, { unitId: unit, channels: ['email'] })).body.errors![0]!.extensions).toMatchObject({ field: 'email' });
    expect((await set(coord, { unitId: unit, channels: ['email'], email: 'kjk@wmu.edu.cn' })).body.data.setNotificationChannels).toEqual({ channels: ['email'], email: 'kjk@wmu.edu.cn' });
    expect((await set(admin, { unitId: unit, channels: ['robot:office', 'email'], email: 'kjk@wmu.edu.cn' })).body.data.setNotificationChannels.channels).toEqual(['robot:office', 'email']);
    expect((await set(admin, { talentId: p.talentId, channels: ['robot:office'] })).body.errors![0]!.extensions).toMatchObject({ field: 'channels.0' });
    const other = await createUnit(h, admin, '温州市中心医院');
    expect((await set(coord, { unitId: other, channels: ['email'], email: 'x@y.cn' })).body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });
});
