/**
 * `tsx scripts/bench/statement.ts`: what one execution of the small query's planned statement costs
 * PostgreSQL's backend (its CPU time, read from /proc, which load distorts less than wall time) and
 * the driver, sent three ways on one connection in alternating rounds: as text with the id inlined
 * (before prepared statements, and PREPARED_STATEMENTS=off now), unnamed with the id as `$1` (what
 * `off` would cost if it kept the parameter), and as a named prepared statement (on). The text is
 * the one `DEBUG_SQL_READS=1` prints for `SMALL_QUERY`. Needs `npm run bench:seed` (BENCH_DB) and PostgreSQL on this machine (/proc).
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { benchServices, withClient } from './common.js';

const N = Number(process.env.N ?? 4000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SELECT = `select row_to_json(x1)::text as data from "t_big"."talent" as n cross join lateral (select n."id" as "id", n."name" as "name", upper(n."field") as "field", upper(n."title_grade") as "titleGrade", n."birth_date" as "birthDate") as x1 where n."id" = `;

const { services, databaseUrl } = await benchServices();
await withClient(databaseUrl, async (c: pg.Client) => {
  const pid = (await c.query('select pg_backend_pid() as p')).rows[0].p as number;
  const ids = (await c.query('select id from t_big.talent order by id offset 4000 limit 200')).rows.map((r) => r.id as string);
  const tick = 1000 / 100; // ms per clock tick (USER_HZ)
  const backendMs = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * tick; // utime + stime
  };
  const ways: [string, (id: string) => Promise<unknown>][] = [
    ['text, id inlined', (id) => c.query(`${SELECT}'${id}'`)],
    ['unnamed, $1', (id) => c.query(`${SELECT}$1`, [id])],
    ['prepared, $1', (id) => c.query({ name: 'bench_small', text: `${SELECT}$1`, values: [id] })],
  ];
  const runs = new Map<string, { backendUs: number; nodeUs: number; wallUs: number }[]>(ways.map(([w]) => [w, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [way, run] of round % 2 ? [...ways].reverse() : ways) {
      for (let i = 0; i < 200; i++) await run(ids[i % ids.length]!);
      const b0 = backendMs();
      const n0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < N; i++) await run(ids[i % ids.length]!);
      const wallUs = ((performance.now() - t0) * 1000) / N;
      const n1 = process.cpuUsage(n0);
      runs.get(way)!.push({ backendUs: ((backendMs() - b0) * 1000) / N, nodeUs: (n1.user + n1.system) / N, wallUs });
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const [way, rs] of runs) {
    process.stdout.write(`${way.padEnd(18)} backend CPU ${median(rs.map((r) => r.backendUs)).toFixed(0)} µs, driver CPU ${median(rs.map((r) => r.nodeUs)).toFixed(0)} µs, wall ${median(rs.map((r) => r.wallUs)).toFixed(0)} µs per execution (medians of ${ROUNDS})\n`);
  }
});
await services.stop();
