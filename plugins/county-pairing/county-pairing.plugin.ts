/**
 * # County mentor–apprentice pairing (县域师带徒结对培养) — Yuping Dong Autonomous County, seed 004
 *
 * "Stratified training, professional pairing, two-way selection": apprentices train in tiers
 * (分层培养); mentors (senior staff of the county hospitals, qualified by title) take one or two
 * apprentices each ("one belt one, one belt two") of their own field; the mentor writes a training
 * plan "from shallow to deep", theory to hands-on practice; apprentices log their cases, which the
 * mentor signs off; a competency check closes the pairing; the bureau follows conferences, new
 * technologies, promotions (by hospital), its incentives and care (激励关爱) and retention.
 *
 * ## Setup
 * Enable it in a tenant file (`tenants/yuping.yaml`):
 * ```yaml
 * plugins:
 *   county-pairing:
 *     config: { maxMentorCapacity: 2, signOffEveryMonths: 1, stageReviewAfterDays: 7, minAdjustReasonLength: 5 }
 * ```
 * Every key is optional (see `config.ts`; each field carries `.meta({ source, labelZh })`: the clause
 * of seed 004 it implements, or "local default" where the seed gives no value):
 *
 * | key | default | source |
 * |---|---|---|
 * | `maxMentorCapacity` | 2 | seed 004: "One Belt one, One Belt Two" |
 * | `signOffEveryMonths` | 1 (monthly) | local default |
 * | `stageReviewAfterDays` | 7 | local default |
 * | `minAdjustReasonLength` | 5 | local default |
 * | `tierByTitle` | none/junior → foundation, intermediate → intermediate, associate senior/senior → advanced | local default (the seed's "stratified training" names no tiers) |
 * | `mentorMinTitle` | associate senior | local default (the seed asks "rich working experience and exquisite professional skills") |
 * | `competencyCheckWithinDays` | 30 | local default |
 *
 * Tables are `cp_*` in the tenant schema (migrations `county-pairing.0001-init`,
 * `county-pairing.0002-tiers-competency-care`). `npm start` seeds a demo county (see `seed.ts`).
 *
 * ## The scheme's clauses beyond the pairing
 * - **Tiers (分层培养).** Registering places an apprentice in the tier their title gives
 *   (`CountyApprentice.tier`: foundation 基础层, intermediate 提高层, advanced 骨干层); the commission
 *   moves them with `countyApprenticeSetTier` (a reason is kept). The dashboard counts each tier
 *   (`traineesByTier`). The plan's stages are the seed's "from shallow to deep", not the tiers.
 * - **Mentor qualification.** `countyMentorPublish` refuses a mentor below `mentorMinTitle` or
 *   outside the scheme's fields (BAD_USER_INPUT, field `talentId`, `reasons` with codes
 *   `MENTOR_TITLE_BELOW_MINIMUM`, `MENTOR_FIELD_NOT_IN_SCHEME`, English and Chinese).
 * - **Competency check at the end (结业能力考核).** The seed's words: theoretical knowledge,
 *   professional skills, diagnosis and treatment of common and frequently-occurring diseases, and
 *   the process for critical and severe ones (`CompetencyItem`). `countyCompetencyCheckRecord`
 *   (the commission or the pair's mentor) takes one result per item on or after the pairing's last
 *   day; passed when all are met; it hands in the `competency_check` report, due
 *   `competencyCheckWithinDays` after the end. `CountyPair.competencyCheck`; dashboard `competency`.
 * - **激励关爱.** `countyCareRecordCreate` (commission or the trainee's unit): an incentive (money in fen
 *   allowed), an act of care, political-quality or business-ability support ("improve the political
 *   quality and business ability of the training object"). `countyCareRecords`; dashboard `care`.
 * - **Case-log totals** count every logged entry and split each into `signedOff` and `pending`
 *   (the headline figures too: `independentGrade1And2Operations` = …`SignedOff` + …`Pending`).
 * - **Promotions by hospital**: `countyDashboard.promotionsByHospital` (the trainee's hospital when
 *   the promotion was recorded): the seed's "County people's Hospital 3 … department heads, 24 …
 *   backbone".
 *
 * ## Who is who
 * - **Mentors are core Talents.** A mentor's user has role `mentor` and the token's `talentId` is
 *   the mentor's own Talent id; a mentor entry of a round (`CountyMentor`) points at that Talent. A
 *   mentor may publish and rank only for themselves, and write plans and sign off case logs only for
 *   their own apprentices (FORBIDDEN otherwise). The core's row scope is tenant-wide for mentors;
 *   these restrictions live in the resolvers (`api/access.ts`).
 * - **Apprentices** are core Talents with role `talent` (and `talentId`): they see their own entry,
 *   pair, plan and log. Unit coordinators register their unit's staff; the commission runs rounds.
 *
 * ## How it maps onto the core
 * A round owns a core Programme (scheme `county-pairing`, one track per field); registering an
 * apprentice submits a core Application (track = their field, judged by the `eligibility` rule);
 * confirming a pair selects the application and creates a core Placement at the mentor's hospital
 * for the round's pairing period. The placement's reports, from the `reportDueDates` rule, are the
 * reminders the jobs system sends: `case_log_signoff` #1..N monthly (the mentor signs the log off;
 * `Placement.countyPair.mentor` says who), `stage_review` #k 7 days after each plan stage ends and
 * `competency_check` 30 days after the end (the rhythm and delays are local defaults).
 * Growth records are core Outcomes of the placement under this scheme's `outcomeCategories`.
 *
 * ## Matching
 * `countyRoundRunMatching` runs deferred acceptance (Gale–Shapley), apprentice-proposing, in the
 * many-to-one hospitals/residents form (`rules/matching.ts`, a pure function): every pair is
 * mutually acceptable (same field, each ranked the other), capacities hold, the result is stable
 * and apprentice-optimal. Unpaired people are listed with a reason (`CountyRound.unmatched`).
 *
 * ## Example operations
 * Every mutation takes one `input` and answers a payload: the record, and `userErrors` (code, field,
 * message, messageZh) for a mistake the user can correct, in which case nothing was written. Who
 * may do it stays a top-level error (FORBIDDEN). The older mutations (`countyCreateRound`,
 * `countyRunMatching(roundId:)`, `countySignOffCaseLogs(ids:)`, …) still work and are deprecated in
 * their favour. Money comes as `Money { fen amount currencyCode }`; inputs stay in fen.
 * ```graphql
 * # commission-admin
 * mutation { countyRoundCreate(input: { code: "YP-PAIR-2025", name: "Yuping pairing 2025", year: 2025,
 *   pairingStart: "2025-03-01", pairingEnd: "2026-02-28" }) { round { id status } userErrors { code field message messageZh } } }
 * # mentor (token talentId = the mentor's Talent id)
 * mutation { countyMentorPublish(input: { roundId: "…", capacity: 2 }) { mentor { id field capacity } userErrors { code field messageZh } } }
 * mutation { countyMentorRankApprentices(input: { mentorId: "…", apprenticeIds: ["…", "…"] }) { mentor { id } userErrors { field messageZh } } }
 * # unit-coordinator, or the talent themself
 * mutation { countyApprenticeRegister(input: { roundId: "…", talentId: "…" }) { apprentice { id field tier } userErrors { code field messageZh } } }
 * mutation { countyApprenticeRankMentors(input: { apprenticeId: "…", mentorIds: ["…", "…"] }) { apprentice { id } userErrors { field messageZh } } }
 * # commission-admin
 * mutation { countyRoundRunMatching(input: { roundId: "…" }) { matchResult { algorithm pairs { mentor { displayName } apprentice { displayName } }
 *   unmatched { side reason explanation apprentice { displayName } mentor { displayName open: freePlaces } } } userErrors { code messageZh } } }
 * mutation { countyPairAdjust(input: { apprenticeId: "…", mentorId: "…", reason: "Mentor on long leave" }) { pair { id source adjustReason } userErrors { field messageZh } } }
 * mutation { countyRoundConfirm(input: { roundId: "…" }) { round { status } userErrors { code messageZh } } }
 * # mentor
 * mutation { countyPlanSet(input: { pairId: "…", title: "General surgery, year 1", stages: [
 *   { kind: THEORY, startsOn: "2025-03-01", endsOn: "2025-04-30", targets: [{ code: "lectures", description: "Lectures attended", target: 12 }] },
 *   { kind: SUPERVISED_PRACTICE, startsOn: "2025-05-01", endsOn: "2025-09-30", targets: [{ code: "g3_guided", description: "Grade-3 operations under guidance", target: 10 }] },
 *   { kind: INDEPENDENT_PRACTICE, startsOn: "2025-10-01", endsOn: "2026-02-28", targets: [{ code: "g12_indep", description: "Grade-1/2 operations alone", target: 30 }] } ] })
 *   { plan { id } userErrors { field messageZh } } }
 * # apprentice
 * mutation { countyCaseLogEntryCreate(input: { pairId: "…", kind: OPERATION, grade: 2, role: INDEPENDENT, performedOn: "2025-06-03", caseReference: "ZY2025-0613" })
 *   { caseLogEntry { id } userErrors { field messageZh } } }
 * mutation { countyProgressRecord(input: { stageId: "…", targetCode: "g3_guided", amount: 1, recordedOn: "2025-06-03" }) { progress { id } userErrors { field messageZh } } }
 * # mentor
 * mutation { countyCaseLogEntriesSignOff(input: { ids: ["…"] }) { caseLogEntries { id signedOffAt } userErrors { code field messageZh } } }
 * # anyone allowed
 * query { countyActivityKinds(professionalField: PHARMACY) }
 * query { countyCaseTotals(filter: { talentId: "…" }) { total signedOff pending byGrade { grade independent underGuidance assisting } byKind { kind count } } }
 * mutation { countyGrowthRecord(input: { pairId: "…", kind: CONFERENCE, title: "Guizhou surgery annual meeting", achievedOn: "2025-09-12", level: PROVINCE })
 *   { outcome { id category } userErrors { field messageZh } } }
 * mutation { countyRetentionCheckRecord(input: { talentId: "…", checkedOn: "2026-03-01", stillServing: true }) { retentionCheck { id } userErrors { field messageZh } } }
 * query { countyDashboard { trainees traineesByField { field count } independentGrade1And2Operations guidedGrade3Operations
 *   casesByGradeAndRole { kind grade role count signedOff } conferences newTechnologies departmentHeads departmentBackbones
 *   retention { checked stillServing rate } traineesByTier { tier count } promotionsByHospital { hospital { name } departmentHeads departmentBackbones }
 *   competency { checked passed } care { kind count amount { fen amount currencyCode } } } }
 * # commission
 * mutation { countyApprenticeSetTier(input: { apprenticeId: "…", tier: INTERMEDIATE, reason: "已能独立完成二级手术" }) { apprentice { tier } userErrors { field messageZh } } }
 * mutation { countyCompetencyCheckRecord(input: { pairId: "…", checkedOn: "2026-03-05", examiner: "县卫健局考核组", items: [
 *   { item: THEORY, met: true }, { item: SKILLS, met: true }, { item: COMMON_DISEASES, met: true }, { item: CRITICAL_CARE, met: true } ] })
 *   { competencyCheck { passed } userErrors { field messageZh } } }
 * mutation { countyCareRecordCreate(input: { talentId: "…", kind: INCENTIVE, title: "县级优秀学员表彰", givenOn: "2026-03-10", amountFen: 200000 })
 *   { careRecord { id amount { fen amount currencyCode } } userErrors { field messageZh } } }
 * ```
 */
