import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { Roles, hasRole } from '../auth/roles.js';
import { assertUnitWrite, WRITERS } from '../core/api/access.js';
import { Institution } from '../core/entities/institution.js';
import { Placement } from '../core/entities/placement.js';
import { Report } from '../core/entities/report.js';
import { Talent } from '../core/entities/talent.js';
import { badInput, forbidden, notFound } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import { ValidateWith } from '../graphql/validation.js';
import { PayloadMutation, PayloadType, replacedBy } from '../graphql/payload.js';
import { CHANNEL } from '../tenancy/settings.js';
import { ActionLink, Contact, ContactRole, NotificationPreference } from './entities.js';

@ObjectType('NotificationChannels', { description: 'How a talent or unit is reached beyond the in-app inbox; the first usable channel is used' })
export class NotificationChannelsType {
  @Field(() => [String], { description: 'inbox | email | robot:<name>, in order of preference' }) channels!: string[];
  @Field(() => String, { nullable: true, description: 'The address email goes to (a talent’s own, or the unit’s); null when none' }) email!: string | null;
  @Field(() => Boolean, { description: "The tenant file's default, not a choice of the owner's" }) isDefault!: boolean;
}

@InputType({ description: 'How a talent or a unit is to be reached: give exactly one of talentId and unitId' })
@ValidateWith(z.object({ channels: z.array(z.string().regex(CHANNEL, 'inbox, email or robot:<name>')).min(1).max(5), email: z.email('must be an email address').nullish() }))
export class NotificationChannelsInput {
  @Field(() => ID, { nullable: true, description: 'A talent chooses for themself' }) talentId?: string | null;
  @Field(() => ID, { nullable: true, description: "A unit's coordinators (or the commission) choose for the unit" }) unitId?: string | null;
  @Field(() => [String], { description: 'inbox | email | robot:<name> (a robot of the tenant file’s notify.robots, units only), 1–5, in order of preference' }) channels!: string[];
  @Field(() => String, { nullable: true, description: "The unit's address for email (a talent's is their own)" }) email?: string | null;
}

@InputType({ description: 'A person without an account who oversees a placement' })
@ValidateWith(z.object({ name: z.string().trim().min(1, 'is required').max(100), email: z.email('must be an email address') }))
export class ContactInput {
  @Field(() => ID, { description: 'The stay or training the person oversees' }) placementId!: string;
  @Field(() => ContactRole, { description: 'Host supervisor, mentor, liaison or other' }) role!: ContactRole;
  @Field(() => String, { description: 'The person’s name (1–100 characters)' }) name!: string;
  @Field(() => String, { description: 'Their email address: signed links go there' }) email!: string;
  @Field(() => Boolean, { nullable: true, description: 'Ask them to confirm the placement’s reports when they fall due (default yes)' }) confirmsReports?: boolean | null;
}

const NotificationChannelsSetPayload = PayloadType('NotificationChannelsSetPayload', 'notificationChannels', () => NotificationChannelsType, 'The channels as chosen, or why not');
const ContactAddPayload = PayloadType('ContactAddPayload', 'contact', () => Contact, 'The person added, or why not');

/** The one way channels are chosen (both mutations): the owner or their unit; robots are the commission's to assign. */
async function setChannels(ctx: RequestContext, input: NotificationChannelsInput): Promise<NotificationChannelsType> {
  const o = await owner(ctx, input.talentId, input.unitId);
  if (o.talent) {
    if (!(hasRole(ctx.actor, Roles.TALENT) && ctx.actor.talentId === o.talent.id)) assertUnitWrite(ctx.actor, o.unitId);
  } else assertUnitWrite(ctx.actor, o.unitId);
  const robots = ctx.tenant.settings.notify.robots;
  const problems = input.channels.flatMap((c, i) => {
    if (!c.startsWith('robot:')) return [];
    if (!robots[c.slice(6)]) return [{ field: `channels.${i}`, message: `no robot "${c.slice(6)}" in this tenant's file (notify.robots)` }];
    if (o.talent) return [{ field: `channels.${i}`, message: 'a group robot reaches a group, not one talent' }];
    return [];
  });
  if (input.channels.includes('email') && !o.talent && !input.email) problems.push({ field: 'email', message: "give the unit's address to use email" });
  if (problems.length) throw badInput(problems);
  // A robot's URL is a secret of the deployment: which group a unit's reminders go to is the commission's to decide.
  if (input.channels.some((c) => c.startsWith('robot:')) && !hasRole(ctx.actor, Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN)) throw forbidden('Group robots are assigned by the commission');
  let pref = await ctx.em.findOne(NotificationPreference, { owner: o.key }, { filters: false });
  pref ??= ctx.em.create(NotificationPreference, { owner: o.key, talent: o.talent, unit: o.unitId, channels: [] } as never);
  Object.assign(pref, { channels: input.channels, email: o.talent ? null : (input.email ?? null) });
  await ctx.commit();
  return { channels: pref.channels, email: pref.email ?? o.email, isDefault: false };
}

