import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Verifying a tenant's audit chain (see migration core.0004): walk the entries in order and
 * recompute each hash from the previous one and the entry's canonical text. The first place the
 * chain breaks says what happened there:
 *
 * - `edited`: an entry's content no longer matches its own hash;
 * - `inserted`: an entry the chain goes around (the entry after it links to the one before it),
 *   or entries a later entry links past;
 * - `deleted`: the chain continues intact, but from a `prev_hash` that is not the hash of the
 *   entry before it (entries are missing in between), or the head remembers a later entry than
 *   the last one left.
 *
 * The canonical text comes from the database's `audit_canonical()` (the same function the trigger
 * hashed), and the hash is recomputed here, independently of the database.
 */
export interface ChainBreak {
  kind: 'edited' | 'inserted' | 'deleted';
  /** The entry at which the chain breaks (for `deleted`: the first entry after the gap, or null at the end). */
  seq: string | null;
  /** The last entry that still verifies. */
  afterSeq: string | null;
  message: string;
}

export interface ChainReport {
  tenant: string;
  entries: number;
  ok: boolean;
  firstBreak?: ChainBreak;
  /** The latest entry over all lanes, and the entries every lane's head counts. */
  head: { lastSeq: string; lastHash: string; entries: number };
  /** Chain lanes walked (migration core.0021). */
  lanes: number;
}

export const GENESIS = '0'.repeat(64);
export const chainLink = (prev: string, canonical: string) => createHash('sha256').update(`${prev}\n${canonical}`, 'utf8').digest('hex');
/** Where a lane's chain starts: lane 1 continues the single chain of before lanes, lane k from its own link. */
export const laneGenesis = (lane: number) => (lane === 1 ? GENESIS : chainLink(GENESIS, `lane ${lane}`));

const PAGE = 5000;

interface Head {
  id: number;
  last_seq: string;
  last_hash: string;
  entries: number;
}

/**
 * Walk every lane of a tenant's chain (migration core.0021: a tenant's writes append to one of
 * several lanes, each its own chain from its own genesis). The break reported is the one at the
 * lowest entry number over all lanes; an entry moved to another lane breaks both.
 */
export async function verifyAuditChain(em: EntityManager, schema: string, tenant: string): Promise<ChainReport> {
  const conn = em.getConnection();
  const q = (s: string) => `"${schema}".${s}`;
  const heads = (await conn.execute(`select id::int as id, last_seq::text as last_seq, last_hash, entries::int as entries from ${q('audit_chain_head')} order by id`)) as Head[];
  if (!heads.length) throw new Error(`tenant ${tenant} has no audit chain (run the migrations)`);
  const laneIds = new Set(heads.map((h) => h.id));
  // Entries in a lane whose head is gone: that lane's head was deleted.
  const orphanLanes = (await conn.execute(`select distinct lane::int as lane from ${q('audit_entry')}`)) as { lane: number }[];
  const latest = heads.reduce((a, b) => (BigInt(b.last_seq) > BigInt(a.last_seq) ? b : a));
  const report: ChainReport = { tenant, entries: 0, ok: true, lanes: heads.length, head: { lastSeq: latest.last_seq, lastHash: latest.last_hash, entries: heads.reduce((n, h) => n + Number(h.entries), 0) } };
  const breaks: ChainBreak[] = [];
  for (const head of heads) {
    const lane = await verifyLane(conn, q, head);
    report.entries += lane.entries;
    if (lane.firstBreak) breaks.push(lane.firstBreak);
  }
  for (const { lane } of orphanLanes) {
    if (!laneIds.has(lane)) breaks.push({ kind: 'deleted', seq: null, afterSeq: null, message: `the head of chain lane ${lane} was deleted` });
  }
  if (breaks.length) {
    const at = (b: ChainBreak) => BigInt(b.seq ?? b.afterSeq ?? '9223372036854775807');
    breaks.sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
    report.ok = false;
    report.firstBreak = breaks[0];
  }
  return report;
}

