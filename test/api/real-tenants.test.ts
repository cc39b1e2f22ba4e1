import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, startOfDayInstant } from '../../src/calendar.js';
import { REPO_TENANTS, startHarness, type Harness } from '../support/harness.js';

/**
 * The three real tenants with their demo data: each scheme's own rule decides when its reports
 * fall due and reminders follow at the tenant's offsets; schemes with their own steps keep the
 * core's generic placement mutations from bypassing them.
 */
let h: Harness;
let db: pg.Client;
beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS], seedDemo: true });
  db = new pg.Client({ connectionString: h.databaseUrl });
  await db.connect();
}, 120_000);
afterAll(async () => {
  await db?.end();
  await h?.close();
});

const rows = async (schema: string) =>
  (
    await db.query(
      `select r.id, r.kind, r.due_on::text as due_on, m.offset_days, m.audience, m.fire_at, m.state
         from "${schema}".report r join "${schema}".reminder m on m.report_id = r.id
        where r.status in ('due', 'returned') order by r.id, m.offset_days`,
    )
  ).rows as { id: string; kind: string; due_on: string; offset_days: number; audience: string; fire_at: Date; state: string }[];

describe.each(['wenzhou', 'guizhou', 'yuping'])('reminders in %s', (tenant) => {
  it('exist for every report still owed, each at 09:00 Shanghai time on due day + offset', async () => {
    const reminders = await rows(`t_${tenant}`);
    const owed = (await db.query(`select count(*)::int as n from "t_${tenant}".report where status in ('due', 'returned')`)).rows[0].n;
    expect(owed).toBeGreaterThan(0);
    expect(new Set(reminders.map((r) => r.id)).size).toBe(owed);
    for (const r of reminders) {
      expect(r.fire_at.toISOString(), `${r.kind} ${r.offset_days}`).toBe(startOfDayInstant(addDays(r.due_on, r.offset_days), 9).toISOString());
    }
    // escalations always exist, to the unit a day late and the commission a week late
    const byReport = new Map<string, string[]>();
    for (const r of reminders) byReport.set(r.id, [...(byReport.get(r.id) ?? []), `${r.audience}${r.offset_days}`]);
    for (const keys of byReport.values()) expect(keys).toEqual(expect.arrayContaining(['unit1', 'commission7']));
  });
});

describe('the schemes’ own due dates', () => {
  it('wenzhou: the summary report is due one calendar month after the actual end of the stay', async () => {
    const r = await db.query(`select r.due_on::text as due_on, p.actual_end::text as actual_end from t_wenzhou.report r join t_wenzhou.placement p on p.id = r.placement_id where r.kind = 'summary' and p.actual_end is not null`);
    expect(r.rows.length).toBeGreaterThan(0);
    for (const row of r.rows) expect(row.due_on).toBe(addMonths(row.actual_end, 1));
  });

  it('guizhou and yuping: their rules produce their own kinds of report', async () => {
    const gz = (await db.query(`select distinct kind from t_guizhou.report order by 1`)).rows.map((x) => x.kind);
    expect(gz).toEqual(expect.arrayContaining(['final_assessment']));
    const yp = (await db.query(`select distinct kind from t_yuping.report order by 1`)).rows.map((x) => x.kind);
    expect(yp).toEqual(expect.arrayContaining(['case_log_signoff']));
  });
});

describe('schemes with their own steps', () => {
  const firstPlacement = async (tenant: string) =>
    (await db.query(`select id from "t_${tenant}".placement where status in ('planned', 'active') order by id limit 1`)).rows[0].id as string;

  it.each([
    ['wenzhou', 'wenzhouRequestExtension'],
    ['guizhou', 'guizhouRecordReturn'],
    ['yuping', 'countyCreateRound'],
  ])('%s refuses the generic updatePlacementDates and names its own step', async (tenant, step) => {
    const token = await h.token(tenant, 'commission-admin');
    const id = await firstPlacement(tenant);
    const before = (await db.query(`select planned_end::text as e, version from "t_${tenant}".placement where id = $1`, [id])).rows[0];
    const r = await h.gql(token, `mutation($id: ID!) { updatePlacementDates(id: $id, dates: { plannedEnd: "2030-01-01" }) { id } }`, { id });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE', reason: 'USE_SCHEME_STEP' });
    expect(r.body.errors?.[0]?.message).toContain(step);
    expect((await db.query(`select planned_end::text as e, version from "t_${tenant}".placement where id = $1`, [id])).rows[0]).toEqual(before);
  });

  it('guizhou withdraws only through its own step; wenzhou lets the commission withdraw a stay', async () => {
    const gz = await h.gql(await h.token('guizhou', 'commission-admin'), `mutation($id: ID!) { withdrawPlacement(id: $id, reason: "test") { status } }`, { id: await firstPlacement('guizhou') });
    expect(gz.body.errors?.[0]?.message).toContain('guizhouWithdrawTrainee');
    const wz = await h.gql(await h.token('wenzhou', 'commission-admin'), `mutation($id: ID!) { withdrawPlacement(id: $id, reason: "visa refused") { status } }`, { id: await firstPlacement('wenzhou') });
    expect(wz.body.data?.withdrawPlacement.status).toBe('WITHDRAWN');
  });
});
