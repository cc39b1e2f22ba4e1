/**
 * # A hospital's overseas-training channels with performance appraisal (`hospital-overseas`) — Wuhan Union Hospital, seed 000
 *
 * Wuhan Union Hospital trains staff abroad through three channels: the original state-sponsored
 * projects, the "Outstanding Young and Middle-aged Personnel Study Abroad Award Plan" (2012) and
 * the "Special Plan for Scientific Research and Training of Eight-year Graduates" (2014). Each is
 * managed by its own performance-appraisal scheme; the hospital compares research output before
 * and after the stay, across channels and schemes, to show the incentive effect of appraisal; and
 * it invites top experts from abroad to lecture. A hospital runs it, so it is enabled in the
 * hospital's own tenant (`tenants/wuhanunion.yaml`, under `hubei`; docs/architecture.md), where the
 * tenant's `commission-admin` is the hospital's office; the province reads aggregates only.
 *
 * ## Setup
 * ```yaml
 * plugins:
 *   hospital-overseas:
 *     config: {}   # the seed's three channels; every criterion, weight, grade and sum is a local
 *                  # default with its source (config.ts, and `hospitalChannels { source … }`). E.g.
 *                  # channels: { award_2012: { fundingFenPerMonth: 1800000 } }
 * ```
 *
 * ## The steps
 * | step | operation | who |
 * |---|---|---|
 * | the year's plan, channels as tracks | `hospitalPlanCreate` | office |
 * | apply through a channel; its criteria answer at once (every failed one, zh/en) | core `submitApplication` (track = channel) | office, talent |
 * | waive the age limit (in principle) with a reason | core `waiveEligibilityCriterion` | office |
 * | select | core `decideApplication` | office |
 * | send abroad: host abroad, dates within the channel's months, funding | `hospitalStayPlace` | office |
 * | departure, return (the summary report falls due a month after) | core `updatePlacementDates`, `submitReport` | office, talent |
 * | appraise before / during / after, in order; the third grades the stay (schemes and indicators: `hospitalAppraisalSchemes`) | `hospitalStayAppraise` | office |
 * | research output: papers, grants, awards, patents, new techniques | core `recordResearchOutput` | office, talent |
 * | output per person before and after, all / per channel / per appraisal scheme | `hospitalResearchComparison` | office, viewer |
 * | grades and their consequences, with sums | `hospitalGrades` | office, viewer |
 * | experts from abroad: visits, lectures, departments, attendance | `hospitalExpertVisitRecord`, `hospitalLectureRecord`, `hospitalExpertStatistics` | office |
 *
 * ## Appraisal (all local defaults: seed 000 says there is one scheme per channel, not what it holds)
 * A scheme has three periods with weights, each with weighted indicators scored 0–100. A period's
 * score is the weighted mean of its indicators; the overall score the weighted mean of the periods;
 * the grade the highest whose minimum it reaches (excellent ≥ 90, good ≥ 75, pass ≥ 60, fail);
 * the consequence: excellent → an incentive (20,000 yuan), good → none, pass → a warning, fail →
 * half of the hospital's funding clawed back (rounded to the fen, half up).
 *
 * ## The comparison
 * For each returned stay, output in the `windowMonths` (local default 24) before the first day
 * away and as many after the last day away; a stay is compared once its after-window has closed
 * (`pending` counts the others). Output per person = total outputs / stays compared; SCI papers,
 * impact factors and grant sums are summed too. Research output is the core's, owned by the talent.
 *
 * ## Example
 * Every mutation takes one `input` and returns a payload: the record, and `userErrors` (code, the
 * input field, the message in English and Chinese) when it was refused and nothing was written.
 * ```graphql
 * query { hospitalChannels { code nameZh nameEn fundingPerMonth { amount currencyCode } appraisalScheme } }
 * query { hospitalAppraisalSchemes { code nameZh periods { period weight indicators { code labelZh weight } } grades { grade minScore consequence incentive { amount } } } }
 * mutation { hospitalPlanCreate(input: { year: 2026, referenceDate: "2026-03-01", open: true }) { programme { id tracks { code } } userErrors { code field messageZh } } }
 * mutation { submitApplication(input: { programmeId: "…", talentId: "…", track: "award_2012" }) { status eligibility { reasons { code messageZh waivable } } } }
 * mutation { hospitalStayPlace(input: { applicationId: "…", hostInstitutionId: "…", plannedStart: "2026-09-01", plannedEnd: "2027-08-31" }) { stay { id channel funding { fen amount currencyCode } appraisalScheme } userErrors { code field messageZh } } }
 * mutation { hospitalStayAppraise(input: { stayId: "…", period: BEFORE, appraisedOn: "2026-08-20", scores: [{ indicator: "study_plan", score: 92 }, { indicator: "language", score: 85 }] }) { stay { grade consequence consequenceAmount { amount } } userErrors { code field messageZh } } }
 * mutation { hospitalExpertVisitRecord(input: { expertName: "…", affiliation: "Johns Hopkins Hospital", country: "US", arrivesOn: "2026-04-01", departsOn: "2026-04-05", departments: ["心血管内科"] }) { expertVisit { id } userErrors { field messageZh } } }
 * query { hospitalStays(channelCode: award_2012) { totalCount nodes { talent { name } grade funding { amount } } } }
 * query { hospitalResearchComparison { windowMonths overall { people perPersonBefore perPersonAfter } byChannel { label people before { sciPapers } after { sciPapers } } byAppraisalScheme { label perPersonAfter } } }
 * ```
 */
import { definePlugin } from '../../src/index.js';
import { hospitalResolvers } from './api/resolvers.js';
import { HospitalConfig, PLUGIN_KEY } from './config.js';
import { hospitalEntities } from './entities/index.js';
import { HospitalInit } from './migrations/0001-init.js';
import { channelEligibility } from './rules/eligibility.js';
import { stayReports } from './rules/reports.js';
import { regionFigures } from './api/region.js';
import { seedHospital } from './seed.js';

export { HospitalConfig };

export const hospitalOverseasPlugin = definePlugin<HospitalConfig>({
  key: PLUGIN_KEY,
  name: "A hospital's overseas-training channels with performance appraisal",
  description: 'Three channels with their criteria and obligations, appraisal before/during/after with grades and consequences, research output before and after, visiting experts (Wuhan Union Hospital, seed 000)',
  version: '1.0.0',
  coreCompatibility: '^1.0.0',
  graphqlTypePrefix: 'Hospital',
  config: HospitalConfig,
  entities: hospitalEntities,
  migrations: [{ name: `${PLUGIN_KEY}.0001-init`, class: HospitalInit }],
  resolvers: hospitalResolvers,
  rules: {
    eligibility: {
      code: 'hospital-channel-criteria',
      description: "The channel's criteria (seed 000 names the channels and the eight-year plan's group; thresholds are local defaults)",
      async evaluate({ talent, track, onDate }, ctx) {
        const { config } = await ctx.configOn(onDate);
        return channelEligibility({ talent, channel: track, onDate, config });
      },
    },
    reportDueDates: {
      code: 'hospital-summary-report',
      description: "local default: a study summary report the channel's summaryReportMonths after the return",
      async evaluate(p, ctx) {
        return stayReports(p, (await ctx.configOn(p.programme.referenceDate)).config);
      },
    },
  },
  regionFigures,
  seed: seedHospital,
});
