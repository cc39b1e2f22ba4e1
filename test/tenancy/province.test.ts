import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyPairingPlugin } from '../../plugins/county-pairing/county-pairing.plugin.js';
import { guizhouShanghaiClassPlugin } from '../../plugins/guizhou-shanghai-class/guizhou-shanghai-class.plugin.js';
import { expectError, repoTenants, startScheme, talent, institution, type Harness } from '../kit/index.js';

/**
 * A province sees its regions (issue 15): Guizhou reads Yuping and a second county added as
 * `tenant:create` adds one (its file provisioned, its demo seeded) as aggregates only — side by
 * side and summed, the sum equal to the counties' own dashboards, small cells withheld — and no
 * row, id, name or personal value of a county crosses; a county sees nothing of its province or
 * of its sibling.
 */
let h: Harness;
const DASHBOARD = `{ countyDashboard { trainees mentors independentGrade1And2Operations guidedGrade3Operations conferences newTechnologies departmentHeads departmentBackbones retention { checked stillServing } } }`;
const OVERVIEW = `{ regionOverview { minCellSize suppression regions { tenant name level figures { plugin metric group value suppressed } outcomes { scheme months indicator traineesN suppressed } }
  total { tenant figures { plugin metric group value suppressed } outcomes { scheme months indicator traineesN comparisonN traineesMean difference suppressed } } } }`;

beforeAll(async () => {
  h = await startScheme({ plugins: [countyPairingPlugin, guizhouShanghaiClassPlugin], tenants: repoTenants('yuping'), today: '2026-03-01' });
  await h.app.seedDemo((await h.app.tenancy.get('yuping'))!);
  // What `npm run tenant:create -- tenants/wanshan.yaml --seed` does: provision the file, seed the demo.
  const dir = mkdtempSync(join(tmpdir(), 'county-'));
  writeFileSync(join(dir, 'wanshan.yaml'), `key: wanshan\nname: Wanshan District Health Bureau\nnameZh: 万山区卫生健康局\nlevel: county\nparent: guizhou\ndemo: true\nplugins:\n  county-pairing:\n    config: {}\n`);
  await h.app.provisionFolder(dir);
  await h.app.seedDemo((await h.app.tenancy.get('wanshan'))!);
}, 900_000);
afterAll(async () => h?.close());

