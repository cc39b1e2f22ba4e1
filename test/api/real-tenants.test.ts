import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addDays, startOfDayInstant } from '../../src/calendar.js';
import { PlacementStatus } from '../../src/core/domain.js';
import { Application, Placement, Programme, Report, TrainingGroup, TrainingGroupMember } from '../../src/core/entities/index.js';
import { groupFacts, placementFacts } from '../../src/core/services/facts.js';
import { FOLLOW_UP_REPORT_KIND } from '../../src/evaluation/domain.js';
import { followUpsDue } from '../../src/evaluation/follow-ups.js';
import { plugins } from '../../plugins/index.js';
import { REPO_TENANTS, startHarness, type Harness } from '../support/harness.js';

/**
 * Every real tenant in tenants/ with its demo data (a new tenant is covered without touching this
 * file): each scheme's own rule decides when its reports fall due and reminders follow at the
 * tenant's offsets; schemes with their own steps keep the core's generic placement mutations from
 * bypassing them, and say which step to use.
 */
const files = readdirSync(REPO_TENANTS).filter((f) => /\.ya?ml$/.test(f)).map((f) => parse(readFileSync(path.join(REPO_TENANTS, f), 'utf8')) as { key: string; demo?: boolean; plugins?: Record<string, unknown> });
const enabled = (t: (typeof files)[number]) => plugins.filter((p) => Object.keys(t.plugins ?? {}).includes(p.key));
/** Tenants whose demo data owes reports: a seeded scheme with a report rule. */
const OWING = files.filter((t) => t.demo && enabled(t).some((p) => p.seed && (p.rules?.reportDueDates || p.rules?.groupReportDueDates))).map((t) => t.key);
/** Tenants with a scheme that decides what the generic placement mutations may do. */
const STEPPED = files.filter((t) => t.demo && enabled(t).some((p) => p.seed && p.rules?.placementChange)).map((t) => t.key);

let h: Harness;
let db: pg.Client;
beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS], seedDemo: true });
  db = new pg.Client({ connectionString: h.databaseUrl });
  await db.connect();
}, 180_000);
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

it('covers the tenants in tenants/', () => {
  expect(OWING).toEqual(expect.arrayContaining(['wenzhou', 'guizhou', 'yuping']));
});

describe.each(OWING)('reminders in %s', (tenant) => {
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

  it("owes exactly what its scheme's rules say now: every report still owed is one the rule asks for, on its day", async () => {
    const info = (await h.app.tenancy.get(tenant))!;
    const ctx = h.app.requestContext(info, { userId: 'check', roles: ['commission-admin'], tenant }, 'check-reports');
    const owed = await ctx.em.find(Report, { status: { $in: ['due', 'returned'] } } as never);
    expect(owed.length).toBeGreaterThan(0);
    const expected = new Map<string, string>();
    for (const placementId of new Set(owed.flatMap((r) => (r.placement ? [r.placement.id] : [])))) {
      const placement = await ctx.em.findOneOrFail(Placement, placementId);
      const programme = await ctx.em.findOneOrFail(Programme, placement.programme.id);
      const application = placement.application ? await ctx.em.findOne(Application, placement.application.id) : null;
      const found = h.app.host.rule(info, programme.scheme, 'reportDueDates')!;
      for (const d of await found.rule.evaluate(placementFacts(placement, programme, application?.track ?? null), await ctx.plugin(found.plugin.key))) expected.set(`${placementId}/${d.kind}/${d.sequence ?? 1}`, d.dueOn);
      // The core's outcome follow-ups (issue 15): the months owed, each due that many months after the return.
      const months = owed.filter((r) => r.placement?.id === placementId && r.kind === FOLLOW_UP_REPORT_KIND).map((r) => r.sequence);
      for (const d of followUpsDue(placement, months, ctx.clock.today(), months)) expected.set(`${placementId}/${d.kind}/${d.sequence}`, d.dueOn);
    }
    for (const groupId of new Set(owed.flatMap((r) => (r.group ? [r.group.id] : [])))) {
      const group = await ctx.em.findOneOrFail(TrainingGroup, groupId);
      const programme = await ctx.em.findOneOrFail(Programme, group.programme.id);
      const found = h.app.host.rule(info, programme.scheme, 'groupReportDueDates')!;
      const members = await ctx.em.count(TrainingGroupMember, { group });
      for (const d of await found.rule.evaluate(groupFacts(group, programme, members), await ctx.plugin(found.plugin.key))) expected.set(`${groupId}/${d.kind}/${d.sequence ?? 1}`, d.dueOn);
    }
    for (const r of owed) expect(expected.get(`${r.placement?.id ?? r.group!.id}/${r.kind}/${r.sequence}`), `${r.kind} #${r.sequence}`).toBe(r.dueOn);
  });
});

describe.each(STEPPED)('%s: a scheme with its own steps', (tenant) => {
  const firstPlacement = async () => {
    const scheme = enabled(files.find((f) => f.key === tenant)!).find((p) => p.rules?.placementChange)!;
    const row = (await db.query(`select p.id from "t_${tenant}".placement p join "t_${tenant}".programme g on g.id = p.programme_id where p.status in ('planned', 'active') and g.scheme = $1 order by p.id limit 1`, [scheme.key])).rows[0];
    return { id: row.id as string, scheme };
  };
  const verdict = async (change: 'dates' | 'withdraw', id: string, scheme: (typeof plugins)[number]) => {
    const info = (await h.app.tenancy.get(tenant))!;
    const ctx = h.app.requestContext(info, { userId: 'check', roles: ['commission-admin'], tenant }, 'check-steps');
    const placement = await ctx.em.findOneOrFail(Placement, id);
    const programme = await ctx.em.findOneOrFail(Programme, placement.programme.id);
    return scheme.rules!.placementChange!.evaluate({ placement: placementFacts(placement, programme, null), change, actor: ctx.actor }, await ctx.plugin(scheme.key));
  };

  it('refuses the generic updatePlacementDates with its own message, naming its step, and changes nothing', async () => {
    const { id, scheme } = await firstPlacement();
    const expected = await verdict('dates', id, scheme);
    expect(expected.allowed).toBe(false);
    const token = await h.token(tenant, 'commission-admin');
    const before = (await db.query(`select planned_end::text as e, version from "t_${tenant}".placement where id = $1`, [id])).rows[0];
    const r = await h.gql(token, `mutation($id: ID!) { updatePlacementDates(id: $id, dates: { plannedEnd: "2030-01-01" }) { id } }`, { id });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE', reason: 'USE_SCHEME_STEP' });
    expect(r.body.errors?.[0]?.message).toBe(!expected.allowed && expected.message);
    expect((await db.query(`select planned_end::text as e, version from "t_${tenant}".placement where id = $1`, [id])).rows[0]).toEqual(before);
  });

  it('withdraws through the generic mutation only where its rule allows it', async () => {
    const { id, scheme } = await firstPlacement();
    const expected = await verdict('withdraw', id, scheme);
    const r = await h.gql(await h.token(tenant, 'commission-admin'), `mutation($id: ID!) { withdrawPlacement(id: $id, reason: "test") { status } }`, { id });
    if (expected.allowed) expect(r.body.data?.withdrawPlacement.status).toBe(PlacementStatus.WITHDRAWN.toUpperCase());
    else expect(r.body.errors?.[0]?.message).toBe(expected.message);
  });
});
