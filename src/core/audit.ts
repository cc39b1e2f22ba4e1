import { AsyncLocalStorage } from 'node:async_hooks';
import { ChangeSetType, wrap, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import type { Actor } from '../auth/roles.js';
import { PERSONAL_FIELDS } from '../log.js';
import { AuditEntry } from './entities/audit-entry.js';

/**
 * The audit trail: every flush that changes tenant rows also inserts one `audit_entry` per
 * changed row, inside the same transaction. Who acted comes from the async context the request
 * (or job) runs in, so no resolver can forget to record it. Personal data is masked.
 */
export interface AuditScope {
  actor: Actor;
  requestId?: string;
}
export const auditScope = new AsyncLocalStorage<AuditScope>();

const MASKED = new Set<string>(PERSONAL_FIELDS);
/**
 * Not audited: the trail itself, the platform registry, and rows the job system derives from
 * audited changes (reminders follow a report's due day; the inbox, webhook and channel
 * deliveries (src/notify) are their delivery record, each with its own timestamps and state).
 * Auditing them doubled the rows a date change writes and serialised reminder scheduling on the
 * tenant's chain head.
 */
const SKIPPED_ENTITIES = new Set(['AuditEntry', 'TenantRecord', 'Reminder', 'ReminderDigest', 'InboxMessage', 'WebhookDelivery', 'ChannelDelivery']);

function plain(data: Record<string, unknown> | undefined | null): Record<string, unknown> | null {
  if (!data) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (MASKED.has(k)) out[k] = v == null ? null : '[personal data]';
    else if (v instanceof Date) out[k] = v.toISOString();
    else if (v && typeof v === 'object' && 'id' in (v as object) && !Array.isArray(v)) out[k] = (v as { id: unknown }).id;
    else out[k] = v;
  }
  return out;
}

export class AuditSubscriber implements EventSubscriber {
  async onFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const scope = auditScope.getStore();
    const actor = scope?.actor ?? { userId: 'system', roles: [] };
    for (const cs of uow.getChangeSets()) {
      if (SKIPPED_ENTITIES.has(cs.meta.className)) continue;
      const action = cs.type === ChangeSetType.CREATE ? 'create' : cs.type === ChangeSetType.DELETE ? 'delete' : 'update';
      const current = plain(wrap(cs.entity, true).toObject() as Record<string, unknown>);
      const original = plain(cs.originalEntity as Record<string, unknown> | undefined);
      // For an update, only the fields that changed, before and after.
      const changed = action === 'update' ? Object.keys(cs.payload ?? {}) : null;
      const pick = (o: Record<string, unknown> | null) => (o && changed ? Object.fromEntries(changed.map((k) => [k, o[k] ?? null])) : o);
      const before = action === 'create' ? null : pick(original);
      const after = action === 'delete' ? null : pick(current);
      const id = (cs.entity as { id?: unknown }).id ?? cs.getPrimaryKey();
      const entry = em.create(AuditEntry, {
        actor: actor.userId,
        actorRoles: [...actor.roles],
        entity: cs.meta.className,
        entityId: String(id ?? ''),
        action,
        before,
        after,
        requestId: scope?.requestId ?? null,
      });
      uow.computeChangeSet(entry);
    }
  }
}
