/**
 * # Guizhou Medical Talents Plan, Shanghai Ruijin class (`guizhou-shanghai-class`)
 *
 * The scheme of seed 001 (SPEC.md, "Scheme 2"; issue 3). Launched in 2016 by the National Health
 * Commission and Guizhou; four sub-plans (climbing, forest-cultivation, backbone, outstanding);
 * since the May 2021 Ruijin agreement two components — cultivation at a host hospital and the
 * return plan — for staff of Guizhou's province-, city- and county-level institutions on 3-, 6- or
 * 12-month terms. Hosts in Beijing, Zhejiang, Shanghai (Ruijin) and Guangdong.
 *
 * ## Setup
 * Enable it in a tenant file (`tenants/guizhou.yaml`):
 * ```yaml
 * plugins:
 *   guizhou-shanghai-class:
 *     effectiveFrom: 2021-05-01
 *     config: {}            # defaults below; every key optional
 * ```
 * Configuration (`config.ts`; every field carries `.meta({ source, labelZh })`, the clause of seed 001
 * it implements or "local default" where the seed gives no value):
 *
 * | key | default | source |
 * |---|---|---|
 * | `termMonths` | [3, 6, 12] | seed 001: "for 3 months, 6 months or 12 months of training" |
 * | `adminLevels` | [province, city, county] | seed 001: "province, city and county levels of medical institutions" |
 * | `professions` | [doctor, nurse, technician, manager] | seed 001: "medical, nursing, technical" and "712 discipline backbone and management personnel" |
 * | `minTitle` | intermediate | seed 001: "young backbone with intermediate titles" |
 * | `maxAge` | null (no age rule) | local default: 中青年 ("middle-aged and young") has no number in the seed |
 * | `subPlansByHostRegion` | { guangdong: [forest_cultivation, backbone] } | seed 001: Guangdong hospitals "included in the training and receiving units of" the 育林 and 骨干 plans |
 * | `returnConfirmationDays` | 30 | local default (the seed names the return plan, not a deadline) |
 * | `cascadeReportQuarters` | 8 | local default (the seed counts grassroots staff trained, not a reporting period) |
 *
 * Tables: `gz_cohort`, `gz_trainee` (migration `…0001-init`).
 * Demo data: `npm start` seeds the cohorts of seed 001 in Chinese (`seed.ts`): six periods in two rounds, the
 * Ruijin class phase 1 (period 5, 40 returned) and phase 2 (period 6, 52 in training for half a year), a
 * Guangdong class, trainees in every state.
 * The published figures: `npx tsx plugins/guizhou-shanghai-class/scripts/load-dataset.ts` loads
 * `scripts/figures-2022-06.json` into `guizhou` (see "Dashboard" below).
 *
 * ## Model
 * - A **cohort** (`GuizhouCohort`) is a class at one host in one period of a round (periods are
 *   numbered across the plan: 1–3 in round 1, 4–6 in round 2; a period may run at several hosts).
 *   Creating one also creates its core `Programme` (scheme = this plugin; tracks = the cohort's
 *   sub-plans), open for applications unless `open: false`. 分层分类: a host receives only the
 *   sub-plans `subPlansByHostRegion` gives its region (Guangdong: forest cultivation and backbone);
 *   a cohort asking for another is refused (BAD_USER_INPUT, field `subPlans`), and so is an
 *   enrolment in it should the configuration narrow later (field `applicationId`). It has a capacity, a start date and its
 *   components (cultivation always; the return plan adds the after-return reports).
 * - **Applying** is the core's `submitApplication` (track = sub-plan); the eligibility rule answers
 *   with every failed criterion (`UNIT_OUTSIDE_REGION`, `UNIT_REGION_UNKNOWN`,
 *   `UNIT_LEVEL_NOT_ELIGIBLE`, `PROFESSION_NOT_ELIGIBLE`, `TITLE_BELOW_INTERMEDIATE`, and
 *   `AGE_OVER_CAP` when the commission sets `maxAge`, judged on the cohort's start date), in
 *   English and Chinese. Doctors, nurses, technicians and managers may apply. The unit's `region` must be the tenant or one of its sub-regions (a Yuping county
 *   hospital belongs to Guizhou). The commission selects with the core's `decideApplication`.
 * - A **trainee** (`GuizhouTrainee`) is a selected application enrolled for a 3-, 6- or 12-month
 *   term (anything else: BAD_USER_INPUT, field `termMonths`). Enrolling creates the core
 *   `Placement` at the cohort's host from the cohort's start date; a full cohort refuses
 *   (INVALID_STATE). Then: `enrolled` → `in_training` (start) → the final assessment concludes the
 *   term: `completed` (excellent or pass) or `not_completed` (fail). A withdrawal (with reason) is
 *   `before_start` (frees the place, not counted as trained) or `mid_term` (counts against
 *   completion). A completed trainee's return to the home institution is recorded with its date.
 * - **Contributions** after the return are core `Outcome`s linked to the trainee's placement:
 *   `new_technology`, `technology_gap_filled` (level province/city/county required),
 *   `cascade_training` (one session, `quantity` = head count). Each can be verified.
 * - **Reports** (the jobs system turns due ones into reminders), from the `reportDueDates` rule:
 *   `mid_term_assessment` #1 half-way through the term; `final_assessment` #1 on its last day;
 *   with the return plan and unless the final grade is fail, `return_confirmation` #1
 *   `returnConfirmationDays` (local default 30) after it and `cascade_training` #1..N
 *   (`cascadeReportQuarters`, local default 8) every quarter after the return (the recorded day,
 *   else the day after the term). Neither number is the plan's or the Ruijin agreement's: the seed
 *   gives none. Recording the assessment or the return hands in the matching report. A withdrawal
 *   cancels what is pending; a fail cancels the return confirmation (the return is recorded only
 *   for trainees who completed, so they alone owe it).
 *
 * ## Dashboard: how each figure is computed (per cohort, per period, per round and overall)
 * Counts add up across cohorts; rates are recomputed from the summed counts, never averaged.
 * - **trained**: trainees who began training at the host — in training, completed, not completed
 *   or withdrawn mid-term. A withdrawal before the start is not trained.
 * - **concluded**: trained trainees whose term is over — completed + not completed + withdrawn mid-term.
 * - **completed**: final assessment excellent or pass. **returned**: completed, return recorded.
 * - **completion rate = completed / concluded.** Trainees still in training are in neither; a
 *   mid-term withdrawal is in the denominator only, so it counts against completion.
 * - **excellent rate = completed with final grade excellent / concluded** (the same denominator).
 * - **new technologies** / **gaps filled** (also by level): counts of those outcomes;
 *   **grassroots trained**: sum of cascade-training head counts. `verifiedOnly: true` counts only
 *   verified contributions.
 * - Rates are null when nothing is concluded; percentages are rounded half-up to two decimals.
 * The published figures (6 periods in 2 rounds; periods 1–5: 645 concluded, 642 completed, 621
 * excellent → 99.53% and 96.28%; period 6: 67 in training → 712 trained; 470 returns recorded;
 * 406 new technologies; 283 gaps; 20,350 grassroots trained) are the data set in
 * `scripts/figures-2022-06.json`, checked by `test/dashboard-figures.test.ts`.
 *
 * ## Example operations
 * Every mutation takes one `input` and answers a payload: the record, and `userErrors` (code, field,
 * message, messageZh) for a mistake the user can correct, in which case nothing was written. The
 * older mutations (`guizhouCreateCohort`, `guizhouEnrolTrainee`, `guizhouSetMentor`, …) still work
 * and are deprecated in their favour.
 * ```graphql
 * mutation { guizhouCohortCreate(input: { code: "GZ-P6-RUIJIN", name: "Ruijin class, phase 2", round: 2, period: 6,
 *   hostInstitutionId: "…", hostRegion: SHANGHAI, subPlans: [BACKBONE, FOREST_CULTIVATION], capacity: 52, startDate: "2022-02-08" })
 *   { cohort { id programme { id } } userErrors { code field message messageZh } } }
 * mutation { submitApplication(input: { programmeId: "…", talentId: "…", track: "backbone" })
 *   { id status eligibility { eligible reasons { code message messageZh } } } }
 * mutation { decideApplication(id: "…", status: SELECTED) { id } }
 * mutation { guizhouTraineeEnrol(input: { applicationId: "…", termMonths: 6, mentor: { name: "Prof. Ning" } })
 *   { trainee { id status placement { plannedStart plannedEnd } reports { kind dueOn } } userErrors { code field messageZh } } }
 * mutation { guizhouTraineeSetMentor(input: { traineeId: "…", mentor: { name: "Prof. Ning", department: "Endocrinology" } }) { trainee { id } userErrors { field messageZh } } }
 * mutation { guizhouTraineeStartTraining(input: { traineeId: "…", startedOn: "2022-02-08" }) { trainee { status } userErrors { code messageZh } } }
 * mutation { guizhouTraineeAssess(input: { traineeId: "…", stage: MID_TERM, grade: PASS, assessedOn: "2022-05-09" }) { trainee { midTermGrade } userErrors { code field messageZh } } }
 * mutation { guizhouTraineeAssess(input: { traineeId: "…", stage: FINAL, grade: EXCELLENT, assessedOn: "2022-08-07" }) { trainee { status finalGrade } userErrors { code field messageZh } } }
 * mutation { guizhouTraineeWithdraw(input: { traineeId: "…", reason: "Family illness", withdrawnOn: "2022-04-01" }) { trainee { status withdrawalStage } userErrors { code field messageZh } } }
 * mutation { guizhouTraineeRecordReturn(input: { traineeId: "…", returnedOn: "2022-08-15" }) { trainee { returnedOn returnedTo { name } } userErrors { code field messageZh } } }
 * mutation { guizhouContributionRecord(input: { traineeId: "…", kind: CASCADE_TRAINING, title: "Diabetes care for village doctors",
 *   achievedOn: "2022-09-20", headCount: 48 }) { outcome { id quantity } userErrors { code field messageZh } } }
 * mutation { guizhouContributionVerify(input: { outcomeId: "…" }) { outcome { verified } userErrors { code field messageZh } } }
 * query { guizhouCohorts(first: 20, filter: { round: 2 }) { nodes { code period hostRegion trainees { status } } } }
 * query { guizhouTrainees(first: 50, filter: { status: IN_TRAINING }) { nodes { talent { name } cohort { name } reports { kind dueOn status } } } }
 * query { guizhouDashboard(periods: [1, 2, 3, 4, 5]) { overall { trained completed returned completionRatePercent excellentRatePercent
 *   newTechnologies gapsFilled grassrootsTrained } rounds { round figures { trained } } periods { period cohorts { code } figures { trained } }
 *   definitions { figure definitionZh definitionEn } } }
 * query { talent(id: "…") { guizhouTraineeships { cohort { name } status } } }
 * ```
 * Roles: cohorts and enrolment by the commission; start, withdrawal and return by the commission or
 * the trainee's unit; mentor and assessments by the commission or a mentor; contributions by the
 * commission, the unit or the talent; verification by the commission or the unit; the dashboard for
 * tenant-wide readers (commission, viewer, committee expert). A unit sees only its own trainees.
 */
