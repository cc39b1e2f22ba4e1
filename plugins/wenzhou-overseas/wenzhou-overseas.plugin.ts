/**
 * # Wenzhou "Hundred Doctors Go Overseas" (温州市“百医出海”暨医学人才国际化培养方案)
 *
 * The plan of the Wenzhou Municipal Health Commission of 23 June 2025 (seed 003): about 100
 * medical talents over five years, in five tracks, sent to study at hosts in the USA, UK, Germany,
 * France, Italy, Spain, Hungary, the Netherlands, Japan, Canada, Singapore and elsewhere.
 * Every rule below cites the line of the plan it implements.
 *
 * ## Setup
 * Enable it in `tenants/<key>.yaml` (the `wenzhou` tenant does):
 * ```yaml
 * plugins:
 *   wenzhou-overseas:
 *     effectiveFrom: 2025-06-23
 *     config: {}          # {} = the plan's values; see config.ts. E.g. for 2026:
 *                         # costShareOverrides: [{ year: 2026, track: teaching, shares: { foundation: 60, unit: 30, individual: 10 } }]
 *                         # tracks: { teaching: { quota: 3 } }
 * ```
 * A commission changes the configuration from a day on with the core's `updatePluginConfig`;
 * a call is judged by the version in force on its reference date, and every eligibility verdict
 * records the revision it was decided under.
 *
 * ## The pipeline (四、报名与选派程序), one mutation per step; a step out of order → INVALID_STATE
 * | step | mutation | role |
 * |---|---|---|
 * | yearly call with the five tracks | `wenzhouCallCreate` | commission-admin |
 * | (三) the call's committee of senior experts | `wenzhouCommitteeForm`, `wenzhouCommitteeMemberAdd`, `wenzhouCommitteeMemberStandDown` | commission-admin |
 * | (一) unit registration between opensOn and closesOn (else INVALID_STATE, reason CALL_NOT_OPEN / CALL_CLOSED); eligibility judged at once | `wenzhouCandidacyRegister` (with `qualifications`) | unit-coordinator (own staff) |
 * | waive an "in principle" criterion, with reason | core `waiveEligibilityCriterion` | commission-admin |
 * | (二) language assessment | `wenzhouCandidacyRecordLanguageAssessment` | committee-expert |
 * | (三) committee scores (members of the call's committee only, not own unit) | `wenzhouCandidacyScore` | committee-expert |
 * | ranked list per track within quota | `wenzhouTrackRank` (`wenzhouRanking` to preview) | commission-admin |
 * | (四) approval | `wenzhouTrackApprove` | commission-admin |
 * | (四) internal publication + filing (人才办, 外办) | `wenzhouListPublish` | commission-admin |
 * | (五) exit formalities, with pre-departure training, 思想政治教育 and the confidentiality briefing | `wenzhouCandidacyCompleteExitFormalities` | unit-coordinator |
 * | third-party agency chosen for a call (五(一)) | `wenzhouAgencySelect` | commission-admin |
 * | group study tour (组团研学) on the core's training groups; a placed talent joins | `wenzhouStudyTourCreate`, `wenzhouStayJoinStudyTour` | unit-coordinator |
 * | placement at a verified host abroad, liaison; refused while the talent has another stay on those days | `wenzhouCandidacyPlace` | unit-coordinator |
 * | the agreement (协议): tasks, service period; departure needs it | `wenzhouAgreementRecord` | unit-coordinator |
 * | daily study plan for the whole stay | `wenzhouStaySetStudyPlan` | unit-coordinator |
 * | departure (needs the full plan) | `wenzhouStayRecordDeparture` | unit-coordinator |
 * | weekly check-ins: each period a core report with reminders, overdue when missed | `wenzhouCheckInRecord` | talent or unit |
 * | 安全及纪律监督 incidents | `wenzhouIncidentRecord` | unit |
 * | salary and incentive pay during the stay (guarantees G2, G3 checked) | `wenzhouBenefitPaymentRecord` | unit |
 * | extension request / decision | `wenzhouExtensionRequest` / `wenzhouExtensionDecide` | talent or unit / unit |
 * | return (breach if past the approved end) | `wenzhouStayRecordReturn` | unit-coordinator |
 * | summary report (core) due 1 month after the actual end | `submitReport` | talent |
 * | follow-up assessment; outcomes (core `recordOutcome`, track categories); flagships | `wenzhouFollowUpRecord`, `wenzhouOutcomeFlag` | unit |
 * | experience-sharing sessions | `wenzhouSharingSessionRecord` | unit |
 * | costs split foundation/unit/individual; clawbacks on a clause of the agreement, capped across cases | `wenzhouCostItemAdd`, `wenzhouClawbackOpen`, `wenzhouClawbackRecordRecovery` | unit |
 * | statistics | `wenzhouStatistics` | commission-admin, viewer |
 *
 * ## Decisions this plugin takes where the plan leaves room (issue 14)
 * - **Track criteria** (二、1.项目对象) beyond age are gates with reasons: the clinical track is for
 *   临床型人才 (`professions`: doctors and nurses by default; a pharmacist, technician or manager is
 *   refused, NOT_CLINICAL_TALENT), teaching needs 临床带教 or 毕业后/继续医学教育管理 experience
 *   (NO_TEACHING_EXPERIENCE; residency faculty and teaching directors have it by definition), the
 *   leading track a team led (NO_TEAM_LEADERSHIP) and provincial or national influence
 *   (INFLUENCE_INSUFFICIENT). The unit attests these facts at registration (`wenzhouCandidacyRegister`'s `qualifications`). The
 *   plan says 原则上 only of ages (and 同等水平 of titles), so only those are waivable.
 * - **English is a gate on a level, never on a score.** 三(三) asks for 能用英语进行有效的专业沟通
 *   and 对…英语考试成绩不作硬性要求; 管理类可适当放宽. So: below the track's floor (`minEnglish`:
 *   working for the professional tracks, basic for management) on the experts' assessment (四(二)),
 *   or on the unit's declaration until assessed, the applicant is ineligible; above it, how good is
 *   the committee's 外语评估结果, which is the assessment's 0–100 score on the committee's scale. An
 *   expert does not type a second language result: left out it is taken from the assessment, and
 *   one that contradicts it is refused (BAD_USER_INPUT, field languageResult).
 * - **Committee**: one per call, of experts titled associate senior or above (`committeeMinTitle`);
 *   only its active members score, never applicants of their own unit. Weights by profession
 *   (`scoreWeightsByProfession`, 根据申报人员职业特点): the numbers are local defaults.
 * - **The agreement** holds the plan's guarantees (G1 职务职称保留, G2 基础工资全额发放, G3 绩效不低于
 *   科室平均, owed by the unit), the tasks (T1…), returning on the approved day (R1) and the service
 *   period (S1, from the agreement; `servicePeriodMonths` is only the local default an agreement
 *   starts from, and the agreement says when it was used). A clawback names the clause broken. What
 *   may be recovered is the foundation's and the unit's shares of the costs plus the salary paid
 *   for the stay; all cases on a stay together never claim more (the stay is locked while a case opens).
 * - **Check-ins**: period k of `checkInEveryDays` (7, a local default) after departure is a core report
 *   due on departure + k×N, so the core's reminders chase it and `checkInsOverdue` counts the missed;
 *   a check-in dated within the period answers it (late ones too).
 * - **Other channels** (通过其他途径赴海外研学的人才，其按照原有计划项目管理与培养): refused, not flagged —
 *   a talent with a planned or active placement under any programme on overlapping days is not placed
 *   (INVALID_STATE, reason CONCURRENT_STAY, naming the programme).
 * - **组团研学 and third-party agencies** (五(一)): `wenzhouAgencySelect` records the agency chosen for a
 *   call and its services (policy consulting, pre-departure education, language training…);
 *   `wenzhouStudyTourCreate` forms a tour as a core training group (leader, members, group report)
 *   run by an agency, and placed talents join with `wenzhouStayJoinStudyTour`. The core group has no
 *   host, so no second placement is made: each member's stay stays their own Wenzhou placement.
 *
 * The published list (`wenzhouPublishedList`) is for the commission and, row-scoped, for each
 * unit's own people: never for other units, talents or experts, and no query is public.
 *
 * ## Mutations
 * Each step is a mutation with one `input` and a `…Payload`: the record, and `userErrors` (code,
 * field, message, messageZh) for a mistake the user can correct, in which case nothing was written.
 * Who may do it (FORBIDDEN) stays a top-level error. The older forms (`wenzhouRegister`,
 * `wenzhouRankTrack(programmeId:, track:)`, …) still work and are deprecated, each naming its
 * replacement. Money comes as `Money { fen amount currencyCode }`; amounts go in as whole fen.
 * Track codes are the configuration's: `wenzhouTracks` lists them with `labelZh`/`labelEn`.
 *
 * ## Example
 * ```graphql
 * query { wenzhouTracks { code labelZh labelEn quota } }
 * mutation { wenzhouCallCreate(input: { year: 2025, referenceDate: "2025-07-01", opensOn: "2025-07-01", closesOn: "2025-08-31", open: true }) { programme { id code tracks { code quota } } userErrors { code field messageZh } } }
 * mutation($p: ID!, $t: ID!) {
 *   wenzhouCandidacyRegister(input: { programmeId: $p, talentId: $t, track: "clinical_backbone", unitAttestation: true }) {
 *     candidacy { id stage application { status eligibility { eligible configVersion reasons { code message messageZh waivable } } } priorityGroups }
 *     userErrors { code field message messageZh }
 *   }
 * }
 * mutation($c: ID!) { wenzhouCandidacyScore(input: { candidacyId: $c, businessAbility: 88, clinicalLevel: 90, socialEvaluation: 85 }) { score { weighted } userErrors { code field messageZh } } }
 * mutation($p: ID!) { wenzhouTrackRank(input: { programmeId: $p, track: "clinical_backbone" }) { ranking { quota ranked { rank totalScore withinQuota talent { name } } } userErrors { code messageZh } } }
 * mutation($s: ID!) { wenzhouStayRecordDeparture(input: { stayId: $s, departedOn: "2025-10-01" }) { stay { id } userErrors { code field messageZh } } }
 * mutation($c: ID!) { wenzhouClawbackRecordRecovery(input: { clawbackId: $c, recoveredFen: 200000 }) { clawback { status recovered { amount currencyCode } } userErrors { code field messageZh } } }
 * query { wenzhouStatistics { applicants selected abroadNow returned reportsOverdue spending { foundationShare { amount } unitShare { amount } individualShare { amount } total { amount } } outcomes { track category count } } }
 * ```
 */
