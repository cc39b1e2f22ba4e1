import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The indicators of a talent on a day, as SQL: counts of their research output achieved on or
 * before the day, by kind. One fragment shared by the baseline (at the decision) and the
 * follow-ups (at filing), so the two measure the same thing.
 */
export const SCI = `array['sci','scie','ssci']::text[]`;

/** A lateral subquery `c` over research_output for `talentExpr` on or before `dayExpr`. */
export function countsLateral(q: (table: string) => string, talentExpr: string, dayExpr: string): string {
  return `left join lateral (
    select count(*)::int as outputs,
      count(*) filter (where r.kind = 'paper')::int as papers,
      count(*) filter (where r.kind = 'paper' and r.indexing && ${SCI})::int as sci_papers,
      count(*) filter (where r.kind = 'grant')::int as grants,
      coalesce(sum(r.amount_fen) filter (where r.kind = 'grant'), 0)::bigint as grant_fen,
      count(*) filter (where r.kind = 'award')::int as awards,
      count(*) filter (where r.kind = 'patent')::int as patents,
      count(*) filter (where r.kind = 'clinical_technique')::int as new_techniques
    from ${q('research_output')} r where r.talent_id = ${talentExpr} and r.achieved_on <= ${dayExpr}) c on true`;
}

export const COUNT_COLUMNS = ['outputs', 'papers', 'sci_papers', 'grants', 'grant_fen', 'awards', 'patents', 'new_techniques'] as const;

/** Run a statement in the em's transaction (if any). */
export async function run<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];
}

/** A PostgreSQL array literal of ids or numbers, bound as one text parameter and cast (`?::uuid[]`). */
export const pgArray = (values: readonly (string | number)[]): string => `{${values.map((v) => String(v).replace(/[^0-9a-fA-F-]/g, '')).join(',')}}`;
