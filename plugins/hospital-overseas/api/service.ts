/**
 * The scheme's steps on top of the core: a yearly plan is a core programme whose tracks are the
 * channels; applying and selecting are the core's (`submitApplication` judges the channel's
 * criteria, `decideApplication` selects); a stay is a core placement with this scheme's row;
 * departure and return are the core's `updatePlacementDates`. This module adds the stay's row,
 * the appraisal of its three periods with the grade's consequence, and the visiting experts.
 */
import {
  Application,
  Institution,
  Placement,
  Programme,
  ProgrammeStatus,
  addDays,
  badInput,
  compareDates,
  createPlacementWith,
  createSchemeProgramme,
  monthsBetween,
  notFound,
  raiseIf,
  schemeProgramme,
  type CalendarDate,
  type ConfigVersion,
  type RequestContext,
} from '../../../src/index.js';
import { CHANNELS, PLUGIN_KEY, isChannel, type HospitalConfig } from '../config.js';
import { AppraisalPeriod, PERIOD_ORDER } from '../domain.js';
import { HospitalAppraisal, HospitalExpertVisit, HospitalLecture, HospitalStay } from '../entities/index.js';
import { consequenceOf, gradeOf, overallScore, periodProblem, periodScore, sheetProblems } from '../rules/appraisal.js';
import type { HospitalAppraisalInput, HospitalExpertVisitInput, HospitalLectureInput, HospitalPlanInput, HospitalStayInput } from './types.js';

/** The configuration a plan is run under: the version in force on its reference date. */
export async function configFor(ctx: RequestContext, programme: Pick<Programme, 'referenceDate'>): Promise<ConfigVersion<HospitalConfig>> {
  return (await ctx.plugin<HospitalConfig>(PLUGIN_KEY)).configOn(programme.referenceDate);
}

function notFuture(ctx: RequestContext, field: string, day: CalendarDate): void {
  const today = ctx.clock.today();
  if (compareDates(day, today) > 0) throw badInput({ field, message: `${day} is in the future (today is ${today})`, messageZh: `${day}晚于今天（${today}）` });
}

/** The year's plan: a programme with the three channels as its tracks. */
export async function createPlan(ctx: RequestContext, input: HospitalPlanInput): Promise<Programme> {
  const { config } = await configFor(ctx, input);
  const programme = await createSchemeProgramme(
    ctx,
    PLUGIN_KEY,
    {
      code: `HO-${input.year}`,
      name: `${input.year}年度出国研修计划 Overseas training plan ${input.year}`,
      year: input.year,
      referenceDate: input.referenceDate,
      opensOn: input.opensOn,
      closesOn: input.closesOn,
      status: input.open ? ProgrammeStatus.OPEN : ProgrammeStatus.DRAFT,
      tracks: CHANNELS.filter((c) => config.channels[c].since == null || config.channels[c].since! <= input.year).map((c) => ({ code: c, name: `${config.channels[c].nameZh} ${config.channels[c].name}` })),
    },
    { codeField: 'year' },
  );
  await ctx.commit();
  return programme;
}

/** A selected applicant goes abroad: the placement and the stay's row, funding from the channel unless given. */
export async function placeStay(ctx: RequestContext, input: HospitalStayInput): Promise<HospitalStay> {
  const application = await ctx.em.findOne(Application, input.applicationId);
  if (!application) throw notFound('Application', input.applicationId);
  const programme = await schemeProgramme(ctx, PLUGIN_KEY, application.programme.id, 'applicationId', "one of this hospital's overseas training plans");
  if (!isChannel(application.track)) throw badInput({ field: 'applicationId', message: 'the application names no channel', messageZh: '该申请未指定出国培训渠道' });
  const channelCode = application.track;
  const host = await ctx.em.findOne(Institution, input.hostInstitutionId);
  if (!host) throw notFound('Institution', input.hostInstitutionId);
  if (host.country === 'CN') throw badInput({ field: 'hostInstitutionId', message: `${host.name} is in China; these channels train staff abroad`, messageZh: `${host.name}位于国内，本渠道仅派往境外研修` });
  const { config, revision } = await configFor(ctx, programme);
  const channel = config.channels[channelCode];
  if (compareDates(input.plannedEnd, input.plannedStart) < 0) throw badInput({ field: 'plannedEnd', message: 'must not be before plannedStart', messageZh: '不得早于计划出发日期' });
  const months = monthsBetween(input.plannedStart, addDays(input.plannedEnd, 1));
  if (months < channel.stayMonths.min || months > channel.stayMonths.max) {
    throw badInput({ field: 'plannedEnd', message: `a stay of ${months} months; the ${channel.name} sends staff for ${channel.stayMonths.min}–${channel.stayMonths.max} months`, messageZh: `研修${months}个月；${channel.nameZh}的研修期限为${channel.stayMonths.min}–${channel.stayMonths.max}个月` });
  }
  return createPlacementWith(ctx, input, (placement) =>
    ctx.em.create(HospitalStay, {
      placement,
      application,
      talent: application.talent,
      unit: application.unit,
      channel: channelCode,
      appraisalScheme: channel.appraisalScheme,
      fundingFen: input.fundingFen ?? channel.fundingFenPerMonth * months,
      configRevision: revision,
    }),
  );
}

