import type { RequestContext } from '../../../src/index.js';
import { GuizhouContributionKind, GuizhouGapLevel, GuizhouGrade, GuizhouTraineeStatus as S, GuizhouWithdrawalStage as W } from '../domain.js';
import { COUNT_KEYS, dashboard, type CohortRow, type Dashboard } from '../rules/dashboard.js';

/**
 * Reads the per-cohort counts with two aggregate statements, whatever the number of trainees, and
 * leaves the arithmetic to the pure `dashboard()` rule. Raw SQL, so the tables are qualified with
 * the tenant's schema explicitly (quoted); only tenant-wide roles reach it (no row scope here).
 */
const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export async function loadDashboard(ctx: RequestContext, periods: readonly number[] | null, verifiedOnly: boolean): Promise<Dashboard> {
  const s = quote(ctx.tenant.schema);
  const periodFilter = periods?.length ? `where c.period = any(?::int[])` : '';
  const periodParams = periods?.length ? [`{${periods.map((p) => Math.trunc(p)).join(',')}}`] : [];
  const trainedNow = `t.status in ('${S.IN_TRAINING}', '${S.COMPLETED}', '${S.NOT_COMPLETED}') or (t.status = '${S.WITHDRAWN}' and t.withdrawal_stage = '${W.MID_TERM}')`;
  const concluded = `t.status in ('${S.COMPLETED}', '${S.NOT_COMPLETED}') or (t.status = '${S.WITHDRAWN}' and t.withdrawal_stage = '${W.MID_TERM}')`;
  const trainees = await ctx.em.execute<Record<string, string | number>[]>(
    `select c.id as cohort_id, c.round, c.period,
       count(t.id) filter (where ${trainedNow}) as trained,
       count(t.id) filter (where t.status = '${S.IN_TRAINING}') as in_training,
       count(t.id) filter (where ${concluded}) as concluded,
       count(t.id) filter (where t.status = '${S.COMPLETED}') as completed,
       count(t.id) filter (where t.status = '${S.NOT_COMPLETED}') as not_completed,
       count(t.id) filter (where t.status = '${S.WITHDRAWN}' and t.withdrawal_stage = '${W.MID_TERM}') as withdrawn_mid_term,
       count(t.id) filter (where t.status = '${S.WITHDRAWN}' and t.withdrawal_stage = '${W.BEFORE_START}') as withdrawn_before_start,
       count(t.id) filter (where t.status = '${S.COMPLETED}' and t.final_grade = '${GuizhouGrade.EXCELLENT}') as excellent,
       count(t.id) filter (where t.status = '${S.COMPLETED}' and t.returned_on is not null) as returned
     from ${s}.gz_cohort c left join ${s}.gz_trainee t on t.cohort_id = c.id
     ${periodFilter}
     group by c.id, c.round, c.period`,
    periodParams,
  );
  const K = GuizhouContributionKind;
  const outcomes = await ctx.em.execute<Record<string, string | number>[]>(
    `select t.cohort_id,
       count(*) filter (where o.category = '${K.NEW_TECHNOLOGY}') as new_technologies,
       count(*) filter (where o.category = '${K.GAP_FILLED}') as gaps_filled,
       count(*) filter (where o.category = '${K.GAP_FILLED}' and o.level = '${GuizhouGapLevel.PROVINCE}') as gaps_filled_province,
       count(*) filter (where o.category = '${K.GAP_FILLED}' and o.level = '${GuizhouGapLevel.CITY}') as gaps_filled_city,
       count(*) filter (where o.category = '${K.GAP_FILLED}' and o.level = '${GuizhouGapLevel.COUNTY}') as gaps_filled_county,
       count(*) filter (where o.category = '${K.CASCADE_TRAINING}') as cascade_sessions,
       coalesce(sum(o.quantity) filter (where o.category = '${K.CASCADE_TRAINING}'), 0) as grassroots_trained
     from ${s}.outcome o join ${s}.gz_trainee t on t.placement_id = o.placement_id join ${s}.gz_cohort c on c.id = t.cohort_id
     where (? = false or o.verified) ${periods?.length ? 'and c.period = any(?::int[])' : ''}
     group by t.cohort_id`,
    [verifiedOnly, ...periodParams],
  );
  const byCohort = new Map(outcomes.map((o) => [String(o.cohort_id), o]));
  const camel = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const rows: CohortRow[] = trainees.map((t) => {
    const o = byCohort.get(String(t.cohort_id)) ?? {};
    const row = { cohortId: String(t.cohort_id), round: Number(t.round), period: Number(t.period) } as CohortRow;
    for (const k of COUNT_KEYS) row[k] = Number(t[camel(k)] ?? o[camel(k)] ?? 0);
    return row;
  });
  return dashboard(rows);
}
