import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreparedStatements, statementName, type SqlStatement } from '../../src/db/prepared-statements.js';
import { ReadBatches, type BatchableRead } from '../../src/db/read-batches.js';
import { REPO_TENANTS, startHarness, type Harness } from '../support/harness.js';

/**
 * Reads by id of one statement arriving in the same turn of the event loop are one statement
 * over their ids (src/db/read-batches.ts). What must hold: every request gets exactly the row it
 * would have read alone (or none), whoever shares its statement; fewer statements reach
 * PostgreSQL; a read alone is the single statement; a failed batch fails each of its reads.
 */
let h: Harness;
let admin: string;
let pool: pg.Pool;

beforeAll(async () => {
  // No rate limiter: its Redis round trip per request would spread the requests over the turns in which Redis answers.
  h = await startHarness({ tenantsDirs: [REPO_TENANTS], seedDemo: true, env: { RATE_LIMIT_MAX: '0' } });
  admin = await h.token('wenzhou', 'commission-admin');
  pool = new pg.Pool({ connectionString: h.databaseUrl, max: 2 });
  await pool.query(`create table rb_item (id uuid primary key, label text not null)`);
  await pool.query(`insert into rb_item values ('00000000-0000-4000-8000-000000000001', 'one'), ('00000000-0000-4000-8000-000000000002', 'two'), ('00000000-0000-4000-8000-000000000003', 'three')`);
}, 120_000);
afterAll(async () => {
  await pool?.end();
  await h?.close();
});

const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const SINGLE = `select json_build_object('label', label)::text as data from rb_item where id = $1`;
const BATCH = `select id::text as key, json_build_object('label', label)::text as data from rb_item where id = any($1::uuid[])`;
const read = (n: number, key = ID(n)): BatchableRead => ({ text: SINGLE, values: [key], name: statementName(SINGLE), key: key.toLowerCase(), batch: { text: BATCH, name: statementName(BATCH) } });

/** A batcher over real PostgreSQL that records each statement it sends. */
function batcher(maxKeys?: number) {
  const sent: SqlStatement[] = [];
  const prepared = new PreparedStatements(10);
  let fail = false;
  const batches = new ReadBatches(async (s) => {
    sent.push(s);
    if (fail) throw new Error('connection lost');
    return prepared.query(pool, s.name!, s.text, s.values);
  }, maxKeys);
  return { batches, sent, failNext: () => (fail = true) };
}

describe('PreparedStatements', () => {
  it('keeps the connection of a statement PostgreSQL refuses, on the ORM’s pool (whose pg is its own copy) as on this one', async () => {
    const orm = (await (h.app.orm.em.getConnection() as unknown as { getNativeClient(): Promise<pg.Pool> }).getNativeClient()) as pg.Pool;
    const prepared = new PreparedStatements(10);
    for (const on of [orm, pool]) {
      await prepared.query(on, statementName('select 1 as one'), 'select 1 as one', []);
      const connections = on.totalCount;
      await expect(prepared.query(on, statementName('select 1/0 as x'), 'select 1/0 as x', [])).rejects.toMatchObject({ code: '22012' });
      expect(on.totalCount).toBe(connections);
    }
  });
});