/**
 * The hospital office appraises one period of a stay, in order. The third appraisal grades the
 * stay: overall score, grade, and the grade's consequence with its sum.
 */
export async function appraise(ctx: RequestContext, input: HospitalAppraisalInput): Promise<HospitalStay> {
  const stay = await ctx.em.findOne(HospitalStay, input.stayId);
  if (!stay) throw notFound('HospitalStay', input.stayId);
  const placement = await ctx.em.findOneOrFail(Placement, stay.placement.id);
  const { config } = await configFor(ctx, await ctx.em.findOneOrFail(Programme, placement.programme.id));
  const scheme = config.appraisalSchemes[stay.appraisalScheme];
  if (!scheme) throw badInput({ field: 'stayId', message: `the stay's appraisal scheme "${stay.appraisalScheme}" is no longer configured`, messageZh: `该派出适用的考核方案"${stay.appraisalScheme}"已不在配置中` });
  const done = await ctx.em.find(HospitalAppraisal, { stay }, { orderBy: { id: 'asc' } });
  raiseIf(periodProblem(input.period, done.map((a) => a.period), { departed: !!placement.actualStart, returned: !!placement.actualEnd }));
  const problems = sheetProblems(scheme, input.period, input.scores);
  if (problems.length) throw badInput(problems);
  notFuture(ctx, 'appraisedOn', input.appraisedOn);
  const score = periodScore(scheme, input.period, input.scores);
  const row = ctx.em.create(HospitalAppraisal, { stay, talent: stay.talent, unit: stay.unit, period: input.period, appraisedOn: input.appraisedOn, scores: input.scores.map((s) => ({ indicator: s.indicator, score: s.score })), score, appraisedBy: ctx.actor.userId, note: input.note?.trim() || null });
  const all = [...done, row];
  if (PERIOD_ORDER.every((p) => all.some((a) => a.period === p))) {
    const overall = overallScore(scheme, Object.fromEntries(all.map((a) => [a.period, a.score])) as Record<AppraisalPeriod, number>);
    const c = consequenceOf(gradeOf(scheme, overall), stay.fundingFen);
    Object.assign(stay, { overallScore: overall, grade: c.grade, consequence: c.consequence, consequenceFen: c.amountFen, gradedOn: input.appraisedOn });
  }
  await ctx.commit();
  return stay;
}

export async function recordExpertVisit(ctx: RequestContext, input: HospitalExpertVisitInput): Promise<HospitalExpertVisit> {
  if (compareDates(input.departsOn, input.arrivesOn) < 0) throw badInput({ field: 'departsOn', message: 'must not be before arrivesOn', messageZh: '不得早于来访日期' });
  const visit = ctx.em.create(HospitalExpertVisit, { ...input, expertTitle: input.expertTitle ?? null, purpose: input.purpose ?? null, departments: [...new Set(input.departments)] });
  await ctx.commit();
  return visit;
}

export async function recordLecture(ctx: RequestContext, input: HospitalLectureInput): Promise<HospitalLecture> {
  const visit = await ctx.em.findOne(HospitalExpertVisit, input.visitId);
  if (!visit) throw notFound('HospitalExpertVisit', input.visitId);
  if (compareDates(input.heldOn, visit.arrivesOn) < 0 || compareDates(input.heldOn, visit.departsOn) > 0) {
    throw badInput({ field: 'heldOn', message: `must fall within the visit (${visit.arrivesOn} to ${visit.departsOn})`, messageZh: `须在来访期间内（${visit.arrivesOn}至${visit.departsOn}）` });
  }
  notFuture(ctx, 'heldOn', input.heldOn);
  const lecture = ctx.em.create(HospitalLecture, { visit, title: input.title.trim(), heldOn: input.heldOn, department: input.department.trim(), attendance: input.attendance });
  if (!visit.departments.includes(lecture.department)) visit.departments = [...visit.departments, lecture.department];
  await ctx.commit();
  return lecture;
}
