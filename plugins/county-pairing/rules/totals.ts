import { ActivityKind, CaseRole } from '../domain.js';
import { GRADED_KINDS } from './case-log.js';

export interface CaseCountRow {
  kind: ActivityKind;
  grade: number | null;
  role: CaseRole;
  signedOff: boolean;
  count: number;
}

/**
 * Case-log totals from grouped counts: overall, per surgical grade (by role), per kind. Every
 * bucket gives `signedOff` (entries the mentor signed off) and `pending` (logged, not yet signed
 * off); its `total`/`count` is both together.
 */
export function caseTotals(rows: readonly CaseCountRow[]) {
  const sum = (f: (r: CaseCountRow) => boolean) => rows.filter(f).reduce((n, r) => n + r.count, 0);
  const graded = (r: CaseCountRow) => GRADED_KINDS.includes(r.kind) && r.grade != null;
  return {
    total: sum(() => true),
    signedOff: sum((r) => r.signedOff),
    pending: sum((r) => !r.signedOff),
    byGrade: [1, 2, 3, 4].map((grade) => {
      const g = (r: CaseCountRow) => graded(r) && r.grade === grade;
      return {
        grade,
        total: sum(g),
        independent: sum((r) => g(r) && r.role === CaseRole.INDEPENDENT),
        underGuidance: sum((r) => g(r) && r.role === CaseRole.UNDER_GUIDANCE),
        assisting: sum((r) => g(r) && r.role === CaseRole.ASSISTING),
        signedOff: sum((r) => g(r) && r.signedOff),
        pending: sum((r) => g(r) && !r.signedOff),
      };
    }),
    byKind: Object.values(ActivityKind)
      .map((kind) => ({ kind, count: sum((r) => r.kind === kind), signedOff: sum((r) => r.kind === kind && r.signedOff), pending: sum((r) => r.kind === kind && !r.signedOff) }))
      .filter((k) => k.count > 0),
  };
}
