import { addDays, addMonths, type CalendarDate, type FieldProblem } from '../../../src/index.js';

/** A term must be one of the allowed lengths (3, 6 or 12 months): anything else names the field. */
export function termProblem(termMonths: number, allowed: readonly number[], field = 'termMonths'): FieldProblem | null {
  if (Number.isInteger(termMonths) && allowed.includes(termMonths)) return null;
  return { field, message: `must be one of ${allowed.join(', ')} months (got ${termMonths})`, messageZh: `进修期限须为 ${allowed.join('、')} 个月之一（收到 ${termMonths}）` };
}

/** The last day of a term that starts on `start`: 8 February + 6 months → 7 August. */
export function termEnd(start: CalendarDate, termMonths: number): CalendarDate {
  return addDays(addMonths(start, termMonths), -1);
}
