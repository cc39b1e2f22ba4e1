/**
 * # Short management delegations (`management-delegation`) — PUMCH to Mayo Clinic, seed 002
 *
 * In November 2019 Peking Union Medical College Hospital sent 14 middle-level managers from its
 * clinical departments, services and offices, led by Vice President Han Ding, to Mayo Clinic for
 * 8 days under its "Overseas Training Program for Middle-level Cadres": theoretical courses
 * (History and Culture of Mayo, Management Mechanisms of Mayo, Patient Safety, Employee Training
 * and Career Development), site visits (the Heritage Hall, international services, the Center for
 * Innovation) and exchanges with the departments of endocrinology, cardiology, obstetrics &
 * gynecology and neurology. A hospital runs it (its international office / HR division), so it is
 * enabled in a hospital's own tenant (`tenants/pumch.yaml`, under `beijing`; docs/architecture.md).
 *
 * ## Setup
 * ```yaml
 * plugins:
 *   management-delegation:
 *     config: {}   # every value is a local default (config.ts says so on each): memberCap 15,
 *                  # groupReportDueDays 30, actionPlanDueDays 14, maxPlanMonths 12, maxMilestones 12
 * ```
 *
 * ## Model (most of it is the core's)
 * - A **programme** per year (`delegationProgrammeCreate`): the programme the delegations go under.
 * - A **delegation** is a core `TrainingGroup` (`delegationTrainingGroupCreate`, or the core's
 *   `createTrainingGroup` with your own cap): leader, host, planned dates, member cap (the leader
 *   counts). Members join with the core's `addTrainingGroupMember` until it departs: each is placed
 *   at the host for the delegation's dates (a core Placement). `updateTrainingGroupDates` records
 *   departure (underway) and return (returned) for everyone at once; `cancelTrainingGroup` calls it off.
 * - The **itinerary** (`delegationItinerarySet`): sessions by day, kind course / site visit /
 *   department exchange, topic (`topicEn` and `topicZh`), the host's department, its faculty.
 * - Beyond the seed, as a hospital would expect (local defaults):
 *   - one **delegation report** per delegation, owed by the leader `groupReportDueDays` after the
 *     return (a core group report: `TrainingGroup.reports`, handed in with `submitReport`);
 *   - each member's **action plan** (`delegationActionPlanFile`): an improvement project with
 *     milestones, due `actionPlanDueDays` after the return; each milestone is a report on the
 *     member's placement due on its day (`delegationMilestoneComplete` hands it in), so the core's
 *     reminders and escalations (14/7/1 days before, on the day, the unit a day late, the office a
 *     week late, by default) chase plans and milestones as they chase every report.
 * - **Attendance confirmed by the host** (`delegationSessionRequestAttendance`): from a
 *   session's day on, the host's contacts on the leader's placement (core `addContact`, people
 *   without accounts) are asked by email, once each, to confirm through a signed single-use link
 *   that the delegation attended; `DelegationSession.attendanceConfirmations` lists who confirmed.
 * - The **dashboard** (`delegationDashboard`): delegations by status, members, plans filed, done,
 *   on track and overdue, delegation reports owed and overdue.
 * The region above (`beijing`) reads the dashboard's counts, never a row (core `subRegionFigures`).
 * Roles: in a hospital tenant `commission-admin` is the hospital's office; a unit coordinator
 * manages the delegations of its unit; a member (role `talent`) files and completes their own plan.
 *
 * ## Example
 * The scheme's mutations take one `input` and return a payload: the record, and `userErrors`
 * (code, the input field, the message in English and Chinese) when it was refused and nothing was written.
 * ```graphql
 * mutation { delegationProgrammeCreate(input: { code: "PUMCH-CADRES-2019", name: "中层干部海外培训项目 2019", year: 2019, referenceDate: "2019-11-01" }) { programme { id } userErrors { code field messageZh } } }
 * mutation { delegationTrainingGroupCreate(input: { programmeId: "…", code: "PUMCH-MAYO-2019", name: "北京协和医院中层干部赴梅奥诊所培训团",
 *   unitId: "…", leaderTalentId: "…", hostInstitutionId: "…", plannedStart: "2019-11-10", plannedEnd: "2019-11-17" }) { trainingGroup { id memberCap } userErrors { field messageZh } } }
 * mutation { addTrainingGroupMember(groupId: "…", talentId: "…") { id placement { id } } }
 * mutation { delegationItinerarySet(input: { groupId: "…", sessions: [{ day: "2019-11-11", kind: COURSE,
 *   topicEn: "History and Culture of Mayo", topicZh: "梅奥的历史与文化", faculty: ["Mayo faculty"] }] }) { sessions { dayNumber topicEn topicZh } userErrors { field messageZh } } }
 * mutation { updateTrainingGroupDates(id: "…", dates: { actualStart: "2019-11-10", actualEnd: "2019-11-17" }) { status reports { kind dueOn } } }
 * mutation { delegationActionPlanFile(input: { memberId: "…", title: "门诊患者安全核查", goal: "…",
 *   milestones: [{ title: "制定核查表", dueOn: "2020-01-15" }] }) { actionPlan { id progress milestones { id sequence dueOn } } userErrors { field messageZh } } }
 * mutation { delegationMilestoneComplete(input: { milestoneId: "…", doneOn: "2020-01-10", note: "核查表已启用" }) { milestone { doneOn } userErrors { field messageZh } } }
 * mutation { delegationSessionRequestAttendance(input: { sessionId: "…" }) { attendanceRequest { asked } userErrors { messageZh } } }   # the host's liaison gets a link by email
 * query { delegationDashboard { delegations byStatus { status count } members plansDone plansOnTrack plansOverdue groupReportsDue } }
 * query { trainingGroups { nodes { name status memberCount delegationItinerary { dayNumber kind topicEn topicZh hostDepartment }
 *   delegationActionPlans { talent { name } progress } reports { kind dueOn status } } } }
 * ```
 */
