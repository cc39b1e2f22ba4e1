/**
 * The scheme's steps on top of the core's training groups: a delegation is a core TrainingGroup
 * under one of this scheme's programmes (its members placed at the host for its dates, its
 * delegation report a group report); this plugin adds the itinerary and the members' action plans.
 */
import {
  GroupStatus,
  Placement,
  Report,
  ReportStatus,
  TrainingGroup,
  TrainingGroupMember,
  assertRecordWrite,
  assertUnitWrite,
  badInput,
  compareDates,
  conflict,
  createGroup,
  invalidState,
  notFound,
  schemeProgramme,
  submitReport,
  syncReports,
  type CalendarDate,
  type CreateGroupInput,
  type RequestContext,
} from '../../../src/index.js';
import { PLUGIN_KEY, type DelegationConfig } from '../config.js';
import { DelegationActionPlan, DelegationMilestone, DelegationSession } from '../entities/index.js';
import { itineraryProblems, milestoneProblems, slotsByDay } from '../rules/plans.js';
import { REPORT } from '../rules/reports.js';
import type { DelegationActionPlanInput, DelegationSessionInput } from './types.js';

const config = async (ctx: RequestContext) => (await ctx.plugin<DelegationConfig>(PLUGIN_KEY)).config;

/** A group by id that is one of this scheme's delegations. */
export async function loadDelegation(ctx: RequestContext, id: string, field = 'groupId'): Promise<TrainingGroup> {
  const group = await ctx.em.findOne(TrainingGroup, id, { populate: ['programme'] });
  if (!group) throw notFound('TrainingGroup', id);
  if (group.programme.scheme !== PLUGIN_KEY) throw badInput({ field, message: `${group.name} is not a delegation of this scheme`, messageZh: `${group.name}不是本项目的代表团` });
  return group;
}

/** A delegation: the core's group, capped at the configured size unless it gives its own cap. */
export async function createDelegation(ctx: RequestContext, input: CreateGroupInput): Promise<TrainingGroup> {
  await schemeProgramme(ctx, PLUGIN_KEY, input.programmeId, 'programmeId', 'a delegation programme');
  return createGroup(ctx, { ...input, memberCap: input.memberCap ?? (await config(ctx)).memberCap });
}

/** Replace the itinerary; every session on a day of the trip. */
export async function setItinerary(ctx: RequestContext, groupId: string, sessions: DelegationSessionInput[]): Promise<DelegationSession[]> {
  const group = await loadDelegation(ctx, groupId);
  assertUnitWrite(ctx.actor, group.unit.id);
  if (group.status === GroupStatus.CANCELLED) throw invalidState(`${group.name} was cancelled`);
  const problems = itineraryProblems(sessions, group.actualStart ?? group.plannedStart, group.actualEnd ?? group.plannedEnd);
  if (problems.length) throw badInput(problems);
  for (const old of await ctx.em.find(DelegationSession, { group })) ctx.em.remove(old);
  const slots = slotsByDay(sessions);
  const rows = sessions.map((s, i) =>
    ctx.em.create(DelegationSession, { group, day: s.day, slot: slots[i]!, kind: s.kind, topic: (s.topicEn ?? s.topic ?? '').trim(), topicZh: s.topicZh?.trim() || null, hostDepartment: s.hostDepartment?.trim() || null, faculty: s.faculty ?? [] }),
  );
  await ctx.commit();
  return rows.sort((a, b) => compareDates(a.day, b.day) || a.slot - b.slot);
}

/** A report the member owed is handed in by the record that answers it (the plan, a milestone). */
async function answer(ctx: RequestContext, placementId: string, kind: string, sequence: number, content: string): Promise<void> {
  const report = await ctx.em.findOne(Report, { placement: placementId, kind, sequence, status: { $in: [ReportStatus.DUE, ReportStatus.RETURNED] } });
  if (report) await submitReport(ctx, report.id, content);
}

/**
 * A returned member files their action plan (or their unit, or the office, for them): the plan
 * answers the member's `action_plan` report and each milestone becomes a report due on its day.
 */
export async function fileActionPlan(ctx: RequestContext, input: DelegationActionPlanInput): Promise<DelegationActionPlan> {
  const member = await ctx.em.findOne(TrainingGroupMember, input.memberId);
  if (!member) throw notFound('TrainingGroupMember', input.memberId);
  assertRecordWrite(ctx.actor, member, { talent: true });
  const group = await loadDelegation(ctx, member.group.id, 'memberId');
  if (group.status !== GroupStatus.RETURNED || !group.actualEnd) throw invalidState(`${group.name} has not returned; action plans are filed after the return`);
  if (!member.placement) throw invalidState(`${group.name} has no host, so its members owe no action plan`);
  if (await ctx.em.findOne(DelegationActionPlan, { member })) throw conflict('This member has filed an action plan already', { field: 'memberId' });
  const problems = milestoneProblems(input.milestones, group.actualEnd, await config(ctx));
  if (problems.length) throw badInput(problems);
  const placement = await ctx.em.findOneOrFail(Placement, member.placement.id);
  const common = { talent: member.talent, unit: member.unit, placement };
  const plan = ctx.em.create(DelegationActionPlan, { ...common, member, group, title: input.title.trim(), goal: input.goal.trim(), filedOn: ctx.clock.today() });
  input.milestones.forEach((m, i) => ctx.em.create(DelegationMilestone, { ...common, plan, sequence: i + 1, title: m.title.trim(), dueOn: m.dueOn }));
  await ctx.em.flush();
  await syncReports(ctx, placement);
  await answer(ctx, placement.id, REPORT.PLAN, 1, `${plan.title}\n\n${plan.goal}`);
  await ctx.commit();
  return plan;
}

/** A milestone is done: its report is handed in and its reminders stop. */
export async function completeMilestone(ctx: RequestContext, { milestoneId, doneOn, note }: { milestoneId: string; doneOn: CalendarDate; note?: string | null }): Promise<DelegationMilestone> {
  const milestone = await ctx.em.findOne(DelegationMilestone, milestoneId);
  if (!milestone) throw notFound('DelegationMilestone', milestoneId);
  assertRecordWrite(ctx.actor, milestone, { talent: true });
  if (milestone.doneOn) throw invalidState(`Milestone ${milestone.sequence} was done on ${milestone.doneOn}`);
  const today = ctx.clock.today();
  if (compareDates(doneOn, today) > 0) throw badInput({ field: 'doneOn', message: `${doneOn} is in the future (today is ${today})`, messageZh: `${doneOn}晚于今天（${today}）` });
  const plan = await ctx.em.findOneOrFail(DelegationActionPlan, milestone.plan.id);
  if (compareDates(doneOn, plan.filedOn) < 0) throw badInput({ field: 'doneOn', message: `is before the plan was filed (${plan.filedOn})`, messageZh: `早于行动计划提交日（${plan.filedOn}）` });
  milestone.doneOn = doneOn;
  milestone.note = note?.trim() || null;
  await answer(ctx, milestone.placement.id, REPORT.MILESTONE, milestone.sequence, `${milestone.title}: done on ${doneOn}${milestone.note ? `. ${milestone.note}` : ''}`);
  await ctx.commit();
  return milestone;
}
