import type { EntityManager } from '@mikro-orm/postgresql';
import { tenantTables } from '../db/tables.js';
import type { CalendarDate } from '../calendar.js';
import { POST_ORDER } from './domain.js';
import { TITLE_ORDER } from '../core/domain.js';
import { SCI, pgArray, run } from './indicators.js';

/** One histogram bar: in a programme (track), at a follow-up, of trainees or not, how many people had `value` of `indicator` on `side`. */
export interface HistogramRow {
  programme_id: string;
  track: string | null;
  months: number | null;
  selected: boolean;
  indicator: string;
  /** after (the window from the stay), before (the trainees' own equal window before), paired (after − before), baseline (the level at the decision), population (baselines recorded) */
  side: 'after' | 'before' | 'paired' | 'baseline' | 'population';
  value: number;
  people: number;
}

const COUNTED = [
  ['outputs', `count(*)`],
  ['papers', `count(*) filter (where r.kind = 'paper')`],
  ['sci_papers', `count(*) filter (where r.kind = 'paper' and r.indexing && ${SCI})`],
  ['grants', `count(*) filter (where r.kind = 'grant')`],
  ['new_techniques', `count(*) filter (where r.kind = 'clinical_technique')`],
  ['patents', `count(*) filter (where r.kind = 'patent')`],
  ['awards', `count(*) filter (where r.kind = 'award')`],
] as const;

const textArray = (values: readonly string[]) => `array[${values.map((v) => `'${v}'`).join(',')}]::text[]`;

/**
 * The whole comparison of some programmes in ONE statement, whatever the number of people: who
 * was decided (baselines), each trainee's stay (first completed placement), the programme's
 * median stay as the not-selected applicants' calendar window, each person's output in their
 * window after (and the trainees' in the equal window before), title and post steps, folded into
 * histograms by PostgreSQL. Windows still open on `asOf` are left out.
 *
 * Windows, per follow-up month m: a trainee's runs from the first day away to m months after the
 * last (so a paper achieved before the stay is not its fruit, whatever placement it was
 * attributed to); a not-selected applicant's runs over the programme's median first and last
 * days away plus m months. Title and post steps: a trainee's from the baseline to the follow-up
 * the unit filed (none filed: not counted); a not-selected applicant's from the baseline to the
 * record as it stands now.
 */
export function comparisonSql(em: EntityManager): string {
  const q = tenantTables(em);
  const titles = textArray(TITLE_ORDER);
  const posts = textArray(POST_ORDER);
  const counts = (prefix: string) => COUNTED.map(([name, expr]) => `${expr}::int as ${prefix}${name}`).join(', ');
  const values = [
    ...COUNTED.map(([name]) => `('${name}', a.a_${name}, bf.b_${name}, m.${name})`),
    `('title_steps', case when m.selected then array_position(${titles}, m.f_title) else array_position(${titles}, m.t_title) end - array_position(${titles}, m.title_grade), null::int, null::int)`,
    `('post_steps', case when m.selected then array_position(${posts}, m.f_post) else array_position(${posts}, m.t_post) end - array_position(${posts}, m.post), null::int, null::int)`,
  ].join(',\n      ');
  return `with base as (
    select b.programme_id, b.talent_id, b.track, b.selected, b.title_grade, b.post, ${COUNTED.map(([n]) => `b.${n}`).join(', ')}
    from ${q('evaluation_snapshot')} b
    where b.kind = 'baseline' and b.programme_id = any(?::uuid[]) and (?::uuid is null or b.unit_id = ?::uuid)
  ), stay as (
    select distinct on (p.programme_id, p.talent_id) p.programme_id, p.talent_id, p.actual_start as s, p.actual_end as e
    from ${q('placement')} p
    where p.programme_id = any(?::uuid[]) and p.status = 'completed' and p.actual_start is not null and p.actual_end is not null
    order by p.programme_id, p.talent_id, p.actual_start
  ), ref as (
    select st.programme_id, percentile_disc(0.5) within group (order by st.s) as s, percentile_disc(0.5) within group (order by st.e) as e
    from stay st join base b on b.programme_id = st.programme_id and b.talent_id = st.talent_id and b.selected
    group by st.programme_id
  ), people as (
    select b.*, fm.months,
      case when b.selected then st.s else r.s end as w_from,
      (case when b.selected then st.e else r.e end + make_interval(months => fm.months))::date as w_to
    from base b cross join unnest(?::int[]) as fm(months)
    left join stay st on st.programme_id = b.programme_id and st.talent_id = b.talent_id
    left join ref r on r.programme_id = b.programme_id
    where case when b.selected then st.s is not null else r.s is not null end
  ), measured as (
    select c.*, f.title_grade as f_title, f.post as f_post, t.title_grade as t_title, t.post as t_post
    from people c
    left join ${q('evaluation_snapshot')} f on f.programme_id = c.programme_id and f.talent_id = c.talent_id and f.kind = 'follow_up' and f.months = c.months
    join ${q('talent')} t on t.id = c.talent_id
    where c.w_to <= ?::date
  )
  select m.programme_id, m.track, m.months, m.selected, v.indicator, s.side, s.value, count(*)::int as people
  from measured m
  left join lateral (select ${counts('a_')} from ${q('research_output')} r
    where r.talent_id = m.talent_id and r.achieved_on between m.w_from and m.w_to and (r.verified or not ?::boolean)) a on true
  left join lateral (select ${counts('b_')} from ${q('research_output')} r
    where r.talent_id = m.talent_id and r.achieved_on >= m.w_from - (m.w_to - m.w_from + 1) and r.achieved_on < m.w_from and (r.verified or not ?::boolean)) bf on m.selected
  cross join lateral (values
      ${values}) v(indicator, after_v, before_v, base_v)
  cross join lateral (values ('after', v.after_v), ('before', v.before_v), ('paired', v.after_v - v.before_v), ('baseline', v.base_v)) s(side, value)
  where s.value is not null
  group by 1, 2, 3, 4, 5, 6, 7
  union all
  select b.programme_id, b.track, null, b.selected, 'population', 'population', 0, count(*)::int from base b group by 1, 2, 4`;
}

export async function comparisonRows(em: EntityManager, opts: { programmeIds: string[]; unitId: string | null; months: readonly number[]; asOf: CalendarDate; verifiedOnly: boolean }): Promise<HistogramRow[]> {
  if (!opts.programmeIds.length) return [];
  const ids = pgArray(opts.programmeIds);
  const rows = await run<HistogramRow>(em, comparisonSql(em), [ids, opts.unitId, opts.unitId, ids, pgArray(opts.months), opts.asOf, opts.verifiedOnly, opts.verifiedOnly]);
  return rows.map((r) => ({ ...r, months: r.months == null ? null : Number(r.months), value: Number(r.value), people: Number(r.people) }));
}