type Conn = ReturnType<EntityManager['getConnection']>;

async function verifyLane(conn: Conn, q: (s: string) => string, head: Head): Promise<{ entries: number; firstBreak?: ChainBreak }> {
  const genesis = laneGenesis(head.id);
  const out: { entries: number; firstBreak?: ChainBreak } = { entries: 0 };
  let prevHash = genesis;
  let prevSeq: string | null = null;
  let after = '0';
  const fail = (b: ChainBreak) => {
    out.firstBreak = b;
    return out;
  };
  // Hashes already verified, to recognise a link that skips back over slipped-in entries.
  const verified = new Map<string, string | null>([[genesis, null]]);
  const nextLinkingTo = async (seq: string, hash: string) =>
    ((await conn.execute(`select e.seq::text as seq from ${q('audit_entry')} e where e.lane = ? and e.seq > ? and e.prev_hash = ? order by e.seq limit 1`, [head.id, seq, hash])) as { seq: string }[])[0]?.seq ?? (head.last_hash === hash ? 'head' : null);
  for (;;) {
    const rows = (await conn.execute(
      `select e.seq::text as seq, e.prev_hash, e.hash, ${q('audit_canonical')}(e) as canonical from ${q('audit_entry')} e where e.lane = ? and e.seq > ? order by e.seq limit ${PAGE}`,
      [head.id, after],
    )) as { seq: string; prev_hash: string | null; hash: string | null; canonical: string }[];
    for (const r of rows) {
      out.entries++;
      const ownHashOk = r.prev_hash != null && r.hash != null && r.hash === chainLink(r.prev_hash, r.canonical);
      if (!ownHashOk) {
        // The chain skipping this entry (the next one links to the previous) means it was slipped in.
        if (r.hash && (await nextLinkingTo(r.seq, r.hash)) === null && (await nextLinkingTo(r.seq, prevHash)) !== null) {
          return fail({ kind: 'inserted', seq: r.seq, afterSeq: prevSeq, message: `entry ${r.seq} was inserted into the chain after entry ${prevSeq ?? '(start)'}` });
        }
        return fail({ kind: 'edited', seq: r.seq, afterSeq: prevSeq, message: `entry ${r.seq} was changed after it was written (its hash does not match its content)` });
      }
      if (r.prev_hash !== prevHash) {
        // Intact in itself but not linked to its predecessor.
        if ((await nextLinkingTo(r.seq, prevHash)) !== null) {
          return fail({ kind: 'inserted', seq: r.seq, afterSeq: prevSeq, message: `entry ${r.seq} was inserted into the chain after entry ${prevSeq ?? '(start)'}` });
        }
        if (verified.has(r.prev_hash!)) {
          const from = verified.get(r.prev_hash!) ?? null;
          return fail({ kind: 'inserted', seq: prevSeq, afterSeq: from, message: `entries after ${from ?? '(start)'} up to ${prevSeq} were inserted into the chain (entry ${r.seq} links past them)` });
        }
        return fail({ kind: 'deleted', seq: r.seq, afterSeq: prevSeq, message: `entries between ${prevSeq ?? '(start)'} and ${r.seq} were deleted` });
      }
      prevHash = r.hash!;
      prevSeq = r.seq;
      verified.set(prevHash, prevSeq);
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.seq;
  }
  if (head.last_hash !== prevHash && verified.has(head.last_hash)) {
    const from = verified.get(head.last_hash) ?? null;
    return fail({ kind: 'inserted', seq: prevSeq, afterSeq: from, message: `entries after ${from ?? '(start)'} up to ${prevSeq} were appended outside the chain (the head ends at ${from ?? '(start)'})` });
  }
  if (head.last_hash !== prevHash || Number(head.entries) !== out.entries) {
    return fail({ kind: 'deleted', seq: null, afterSeq: prevSeq, message: `chain lane ${head.id} ends at entry ${prevSeq ?? '(start)'} but its head records ${head.entries} entries up to ${head.last_seq}: the last entries were deleted` });
  }
  return out;
}
