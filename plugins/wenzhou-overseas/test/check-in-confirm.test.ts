import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../../test/support/harness.js';
import { startSmtpServer } from '../../../test/support/smtp.js';
import { eventually } from '../../../test/support/webhook-receiver.js';
import { agree, startWenzhou, talent, throughExit, world, type World } from './helpers.js';

/**
 * 开展定期汇报 confirmed by the host: the host supervisor abroad has no account; a check-in the
 * talent records is sent to them by email with a signed link for that one check-in, which
 * confirms it once (a plugin's own link purpose, through the core's contract).
 */
let h: Harness;
let w: World;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let stayId: string;
let talentId: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  const dir = mkdtempSync(join(tmpdir(), 'wz-notify-'));
  writeFileSync(
    join(dir, 'wenzhou.yaml'),
    `key: wenzhou\nname: Wenzhou\nlevel: city\nplugins:\n  wenzhou-overseas:\n    effectiveFrom: 2025-06-23\nnotify:\n  email: { host: 127.0.0.1, port: ${smtp.port}, tls: none, from: '"温州市卫生健康委员会" <noreply@wzwjw.gov.cn>' }\n  defaults: { talent: [inbox] }\n`,
  );
  h = await startWenzhou(false, [dir]);
  w = await world(h);
  talentId = await talent(h, w.admin, { unitId: w.unitA, name: '陈医生' });
  const candidacy = await throughExit(h, w, talentId, 'clinical_backbone');
  stayId = (await h.ok(w.coordA, `mutation($i: WenzhouPlaceInput!) { wenzhouPlace(input: $i) { id placement { id } } }`, { i: { candidacyId: candidacy, hostInstitutionId: w.hostUS, plannedStart: '2025-10-01', plannedEnd: '2025-10-31', liaisonName: '王主任' } })).wenzhouPlace.id;
  const placementId = (await h.ok(w.coordA, `query($id: ID!) { wenzhouStay(id: $id) { placement { id } } }`, { id: stayId })).wenzhouStay.placement.id;
  await h.ok(w.coordA, `mutation($i: ContactInput!) { addContact(input: $i) { id } }`, { i: { placementId, role: 'HOST_SUPERVISOR', name: 'Dr. Ellen Brooks', email: 'brooks@mayo.example', confirmsReports: false } });
  await h.ok(w.coordA, `mutation($i: WenzhouStudyPlanInput!) { wenzhouSetStudyPlan(input: $i) { id } }`, { i: { stayId, items: [{ fromDay: '2025-10-01', toDay: '2025-10-31', activity: '临床观摩' }] } });
  await agree(h, w.coordA, stayId);
  h.app.clock.set('2025-10-01T02:00:00Z');
  await h.ok(w.coordA, `mutation($s: ID!) { wenzhouRecordDeparture(stayId: $s, departedOn: "2025-10-01") { id } }`, { s: stayId });
  await h.app.jobs.startWorkers();
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

describe('a check-in confirmed by the host supervisor', () => {
  it('is sent to them once, and their link confirms that check-in once', async () => {
    h.app.clock.set('2025-10-08T04:00:00Z');
    const me = await h.token('wenzhou', 'talent', { talentId, unitId: w.unitA });
    const checkIn = (await h.ok(me, `mutation($i: WenzhouCheckInInput!) { wenzhouCheckIn(input: $i) { id } }`, { i: { stayId, onDate: '2025-10-08', summary: '第一周：参加晨会与手术观摩' } })).wenzhouCheckIn.id;
    await eventually(async () => smtp.mails.length, (n) => n === 1, 20_000);
    const mail = smtp.mails[0]!;
    expect(mail).toMatchObject({ to: ['brooks@mayo.example'], subject: '请确认：陈医生2025-10-08的研学汇报' });
    expect(mail.text).toContain('第一周：参加晨会与手术观摩');
    const link = /(\/links\/[A-Za-z0-9_.-]+)/.exec(mail.text)![1]!;
    const json = { accept: 'application/json' };
    expect(await (await h.http(null, link, { headers: json })).json()).toMatchObject({ state: 'open', purpose: 'wenzhou-overseas.check-in.confirm', title: '确认陈医生2025-10-08的研学汇报' });
    expect((await h.http(null, link, { method: 'POST', headers: json })).status).toBe(200);
    expect((await h.http(null, link, { method: 'POST', headers: json })).status).toBe(409);
    const stay = await h.ok(w.coordA, `query($id: ID!) { wenzhouStay(id: $id) { checkIns { id confirmations { purpose contactName } } } }`, { id: stayId });
    expect(stay.wenzhouStay.checkIns).toEqual([{ id: checkIn, confirmations: [{ purpose: 'wenzhou-overseas.check-in.confirm', contactName: 'Dr. Ellen Brooks' }] }]);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.mails).toHaveLength(1);
  });
});
