/**
 * What the scheme's mutations do, on top of the core services (createPlacement,
 * updatePlacementDates, withdrawPlacement, syncReports, submitReport, recordOutcome). The core
 * runs each mutation request in one transaction, rolled back on any error: a refusal at any step
 * (even after a core service has flushed) writes nothing. Checks still come before writes.
 */
import { LockMode } from '@mikro-orm/core';
import {
  AdminLevel,
  Application,
  Institution,
  Outcome,
  ProgrammeStatus,
  Report,
  ReportStatus,
  assertUnitWrite,
  badInput,
  compareDates,
  conflict,
  createPlacementWith,
  createSchemeProgramme,
  assertRecordWrite,
  raise,
  invalidState,
  notFound,
  recordOutcome,
  submitReport,
  syncReports,
  updatePlacementDates,
  withdrawPlacement,
  Placement,
  type RequestContext,
} from '../../../src/index.js';
import type { GuizhouConfig } from '../config.js';
import { GuizhouAssessmentStage, GuizhouComponent, GuizhouContributionKind, GuizhouGapLevel, GuizhouSubPlan, GuizhouTraineeStatus, GuizhouWithdrawalStage, SUB_PLAN_LABELS } from '../domain.js';
import { GuizhouCohort } from '../entities/cohort.js';
import { GuizhouTrainee } from '../entities/trainee.js';
import { checkAssessment, checkContribution, checkReturn, checkStart, checkWithdrawal, statusAfterFinal } from '../rules/lifecycle.js';
import { REPORT_KINDS } from '../rules/reports.js';
import { hostSubPlanProblems } from '../rules/sub-plans.js';
import { termEnd, termProblem } from '../rules/term.js';
import type { GuizhouAssessmentInput, GuizhouCohortInput, GuizhouContributionInput, GuizhouEnrolInput, GuizhouMentorInput, GuizhouReturnInput, GuizhouWithdrawInput } from './types.js';

export const PLUGIN_KEY = 'guizhou-shanghai-class';

const GAP_LEVEL: Record<GuizhouGapLevel, AdminLevel> = {
  [GuizhouGapLevel.PROVINCE]: AdminLevel.PROVINCE,
  [GuizhouGapLevel.CITY]: AdminLevel.CITY,
  [GuizhouGapLevel.COUNTY]: AdminLevel.COUNTY,
};

/** Records say what happened: a day after today is refused, naming the field. */
function notFuture(ctx: RequestContext, field: string, date: string | null | undefined): void {
  const today = ctx.clock.today();
  if (date && compareDates(date, today) > 0) throw badInput({ field, message: `${date} is in the future (today is ${today})` });
}

async function loadTrainee(ctx: RequestContext, id: string): Promise<GuizhouTrainee> {
  const trainee = await ctx.em.findOne(GuizhouTrainee, id);
  if (!trainee) throw notFound('GuizhouTrainee', id);
  return trainee;
}

/** The commission anywhere; a coordinator in their own unit; a talent on their own record. */
const assertWrite = (ctx: RequestContext, trainee: GuizhouTrainee) => assertRecordWrite(ctx.actor, trainee, { talent: true });

/** A report the trainee owed is handed in by the record that answers it (the assessment, the return). */
async function answerReport(ctx: RequestContext, placementId: string, kind: string, content: string): Promise<void> {
  const report = await ctx.em.findOne(Report, { placement: placementId, kind, sequence: 1, status: { $in: [ReportStatus.DUE, ReportStatus.RETURNED] } });
  if (report) await submitReport(ctx, report.id, content);
}

export async function createCohort(ctx: RequestContext, input: GuizhouCohortInput): Promise<GuizhouCohort> {
  const { config } = await ctx.plugin<GuizhouConfig>(PLUGIN_KEY);
  const subPlans = hostSubPlanProblems(input.hostRegion, input.subPlans, config);
  if (subPlans.length) throw badInput(subPlans);
  const host = await ctx.em.findOne(Institution, input.hostInstitutionId);
  if (!host) throw notFound('Institution', input.hostInstitutionId);
  if (!host.host) throw badInput({ field: 'hostInstitutionId', message: `${host.name} is not registered as a host institution` });
  const samePeriod = await ctx.em.findOne(GuizhouCohort, { period: input.period });
  if (samePeriod && samePeriod.round !== input.round) {
    throw badInput({ field: 'round', message: `period ${input.period} belongs to round ${samePeriod.round}` });
  }
  if (await ctx.em.findOne(GuizhouCohort, { period: input.period, hostInstitution: host })) {
    throw conflict(`Period ${input.period} already has a cohort at ${host.name}`, { field: 'hostInstitutionId' });
  }
  const programme = await createSchemeProgramme(ctx, PLUGIN_KEY, {
    code: input.code,
    name: input.name,
    year: Number(input.startDate.slice(0, 4)),
    status: input.open === false ? ProgrammeStatus.DRAFT : ProgrammeStatus.OPEN,
    referenceDate: input.startDate,
    quota: input.capacity,
    tracks: input.subPlans.map((sp) => ({ code: sp, name: SUB_PLAN_LABELS[sp].en })),
  });
  const cohort = ctx.em.create(GuizhouCohort, {
    programme,
    name: input.name,
    round: input.round,
    period: input.period,
    hostInstitution: host,
    hostRegion: input.hostRegion,
    subPlans: input.subPlans,
    components: input.components ?? [GuizhouComponent.CULTIVATION, GuizhouComponent.RETURN_PLAN],
    capacity: input.capacity,
    startDate: input.startDate,
  });
  await ctx.commit();
  return cohort;
}

