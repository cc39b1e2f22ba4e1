import { Migration } from '@mikro-orm/migrations';

/** Chain lanes per tenant (issue 18); local default: 8, as many as the write benchmark's connections. */
export const AUDIT_LANES = 8;

/**
 * The audit chain gets lanes, so that a tenant's audited writes no longer wait for each other on
 * its one chain head (issue 18: every audited write of a tenant queued on that row lock).
 *
 * - `audit_chain_head` holds one row per lane (ids 1…8); lane 1 is the chain written so far and
 *   continues it, lane k > 1 starts from its own genesis hash, `audit_chain_link(64 zeros,
 *   'lane k')`, so no two lanes share a first link.
 * - The trigger takes the head of a free lane (`FOR UPDATE SKIP LOCKED`, lowest id first) for the
 *   transaction's first entry and keeps it for the transaction's later entries (remembered in a
 *   transaction-local setting, so a savepoint rolled back forgets it with its lock); only when
 *   every lane is held does a writer wait, for a lane picked by its transaction id.
 * - Each entry records its `lane`; within a lane, entries are numbered after the lane's lock, so
 *   the lane's chain order is its seq order. `npm run audit:verify` walks every lane and names the
 *   first edited, inserted or deleted entry (src/core/audit-chain.ts).
 */
export class CoreAuditLanes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entry" add column "lane" smallint not null default 1;`);
    this.addSql(`create index "audit_entry_lane_seq_index" on "audit_entry" ("lane", "seq");`);
    this.addSql(`alter table "audit_chain_head" drop constraint "audit_chain_head_id_check";`);
    this.addSql(`alter table "audit_chain_head" add constraint "audit_chain_head_id_check" check ("id" between 1 and 64);`);
    this.addSql(`insert into "audit_chain_head" ("id", "last_seq", "last_hash") select g, 0, audit_chain_link(repeat('0', 64), 'lane ' || g) from generate_series(2, ${AUDIT_LANES}) g;`);
    this.addSql(`create or replace function "audit_chain_append"() returns trigger language plpgsql set search_path from current as $fn$
      declare
        head audit_chain_head;
        setting text := 'audit.lane_' || TG_RELID::text;
        held text := current_setting(setting, true);
      begin
        if held is not null and held <> '' then
          select * into head from audit_chain_head where id = held::int for update;
        end if;
        if head.id is null then
          select * into head from audit_chain_head order by id limit 1 for update skip locked;
          if head.id is null then
            -- Every lane is held: wait for one, spread by transaction id.
            select * into head from audit_chain_head where id = 1 + (txid_current() % (select count(*) from audit_chain_head)) for update;
          end if;
          perform set_config(setting, head.id::text, true);
        end if;
        -- Numbered after the lane's lock, so a lane's chain order is its seq order.
        NEW.lane := head.id;
        NEW.seq := nextval(pg_get_serial_sequence('audit_entry', 'seq'));
        NEW.prev_hash := head.last_hash;
        NEW.hash := audit_chain_link(head.last_hash, audit_canonical(NEW));
        update audit_chain_head set last_seq = NEW.seq, last_hash = NEW.hash, entries = entries + 1 where id = head.id;
        return NEW;
      end
    $fn$;`);
  }
}
