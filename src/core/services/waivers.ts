import { badInput, conflict, invalidState, notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ApplicationStatus } from '../domain.js';
import { Application, type EligibilityRecord } from '../entities/application.js';
import { Programme } from '../entities/programme.js';
import { Talent } from '../entities/talent.js';
import { EligibilityWaiver } from '../entities/waiver.js';
import { judgeEligibility } from './applications.js';

/**
 * The verdict once waivers count: eligible when every failed criterion is a waivable one that has
 * been waived. A firm requirement (no waivable flag) always stays outstanding. Pure.
 */
export function withWaivers(verdict: { reasons: readonly { code: string; waivable?: boolean }[] }, waivedCodes: readonly string[]): { eligible: boolean; outstanding: string[] } {
  const outstanding = verdict.reasons.filter((r) => !(r.waivable && waivedCodes.includes(r.code))).map((r) => r.code);
  return { eligible: outstanding.length === 0, outstanding };
}

/** Applications whose eligibility may still change: not yet selected, rejected or withdrawn. */
const UNDECIDED: readonly ApplicationStatus[] = [ApplicationStatus.SUBMITTED, ApplicationStatus.ELIGIBLE, ApplicationStatus.INELIGIBLE];

export async function waivedCodes(ctx: RequestContext, applicationId: string): Promise<string[]> {
  return (await ctx.em.find(EligibilityWaiver, { application: applicationId }, { orderBy: { id: 'asc' } })).map((w) => w.code);
}

export interface WaiveCriterionInput {
  applicationId: string;
  code: string;
  reason: string;
}

/**
 * A commission admin waives one failed "in principle" criterion of an undecided application,
 * with a reason (audited like every write). The application becomes eligible once nothing is
 * outstanding. A firm requirement, a criterion that did not fail, or one already waived is refused
 * naming `code`.
 */
export async function waiveCriterion(ctx: RequestContext, input: WaiveCriterionInput): Promise<Application> {
  const application = await ctx.em.findOne(Application, input.applicationId);
  if (!application) throw notFound('Application', input.applicationId);
  if (!UNDECIDED.includes(application.status)) throw invalidState(`The application is ${application.status}; criteria are waived before the decision`, { field: 'applicationId' });
  const verdict = application.eligibility;
  const reason = verdict?.reasons.find((r) => r.code === input.code);
  if (!verdict || !reason) throw badInput({ field: 'code', message: `${input.code} is not a failed criterion of this application (failed: ${verdict?.reasons.map((r) => r.code).join(', ') || 'none'})` });
  if (!reason.waivable) throw badInput({ field: 'code', message: `${input.code} is a firm requirement of the scheme and cannot be waived` });
  const waived = await waivedCodes(ctx, application.id);
  if (waived.includes(input.code)) throw conflict(`${input.code} is already waived`, { field: 'code' });
  ctx.em.create(EligibilityWaiver, {
    application,
    talent: application.talent,
    unit: application.unit,
    code: input.code,
    reason: input.reason.trim(),
    waivedBy: ctx.actor.userId,
    configVersion: verdict.configVersion,
  });
  if (withWaivers(verdict, [...waived, input.code]).eligible && application.status === ApplicationStatus.INELIGIBLE) application.status = ApplicationStatus.ELIGIBLE;
  await ctx.commit();
  return application;
}

/**
 * Judge an undecided application again on the talent's facts as they are now (an expert assessed
 * their English, a title changed): the new verdict replaces the old, and its status follows it
 * with the waivers already granted. Not flushed.
 */
export async function rejudgeApplication(ctx: RequestContext, application: Application): Promise<EligibilityRecord> {
  if (!UNDECIDED.includes(application.status)) throw invalidState(`The application is ${application.status}`, { status: application.status });
  const talent = await ctx.em.findOneOrFail(Talent, application.talent.id);
  const programme = await ctx.em.findOneOrFail(Programme, application.programme.id);
  const verdict = await judgeEligibility(ctx, talent, programme, application.track ?? null);
  application.eligibility = verdict;
  application.status = withWaivers(verdict, await waivedCodes(ctx, application.id)).eligible ? ApplicationStatus.ELIGIBLE : ApplicationStatus.INELIGIBLE;
  return verdict;
}

