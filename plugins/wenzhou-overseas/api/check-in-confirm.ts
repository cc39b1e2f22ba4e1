/**
 * 开展定期汇报 with the host's word: when a talent abroad records a check-in, the host supervisor
 * (a contact without an account on the stay's placement, `addContact`) is asked by email to
 * confirm it through a signed, single-purpose link. The used link is the confirmation
 * (`WenzhouCheckIn.confirmations`); nothing else of the check-in changes.
 */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ActionLink, Talent, requestConfirmation, type LinkAction, type RequestContext } from '../../../src/index.js';
import { WenzhouCheckIn, type WenzhouStay } from '../entities/stay.js';
import { PLUGIN_KEY } from './common.js';

export const CHECK_IN_CONFIRM = `${PLUGIN_KEY}.check-in.confirm`;

export const confirmCheckIn: LinkAction = {
  purpose: CHECK_IN_CONFIRM,
  async describe(em, link) {
    const c = await em.findOne(WenzhouCheckIn, link.subjectId, { filters: false });
    if (!c) return null;
    const talent = await em.findOneOrFail(Talent, c.talent.id, { filters: false });
    return { titleZh: `确认${talent.name}${c.onDate}的研学汇报`, lines: [`人员：${talent.name}`, `汇报日期：${c.onDate}`, `汇报内容：${c.summary}`] };
  },
  async perform() {
    // The used link records who confirmed when (audited); the talent's check-in stays as written.
  },
};

export async function askHostToConfirm(ctx: RequestContext, checkIn: WenzhouCheckIn, stay: WenzhouStay, talentName: string): Promise<void> {
  await requestConfirmation(ctx, {
    purpose: CHECK_IN_CONFIRM,
    subjectType: 'WenzhouCheckIn',
    subjectId: checkIn.id,
    placementId: stay.placement.id,
    titleZh: `请确认：${talentName}${checkIn.onDate}的研学汇报`,
    bodyZh: (name, link, until) =>
      `${name}您好：\n\n${talentName}在贵院研学期间提交了${checkIn.onDate}的定期汇报：\n\n${checkIn.summary}\n\n如内容属实，请点击下面的链接确认（仅用于这一项确认，只能使用一次，有效期至${until}，北京时间，无需登录）：\n\n${link}`,
  });
}

@Resolver(() => WenzhouCheckIn)
export class WenzhouCheckInConfirmations {
  @FieldResolver(() => [ActionLink], { description: "The host supervisor's confirmations (signed links), oldest first" })
  confirmations(@Root() c: WenzhouCheckIn, @Ctx() ctx: RequestContext) {
    return ctx.em.find(ActionLink, { subjectType: 'WenzhouCheckIn', subjectId: c.id, usedAt: { $ne: null } }, { orderBy: { usedAt: 'asc' } });
  }
}
