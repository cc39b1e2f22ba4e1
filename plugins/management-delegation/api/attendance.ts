/**
 * Attendance confirmed by the host: the host's liaison (a contact without an account, added with
 * `addContact` on the leader's placement) is asked by email to confirm that the delegation
 * attended one session of its itinerary, through a signed, single-purpose link. The used link is
 * the confirmation (`DelegationSession.attendanceConfirmations`); nothing else changes.
 */
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import {
  ActionLink,
  Institution,
  TrainingGroup,
  TrainingGroupMember,
  WRITERS,
  assertUnitWrite,
  badInput,
  compareDates,
  invalidState,
  notFound,
  requestConfirmation,
  type LinkAction,
  type RequestContext,
} from '../../../src/index.js';
import { PLUGIN_KEY } from '../config.js';
import { DelegationSession } from '../entities/index.js';
import { loadDelegation } from './service.js';
import { DelegationSessionRequestAttendanceInput } from './types.js';
import { PayloadMutation, PayloadType, replacedBy } from '../../../src/index.js';

export const SESSION_ATTENDANCE = `${PLUGIN_KEY}.session.attend`;

const sessionLines = (s: DelegationSession, group: TrainingGroup, members: number) => [
  `代表团：${group.name}（${members}人）`,
  `日期：${s.day}`,
  `日程：${s.topicZh ?? s.topic}${s.hostDepartment ? `（${s.hostDepartment}）` : ''}`,
];

export const confirmSessionAttendance: LinkAction = {
  purpose: SESSION_ATTENDANCE,
  async describe(em, link) {
    const s = await em.findOne(DelegationSession, link.subjectId, { filters: false });
    if (!s) return null;
    const group = await em.findOneOrFail(TrainingGroup, s.group.id, { filters: false });
    const members = await em.count(TrainingGroupMember, { group: group.id }, { filters: false });
    return { titleZh: `确认${group.name}${s.day}出席「${s.topicZh ?? s.topic}」`, lines: sessionLines(s, group, members) };
  },
  async perform() {
    // The used link records who confirmed when (audited); the itinerary stays as planned.
  },
};

@ObjectType('DelegationAttendanceRequest', { description: "Who was asked to confirm a session's attendance" })
export class DelegationAttendanceRequest {
  @Field(() => ID, { description: 'The session the host was asked about' }) sessionId!: string;
  @Field(() => Int, { description: 'Contacts asked by email now (0 when every contact was already asked, or the tenant sends no email)' }) asked!: number;
}

const RequestAttendancePayload = PayloadType('DelegationSessionRequestAttendancePayload', 'attendanceRequest', () => DelegationAttendanceRequest, 'Who was asked to confirm the attendance, or why not');

/** The host's contacts on the leader's placement are asked by email, each once, from the session's day on. */
async function requestAttendance(ctx: RequestContext, sessionId: string): Promise<DelegationAttendanceRequest> {
  const session = await ctx.em.findOne(DelegationSession, sessionId);
  if (!session) throw notFound('DelegationSession', sessionId);
  const group = await loadDelegation(ctx, session.group.id, 'sessionId');
  assertUnitWrite(ctx.actor, group.unit.id);
  if (compareDates(session.day, ctx.clock.today()) > 0) {
    throw badInput({ field: 'sessionId', message: `the session is on ${session.day}: attendance can be confirmed from that day on (该日程尚未举行，当天起方可请求确认出席)` });
  }
  const leader = group.leader ? await ctx.em.findOne(TrainingGroupMember, { group: group.id, talent: group.leader.id }, { populate: ['placement'] }) : null;
  if (!leader?.placement) throw invalidState('The delegation has no leader with a placement to ask the host through (代表团没有带队人的派出记录，无法联系接收方)', { field: 'sessionId' });
  const members = await ctx.em.count(TrainingGroupMember, { group: group.id });
  const host = await ctx.em.findOne(Institution, leader.placement.hostInstitution.id);
  const topic = session.topicZh ?? session.topic;
  const asked = await requestConfirmation(ctx, {
    purpose: SESSION_ATTENDANCE,
    subjectType: 'DelegationSession',
    subjectId: session.id,
    placementId: leader.placement.id,
    titleZh: `请确认：${group.name}${session.day}出席「${topic}」`,
    bodyZh: (name, link, until) =>
      `${name}您好：\n\n${group.name}（${members}人）于${session.day}参加了${host?.name ?? '贵院'}安排的日程：\n\n${sessionLines(session, group, members).join('\n')}\n\n如代表团确已出席，请点击下面的链接确认（仅用于这一项确认，只能使用一次，有效期至${until}，北京时间，无需登录）：\n\n${link}\n\nPlease confirm with the link above that the delegation attended "${session.topic}" on ${session.day} (one use, no login needed).`,
  });
  return { sessionId: session.id, asked };
}

@Resolver(() => DelegationSession)
export class DelegationAttendanceResolver {
  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => DelegationAttendanceRequest, {
    description: "Ask the host's contacts on the leader's placement to confirm, by a signed link, that the delegation attended this session (from its day on; each contact once)",
    deprecationReason: replacedBy('delegationSessionRequestAttendance'),
  })
  delegationRequestAttendance(@Ctx() ctx: RequestContext, @Arg('sessionId', () => ID, { description: 'The session' }) sessionId: string): Promise<DelegationAttendanceRequest> {
    return requestAttendance(ctx, sessionId);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(RequestAttendancePayload, {
    description: "Ask the host's contacts on the leader's placement (core addContact) to confirm, by a signed single-use link sent by email, that the delegation attended this session: from its day on, each contact once",
  })
  delegationSessionRequestAttendance(@Ctx() ctx: RequestContext, @Arg('input', () => DelegationSessionRequestAttendanceInput) input: DelegationSessionRequestAttendanceInput): Promise<DelegationAttendanceRequest> {
    return requestAttendance(ctx, input.sessionId);
  }

  @FieldResolver(() => [ActionLink], { description: "The host's confirmations that the delegation attended (signed links used), oldest first" })
  attendanceConfirmations(@Root() s: DelegationSession, @Ctx() ctx: RequestContext) {
    return ctx.em.find(ActionLink, { subjectType: 'DelegationSession', subjectId: s.id, usedAt: { $ne: null } }, { orderBy: { usedAt: 'asc' } });
  }
}