describe('ReadBatches', () => {
  it('sends reads of one turn as one statement, and gives each read its own row, a shared key once, a missing key none', async () => {
    const { batches, sent } = batcher();
    const answers = await Promise.all([read(1), read(2), read(1), read(9), read(3)].map((r) => batches.read(r)));
    expect(answers).toEqual([[{ data: '{"label" : "one"}' }], [{ data: '{"label" : "two"}' }], [{ data: '{"label" : "one"}' }], [], [{ data: '{"label" : "three"}' }]]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toBe(BATCH);
    expect(sent[0]!.values).toEqual([[ID(1), ID(2), ID(9), ID(3)]]);
  });

  it('sends a read alone in its turn as its own statement, exactly as given', async () => {
    const { batches, sent } = batcher();
    const upper = read(2, ID(2).toUpperCase());
    expect(await batches.read(upper)).toEqual([{ data: '{"label" : "two"}' }]);
    expect(sent).toEqual([upper]);
    // Reads of later turns are not held for company.
    expect(await batches.read(read(3))).toEqual([{ data: '{"label" : "three"}' }]);
    expect(sent).toHaveLength(2);
  });

  it('matches a key sent in capitals to its row (the batch answers ids in lower case)', async () => {
    const { batches, sent } = batcher();
    const answers = await Promise.all([batches.read(read(1, ID(1).toUpperCase())), batches.read(read(2))]);
    expect(answers).toEqual([[{ data: '{"label" : "one"}' }], [{ data: '{"label" : "two"}' }]]);
    expect(sent).toHaveLength(1);
  });

  it('splits a turn over more than maxKeys keys into several statements', async () => {
    const { batches, sent } = batcher(2);
    const answers = await Promise.all([1, 2, 3, 9, 1].map((n) => batches.read(read(n))));
    expect(answers.map((a) => a.length)).toEqual([1, 1, 1, 0, 1]);
    expect(sent.map((s) => s.values[0])).toEqual([[ID(1), ID(2)], [ID(3), ID(9)], ID(1)]);
  });

  it('fails every read of a failed batch, and the next turn starts afresh', async () => {
    const b = batcher();
    b.failNext();
    const settled = await Promise.allSettled([b.batches.read(read(1)), b.batches.read(read(2))]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    const again = batcher();
    expect(await Promise.all([again.batches.read(read(1)), again.batches.read(read(2))])).toEqual([[{ data: '{"label" : "one"}' }], [{ data: '{"label" : "two"}' }]]);
  });
});

/** Raw HTTP requests written to their sockets in one go, so the server reads them in one turn. */
async function together(bodies: string[], token: string): Promise<{ status: number; body: any }[]> {
  const { hostname, port } = new URL(h.url);
  const sockets = await Promise.all(bodies.map(() => new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect(Number(port), hostname, () => resolve(s));
    s.on('error', reject);
  })));
  const answers = sockets.map((s) => new Promise<{ status: number; body: any }>((resolve) => {
    let raw = '';
    s.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    s.on('end', () => {
      const [head, ...rest] = raw.split('\r\n\r\n');
      resolve({ status: Number(head!.split(' ')[1]), body: JSON.parse(rest.join('\r\n\r\n')) });
    });
  }));
  // Accepted by the server before anything is written, so the requests are all there at its next look.
  await new Promise((r) => setTimeout(r, 50));
  sockets.forEach((s, i) => s.write(`POST /graphql HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(bodies[i]!)}\r\nConnection: close\r\n\r\n${bodies[i]}`));
  return Promise.all(answers);
}

describe('talent(id:) asked by many requests at once', () => {
  it('answers each request with its own talent (or null), as the resolvers do, in fewer statements than requests', async () => {
    const query = `query One($id: ID!) { talent(id: $id) { id name field titleGrade birthDate unit { id name } } }`;
    const nodes = (await h.ok(admin, `{ talents(first: 6) { nodes { id } } }`)).talents.nodes as { id: string }[];
    expect(nodes.length).toBeGreaterThanOrEqual(4);
    const ids = [...nodes.map((n) => n.id), nodes[0]!.id, nodes[1]!.id.toUpperCase(), '00000000-0000-4000-8000-00000000dead'];
    // Warm the plan and its prepared statements first, so the timed turn is the reads alone.
    await h.gql(admin, query, { id: ids[0] });
    const before = h.sqlCount();
    const fast = await together(ids.map((id) => JSON.stringify({ query, variables: { id } })), admin);
    const sent = h.recentSql().slice(-(h.sqlCount() - before));
    for (const [i, id] of ids.entries()) {
      const slow = await h.gql(admin, query, { id }, { accept: 'application/graphql-response+json' });
      expect(fast[i]!.status).toBe(200);
      expect(JSON.stringify(fast[i]!.body), `request ${i} (${id})`).toBe(JSON.stringify(slow.body));
    }
    expect(fast.at(-1)!.body.data.talent).toBeNull();
    expect(fast[0]!.body.data.talent.id).toBe(ids[0]);
    // The talents of lower-case ids read in one statement when the requests arrive in one turn
    // (the id in capitals goes to the resolvers, which answer it as null); never one per request.
    const byIdReads = sent.filter((sql) => /from "t_wenzhou"\."talent" as n/.test(sql));
    expect(byIdReads.length).toBeLessThan(ids.length - 2);
    expect(byIdReads.some((sql) => sql.includes('= any($1::uuid[])'))).toBe(true);
  }, 60_000);

  it('with READ_BATCHES=off each request is its own statement, with the same answers', async () => {
    const off = await startHarness({ tenantsDirs: [REPO_TENANTS], seedDemo: true, env: { READ_BATCHES: 'off' } });
    try {
      const token = await off.token('wenzhou', 'commission-admin');
      const query = `query One($id: ID!) { talent(id: $id) { id name } }`;
      const ids = ((await off.ok(token, `{ talents(first: 4) { nodes { id } } }`)).talents.nodes as { id: string }[]).map((n) => n.id);
      await off.gql(token, query, { id: ids[0] });
      const before = off.sqlCount();
      const answers = await Promise.all(ids.map((id) => off.gql(token, query, { id })));
      expect(off.sqlCount() - before).toBe(ids.length);
      expect(answers.map((a) => a.body.data.talent.id)).toEqual(ids);
    } finally {
      await off.close();
    }
  }, 120_000);
});