/** The one way a contact is added (both mutations): the placement's unit or the commission. */
async function addContact(ctx: RequestContext, input: ContactInput): Promise<Contact> {
  const placement = await ctx.em.findOne(Placement, input.placementId);
  if (!placement) throw notFound('Placement', input.placementId);
  assertUnitWrite(ctx.actor, placement.unit.id);
  const contact = ctx.em.create(Contact, { name: input.name.trim(), email: input.email, role: input.role, talent: placement.talent, unit: placement.unit, placement, confirmsReports: input.confirmsReports ?? true });
  await ctx.commit();
  return contact;
}

async function owner(ctx: RequestContext, talentId?: string | null, unitId?: string | null): Promise<{ key: string; talent: Talent | null; unitId: string; email: string | null }> {
  if (!talentId === !unitId) throw badInput({ field: talentId ? 'unitId' : 'talentId', message: 'give exactly one of talentId and unitId' });
  if (talentId) {
    const talent = await ctx.em.findOne(Talent, talentId);
    if (!talent) throw notFound('Talent', talentId);
    return { key: `talent:${talent.id}`, talent, unitId: talent.unit.id, email: talent.email ?? null };
  }
  const unit = await ctx.em.findOne(Institution, unitId!);
  if (!unit || (ctx.rowScope.unitId && ctx.rowScope.unitId !== unit.id) || ctx.rowScope.talentId) throw notFound('Institution', unitId!);
  return { key: `unit:${unit.id}`, talent: null, unitId: unit.id, email: null };
}

@Resolver()
export class NotifyResolver {
  @Authorized()
  @Query(() => NotificationChannelsType, { description: 'How a talent or unit you can see is reached beyond the inbox' })
  async notificationChannels(@Ctx() ctx: RequestContext, @Arg('talentId', () => ID, { nullable: true }) talentId?: string | null, @Arg('unitId', () => ID, { nullable: true }) unitId?: string | null) {
    const o = await owner(ctx, talentId, unitId);
    const pref = await ctx.em.findOne(NotificationPreference, { owner: o.key }, { filters: false });
    const defaults = ctx.tenant.settings.notify.defaults;
    return pref ? { channels: pref.channels, email: pref.email ?? o.email, isDefault: false } : { channels: o.talent ? defaults.talent : defaults.unit, email: o.email, isDefault: true };
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @Mutation(() => NotificationChannelsType, { description: 'Choose how reminders reach a talent or a unit: the first usable channel of the list, one per reminder', deprecationReason: replacedBy('notificationChannelsSet') })
  setNotificationChannels(@Ctx() ctx: RequestContext, @Arg('input', () => NotificationChannelsInput) input: NotificationChannelsInput) {
    return setChannels(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Contact, { description: 'Add a person without an account (host supervisor, township mentor) who is asked by email to confirm the placement’s reports', deprecationReason: replacedBy('contactAdd') })
  addContact(@Ctx() ctx: RequestContext, @Arg('input', () => ContactInput) input: ContactInput) {
    return addContact(ctx, input);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @PayloadMutation(NotificationChannelsSetPayload, { description: 'Choose how reminders reach a talent (the talent, their unit or the commission) or a unit (its coordinators or the commission): the first usable channel of the list, one per reminder; group robots are assigned by the commission' })
  notificationChannelsSet(@Ctx() ctx: RequestContext, @Arg('input', () => NotificationChannelsInput) input: NotificationChannelsInput): Promise<NotificationChannelsType> {
    return setChannels(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(ContactAddPayload, { description: 'Add a person without an account (host supervisor, township mentor) who is asked by email to confirm the placement’s reports' })
  contactAdd(@Ctx() ctx: RequestContext, @Arg('input', () => ContactInput) input: ContactInput): Promise<Contact> {
    return addContact(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Query(() => [Contact], { description: 'People without accounts who oversee a placement' })
  async contacts(@Ctx() ctx: RequestContext, @Arg('placementId', () => ID) placementId: string) {
    const placement = await ctx.em.findOne(Placement, placementId);
    if (!placement) throw notFound('Placement', placementId);
    return ctx.em.find(Contact, { placement }, { orderBy: { id: 'asc' } });
  }
}

@Resolver(() => Report)
export class ReportConfirmationsResolver {
  @FieldResolver(() => [ActionLink], { description: 'Confirmations by people without accounts (signed links), oldest first' })
  confirmations(@Root() r: Report, @Ctx() ctx: RequestContext) {
    return ctx.em.find(ActionLink, { subjectType: 'Report', subjectId: r.id, usedAt: { $ne: null } }, { orderBy: { usedAt: 'asc' } });
  }
}

@Resolver(() => ActionLink)
export class ConfirmationResolver {
  @FieldResolver(() => String, { description: 'Who confirmed' })
  async contactName(@Root() l: ActionLink, @Ctx() ctx: RequestContext) {
    return (await ctx.em.findOneOrFail(Contact, l.contact.id, { filters: false })).name;
  }
}