import { definePlugin } from '../../src/index.js';
import { resolvers } from './api/resolvers.js';
import { GuizhouConfig } from './config.js';
import { GuizhouCohort, GuizhouTrainee } from './entities/index.js';
import { GuizhouInit } from './migrations/0001-init.js';
import { guizhouRules } from './rules/index.js';
import { seedDemo } from './seed.js';
import { dashboardExporter, enrolmentsImporter } from './excel.js';

export { GuizhouConfig };

export const guizhouShanghaiClassPlugin = definePlugin<GuizhouConfig>({
  key: 'guizhou-shanghai-class',
  name: 'Guizhou Medical Talents Plan, Shanghai Ruijin class',
  description: 'Cohorts at host hospitals, who may enrol, the term, the return, what returnees contribute, and the commission’s dashboard',
  version: '1.0.0',
  coreCompatibility: '^1.0.0',
  graphqlTypePrefix: 'Guizhou',
  config: GuizhouConfig,
  entities: [GuizhouCohort, GuizhouTrainee],
  // node(id:) finds cohorts and trainees (row-scoped, as guizhouCohort/guizhouTrainee).
  nodeTypes: [GuizhouCohort, GuizhouTrainee],
  migrations: [{ name: 'guizhou-shanghai-class.0001-init', class: GuizhouInit }],
  resolvers,
  rules: guizhouRules,
  // Excel (excel.ts): POST /imports/guizhou-shanghai-class.enrolments?cohortId=…, GET /exports/guizhou-shanghai-class.dashboard.
  importers: [enrolmentsImporter],
  exporters: [dashboardExporter],
  seed: seedDemo,
});
