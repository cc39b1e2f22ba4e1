import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail becomes tamper-evident.
 *
 * - Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE of `audit_entry` for every role
 *   the application uses (per-role REVOKE is not available to us: the app owns its tables).
 * - Hash-chained per tenant: a BEFORE INSERT trigger locks the tenant's one chain-head row
 *   (so concurrent writers of a tenant append one at a time, in the transaction that makes the
 *   change), numbers the entry, and stores `prev_hash` and `hash = sha256(prev_hash ‖ "\n" ‖
 *   canonical entry)`. Editing, inserting or deleting an entry breaks the chain where it happened;
 *   `npm run audit:verify` walks it (src/core/audit-chain.ts).
 *
 * The functions capture the tenant schema as their search_path (the migration runs with it set),
 * so they never resolve a table in another tenant. Entries written before this migration are
 * chained here, in order.
 */
export class CoreAuditChain extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entry" add column "prev_hash" char(64) null, add column "hash" char(64) null;`);
    this.addSql(`create table "audit_chain_head" ("id" int primary key default 1 check ("id" = 1), "last_seq" bigint not null default 0, "last_hash" char(64) not null, "entries" bigint not null default 0);`);
    this.addSql(`insert into "audit_chain_head" ("id", "last_seq", "last_hash") values (1, 0, repeat('0', 64));`);
    // The canonical text of an entry: a JSON array in a fixed order; jsonb prints keys sorted, and
    // the instant in UTC with microseconds, whatever the session's time zone.
    this.addSql(`create function "audit_canonical"(e "audit_entry") returns text language sql stable set search_path from current as $fn$
      select jsonb_build_array(e.seq::text, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor, to_jsonb(e.actor_roles), e.entity, e.entity_id, e.action, e.before, e.after, e.request_id)::text
    $fn$;`);
    this.addSql(`create function "audit_chain_link"(prev text, canonical text) returns char(64) language sql immutable as $fn$
      select encode(sha256(convert_to(prev || E'\\n' || canonical, 'UTF8')), 'hex')
    $fn$;`);
    this.addSql(`create function "audit_chain_append"() returns trigger language plpgsql set search_path from current as $fn$
      declare head record;
      begin
        select * into head from audit_chain_head where id = 1 for update;
        -- Numbered after the lock, so the chain order is the seq order.
        NEW.seq := nextval(pg_get_serial_sequence('audit_entry', 'seq'));
        NEW.prev_hash := head.last_hash;
        NEW.hash := audit_chain_link(head.last_hash, audit_canonical(NEW));
        update audit_chain_head set last_seq = NEW.seq, last_hash = NEW.hash, entries = entries + 1 where id = 1;
        return NEW;
      end
    $fn$;`);
    this.addSql(`do $do$
      declare e audit_entry; prev text := repeat('0', 64); h text; n bigint := 0; last bigint := 0;
      begin
        -- e is typed as the row (a generic record cannot be cast to audit_entry).
        for e in select * from audit_entry order by seq loop
          h := audit_chain_link(prev, audit_canonical(e));
          update audit_entry set prev_hash = prev, hash = h where seq = e.seq;
          prev := h; n := n + 1; last := e.seq;
        end loop;
        update audit_chain_head set last_seq = last, last_hash = prev, entries = n where id = 1;
      end
    $do$;`);
    this.addSql(`create trigger "audit_entry_chain" before insert on "audit_entry" for each row execute function "audit_chain_append"();`);
    this.addSql(`create function "audit_append_only"() returns trigger language plpgsql as $fn$
      begin
        raise exception 'audit_entry is append-only: % refused', TG_OP using errcode = 'insufficient_privilege';
      end
    $fn$;`);
    this.addSql(`create trigger "audit_entry_append_only" before update or delete on "audit_entry" for each row execute function "audit_append_only"();`);
    this.addSql(`create trigger "audit_entry_no_truncate" before truncate on "audit_entry" for each statement execute function "audit_append_only"();`);
  }
}
