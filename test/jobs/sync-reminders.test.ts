import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../src/core/entities/audit-entry.js';
import { Placement } from '../../src/core/entities/placement.js';
import { Reminder, ReminderState } from '../../src/core/entities/reminder.js';
import { Report } from '../../src/core/entities/report.js';
import { syncReminders } from '../../src/jobs/reminders.js';
import type { TenantInfo } from '../../src/plugin/contract.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createHost, createOpenProgramme, createTalent, createUnit } from '../support/fixtures.js';

/**
 * `syncReminders` writes the reminders it adds with multi-row inserts in the caller's transaction
 * (not through the unit of work): they must still be created once, commit and roll back with the
 * caller's changes, and work for reports the same transaction creates.
 */
let h: Harness;
let admin: string;
let unit: string;
let tenant: TenantInfo;
const NOW = new Date('2025-09-01T02:00:00Z');
/** The sample scheme's plan for a report due 2025-11-30, in id order: 14, 7, 1 days before, on the day, 1 and 7 days late. */
const OFFSETS = [-14, -7, -1, 0, 1, 7];

beforeAll(async () => {
  h = await startHarness();
  h.app.clock.set(NOW);
  admin = await h.token('alpha', 'commission-admin');
  unit = await createUnit(h, admin, 'Sync Hospital');
  tenant = (await h.app.tenancy.get('alpha'))!;
});
afterAll(async () => {
  await h?.close();
});

let n = 0;
/** A placement (through GraphQL) whose one report falls due on 2025-11-30; its reminders removed. */
async function bareReport(): Promise<{ placementId: string; reportId: string }> {
  n++;
  const t = await createTalent(h, admin, unit, { name: `Sync ${n}` });
  const programme = await createOpenProgramme(h, admin, `SYNC${n}`);
  const app = await h.ok(admin, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programme, t });
  await h.ok(admin, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: app.submitApplication.id });
  const host = await createHost(h, admin, `Sync host ${n}`);
  const p = await h.ok(admin, `mutation($a: ID!, $h: ID!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: "2025-09-10", plannedEnd: "2025-10-31" }) { id reports { id dueOn } } }`, { a: app.submitApplication.id, h: host });
  const reportId = p.createPlacement.reports[0].id as string;
  expect(p.createPlacement.reports[0].dueOn).toBe('2025-11-30');
  await em().nativeDelete(Reminder, { report: reportId });
  return { placementId: p.createPlacement.id, reportId };
}

const em = () => h.app.tenancy.em(tenant);
/** The committed reminder rows of a report, in id order (as lists read them). */
const rowsOf = (reportId: string) => em().find(Reminder, { report: reportId }, { orderBy: { id: 'asc' } });

