/**
 * `npm run bench:seed`: the benchmark data set, reproducible from BENCH_SEED, in its own database
 * (`talent_bench`, dropped and re-created on every run; never the test or demo databases).
 *
 * - 1,000 tenants (schemas) over the 3 plugin sets, each created and migrated by the real
 *   TenancyService (`provision`), exactly as `npm run tenant:create` does.
 * - One large tenant `big` (Wenzhou overseas plugin): 100,000 talents, 300,000 applications,
 *   50,000 placements, 100,000 reports, ~50,000 outcomes, 5,000 Wenzhou candidacies.
 * - 999 small tenants with a few rows each; the first 100 carry 167 owed reports each for the
 *   issue-5 reminder benchmark (6 reminders per report: 100,200 reminders).
 *
 * Rows are written with multi-row INSERTs through `pg` (`insert … select * from unnest(…)`, 5,000
 * rows per statement) inside the migrated tenant schema — not through the ORM's unit of work,
 * which would take tens of minutes for 600,000 rows (and that path is what the write benchmark
 * measures). Progress bars go to stderr.
 */
import { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { TenantSettingsSchema } from '../../src/tenancy/settings.js';
import type { TenantDefinition } from '../../src/tenancy/tenant-file.js';
import { plugins } from '../../plugins/index.js';
import { BENCH_DB, SEED, benchEnv, SHAPE, benchServices, bulkInsert, idMaker, pluginOfSmall, prng, progress, smallTenantKey, withClient } from './common.js';
import pg from 'pg';

const started = Date.now();
const rand = prng(SEED);
const newId = idMaker(rand);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const day = (base: number, offsetDays: number) => new Date(base + offsetDays * 86_400_000).toISOString().slice(0, 10);
const NOW = Date.UTC(2026, 0, 15);

const { services, serverUrl, databaseUrl } = await benchServices();
process.stderr.write(`bench:seed → database ${BENCH_DB} (seed ${SEED})\n`);
await withClient(serverUrl, async (c) => {
  await c.query(`drop database if exists "${BENCH_DB}" with (force)`);
  await c.query(`create database "${BENCH_DB}"`);
});

const config = loadConfig(benchEnv());
const app = await App.create({ config, plugins, databaseUrl, redisUrl: services.redisUrl, log: createLogger('warn'), queuePrefix: '{bench}' });

function definition(key: string, plugin: string, name: string): TenantDefinition {
  const parsed = app.host.parseConfig(plugin, {});
  if (!parsed.ok) throw new Error(`default config of ${plugin} rejected: ${JSON.stringify(parsed.problems)}`);
  return { file: `bench:${key}`, key, name, level: 'city', parent: null, demo: false, plugins: [{ key: plugin, effectiveFrom: '2000-01-01', config: parsed.config }], settings: TenantSettingsSchema.parse({}) };
}

// ── Tenants: provisioned (schema created, core + plugin migrations) by the real TenancyService ──
const keys = [SHAPE.big.key, ...Array.from({ length: SHAPE.tenants - 1 }, (_, i) => smallTenantKey(i + 1))];
const bar = progress('tenants (provision)', keys.length);
for (const key of keys) {
  const plugin = key === SHAPE.big.key ? SHAPE.big.plugin : pluginOfSmall(Number(key.slice(1)));
  await app.tenancy.provision(definition(key, plugin, key === SHAPE.big.key ? 'Benchmark large tenant' : `Benchmark tenant ${key}`));
  bar.tick(1, key);
}
bar.done();
await app.close(0);

const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const ts = new Date(NOW).toISOString();

const INSTITUTION: [string, string][] = [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['name', 'text'], ['name_en', 'text'], ['kind', 'text'], ['dispatching', 'bool'], ['host', 'bool'], ['country', 'text'], ['province', 'text'], ['city', 'text'], ['level', 'text'], ['qualification_verified', 'bool']];
const PROGRAMME: [string, string][] = [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['scheme', 'text'], ['code', 'text'], ['name', 'text'], ['year', 'int'], ['status', 'text'], ['opens_on', 'date'], ['closes_on', 'date'], ['reference_date', 'date'], ['quota', 'int']];
const TRACK: [string, string][] = [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['programme_id', 'uuid'], ['code', 'text'], ['name', 'text'], ['quota', 'int']];
const TALENT: [string, string][] = [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['name', 'text'], ['gender', 'text'], ['birth_date', 'date'], ['unit_id', 'uuid'], ['department', 'text'], ['field', 'text'], ['profession', 'text'], ['title_grade', 'text'], ['highest_degree', 'text'], ['admin_experience_months', 'int'], ['english_self_declared', 'text'], ['email', 'text']];
const APPLICATION: [string, string][] = [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['programme_id', 'uuid'], ['track', 'text'], ['talent_id', 'uuid'], ['unit_id', 'uuid'], ['status', 'text'], ['submitted_at', 'timestamptz']];
const PLACEMENT: [string, string][] = [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['programme_id', 'uuid'], ['application_id', 'uuid'], ['talent_id', 'uuid'], ['unit_id', 'uuid'], ['host_institution_id', 'uuid'], ['status', 'text'], ['planned_start', 'date'], ['planned_end', 'date'], ['actual_start', 'date'], ['actual_end', 'date']];
const REPORT: [string, string][] = [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['placement_id', 'uuid'], ['talent_id', 'uuid'], ['unit_id', 'uuid'], ['kind', 'text'], ['sequence', 'int'], ['title', 'text'], ['due_on', 'date'], ['status', 'text']];
const OUTCOME: [string, string][] = [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['talent_id', 'uuid'], ['unit_id', 'uuid'], ['placement_id', 'uuid'], ['category', 'text'], ['title', 'text'], ['achieved_on', 'date'], ['quantity', 'int'], ['verified', 'bool']];
const CANDIDACY: [string, string][] = [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['application_id', 'uuid'], ['programme_id', 'uuid'], ['talent_id', 'uuid'], ['unit_id', 'uuid'], ['track', 'text'], ['stage', 'text'], ['registered_at', 'timestamptz'], ['attested_by', 'text'], ['language_level', 'text'], ['language_score', 'int'], ['language_assessed_by', 'text'], ['language_assessed_on', 'date']];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚', '桂英'];
const FIELDS = ['western_medicine', 'tcm', 'nursing', 'pharmacy', 'medical_technology', 'public_health', 'management'];
const PROFESSIONS = ['doctor', 'nurse', 'pharmacist', 'technician', 'manager', 'researcher'];
const GRADES = ['junior', 'intermediate', 'associate_senior', 'senior'];
const DEGREES = ['bachelor', 'master', 'doctorate'];
const ENGLISH = ['basic', 'working', 'good', 'fluent'];
const HOSTS = [['Mayo Clinic', 'US'], ['Johns Hopkins Hospital', 'US'], ['Charité', 'DE'], ['Karolinska', 'SE'], ['Royal Melbourne Hospital', 'AU'], ['Toronto General', 'CA'], ['瑞金医院', 'CN'], ['华山医院', 'CN'], ['Singapore General', 'SG'], ['Tokyo University Hospital', 'JP']] as const;
const TRACKS = ['leading_talent', 'clinical_backbone', 'medical_innovation', 'teaching', 'health_management'];
const OUTCOME_CATS = ['new_technology', 'international_cooperation', 'domestic_leading_technology', 'teaching_model', 'management_model', 'guideline', 'paper'];

interface Sizes { units: number; hosts: number; programmes: number; talents: number; appsPerTalent: number; placements: number; reportsPer: number; candidacies: number; reportsDueFromNow?: boolean }

/** Write one tenant's rows; the caller's bar advances by rows written. */
async function fillTenant(schema: string, scheme: string, s: Sizes, tick: (n: number) => void): Promise<{ talents: string[]; candidacies: string[] }> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    await c.query(`set local search_path to "${schema}"`);
    const units = Array.from({ length: s.units }, (_, i) => [newId(), ts, ts, `${pick(SURNAMES)}${['州', '城', '县'][i % 3]}第${i + 1}人民医院`, null, 'hospital', true, false, 'CN', '浙江省', '温州市', 'grade-3A', true]);
    const hosts = Array.from({ length: s.hosts }, (_, i) => { const [n, country] = HOSTS[i % HOSTS.length]!; return [newId(), ts, ts, `${n} ${Math.floor(i / HOSTS.length) + 1}`, n, country === 'CN' ? 'hospital' : 'university', false, true, country, null, null, null, true]; });
    await bulkInsert(c, 'institution', INSTITUTION, [...units, ...hosts]);
    const programmes = Array.from({ length: s.programmes }, (_, i) => [newId(), ts, ts, scheme, `call_${2016 + i}`, `${2016 + i} call`, 2016 + i, i === s.programmes - 1 ? 'open' : 'closed', `${2016 + i}-03-01`, `${2016 + i}-05-31`, `${2016 + i}-06-30`, 100]);
    await bulkInsert(c, 'programme', PROGRAMME, programmes);
    const tracks = programmes.flatMap((p) => TRACKS.map((code) => [newId(), ts, ts, p[0], code, code.replace(/_/g, ' '), 20]));
    await bulkInsert(c, 'programme_track', TRACK, tracks);
    tick(units.length + hosts.length + programmes.length);

    const talents: unknown[][] = [];
    for (let i = 0; i < s.talents; i++) {
      const unit = pick(units);
      talents.push([newId(), ts, ts, `${pick(SURNAMES)}${pick(GIVEN)}`, rand() < 0.55 ? 'female' : 'male', day(Date.UTC(1970, 0, 1), int(0, 25 * 365)), unit[0], pick(['心内科', '骨科', '急诊科', '护理部', '药剂科', '检验科']), pick(FIELDS), pick(PROFESSIONS), pick(GRADES), pick(DEGREES), int(0, 120), pick(ENGLISH), `t${i}@example.org`]);
    }
    for (let i = 0; i < talents.length; i += 20_000) {
      await bulkInsert(c, 'talent', TALENT, talents.slice(i, i + 20_000));
      tick(Math.min(20_000, talents.length - i));
    }

    // Each talent applies to `appsPerTalent` distinct programmes (unique per programme and talent).
    const applications: unknown[][] = [];
    for (const t of talents) {
      const first = int(0, s.programmes - 1);
      for (let k = 0; k < s.appsPerTalent; k++) {
        const p = programmes[(first + k) % s.programmes]!;
        applications.push([newId(), ts, ts, p[0], pick(TRACKS), t[0], t[6], pick(['submitted', 'eligible', 'ineligible', 'selected', 'rejected']), ts]);
      }
    }
    for (let i = 0; i < applications.length; i += 20_000) {
      await bulkInsert(c, 'application', APPLICATION, applications.slice(i, i + 20_000));
      tick(Math.min(20_000, applications.length - i));
    }

    const placements: unknown[][] = [];
    const reports: unknown[][] = [];
    const outcomes: unknown[][] = [];
    const stride = Math.max(1, Math.floor(applications.length / Math.max(1, s.placements)));
    for (let i = 0; i < s.placements; i++) {
      const a = applications[(i * stride) % applications.length]!;
      const startOffset = s.reportsDueFromNow ? int(-180, 60) : int(-3000, 200);
      const start = day(NOW, startOffset);
      const months = pick([3, 6, 12]);
      const end = day(NOW, startOffset + months * 30);
      const status = startOffset + months * 30 < 0 ? 'completed' : startOffset < 0 ? 'active' : 'planned';
      const pid = newId();
      placements.push([pid, ts, ts, a[3], a[0], a[5], a[6], pick(hosts)[0], status, start, end, status === 'planned' ? null : start, status === 'completed' ? end : null]);
      for (let r = 0; r < s.reportsPer; r++) {
        const due = s.reportsDueFromNow ? day(NOW, int(20, 200)) : day(NOW, startOffset + (r + 1) * 45);
        const owed = s.reportsDueFromNow || status !== 'completed';
        reports.push([newId(), ts, ts, pid, a[5], a[6], r === s.reportsPer - 1 ? 'summary' : 'progress', r + 1, r === s.reportsPer - 1 ? '总结报告 Summary report' : `进展报告 Progress report ${r + 1}`, due, owed ? 'due' : pick(['submitted', 'accepted'])]);
      }
      const n = s.reportsDueFromNow ? 0 : pick([0, 1, 2]);
      for (let k = 0; k < n; k++) outcomes.push([newId(), ts, ts, a[5], a[6], pid, pick(OUTCOME_CATS), `成果 Outcome ${k + 1} of placement ${i + 1}`, day(NOW, startOffset + months * 30 + int(30, 400)), int(1, 20), rand() < 0.5]);
    }
    for (const [table, cols, rows] of [['placement', PLACEMENT, placements], ['report', REPORT, reports], ['outcome', OUTCOME, outcomes]] as const) {
      for (let i = 0; i < rows.length; i += 20_000) {
        await bulkInsert(c, table, cols as [string, string][], rows.slice(i, i + 20_000));
        tick(Math.min(20_000, rows.length - i));
      }
    }

    // Wenzhou candidacies waiting for committee scores (the write benchmark scores them).
    const candidacies: unknown[][] = [];
    if (scheme === 'wenzhou-overseas' && s.candidacies) {
      await c.query(`update application set status = 'eligible' where id = any($1::uuid[])`, [applications.slice(-s.candidacies).map((a) => a[0])]);
      for (const a of applications.slice(-s.candidacies)) {
        candidacies.push([newId(), ts, ts, a[0], a[3], a[5], a[6], a[4], 'language_assessed', ts, 'bench', 'good', 80, 'bench-expert', day(NOW, -10)]);
      }
      await bulkInsert(c, 'wz_candidacy', CANDIDACY, candidacies);
      tick(candidacies.length);
    }
    await c.query('commit');
    return { talents: talents.map((t) => t[0] as string), candidacies: candidacies.map((x) => x[0] as string) };
  } catch (e) {
    await c.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

// ── The large tenant ──
const b = SHAPE.big;
const bigRows = b.units + b.hosts + b.programmes + b.talents * (1 + b.applicationsPerTalent) + b.placements * (1 + b.reportsPerPlacement + 1) + b.candidacies;
const bigBar = progress('big tenant (rows)', bigRows);
await fillTenant('t_big', b.plugin, { units: b.units, hosts: b.hosts, programmes: b.programmes, talents: b.talents, appsPerTalent: b.applicationsPerTalent, placements: b.placements, reportsPer: b.reportsPerPlacement, candidacies: b.candidacies }, (n) => bigBar.tick(n));
bigBar.done();

// ── Small tenants ──
const smallBar = progress('small tenants', SHAPE.tenants - 1);
for (let i = 1; i < SHAPE.tenants; i++) {
  const forReminders = i <= SHAPE.reminderTenants;
  await fillTenant(`t_${smallTenantKey(i)}`, pluginOfSmall(i), forReminders
    ? { units: 5, hosts: 3, programmes: 2, talents: SHAPE.reportsPerReminderTenant, appsPerTalent: 1, placements: SHAPE.reportsPerReminderTenant, reportsPer: 1, candidacies: 0, reportsDueFromNow: true }
    : { units: 4, hosts: 3, programmes: 2, talents: 20, appsPerTalent: 1, placements: 5, reportsPer: 2, candidacies: 0 }, () => undefined);
  smallBar.tick(1);
}
smallBar.done();

process.stderr.write('analyze…\n');
await withClient(databaseUrl, (c) => c.query('analyze'));
await pool.end();
await services.stop();
process.stderr.write(`bench:seed done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${SHAPE.tenants} tenants, large tenant ${b.talents.toLocaleString('en')} talents\n`);
