import { AsyncLocalStorage } from 'node:async_hooks';
import { ChangeSetType, wrap, type EntityManager, type EventSubscriber, type FlushEventArgs, type TransactionEventArgs, type UnitOfWork } from '@mikro-orm/core';
import type { Actor } from '../auth/roles.js';
import { PERSONAL_FIELDS } from '../log.js';
import { AuditEntry } from './entities/audit-entry.js';
import { heldResult, onClient } from '../db/held-statements.js';
import { tenantTable } from '../db/tables.js';

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

/** One audit row as the subscriber computes it (the columns the database does not fill in). */
interface AuditRow {
  at: Date;
  actor: string;
  actorRoles: string[];
  entity: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

const COLUMNS = '("at", "actor", "actor_roles", "entity", "entity_id", "action", "before", "after", "request_id")';
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?)';

export class AuditSubscriber implements EventSubscriber {
  /** Rows computed in onFlush, written once the flush's own statements ran (afterFlush, or before an implicit transaction commits). */
  private readonly pending = new WeakMap<UnitOfWork, { schema: string; rows: AuditRow[] }>();

  async onFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const scope = auditScope.getStore();
    const actor = scope?.actor ?? { userId: 'system', roles: [] };
    const rows: AuditRow[] = [];
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
      rows.push({ at: new Date(), actor: actor.userId, actorRoles: [...actor.roles], entity: cs.meta.className, entityId: String(id ?? ''), action, before, after, requestId: scope?.requestId ?? null });
    }
    if (!rows.length) return;
    const schema = em.schema;
    if (schema && schema !== '*') {
      if (em.isInTransaction()) await this.holdForFlush(em, schema, rows);
      else this.pending.set(uow, { schema, rows });
      return;
    }
    // An em without a tenant schema: the ORM resolves the table's schema, as entities.
    for (const row of rows) uow.computeChangeSet(em.create(AuditEntry, row));
  }

  /**
   * The flush's audit rows in one multi-row insert, through the connection of the transaction
   * that wrote the changes, instead of one unit-of-work entity each (the ORM's per-entity work
   * was most of an audited write's CPU). The chain trigger numbers and links each row in the
   * order given, exactly as it did the entities' insert.
   */
  async afterFlush({ em, uow }: FlushEventArgs): Promise<void> {
    // Outside a transaction the flush ran in its own, and beforeTransactionCommit wrote them there;
    // rows still pending then (no implicit transaction) are written on their own, never dropped.
    await this.write(em, uow, em.isInTransaction() ? em.getTransactionContext() : undefined);
  }

  async beforeTransactionCommit({ em, uow, transaction }: TransactionEventArgs): Promise<void> {
    if (uow) await this.write(em, uow, transaction);
  }

  private async write(em: EntityManager, uow: UnitOfWork, ctx: unknown): Promise<void> {
    const found = this.pending.get(uow);
    if (!found) return;
    this.pending.delete(uow);
    const { sql, params } = insertOf(em, found.schema, found.rows);
    await em.getConnection().execute(sql, params, 'run', ctx as never);
  }

  /**
   * In a transaction already open (a request's), the insert goes with the flush's first
   * statement, in the same socket write (src/db/held-statements.ts), instead of as a round trip of
   * its own after the flush (one of ~5 per audited write, issue 18). The rows and their order are
   * the same, and the transaction the same; the chain trigger does not look at the changed rows.
   * A failing insert fails the flush, as before, since the flush's statement carries it.
   */
  private async holdForFlush(em: EntityManager, schema: string, rows: AuditRow[]): Promise<void> {
    const { sql, params } = insertOf(em, schema, rows);
    // Told to onQuery as the ORM's own statements are (tests and benchmarks count them).
    em.config.get('onQuery')(sql, params);
    const text = em.getPlatform().formatQuery(sql, params);
    const trx = em.getTransactionContext() as { executeQuery(q: ReturnType<typeof onClient>): Promise<unknown> };
    await trx.executeQuery(
      onClient(async (_client, _send, hold) => {
        hold(text);
        return heldResult('HELD');
      }),
    );
  }
}

/** The insert of a flush's audit rows into `schema`'s trail, in one statement. */
function insertOf(em: EntityManager, schema: string, rows: AuditRow[]): { sql: string; params: unknown[] } {
  const platform = em.getPlatform();
  const params: unknown[] = [];
  for (const r of rows) {
    params.push(r.at, r.actor, platform.marshallArray(r.actorRoles), r.entity, r.entityId, r.action, json(r.before), json(r.after), r.requestId);
  }
  return { sql: `insert into ${tenantTable(schema, 'audit_entry')} ${COLUMNS} values ${rows.map(() => ROW).join(', ')}`, params };
}

const json = (v: Record<string, unknown> | null) => (v == null ? null : JSON.stringify(v));