describe('a province sees its regions', () => {
  it('reads each county’s dashboard figures side by side, and their sum equals the counties’ own dashboards', async () => {
    const province = await h.token('guizhou', 'commission-admin');
    const own = {
      yuping: (await h.ok(await h.token('yuping', 'commission-admin'), DASHBOARD)).countyDashboard,
      wanshan: (await h.ok(await h.token('wanshan', 'commission-admin'), DASHBOARD)).countyDashboard,
    };
    expect(own.yuping.trainees).toBeGreaterThan(5);
    const o = (await h.ok(province, OVERVIEW)).regionOverview;
    expect(o.minCellSize).toBe(5);
    expect(o.suppression).toMatch(/fewer than 5 people are withheld/);
    expect(o.regions.map((r: any) => [r.tenant, r.level])).toEqual([['wanshan', 'county'], ['yuping', 'county']]);
    const fig = (figures: any[], metric: string) => figures.find((f: any) => f.plugin === 'county-pairing' && f.metric === metric && f.group == null);
    const pairs: [string, (d: any) => number][] = [
      ['trainees', (d) => d.trainees],
      ['mentors', (d) => d.mentors],
      ['independent_grade1_2_operations', (d) => d.independentGrade1And2Operations],
      ['guided_grade3_operations', (d) => d.guidedGrade3Operations],
      ['conferences', (d) => d.conferences],
      ['new_technologies', (d) => d.newTechnologies],
      ['department_backbones', (d) => d.departmentBackbones],
      ['retention_checked', (d) => d.retention.checked],
      ['retention_still_serving', (d) => d.retention.stillServing],
    ];
    for (const [metric, of] of pairs) {
      for (const r of o.regions) expect(fig(r.figures, metric), `${r.tenant} ${metric}`).toMatchObject({ value: of(own[r.tenant as 'yuping' | 'wanshan']), suppressed: false });
      expect(fig(o.total.figures, metric), `total ${metric}`).toMatchObject({ value: of(own.yuping) + of(own.wanshan), suppressed: false });
    }
    // The seed's three department heads are fewer than five people: withheld in each county, and said so…
    expect(own.yuping.departmentHeads).toBe(3);
    for (const r of o.regions) expect(fig(r.figures, 'department_heads')).toEqual({ plugin: 'county-pairing', metric: 'department_heads', group: null, value: null, suppressed: true });
    // …while the sum is six people withheld together, so it shows: 3 + 3.
    expect(fig(o.total.figures, 'department_heads')).toMatchObject({ value: 6, suppressed: false });
    // Reports owed and overdue, from the core, per county and summed.
    for (const key of ['yuping', 'wanshan'] as const) {
      const tok = await h.token(key, 'commission-admin');
      const due = (await h.ok(tok, `{ owed: reports(filter: { status: DUE }) { totalCount } returned: reports(filter: { status: RETURNED }) { totalCount } overdue: reports(filter: { overdue: true }) { totalCount } }`));
      const r = o.regions.find((x: any) => x.tenant === key);
      const owed = r.figures.find((f: any) => f.plugin === 'core' && f.metric === 'reports_owed');
      if (!owed.suppressed) expect(owed.value).toBe(due.owed.totalCount + due.returned.totalCount);
      const overdue = r.figures.find((f: any) => f.plugin === 'core' && f.metric === 'reports_overdue');
      if (!overdue.suppressed) expect(overdue.value).toBe(due.overdue.totalCount);
    }
    // Outcome comparisons per scheme: every cell either withheld entirely or about k people or more.
    for (const c of [...o.regions.flatMap((r: any) => r.outcomes), ...o.total.outcomes]) {
      if (c.suppressed) expect(c.traineesN).toBeNull();
      else if (c.traineesN) expect(c.traineesN).toBeGreaterThanOrEqual(5);
    }
  });

  it('no row, id, name or personal value of a county crosses to the province', async () => {
    const province = await h.token('guizhou', 'commission-admin');
    const answer = JSON.stringify((await h.ok(province, OVERVIEW)).regionOverview);
    for (const key of ['yuping', 'wanshan']) {
      const tok = await h.token(key, 'commission-admin');
      const rows = await h.ok(tok, `{ talents(first: 500) { nodes { id name phone idCardNumber unit { id name } } } institutions(first: 500) { nodes { id name } } programmes(first: 50) { nodes { id code name } } }`);
      const values = [
        ...rows.talents.nodes.flatMap((t: any) => [t.id, t.name, t.phone, t.idCardNumber, t.unit.id]),
        ...rows.institutions.nodes.flatMap((i: any) => [i.id, i.name]),
        ...rows.programmes.nodes.flatMap((p: any) => [p.id, p.code, p.name]),
      ].filter((v) => typeof v === 'string' && v.length > 1);
      expect(values.length).toBeGreaterThan(50);
      for (const v of values) expect(answer.includes(v), `${key}: ${v} crossed`).toBe(false);
      // and the province's own queries reach none of the county's rows
      const t = rows.talents.nodes[0];
      expect((await h.ok(province, `query($id: ID!) { talent(id: $id) { name } }`, { id: t.id })).talent).toBeNull();
    }
  });

  it('a county sees nothing of its province or its sibling', async () => {
    const provinceAdmin = await h.token('guizhou', 'commission-admin');
    const unit = await institution(h, provinceAdmin, { name: '贵州省人民医院', adminLevel: 'PROVINCE' });
    const person = await talent(h, provinceAdmin, unit, { name: '省里的人', phone: '13900001111' });
    const yuping = await h.token('yuping', 'commission-admin');
    const o = (await h.ok(yuping, OVERVIEW)).regionOverview;
    expect(o.regions).toEqual([]);
    expect(o.total.figures).toEqual([]);
    expect((await h.ok(yuping, `{ subRegionFigures { tenant } }`)).subRegionFigures).toEqual([]);
    expect((await h.ok(yuping, `query($id: ID!) { talent(id: $id) { name } institution(id: $id) { name } }`, { id: person })).talent).toBeNull();
    const names = JSON.stringify(await h.ok(yuping, `{ talents(first: 500) { nodes { name } } institutions(first: 500) { nodes { name } } }`));
    expect(names).not.toContain('省里的人');
    expect(names).not.toContain('贵州省人民医院');
    // the sibling's rows: none of Wanshan's ids reach Yuping
    const wanshan = await h.ok(await h.token('wanshan', 'commission-admin'), `{ talents(first: 5) { nodes { id } } }`);
    for (const n of wanshan.talents.nodes) expect((await h.ok(yuping, `query($id: ID!) { talent(id: $id) { name } }`, { id: n.id })).talent).toBeNull();
    // a county's token cannot ask as its province
    await expectError(h.gql(yuping, OVERVIEW, {}, { 'x-tenant': 'guizhou' }), 'TENANT_MISMATCH');
    // and a unit coordinator of the province may not read the regions at all
    const coord = await h.token('guizhou', 'unit-coordinator', { unitId: unit });
    await expectError(h.gql(coord, OVERVIEW), 'FORBIDDEN');
  });
});
