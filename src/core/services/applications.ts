import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Roles, hasRole } from '../../auth/roles.js';
import { assertVersion, conflict, forbidden, invalidState, notFound, badInput } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import type { EligibilityVerdict } from '../../plugin/contract.js';
import type { StoredConfigVersion } from '../../plugin/host.js';
import { ApplicationStatus, ProgrammeStatus } from '../domain.js';
import { Application, type EligibilityRecord } from '../entities/application.js';
import { Institution } from '../entities/institution.js';
import { Programme, ProgrammeTrack } from '../entities/programme.js';
import { Talent } from '../entities/talent.js';
import { plainRowsByKeys, plainRowsTogether } from '../../graphql/loaders.js';
import { UUID } from '../../graphql/validation.js';
import { tableOf } from '../../db/tables.js';
import { institutionFacts, programmeFacts, talentFacts } from './facts.js';

/**
 * Ask the programme's scheme whether the talent may apply. The verdict records the rule and
 * the configuration revision it was decided under, so it can be explained after the rules change.
 */
export async function judgeEligibility(ctx: RequestContext, talent: Talent, programme: Programme, track: string | null, read?: { unit: Institution | null }): Promise<EligibilityRecord> {
  const found = ctx.host.rule(ctx.tenant, programme.scheme, 'eligibility');
  const onDate = programme.referenceDate;
  if (!found) {
    return { eligible: true, reasons: [], priorityGroups: [], rule: 'none', configVersion: 0, decidedOn: ctx.clock.today() };
  }
  const pctx = await ctx.plugin(found.plugin.key);
  const version = await pctx.configOn(onDate);
  // Only read: a plain row (graphql/loaders.ts), a third of a tracked entity's cost.
  const unit = read ? read.unit : (await plainRowsByKeys(ctx.em, Institution, 'id', [talent.unit.id]))[0];
  if (!unit) throw notFound('Institution', talent.unit.id);
  const verdict: EligibilityVerdict = await found.rule.evaluate(
    { talent: talentFacts(talent), unit: institutionFacts(unit), programme: programmeFacts(programme), track, onDate, tenant: ctx.tenant },
    { ...pctx, config: version.config, configRevision: version.revision },
  );
  return {
    eligible: verdict.eligible,
    reasons: verdict.reasons,
    priorityGroups: verdict.priorityGroups,
    rule: `${found.plugin.key}/${found.rule.code}`,
    configVersion: version.revision,
    decidedOn: ctx.clock.today(),
  };
}

export interface SubmitApplicationInput {
  programmeId: string;
  talentId: string;
  track?: string | null;
}

/**
 * What submitApplication reads before it writes: the programme, the talent, the programme's
 * tracks and the talent's unit (for the eligibility rule). Only read: plain rows, without the
 * entity hydration and snapshot that cost three times the row (the application refers to them by
 * id; the unit of work tracks only what it writes), and in one statement, each read its own
 * row-scoped SELECT, the unit's keyed by the talent's unit_id (used only once the talent itself
 * is found in scope). Ids that are not UUIDs are read one at a time, as before, so a missing
 * programme is still "not found" whatever the talent id is.
 */
async function submitReads(ctx: RequestContext, input: SubmitApplicationInput) {
  const em = ctx.em;
  if (!em.schema || !UUID.test(input.programmeId) || !UUID.test(input.talentId)) {
    const [programme] = await plainRowsByKeys(em, Programme, 'id', [input.programmeId]);
    if (!programme) throw notFound('Programme', input.programmeId);
    const [talent] = await plainRowsByKeys(em, Talent, 'id', [input.talentId]);
    if (!talent) throw notFound('Talent', input.talentId);
    const trackRows = await plainRowsByKeys(em, ProgrammeTrack, 'programme', [programme.id]);
    return { programme, talent, trackRows, unit: undefined };
  }
  // The tenant's plugins' configuration versions too (the eligibility rule's plugin reads them next).
  const configs = ctx.tenant.plugins.flatMap((key) => {
    const read = ctx.host.configVersionsRead(em, key);
    return read ? [{ key, read }] : [];
  });
  const [programmes, talents, trackRows, units, ...versions] = (await plainRowsTogether(
    em,
    [
      { entity: Programme, property: 'id', keys: [input.programmeId] },
      { entity: Talent, property: 'id', keys: [input.talentId] },
      { entity: ProgrammeTrack, property: 'programme', keys: [input.programmeId] },
      { entity: Institution, property: 'id', keys: { subquery: `select t.unit_id from ${tableOf(em, Talent)} t where t.id = ?`, params: [input.talentId] } },
    ],
    configs.map((c) => c.read),
    (statement) => ctx.read(statement),
  )) as [Programme[], Talent[], ProgrammeTrack[], Institution[], ...StoredConfigVersion[][]];
  configs.forEach((c, i) => ctx.host.primeConfigVersions(em, c.key, versions[i]!));
  const programme = programmes[0];
  if (!programme) throw notFound('Programme', input.programmeId);
  // Row scoping makes another unit's talent invisible: it is "not found", never "forbidden".
  const talent = talents[0];
  if (!talent) throw notFound('Talent', input.talentId);
  return { programme, talent, trackRows, unit: { unit: units[0] ?? null } };
}

