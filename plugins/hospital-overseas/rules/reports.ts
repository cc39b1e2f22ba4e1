import { addMonths, type PlacementFacts, type ReportDue } from '../../../src/index.js';
import { isChannel, type HospitalConfig } from '../config.js';

/** The summary report, `summaryReportMonths` after the actual (else planned) end of the stay. */
export function stayReports(p: Pick<PlacementFacts, 'track' | 'plannedEnd' | 'actualEnd'>, config: HospitalConfig): ReportDue[] {
  const months = isChannel(p.track) ? config.channels[p.track].obligations.summaryReportMonths : 1;
  return [{ kind: 'summary', title: '出国研修总结报告 Study summary report', dueOn: addMonths(p.actualEnd ?? p.plannedEnd, months) }];
}