import { definePlugin, schemeStepsOnly } from '../../src/index.js';
import { WenzhouMoneyResolver } from './api/money.resolver.js';
import { WenzhouCandidacyRelations, WenzhouSelectionResolver } from './api/selection.resolver.js';
import { WenzhouStayRelations, WenzhouStayResolver } from './api/stay.resolver.js';
import { WenzhouConfig, type InfluenceLevel } from './config.js';
import { WenzhouApplicantProfile } from './entities/governance.js';
import { WenzhouCommitteeResolver } from './api/committee.resolver.js';
import { WenzhouAgreementResolver } from './api/agreement.resolver.js';
import { WenzhouTourResolver } from './api/tour.resolver.js';
import { WenzhouFidelity } from './migrations/0004-fidelity.js';
import { wenzhouEntities } from './entities/index.js';
import { WenzhouCandidacy, WenzhouCommittee, WenzhouStay } from './entities/index.js';
import { COMMISSION, EXPERT } from './api/common.js';
import { WenzhouInit } from './migrations/0001-init.js';
import { WenzhouEncryptLiaison } from './migrations/0002-encrypt-liaison.js';
import { WenzhouCoreWaivers } from './migrations/0003-core-waivers.js';
import { eligibility } from './rules/eligibility.js';
import { outcomeCategories } from './rules/outcomes.js';
import { reportDueDates } from './rules/reports.js';
import { seed } from './seed.js';
import { costSheetExporter, publishedListExporter, registrationsImporter, statisticsExporter } from './excel.js';
import { WenzhouCheckInConfirmations, confirmCheckIn } from './api/check-in-confirm.js';
import { WenzhouBenefitPaymentMoney, WenzhouClawbackMoney, WenzhouCostItemMoney } from './api/money-fields.js';