/** Places taken in a cohort: every enrolment except withdrawals before the start. */
export async function placesTaken(ctx: RequestContext, cohortId: string): Promise<number> {
  return ctx.em.count(GuizhouTrainee, {
    cohort: cohortId,
    $not: { status: GuizhouTraineeStatus.WITHDRAWN, withdrawalStage: GuizhouWithdrawalStage.BEFORE_START },
  });
}

export async function enrol(ctx: RequestContext, input: GuizhouEnrolInput): Promise<GuizhouTrainee> {
  const { config } = await ctx.plugin<GuizhouConfig>(PLUGIN_KEY);
  const term = termProblem(input.termMonths, config.termMonths);
  if (term) throw badInput(term);
  const application = await ctx.em.findOne(Application, input.applicationId);
  if (!application) throw notFound('Application', input.applicationId);
  // The cohort row is locked for the rest of the mutation's transaction, so two enrolments at
  // once cannot both take the last place.
  const cohort = await ctx.em.findOne(GuizhouCohort, { programme: application.programme.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!cohort) throw badInput({ field: 'applicationId', message: 'is not an application to a Guizhou cohort' });
  if (await ctx.em.findOne(GuizhouTrainee, { application })) throw conflict('This application is already enrolled', { field: 'applicationId' });
  const subPlan = application.track as GuizhouSubPlan | null;
  if (!subPlan || !cohort.subPlans.includes(subPlan)) throw badInput({ field: 'applicationId', message: `the application's sub-plan ${subPlan ?? '(none)'} is not one of the cohort's` });
  // The configuration may have changed since the cohort was created: the host must still receive the sub-plan.
  const hostProblems = hostSubPlanProblems(cohort.hostRegion, [subPlan], config, 'applicationId');
  if (hostProblems.length) throw badInput(hostProblems);
  const taken = await placesTaken(ctx, cohort.id);
  if (taken >= cohort.capacity) throw invalidState(`Cohort ${cohort.name} is full (${taken} of ${cohort.capacity} places)`, { field: 'applicationId' });
  // The trainee is written before the reports are computed: they follow the cohort's components.
  return createPlacementWith(ctx, { applicationId: application.id, hostInstitutionId: cohort.hostInstitution.id, plannedStart: cohort.startDate, plannedEnd: termEnd(cohort.startDate, input.termMonths) }, (placement) =>
    ctx.em.create(GuizhouTrainee, {
      cohort,
      application,
      placement,
      talent: application.talent,
      unit: application.unit,
      subPlan,
      termMonths: input.termMonths,
      mentorName: input.mentor?.name ?? null,
      mentorTitle: input.mentor?.title ?? null,
      mentorDepartment: input.mentor?.department ?? null,
    }),
  );
}

export async function setMentor(ctx: RequestContext, traineeId: string, mentor: GuizhouMentorInput): Promise<GuizhouTrainee> {
  const trainee = await loadTrainee(ctx, traineeId);
  if (trainee.status === GuizhouTraineeStatus.WITHDRAWN) throw invalidState('A withdrawn trainee has no mentor');
  trainee.mentorName = mentor.name;
  trainee.mentorTitle = mentor.title ?? null;
  trainee.mentorDepartment = mentor.department ?? null;
  await ctx.commit();
  return trainee;
}

export async function startTraining(ctx: RequestContext, traineeId: string, startedOn: string): Promise<GuizhouTrainee> {
    const trainee = await loadTrainee(ctx, traineeId);
  assertWrite(ctx, trainee);
  const problem = checkStart(trainee);
  if (problem) raise(problem);
  notFuture(ctx, 'startedOn', startedOn);
  trainee.status = GuizhouTraineeStatus.IN_TRAINING;
  trainee.startedOn = startedOn;
  await ctx.commit();
  await updatePlacementDates(ctx, trainee.placement.id, { actualStart: startedOn });
  return trainee;
}

export async function assess(ctx: RequestContext, input: GuizhouAssessmentInput): Promise<GuizhouTrainee> {
    const trainee = await loadTrainee(ctx, input.traineeId);
  const endedOn = input.stage === GuizhouAssessmentStage.FINAL ? (input.endedOn ?? input.assessedOn) : null;
  if (input.stage === GuizhouAssessmentStage.MID_TERM && input.endedOn) throw badInput({ field: 'endedOn', message: 'only the final assessment ends the term' });
  const problem = checkAssessment(trainee, input.stage, input.assessedOn, endedOn);
  if (problem) raise(problem);
  notFuture(ctx, 'assessedOn', input.assessedOn);
  notFuture(ctx, 'endedOn', endedOn);
  if (input.stage === GuizhouAssessmentStage.MID_TERM) {
    trainee.midTermGrade = input.grade;
    trainee.midTermAssessedOn = input.assessedOn;
    trainee.midTermNote = input.note ?? null;
    await ctx.commit();
    await answerReport(ctx, trainee.placement.id, REPORT_KINDS.MID_TERM, `Mid-term assessment on ${input.assessedOn}: ${input.grade}`);
    return trainee;
  }
  trainee.finalGrade = input.grade;
  trainee.finalAssessedOn = input.assessedOn;
  trainee.finalNote = input.note ?? null;
  trainee.status = statusAfterFinal(input.grade);
  trainee.endedOn = endedOn;
  await ctx.commit();
  await updatePlacementDates(ctx, trainee.placement.id, { actualEnd: endedOn });
  await answerReport(ctx, trainee.placement.id, REPORT_KINDS.FINAL, `Final assessment on ${input.assessedOn}: ${input.grade}`);
  return trainee;
}

export async function withdraw(ctx: RequestContext, input: GuizhouWithdrawInput): Promise<GuizhouTrainee> {
    const trainee = await loadTrainee(ctx, input.traineeId);
  assertWrite(ctx, trainee);
  const withdrawnOn = input.withdrawnOn ?? ctx.clock.today();
  const verdict = checkWithdrawal(trainee, withdrawnOn);
  if ('kind' in verdict) raise(verdict);
  notFuture(ctx, 'withdrawnOn', withdrawnOn);
  trainee.status = GuizhouTraineeStatus.WITHDRAWN;
  trainee.withdrawalStage = verdict.stage;
  trainee.withdrawalReason = input.reason.trim();
  trainee.endedOn = verdict.stage === GuizhouWithdrawalStage.MID_TERM ? withdrawnOn : null;
  await ctx.commit();
  await withdrawPlacement(ctx, trainee.placement.id, input.reason.trim(), withdrawnOn);
  return trainee;
}

export async function recordReturn(ctx: RequestContext, input: GuizhouReturnInput): Promise<GuizhouTrainee> {
    const trainee = await loadTrainee(ctx, input.traineeId);
  assertWrite(ctx, trainee);
  const problem = checkReturn(trainee, input.returnedOn);
  if (problem) raise(problem);
  notFuture(ctx, 'returnedOn', input.returnedOn);
  let to = await ctx.em.findOneOrFail(Institution, trainee.unit.id);
  if (input.institutionId) {
    const other = await ctx.em.findOne(Institution, input.institutionId);
    if (!other) throw notFound('Institution', input.institutionId);
    if (!other.region || !ctx.tenant.regions.includes(other.region)) {
      throw badInput({ field: 'institutionId', message: `${other.name} is not in ${ctx.tenant.regions.join(', ')}; the return plan brings trainees back to Guizhou` });
    }
    to = other;
  }
  trainee.returnedOn = input.returnedOn;
  trainee.returnedTo = to;
  await ctx.commit();
  const placement = await ctx.em.findOneOrFail(Placement, trainee.placement.id);
  await syncReports(ctx, placement);
  await ctx.commit();
  await answerReport(ctx, placement.id, REPORT_KINDS.RETURN, `Back at work in ${to.name} on ${input.returnedOn}`);
  return trainee;
}

export async function recordContribution(ctx: RequestContext, input: GuizhouContributionInput): Promise<Outcome> {
    const trainee = await loadTrainee(ctx, input.traineeId);
  assertWrite(ctx, trainee);
  const problem = checkContribution(trainee, input.achievedOn);
  if (problem) raise(problem);
  notFuture(ctx, 'achievedOn', input.achievedOn);
  return recordOutcome(ctx, {
    talentId: trainee.talent.id,
    placementId: trainee.placement.id,
    category: input.kind,
    title: input.title,
    description: input.description ?? null,
    achievedOn: input.achievedOn,
    quantity: input.kind === GuizhouContributionKind.CASCADE_TRAINING ? input.headCount! : 1,
    level: input.level ? GAP_LEVEL[input.level] : null,
  });
}

/** The unit or the commission checks a returnee's contribution (or takes the check back). */
export async function verifyContribution(ctx: RequestContext, outcomeId: string, verified: boolean): Promise<Outcome> {
  const outcome = await ctx.em.findOne(Outcome, outcomeId);
  if (!outcome) throw notFound('Outcome', outcomeId);
  const trainee = outcome.placement ? await ctx.em.findOne(GuizhouTrainee, { placement: outcome.placement.id }) : null;
  if (!trainee) throw badInput({ field: 'outcomeId', message: 'is not a contribution of a Guizhou returnee' });
  assertUnitWrite(ctx.actor, outcome.unit.id);
  outcome.verified = verified;
  await ctx.commit();
  return outcome;
}
