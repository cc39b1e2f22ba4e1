import { addDays, addMonths, compareDates, type CalendarDate, type ReportDue } from '../../../src/index.js';
import { STAGE_LABELS_ZH, type StageKind } from '../domain.js';

export interface ReminderFacts {
  /** The pairing period: the placement's actual dates where known, else planned ones. */
  start: CalendarDate;
  end: CalendarDate;
  /** The training plan's stages, in order (empty until the mentor writes the plan). */
  stages: readonly { kind: StageKind; endsOn: CalendarDate }[];
  signOffEveryMonths: number;
  stageReviewAfterDays: number;
  /** Days after the end the competency check falls due (a local default); absent: no check owed. */
  competencyCheckWithinDays?: number;
}

/**
 * What a pairing owes, as core reports (the jobs system turns due reports into reminders):
 * - `case_log_signoff` #1..N: the mentor signs the month's case log off every `signOffEveryMonths`
 *   months from the start, and a last time on the end day;
 * - `stage_review` #1..K: a review of plan stage k, `stageReviewAfterDays` after it ends;
 * - `competency_check` #1: the competency check at the end, `competencyCheckWithinDays` after the
 *   last day (recording the check hands it in).
 * The rhythm and the delays are local defaults: seed 004 gives none.
 */
export function pairingReminders(f: ReminderFacts): ReportDue[] {
  const out: ReportDue[] = [];
  let n = 0;
  for (;;) {
    const due = addMonths(f.start, f.signOffEveryMonths * (n + 1));
    if (compareDates(due, f.end) >= 0) break;
    n += 1;
    out.push({ kind: 'case_log_signoff', sequence: n, title: `带教病例第${n}次签认 Mentor's case-log sign-off ${n}`, dueOn: due });
  }
  if (compareDates(f.end, f.start) > 0) out.push({ kind: 'case_log_signoff', sequence: n + 1, title: `带教病例第${n + 1}次签认（结业） Mentor's case-log sign-off ${n + 1} (final)`, dueOn: f.end });
  f.stages.forEach((s, i) => {
    out.push({ kind: 'stage_review', sequence: i + 1, title: `第${i + 1}阶段考评：${STAGE_LABELS_ZH[s.kind]} Stage review ${i + 1}: ${s.kind.replaceAll('_', ' ')}`, dueOn: addDays(s.endsOn, f.stageReviewAfterDays) });
  });
  if (f.competencyCheckWithinDays != null) {
    out.push({ kind: 'competency_check', sequence: 1, title: 'Competency check at the end of the pairing / 结业能力考核', dueOn: addDays(f.end, f.competencyCheckWithinDays) });
  }
  return out;
}