import { definePlugin, schemeStepsOnly } from '../../src/index.js';
import { CountyCaseLogRelations, CountyCaseLogResolver } from './api/case-log.resolver.js';
import { CountyCareRecordResolver, CountyCareRelations, CountyCareResolver } from './api/care.resolver.js';
import { CountyDashboardResolver } from './api/dashboard.resolver.js';
import { CountyGrowthRelations, CountyGrowthResolver } from './api/growth.resolver.js';
import { CountyCoreTypeFields, CountyPairRelations, CountyPairResolver } from './api/pair.resolver.js';
import { CountyPlanRelations, CountyPlanResolver, CountyPlanStageResolver } from './api/plan.resolver.js';
import { CountyApprenticeResolver, CountyMentorResolver, CountyRoundRelations, CountyRoundResolver } from './api/round.resolver.js';
import { CountyConfig, PLUGIN_KEY } from './config.js';
import { countyEntities } from './entities/index.js';
import { CountyPair, CountyRound } from './entities/index.js';
import { CountyPairingInit } from './migrations/0001-init.js';
import { CountyPairingTiersCompetencyCare } from './migrations/0002-tiers-competency-care.js';
import { pairingReminders } from './rules/reminders.js';
import { COUNTY_OUTCOME_CATEGORIES, apprenticeEligibility, stagesOfPlacement } from './rules/scheme.js';
import { seedCounty } from './seed.js';
import { caseLogImporter, dashboardExporter } from './excel.js';
import { regionFigures } from './api/region.js';

