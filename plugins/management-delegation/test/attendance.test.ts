/**
 * Attendance confirmed by someone without an account (issue 16): the host's liaison at Mayo Clinic
 * is asked by email, through a real SMTP server, to confirm that the delegation attended one
 * session of its itinerary; the signed link confirms once, then says it was used; a session that
 * has not happened yet is refused naming the field, and nobody is asked twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../../../test/support/smtp.js';
import { eventually } from '../../../test/support/webhook-receiver.js';
import { expectError, hostInstitution, institution, startScheme, talent, tokens, type Harness } from '../../../test/kit/index.js';
import { managementDelegationPlugin } from '../management-delegation.plugin.js';

let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let admin: string;
let sessions: { id: string; day: string }[];
const SENDER = '"北京协和医院国际合作处" <intl@pumch.example.cn>';

beforeAll(async () => {
  smtp = await startSmtpServer();
  h = await startScheme({
    plugins: [managementDelegationPlugin],
    tenants: {
      beijing: { level: 'province' },
      pumch: {
        level: 'hospital',
        parent: 'beijing',
        plugins: { 'management-delegation': {} },
        notify: { email: { host: '127.0.0.1', port: smtp.port, tls: 'none', from: SENDER } },
      },
    },
    today: '2019-11-01',
  });
  admin = await tokens(h, 'pumch').admin();
  const pumch = await institution(h, admin, { name: '北京协和医院', province: '北京市', city: '北京市' });
  const mayo = await hostInstitution(h, admin, 'Mayo Clinic', { city: 'Rochester, MN' });
  const leader = await talent(h, admin, pumch, { name: '韩丁', department: '院领导', profession: 'MANAGER', field: 'MANAGEMENT' });
  const programmeId = (await h.ok(admin, `mutation { delegationCreateProgramme(input: { code: "PUMCH-CADRES-2019", name: "中层干部海外培训项目 2019", year: 2019, referenceDate: "2019-01-01" }) { id } }`)).delegationCreateProgramme.id;
  const group = (
    await h.ok(admin, `mutation($i: DelegationInput!) { delegationCreate(input: $i) { id members { placement { id } } } }`, {
      i: { programmeId, code: 'PUMCH-MAYO-2019', name: '北京协和医院中层干部赴梅奥诊所管理培训团', unitId: pumch, leaderTalentId: leader, hostInstitutionId: mayo, plannedStart: '2019-11-10', plannedEnd: '2019-11-17' },
    })
  ).delegationCreate;
  const member = await talent(h, admin, pumch, { name: '李护士长', department: '护理部' });
  await h.ok(admin, `mutation($g: ID!, $t: ID!) { addTrainingGroupMember(groupId: $g, talentId: $t) { id } }`, { g: group.id, t: member });
  await h.ok(admin, `mutation($i: ContactInput!) { addContact(input: $i) { id } }`, {
    i: { placementId: group.members[0].placement.id, role: 'HOST_SUPERVISOR', name: 'Ms. Karen Hall', email: 'hall@mayo.example', confirmsReports: false },
  });
  sessions = (
    await h.ok(admin, `mutation($i: DelegationItineraryInput!) { delegationSetItinerary(input: $i) { id day } }`, {
      i: {
        groupId: group.id,
        sessions: [
          { day: '2019-11-11', kind: 'COURSE', topic: 'History and Culture of Mayo', topicZh: '梅奥的历史与文化', hostDepartment: 'Mayo Clinic School of Continuous Professional Development' },
          { day: '2019-11-12', kind: 'SITE_VISIT', topic: 'Heritage Hall', topicZh: '参观梅奥历史厅' },
        ],
      },
    })
  ).delegationSetItinerary;
  await h.app.jobs.startWorkers();
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

const REQUEST = `mutation($s: ID!) { delegationRequestAttendance(sessionId: $s) { sessionId asked } }`;
const CONFIRMATIONS = `query { trainingGroups { nodes { delegationItinerary { id attendanceConfirmations { purpose contactName } } } } }`;

describe("a session's attendance confirmed by the host", () => {
  it('is refused before the session took place, naming sessionId, and nobody is asked', async () => {
    await expectError(h.gql(admin, REQUEST, { s: sessions[0]!.id }), 'BAD_USER_INPUT', 'sessionId');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.mails).toHaveLength(0);
  });

  it("asks the leader's host contact once by email, in Chinese, with a link for that one session", async () => {
    h.app.clock.set('2019-11-11T10:00:00Z');
    expect((await h.ok(admin, REQUEST, { s: sessions[0]!.id })).delegationRequestAttendance).toEqual({ sessionId: sessions[0]!.id, asked: 1 });
    expect((await h.ok(admin, REQUEST, { s: sessions[0]!.id })).delegationRequestAttendance.asked).toBe(0);
    await eventually(async () => smtp.mails.length, (n) => n === 1, 20_000);
    const mail = smtp.mails[0]!;
    expect(mail).toMatchObject({ to: ['hall@mayo.example'], subject: '请确认：北京协和医院中层干部赴梅奥诊所管理培训团2019-11-11出席「梅奥的历史与文化」' });
    expect(mail.from).toContain('intl@pumch.example.cn');
    expect(mail.text).toContain('代表团：北京协和医院中层干部赴梅奥诊所管理培训团（2人）');
  });

  it('the link confirms once, then says it was used; the other session stays unconfirmed', async () => {
    const link = /(\/links\/[A-Za-z0-9_.-]+)/.exec(smtp.mails[0]!.text)![1]!;
    const json = { accept: 'application/json' };
    expect(await (await h.http(null, link, { headers: json })).json()).toMatchObject({ state: 'open', purpose: 'management-delegation.session.attend', title: '确认北京协和医院中层干部赴梅奥诊所管理培训团2019-11-11出席「梅奥的历史与文化」' });
    expect((await h.http(null, link, { method: 'POST', headers: json })).status).toBe(200);
    expect((await h.http(null, link, { method: 'POST', headers: json })).status).toBe(409);
    const itinerary = (await h.ok(admin, CONFIRMATIONS)).trainingGroups.nodes[0].delegationItinerary;
    expect(itinerary).toEqual([
      { id: sessions[0]!.id, attendanceConfirmations: [{ purpose: 'management-delegation.session.attend', contactName: 'Ms. Karen Hall' }] },
      { id: sessions[1]!.id, attendanceConfirmations: [] },
    ]);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.mails).toHaveLength(1);
  });
});
