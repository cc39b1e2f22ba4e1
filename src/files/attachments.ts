import type { EntityMetadata } from '@mikro-orm/core';
import { Roles, hasRole } from '../auth/roles.js';
import { assertUnitWrite } from '../core/api/access.js';
import { AuditEntry } from '../core/entities/audit-entry.js';
import { badInput, notFound } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import type { Spooled } from './spool.js';
import type { FileStorage } from './storage.js';
import { FileKind, StoredFile } from './stored-file.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Rows that carry a talent and unit but are the platform's own derivations, never evidence. */
const NOT_OWNERS = new Set(['StoredFile', 'Reminder', 'ReminderDigest', 'InboxMessage', 'ChannelDelivery', 'ImportBatch', 'Contact', 'ActionLink', 'NotificationPreference']);

export interface Owner {
  type: string;
  id: string;
  talentId: string;
  unitId: string;
}

/** Record types that take attachments: the talent, and every row a talent owns (core or plugin). */
function ownerMeta(ctx: RequestContext, type: string): EntityMetadata | undefined {
  if (NOT_OWNERS.has(type)) return undefined;
  const found = ctx.em.getMetadata().getByClassName(type, false);
  if (!found || found.abstract) return undefined;
  if (type === 'Talent') return found;
  return found.properties.talent && found.properties.unit ? found : undefined;
}

/**
 * The owner record, loaded through the request's row-scoped em: a file is seen by exactly those
 * who see its owner. A record out of the actor's scope is "not found", never "forbidden".
 */
export async function resolveOwner(ctx: RequestContext, type: string, id: string): Promise<Owner> {
  const meta = ownerMeta(ctx, type);
  if (!meta) throw badInput({ field: 'ownerType', message: `${type} records do not take attachments (e.g. Talent, Placement, Report, Outcome, WenzhouCostItem)` });
  if (!UUID.test(id)) throw badInput({ field: 'ownerId', message: 'is not an id from this API' });
  const row = (await ctx.em.findOne(meta.class, id as never)) as { id: string; talent?: { id: string }; unit: { id: string } } | null;
  if (!row) throw notFound(type, id);
  const owner = { type, id: row.id, talentId: type === 'Talent' ? row.id : row.talent!.id, unitId: row.unit.id };
  // The ORM filter already did this for scoped entities; a plugin row without it must not slip through.
  const scope = ctx.rowScope;
  if ((scope.unitId && scope.unitId !== owner.unitId) || (scope.talentId && scope.talentId !== owner.talentId)) throw notFound(type, id);
  return owner;
}

/** Who may attach files to a record: its unit's coordinators, the commission, the talent themself. */
export function assertMayAttach(ctx: RequestContext, owner: Owner): void {
  if (hasRole(ctx.actor, Roles.TALENT) && ctx.actor.talentId === owner.talentId) return;
  assertUnitWrite(ctx.actor, owner.unitId);
}

export function parseKind(raw: string | null): FileKind {
  const kind = (raw ?? '').toLowerCase();
  if (!(Object.values(FileKind) as string[]).includes(kind)) throw badInput({ field: 'kind', message: `one of ${Object.values(FileKind).join(', ')}` });
  return kind as FileKind;
}

/**
 * Keep an upload: the bytes go to the store first, then the row (audited with the request's
 * write), so a row never names bytes that are not there; if the row is not written, the bytes go.
 */
export async function saveAttachment(ctx: RequestContext, storage: FileStorage, input: { owner: Owner; kind: FileKind; filename: string; contentType: string; spooled: Spooled }): Promise<StoredFile> {
  const file = ctx.em.create(StoredFile, {
    ownerType: input.owner.type,
    ownerId: input.owner.id,
    talent: input.owner.talentId,
    unit: input.owner.unitId,
    kind: input.kind,
    filename: input.filename,
    contentType: input.contentType,
    size: input.spooled.size,
    sha256: input.spooled.sha256,
    storageKey: '',
    uploadedBy: ctx.actor.userId,
  } as never);
  file.storageKey = `${ctx.tenant.key}/${ctx.clock.today().slice(0, 4)}/${file.id}`;
  await storage.put(file.storageKey, input.spooled.path, { size: input.spooled.size, contentType: input.contentType, sha256: input.spooled.sha256 });
  try {
    await ctx.commit();
  } catch (e) {
    await storage.delete(file.storageKey).catch(() => undefined);
    throw e;
  }
  return file;
}

/** A file the actor may read (its owner is in their scope), or NOT_FOUND. */
export async function findAttachment(ctx: RequestContext, id: string): Promise<StoredFile> {
  if (!UUID.test(id)) throw badInput({ field: 'id', message: 'is not an id from this API' });
  // Looked up without the row filter: the owner decides (a talent who moved unit takes their files along).
  const file = await ctx.em.findOne(StoredFile, id, { filters: false });
  if (!file) throw notFound('Attachment', id);
  try {
    await resolveOwner(ctx, file.ownerType, file.ownerId);
  } catch {
    throw notFound('Attachment', id);
  }
  return file;
}

export async function listAttachments(ctx: RequestContext, ownerType: string, ownerId: string): Promise<StoredFile[]> {
  const owner = await resolveOwner(ctx, ownerType, ownerId);
  return ctx.em.find(StoredFile, { ownerType: owner.type, ownerId: owner.id }, { filters: false, orderBy: { id: 'asc' } });
}

/** Reading evidence is recorded too: who downloaded which file, when (the audit trail, like any write). */
export async function auditRead(ctx: RequestContext, action: 'download' | 'export', entity: string, entityId: string, after: Record<string, unknown>): Promise<void> {
  const em = ctx.em.fork();
  em.create(AuditEntry, { actor: ctx.actor.userId, actorRoles: [...ctx.actor.roles], entity, entityId, action, before: null, after, requestId: ctx.requestId });
  await em.flush();
}
