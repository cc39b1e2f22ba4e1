/**
 * The write mix scores Wenzhou candidacies as experts `expert-0` … `expert-19`. Since the plugin
 * lets only members of the call's selection committee score (四(三) 评选委员会), the benchmark
 * forms the committee of every call with candidacies and appoints those experts, through the API
 * as the commission would; already formed or appointed is left as it is.
 */
import type pg from 'pg';

export const BENCH_EXPERTS = Array.from({ length: 20 }, (_, i) => `expert-${i}`);

export async function formBenchCommittees(db: pg.Pool, graphqlUrl: string, adminHeaders: Record<string, string>): Promise<void> {
  const call = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...adminHeaders }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
    if (body.errors) throw new Error(`committee setup failed: ${JSON.stringify(body.errors).slice(0, 400)}`);
    return body.data!;
  };
  const programmes = (await db.query(`select distinct programme_id as id from t_big.wz_candidacy`)).rows.map((r) => r.id as string);
  for (const programmeId of programmes) {
    let committee = (await db.query(`select id from t_big.wz_committee where programme_id = $1`, [programmeId])).rows[0]?.id as string | undefined;
    committee ??= (await call(`mutation($i: WenzhouCommitteeInput!) { wenzhouFormCommittee(input: $i) { id } }`, { i: { programmeId, name: 'Benchmark committee' } })).wenzhouFormCommittee!.id;
    const appointed = new Set((await db.query(`select expert_id from t_big.wz_committee_member where committee_id = $1`, [committee])).rows.map((r) => r.expert_id as string));
    for (const expertId of BENCH_EXPERTS.filter((e) => !appointed.has(e))) {
      await call(`mutation($i: WenzhouCommitteeMemberInput!) { wenzhouAddCommitteeMember(input: $i) { id } }`, { i: { committeeId: committee, expertId, name: expertId, titleGrade: 'SENIOR', specialty: 'cardiology' } });
    }
  }
}
