import { LockMode } from '@mikro-orm/core';
import { compareDates, type CalendarDate } from '../../calendar.js';
import { assertUnitWrite } from '../api/access.js';
import { badInput, conflict, invalidState, notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import type { ReportDue } from '../../plugin/contract.js';
import { GroupRole, GroupStatus, PlacementStatus } from '../domain.js';
import { TrainingGroup, TrainingGroupMember } from '../entities/group.js';
import { Institution } from '../entities/institution.js';
import { Placement } from '../entities/placement.js';
import { Programme } from '../entities/programme.js';
import { Report } from '../entities/report.js';
import { Talent } from '../entities/talent.js';
import { groupFacts } from './facts.js';
import { reconcileReports, syncReports } from './placements.js';

/**
 * Training groups: a scheme's delegation or study tour. The group owes group reports (its
 * scheme's `groupReportDueDates`, written by the leader); each member's trip is a core Placement
 * at the group's host for the group's dates, so the scheme's `reportDueDates` and the reminders
 * work per member as for anyone placed. The group's dates move its members' placements.
 */
export interface CreateGroupInput {
  programmeId: string;
  code: string;
  name: string;
  unitId: string;
  leaderTalentId?: string | null;
  hostInstitutionId?: string | null;
  plannedStart: CalendarDate;
  plannedEnd: CalendarDate;
  memberCap?: number | null;
}

export interface GroupDates {
  plannedStart?: CalendarDate | null;
  plannedEnd?: CalendarDate | null;
  actualStart?: CalendarDate | null;
  actualEnd?: CalendarDate | null;
}

async function loadGroup(ctx: RequestContext, id: string, lock = false): Promise<TrainingGroup> {
  // Locked for the rest of the request's transaction where places are counted: two members
  // joining at once cannot both take the last place.
  const group = await ctx.em.findOne(TrainingGroup, id, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!group) throw notFound('TrainingGroup', id);
  assertUnitWrite(ctx.actor, group.unit.id);
  return group;
}

/** Every person in the group, whoever may see them (the cap counts them all). */
const membersOf = (ctx: RequestContext, group: TrainingGroup) => ctx.em.find(TrainingGroupMember, { group }, { filters: false, orderBy: { id: 'asc' } });

function checkDates(d: { plannedStart: CalendarDate; plannedEnd: CalendarDate; actualStart?: CalendarDate | null; actualEnd?: CalendarDate | null }): void {
  if (compareDates(d.plannedEnd, d.plannedStart) < 0) throw badInput({ field: 'plannedEnd', message: 'must not be before plannedStart' });
  if (d.actualEnd && !d.actualStart) throw badInput({ field: 'actualEnd', message: 'needs actualStart (the departure)' });
  if (d.actualStart && d.actualEnd && compareDates(d.actualEnd, d.actualStart) < 0) throw badInput({ field: 'actualEnd', message: 'must not be before actualStart' });
}

/** The group's reports as its scheme says now; none for a cancelled group or one without a leader. */
export async function syncGroupReports(ctx: RequestContext, group: TrainingGroup): Promise<Report[]> {
  const programme = await ctx.em.findOneOrFail(Programme, group.programme.id);
  const found = ctx.host.rule(ctx.tenant, programme.scheme, 'groupReportDueDates');
  let due: ReportDue[] = [];
  if (found && group.leader && group.status !== GroupStatus.CANCELLED) {
    const members = (await membersOf(ctx, group)).length;
    due = await found.rule.evaluate(groupFacts(group, programme, members), await ctx.plugin(found.plugin.key));
  }
  const existing = await ctx.em.find(Report, { group }, { filters: false });
  return reconcileReports(ctx, existing, due, () => ({ group, talent: group.leader!, unit: group.unit }));
}

/** Add a talent to a group not yet departed, within its cap; their placement follows the group. Flushed, not committed. */
async function join(ctx: RequestContext, group: TrainingGroup, talentId: string, role: GroupRole): Promise<TrainingGroupMember> {
  if (group.status !== GroupStatus.PLANNED) throw invalidState(`${group.name} is ${group.status}; members join before it departs`, { field: 'talentId' });
  const talent = await ctx.em.findOne(Talent, talentId);
  if (!talent) throw notFound('Talent', talentId);
  const members = await membersOf(ctx, group);
  if (members.some((m) => m.talent.id === talent.id)) throw conflict(`${talent.name} is already in ${group.name}`, { field: 'talentId' });
  if (group.memberCap != null && members.length >= group.memberCap) {
    throw invalidState(`${group.name} is full (${members.length} of ${group.memberCap} places)`, { field: 'talentId' });
  }
  const placement = group.hostInstitution
    ? ctx.em.create(Placement, { programme: group.programme, talent, unit: talent.unit, hostInstitution: group.hostInstitution, plannedStart: group.plannedStart, plannedEnd: group.plannedEnd })
    : null;
  const member = ctx.em.create(TrainingGroupMember, { group, talent, unit: talent.unit, role, placement });
  if (role === GroupRole.LEADER) group.leader = talent;
  await ctx.em.flush();
  if (placement) await syncReports(ctx, placement);
  return member;
}

export async function createGroup(ctx: RequestContext, input: CreateGroupInput): Promise<TrainingGroup> {
  const programme = await ctx.em.findOne(Programme, input.programmeId);
  if (!programme) throw notFound('Programme', input.programmeId);
  if (!ctx.tenant.plugins.includes(programme.scheme)) throw badInput({ field: 'programmeId', message: `its scheme ${programme.scheme} is not enabled here` });
  const unit = await ctx.em.findOne(Institution, input.unitId);
  if (!unit) throw notFound('Institution', input.unitId);
  assertUnitWrite(ctx.actor, unit.id);
  let host: Institution | null = null;
  if (input.hostInstitutionId) {
    host = await ctx.em.findOne(Institution, input.hostInstitutionId);
    if (!host) throw notFound('Institution', input.hostInstitutionId);
    if (!host.host) throw badInput({ field: 'hostInstitutionId', message: `${host.name} is not registered as a host institution` });
  }
  checkDates(input);
  if (await ctx.em.findOne(TrainingGroup, { code: input.code }, { filters: false, fields: ['id'] })) throw conflict(`A group with code ${input.code} exists`, { field: 'code' });
  const group = ctx.em.create(TrainingGroup, {
    programme,
    code: input.code,
    name: input.name,
    unit,
    hostInstitution: host,
    plannedStart: input.plannedStart,
    plannedEnd: input.plannedEnd,
    memberCap: input.memberCap ?? null,
  });
  if (input.leaderTalentId) await join(ctx, group, input.leaderTalentId, GroupRole.LEADER);
  await syncGroupReports(ctx, group);
  await ctx.commit();
  return group;
}

export async function addGroupMember(ctx: RequestContext, groupId: string, talentId: string): Promise<TrainingGroupMember> {
  const group = await loadGroup(ctx, groupId, true);
  const member = await join(ctx, group, talentId, GroupRole.MEMBER);
  await syncGroupReports(ctx, group);
  await ctx.commit();
  return member;
}

/** Take a member out before departure, with a reason: their placement is withdrawn and its reports cancelled. */
export async function removeGroupMember(ctx: RequestContext, memberId: string, reason: string): Promise<TrainingGroup> {
  const member = await ctx.em.findOne(TrainingGroupMember, memberId);
  if (!member) throw notFound('TrainingGroupMember', memberId);
  const group = await loadGroup(ctx, member.group.id, true);
  if (!reason.trim()) throw badInput({ field: 'reason', message: 'is required' });
  if (group.status !== GroupStatus.PLANNED) throw invalidState(`${group.name} is ${group.status}; members leave before it departs`);
  if (member.role === GroupRole.LEADER) throw invalidState('The leader writes the group report and cannot leave the group');
  if (member.placement) {
    const placement = await ctx.em.findOneOrFail(Placement, member.placement.id);
    placement.status = PlacementStatus.WITHDRAWN;
    placement.statusNote = reason.trim();
    await syncReports(ctx, placement);
  }
  ctx.em.remove(member);
  await ctx.em.flush();
  await syncGroupReports(ctx, group);
  await ctx.commit();
  return group;
}

/**
 * Change the group's dates: departure makes it underway, return makes it returned. Every member's
 * placement takes the same dates (and status), and every report — the group's and the members' —
 * is recomputed.
 */
export async function updateGroupDates(ctx: RequestContext, groupId: string, dates: GroupDates): Promise<TrainingGroup> {
  const group = await loadGroup(ctx, groupId);
  if (group.status === GroupStatus.CANCELLED) throw invalidState(`${group.name} was cancelled`);
  const next = {
    plannedStart: dates.plannedStart ?? group.plannedStart,
    plannedEnd: dates.plannedEnd ?? group.plannedEnd,
    actualStart: dates.actualStart === undefined ? group.actualStart : dates.actualStart,
    actualEnd: dates.actualEnd === undefined ? group.actualEnd : dates.actualEnd,
  };
  checkDates(next);
  Object.assign(group, next);
  group.status = next.actualEnd ? GroupStatus.RETURNED : next.actualStart ? GroupStatus.UNDERWAY : GroupStatus.PLANNED;
  const placementStatus = next.actualEnd ? PlacementStatus.COMPLETED : next.actualStart ? PlacementStatus.ACTIVE : PlacementStatus.PLANNED;
  for (const member of await membersOf(ctx, group)) {
    if (!member.placement) continue;
    const placement = await ctx.em.findOneOrFail(Placement, member.placement.id, { filters: false });
    if (placement.status === PlacementStatus.WITHDRAWN) continue;
    Object.assign(placement, next, { status: placementStatus });
    await syncReports(ctx, placement);
  }
  await syncGroupReports(ctx, group);
  await ctx.commit();
  return group;
}

/** Call the trip off, with a reason: members' placements are withdrawn and every pending report cancelled. */
export async function cancelGroup(ctx: RequestContext, groupId: string, reason: string): Promise<TrainingGroup> {
  const group = await loadGroup(ctx, groupId);
  if (!reason.trim()) throw badInput({ field: 'reason', message: 'is required' });
  if (group.status !== GroupStatus.PLANNED) throw invalidState(`${group.name} is ${group.status}; only a group that has not departed is cancelled`);
  group.status = GroupStatus.CANCELLED;
  group.statusNote = reason.trim();
  for (const member of await membersOf(ctx, group)) {
    if (!member.placement) continue;
    const placement = await ctx.em.findOneOrFail(Placement, member.placement.id, { filters: false });
    placement.status = PlacementStatus.WITHDRAWN;
    placement.statusNote = reason.trim();
    await syncReports(ctx, placement);
  }
  await syncGroupReports(ctx, group);
  await ctx.commit();
  return group;
}