/** A unit registers one of its talents under a programme (track); the scheme's rule judges it at once. */
export async function submitApplication(ctx: RequestContext, input: SubmitApplicationInput): Promise<Application> {
  const em = ctx.em;
  const { programme, talent, trackRows, unit } = await submitReads(ctx, input);
  if (hasRole(ctx.actor, Roles.TALENT) && ctx.actor.talentId !== talent.id) throw forbidden('A talent can only apply for themselves');
  if (programme.status !== ProgrammeStatus.OPEN) throw invalidState(`Programme ${programme.code} is ${programme.status}, not open for applications`, { field: 'programmeId' });
  const track = input.track ?? null;
  // In code order, as Programme.tracks lists them.
  const tracks = trackRows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (tracks.length && !track) throw badInput({ field: 'track', message: `choose one of: ${tracks.map((t) => t.code).join(', ')}` });
  if (track && !tracks.some((t: ProgrammeTrack) => t.code === track)) {
    throw badInput({ field: 'track', message: `unknown track "${track}"; this programme has: ${tracks.map((t) => t.code).join(', ') || 'no tracks'}` });
  }
  const eligibility = await judgeEligibility(ctx, talent, programme, track, unit);
  const application = em.create(Application, {
    programme: programme.id,
    track,
    talent: talent.id,
    unit: talent.unit.id,
    status: eligibility.eligible ? ApplicationStatus.ELIGIBLE : ApplicationStatus.INELIGIBLE,
    eligibility,
    submittedAt: ctx.clock.now(),
  });
  try {
    await ctx.commit();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) throw conflict(`${talent.name} has already applied to ${programme.code}`, { field: 'talentId' });
    throw e;
  }
  return application;
}

const DECISIONS: Record<string, ApplicationStatus[]> = {
  [ApplicationStatus.SELECTED]: [ApplicationStatus.ELIGIBLE],
  [ApplicationStatus.REJECTED]: [ApplicationStatus.ELIGIBLE, ApplicationStatus.INELIGIBLE, ApplicationStatus.SUBMITTED],
  [ApplicationStatus.WITHDRAWN]: [ApplicationStatus.SUBMITTED, ApplicationStatus.ELIGIBLE, ApplicationStatus.INELIGIBLE, ApplicationStatus.SELECTED],
};

/** Move an application to selected, rejected or withdrawn; other moves are refused with INVALID_STATE. */
export async function decideApplication(ctx: RequestContext, id: string, status: ApplicationStatus, note: string | null, expectedVersion?: number | null): Promise<Application> {
  const application = await ctx.em.findOne(Application, id);
  if (!application) throw notFound('Application', id);
  assertVersion('Application', application, expectedVersion);
  const allowedFrom = DECISIONS[status];
  if (!allowedFrom) throw badInput({ field: 'status', message: `cannot set ${status} directly` });
  if (!allowedFrom.includes(application.status)) {
    throw invalidState(`An application that is ${application.status} cannot become ${status}`, { from: application.status, to: status });
  }
  if ((status === ApplicationStatus.REJECTED || status === ApplicationStatus.WITHDRAWN) && !note?.trim()) {
    throw badInput({ field: 'note', message: `a reason is required to mark an application ${status}` });
  }
  application.status = status;
  application.decisionNote = note ?? null;
  await ctx.commit();
  return application;
}
