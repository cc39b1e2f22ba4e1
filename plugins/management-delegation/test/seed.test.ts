/** The demo seed in the real `pumch` tenant: seed 002's delegation as a hospital office would recognise it, and idempotence. */
import { expect } from 'vitest';
import { describeDemoSeed } from '../../../test/kit/index.js';
import { managementDelegationPlugin } from '../management-delegation.plugin.js';

describeDemoSeed({
  plugins: [managementDelegationPlugin],
  tenant: 'pumch',
  snapshot: `{ delegationDashboard { delegations members plansFiled plansDone plansOnTrack plansOverdue groupReportsDue } trainingGroups { nodes { code status memberCount } } }`,
  async check(h, admin) {
    const groups = (await h.ok(admin, `{ trainingGroups { nodes { code name status actualStart actualEnd memberCount leader { name } hostInstitution { name }
      members { role talent { name department } } delegationItinerary { dayNumber kind topic topicZh } reports { kind status } } } }`)).trainingGroups.nodes;
    const y2019 = groups.find((g: any) => g.code === 'PUMCH-MAYO-2019');
    // Seed 002: 14 middle-level managers led by Vice President Han Ding, 8 days at Mayo Clinic in November 2019.
    expect(y2019).toMatchObject({ status: 'RETURNED', memberCount: 15, leader: { name: '韩丁' }, hostInstitution: { name: 'Mayo Clinic' }, actualStart: '2019-11-10', actualEnd: '2019-11-17' });
    expect(y2019.members.filter((m: any) => m.role === 'MEMBER')).toHaveLength(14);
    expect(new Set(y2019.delegationItinerary.map((s: any) => s.dayNumber))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(y2019.delegationItinerary.map((s: any) => s.topic)).toEqual(expect.arrayContaining(['History and Culture of Mayo', 'Management Mechanisms of Mayo', 'Patient Safety', 'Employee Training and Career Development', 'Center for Innovation', 'Endocrinology', 'Cardiology', 'Obstetrics & Gynecology', 'Neurology']));
    expect(y2019.members.map((m: any) => m.talent.department)).toEqual(expect.arrayContaining(['医务处', '护理部', '内分泌科', '心内科', '妇产科', '神经科']));
    expect(y2019.reports).toEqual([{ kind: 'delegation_report', status: 'ACCEPTED' }]);
    expect(groups.map((g: any) => g.status).sort()).toEqual(['PLANNED', 'RETURNED', 'RETURNED']);
    const d = (await h.ok(admin, `{ delegationDashboard { delegations plansDone plansOnTrack plansOverdue groupReportsOverdue } }`)).delegationDashboard;
    expect(d).toEqual({ delegations: 3, plansDone: 16, plansOnTrack: 2, plansOverdue: 1, groupReportsOverdue: 1 });
    // nothing long past is still chased: reminders pending are only those of the recent delegation
    const owed = (await h.ok(admin, `{ reports(filter: { overdue: true }, first: 100) { nodes { dueOn } } }`)).reports.nodes;
    expect(owed.length).toBeGreaterThan(0);
    for (const r of owed) expect(r.dueOn > '2019-12-31').toBe(true);
    // Beijing, the region above, reads the same counts and nothing else
    const beijing = (await h.ok(await h.token('beijing', 'commission-admin'), `{ subRegionFigures { tenant plugin figures { metric group value } } }`)).subRegionFigures;
    expect(beijing.map((x: any) => [x.tenant, x.plugin])).toEqual([['pumch', 'management-delegation']]);
    const figure = (metric: string) => beijing[0].figures.find((f: any) => f.metric === metric).value;
    expect([figure('delegations'), figure('plans_done'), figure('plans_on_track'), figure('plans_overdue'), figure('delegation_reports_overdue')]).toEqual([3, 16, 2, 1, 1]);
    expect(JSON.stringify(beijing)).not.toContain('韩丁');
  },
});