export { CountyConfig };

export const countyPairingPlugin = definePlugin<CountyConfig>({
  key: PLUGIN_KEY,
  name: 'County mentor–apprentice pairing',
  description: 'Two-way selection of mentors and apprentices, stratified training plans, case logs, growth records and the county dashboard (Yuping, seed 004)',
  version: '1.0.0',
  coreCompatibility: '^1.0.0',
  graphqlTypePrefix: 'County',
  config: CountyConfig,
  entities: countyEntities,
  // node(id:) finds rounds and pairs (row-scoped, as countyRound/countyPair).
  nodeTypes: [CountyRound, CountyPair],
  migrations: [
    { name: 'county-pairing.0001-init', class: CountyPairingInit },
    { name: 'county-pairing.0002-tiers-competency-care', class: CountyPairingTiersCompetencyCare },
  ],
  resolvers: [
    CountyRoundResolver,
    CountyMentorResolver,
    CountyApprenticeResolver,
    CountyPairResolver,
    CountyPlanResolver,
    CountyPlanStageResolver,
    CountyCaseLogResolver,
    CountyGrowthResolver,
    CountyDashboardResolver,
    CountyCareResolver,
    CountyCareRecordResolver,
    ...CountyCareRelations,
    CountyCaseLogRelations,
    CountyGrowthRelations,
    CountyPairRelations,
    ...CountyPlanRelations,
    ...CountyRoundRelations,
    ...CountyCoreTypeFields,
  ],
  rules: {
    placementChange: schemeStepsOnly({ dates: 'the round (countyRoundCreate sets the pairing period)', withdraw: 'countyPairAdjust (with a reason)' }),
    eligibility: {
      code: 'county-apprentice-eligibility',
      description: 'An apprentice works in one of the five scheme fields and applies in their own field (professional pairing)',
      evaluate: (input) => apprenticeEligibility(input),
    },
    reportDueDates: {
      code: 'county-pairing-reminders',
      description: 'Case-log sign-off by the mentor (case_log_signoff 1..N, monthly by local default, the last on the end day), a review after each plan stage (stage_review 1..K, 7 days by local default) and the competency check at the end (competency_check, 30 days by local default)',
      async evaluate(p, ctx) {
        return pairingReminders({
          start: p.actualStart ?? p.plannedStart,
          end: p.actualEnd ?? p.plannedEnd,
          stages: await stagesOfPlacement(ctx.em, p.id),
          signOffEveryMonths: ctx.config.signOffEveryMonths,
          stageReviewAfterDays: ctx.config.stageReviewAfterDays,
          competencyCheckWithinDays: ctx.config.competencyCheckWithinDays,
        });
      },
    },
    outcomeCategories: {
      code: 'county-growth',
      description: 'Conferences, new technologies and projects, promotions to department head or backbone, and papers, people trained, other',
      evaluate: () => COUNTY_OUTCOME_CATEGORIES,
    },
  },
  // Excel (excel.ts): POST /imports/county-pairing.case-logs?pairId=…, GET /exports/county-pairing.dashboard.
  // The province above (Guizhou) reads the dashboard as numbers (api/region.ts).
  regionFigures,
  importers: [caseLogImporter],
  exporters: [dashboardExporter],
  seed: seedCounty,
});