import { definePlugin, schemeStepsOnly } from '../../src/index.js';
import { confirmSessionAttendance, DelegationAttendanceResolver } from './api/attendance.js';
import { delegationResolvers } from './api/resolvers.js';
import { DelegationConfig, PLUGIN_KEY } from './config.js';
import { delegationEntities, DelegationMilestone } from './entities/index.js';
import { DelegationInit } from './migrations/0001-init.js';
import { groupReportsDue, memberReportsDue } from './rules/reports.js';
import { seedDelegations } from './seed.js';
import { regionFigures } from './api/region.js';

export { DelegationConfig };

export const managementDelegationPlugin = definePlugin<DelegationConfig>({
  key: PLUGIN_KEY,
  name: 'Short management delegations',
  description: 'Delegations of managers to a host for a few days: itinerary, delegation report, members’ action plans with milestones (PUMCH → Mayo Clinic, seed 002)',
  version: '1.0.0',
  coreCompatibility: '^1.0.0',
  graphqlTypePrefix: 'Delegation',
  config: DelegationConfig,
  entities: delegationEntities,
  migrations: [{ name: `${PLUGIN_KEY}.0001-init`, class: DelegationInit }],
  resolvers: [...delegationResolvers, DelegationAttendanceResolver],
  linkActions: [confirmSessionAttendance],
  rules: {
    // A member's trip follows the delegation: its dates move with the group, never alone.
    placementChange: schemeStepsOnly({ dates: 'updateTrainingGroupDates (the whole delegation)', withdraw: 'removeTrainingGroupMember' }),
    groupReportDueDates: {
      code: 'delegation-report',
      description: 'local default: one delegation report, by the leader, groupReportDueDays after the return',
      evaluate: (g, { config }) => groupReportsDue(g, config),
    },
    reportDueDates: {
      code: 'delegation-action-plans',
      description: 'local default: each member’s action plan actionPlanDueDays after the return, then a report per milestone on its day',
      async evaluate(p, ctx) {
        const milestones = await ctx.em.find(DelegationMilestone, { placement: p.id }, { filters: false, orderBy: { sequence: 'asc' } });
        return memberReportsDue({ status: p.status, actualEnd: p.actualEnd }, milestones, ctx.config);
      },
    },
  },
  regionFigures,
  seed: seedDelegations,
});