export { WenzhouConfig };

export const wenzhouOverseasPlugin = definePlugin<WenzhouConfig>({
  key: 'wenzhou-overseas',
  name: 'Wenzhou "Hundred Doctors Go Overseas" (百医出海)',
  description: 'Selection, stays abroad, reports, outcomes and cost sharing of the Wenzhou plan of 2025-06-23',
  version: '1.0.0',
  coreCompatibility: '^1.0.0',
  graphqlTypePrefix: 'Wenzhou',
  config: WenzhouConfig,
  entities: wenzhouEntities,
  // node(id:) finds applicants and stays (row-scoped as wenzhouCandidacy/wenzhouStay), a committee for whom wenzhouCommittee is.
  nodeTypes: [WenzhouCandidacy, WenzhouStay, { type: WenzhouCommittee, roles: [...COMMISSION, ...EXPERT] }],
  migrations: [
    { name: 'wenzhou-overseas.0001-init', class: WenzhouInit },
    { name: 'wenzhou-overseas.0002-encrypt-liaison', class: WenzhouEncryptLiaison },
    { name: 'wenzhou-overseas.0003-core-waivers', class: WenzhouCoreWaivers },
    { name: 'wenzhou-overseas.0004-fidelity', class: WenzhouFidelity },
  ],
  resolvers: [WenzhouSelectionResolver, WenzhouCommitteeResolver, WenzhouAgreementResolver, WenzhouTourResolver, WenzhouStayResolver, WenzhouMoneyResolver, WenzhouCandidacyRelations, WenzhouStayRelations, WenzhouCheckInConfirmations, WenzhouCostItemMoney, WenzhouClawbackMoney, WenzhouBenefitPaymentMoney],
  // A check-in asks the host supervisor (a contact without an account) to confirm it by a signed link.
  linkActions: [confirmCheckIn],
  // Excel (excel.ts): POST /imports/wenzhou-overseas.registrations?programmeId=…; GET /exports/wenzhou-overseas.published-list?programmeId=…
  // (marked 内部资料, 四(四)), /exports/wenzhou-overseas.cost-sheet, /exports/wenzhou-overseas.statistics.
  importers: [registrationsImporter],
  exporters: [publishedListExporter, costSheetExporter, statisticsExporter],
  rules: {
    // 未经单位同意擅自延长出国期限: an end date moves only by an approved extension.
    placementChange: schemeStepsOnly({ dates: 'wenzhouStayRecordDeparture, wenzhouExtensionRequest / wenzhouExtensionDecide and wenzhouStayRecordReturn' }),
    eligibility: {
      code: 'wenzhou-eligibility',
      description: '三、报名条件 and each track’s 项目对象: degree, title, age cap on the reference date, admin years (management), no adverse incident, English; clinical talents only (clinical), teaching or education-management experience (teaching), a team led and provincial or national influence (leading)',
      async evaluate({ talent, track, onDate }, { config, em }) {
        // The unit's attestation (wenzhouCandidacyRegister's qualifications), whoever is judging (a rejudge by an expert reads it too).
        const p = await em.findOne(WenzhouApplicantProfile, { talent: talent.id }, { filters: false });
        const profile = p ? { clinicalTeaching: p.clinicalTeaching, educationManagement: p.educationManagement, leadsTeam: p.leadsTeam, influence: p.influence as InfluenceLevel } : null;
        return eligibility({ talent, profile, track, config, onDate });
      },
    },
    reportDueDates: {
      code: 'wenzhou-summary-report',
      description: '研学期满1个月内提交研学总结报告: a summary report due one month after the actual (else planned) end',
      async evaluate(p, ctx) {
        const { config } = await ctx.configOn(p.programme.referenceDate);
        return reportDueDates(p, config);
      },
    },
    outcomeCategories: {
      code: 'wenzhou-outcomes',
      description: 'What each track is assessed on after return (flagship outcomes, leading technologies, innovation, teaching and management models)',
      evaluate: ({ track }, { config }) => outcomeCategories(track, config),
    },
  },
  seed,
});