describe('syncReminders in a transaction', () => {
  it('creates each reminder once, whether it runs twice in one transaction or again in another', async () => {
    const { reportId } = await bareReport();
    const [first, second] = await em().transactional(async (tx) => {
      const reports = await tx.find(Report, { id: reportId });
      const a = await syncReminders(tx, tenant, reports, NOW);
      const b = await syncReminders(tx, tenant, reports, NOW);
      return [a, b];
    });
    expect(first).toHaveLength(6);
    expect(second).toEqual([]);
    const rows = await rowsOf(reportId);
    // Ids follow the plan's order (a report's reminders are listed by id).
    expect(rows.map((r) => r.offsetDays)).toEqual(OFFSETS);
    expect(rows.map((r) => [r.id, r.fireAt.toISOString(), r.state, r.version])).toEqual(first.map((r) => [r.id, r.fireAt.toISOString(), ReminderState.PENDING, 1]));
    expect(rows.map((r) => r.idempotencyKey)).toEqual(['talent.-14', 'talent.-7', 'talent.-1', 'talent.0', 'unit.1', 'commission.7'].map((k) => `${reportId}.${k}`));
    expect(rows.every((r) => r.talent.id && r.unit.id === unit)).toBe(true);
    expect(await em().transactional(async (tx) => syncReminders(tx, tenant, await tx.find(Report, { id: reportId }), NOW))).toEqual([]);
    expect(await rowsOf(reportId)).toHaveLength(6);
  });

  it('a concurrent run that commits first keeps its rows; the other skips them and returns none', async () => {
    const { reportId } = await bareReport();
    const a = em();
    const b = em();
    await a.begin();
    await b.begin();
    const watcher = new pg.Client({ connectionString: h.databaseUrl });
    await watcher.connect();
    try {
      const mine = await syncReminders(a, tenant, await a.find(Report, { id: reportId }), NOW);
      expect(mine).toHaveLength(6);
      // b does not see a's uncommitted rows: its insert waits on their keys until a commits.
      const theirs = syncReminders(b, tenant, await b.find(Report, { id: reportId }), NOW);
      let waiting = false;
      for (let i = 0; i < 250 && !waiting; i++) {
        const { rows } = await watcher.query(`select count(*)::int n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike 'insert into%reminder%'`);
        waiting = rows[0].n > 0;
        if (!waiting) await new Promise((r) => setTimeout(r, 20));
      }
      expect(waiting).toBe(true);
      await a.commit();
      expect(await theirs).toEqual([]);
      await b.commit();
      expect((await rowsOf(reportId)).map((r) => r.id)).toEqual(mine.map((r) => r.id));
    } finally {
      await watcher.end();
      if (a.isInTransaction()) await a.rollback();
      if (b.isInTransaction()) await b.rollback();
    }
  });

  it('plans reminders for a report created in the same transaction (flushed first, audited once)', async () => {
    const { placementId } = await bareReport();
    const { report, out } = await em().transactional(async (tx) => {
      const placement = await tx.findOneOrFail(Placement, placementId);
      const report = tx.create(Report, { placement, talent: placement.talent, unit: placement.unit, kind: 'extra', title: 'Extra report', dueOn: '2025-11-30' });
      const out = await syncReminders(tx, tenant, [report], NOW);
      return { report, out };
    });
    expect(out).toHaveLength(6);
    const rows = await rowsOf(report.id);
    expect(rows.map((r) => r.id)).toEqual(out.map((r) => r.id));
    expect(rows.map((r) => r.offsetDays)).toEqual(OFFSETS);
    const saved = await em().findOneOrFail(Report, report.id);
    expect(saved.version).toBe(1);
    const audit = em();
    expect(await audit.count(AuditEntry, { entity: 'Report', entityId: report.id })).toBe(1);
    expect(await audit.count(AuditEntry, { entity: 'Reminder' })).toBe(0);
  });

  it('a rollback leaves no reminder rows, for an existing report or a new one', async () => {
    const { placementId, reportId } = await bareReport();
    let newReportId = '';
    await expect(
      em().transactional(async (tx) => {
        const placement = await tx.findOneOrFail(Placement, placementId);
        const fresh = tx.create(Report, { placement, talent: placement.talent, unit: placement.unit, kind: 'extra', title: 'Extra report', dueOn: '2025-11-30' });
        newReportId = fresh.id;
        const out = await syncReminders(tx, tenant, [...(await tx.find(Report, { id: reportId })), fresh], NOW);
        expect(out).toHaveLength(12);
        expect(await tx.count(Reminder, { report: { $in: [reportId, fresh.id] } })).toBe(12);
        throw new Error('caller fails after planning');
      }),
    ).rejects.toThrow('caller fails after planning');
    expect(await em().count(Reminder, { report: { $in: [reportId, newReportId] } })).toBe(0);
    expect(await em().count(Report, { id: newReportId })).toBe(0);
  });
});

describe('syncReminders outside a transaction', () => {
  it('leaves the new rows to the caller’s flush, as tracked entities', async () => {
    const { reportId } = await bareReport();
    const work = em();
    const out = await syncReminders(work, tenant, await work.find(Report, { id: reportId }), NOW);
    expect(out).toHaveLength(6);
    expect(out.every((r) => r instanceof Reminder)).toBe(true);
    expect(await rowsOf(reportId)).toHaveLength(0);
    await work.flush();
    expect((await rowsOf(reportId)).map((r) => r.id)).toEqual(out.map((r) => r.id));
  });
});
