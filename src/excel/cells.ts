import { isCalendarDate, type CalendarDate } from '../calendar.js';
import type { ImportColumn } from './types.js';

/** A cell as the reader gives it: text, number, boolean, a date (Excel date cells), or empty. */
export type CellValue = string | number | boolean | Date | null;

/** Column index (1-based) to its letters: 1 → A, 28 → AB. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Headers as people type them: spaces, full-width spaces, a trailing * or （必填） for required columns. */
export function normaliseHeader(text: string): string {
  return text.replace(/[\s\u3000]+/g, '').replace(/[*＊]$/, '').replace(/[（(](必填|选填|可选)[）)]$/, '').toLowerCase();
}

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (message: string): Parsed => ({ ok: false, message });

/** A JavaScript Date from an Excel date cell (exceljs gives UTC midnight) → the calendar day it shows. */
function dayOf(d: Date): CalendarDate {
  return d.toISOString().slice(0, 10);
}

/** Excel's day serial (1900 system) → calendar day, for date cells typed without a date format. */
function serialDay(n: number): CalendarDate | null {
  if (!Number.isInteger(n) || n < 1 || n > 2958465) return null;
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
}

const TRUE = new Set(['是', '有', 'y', 'yes', 'true', '1', '√', '✓']);
const FALSE = new Set(['否', '无', '没有', 'n', 'no', 'false', '0', '×']);

/**
 * One cell, read as its column says. Only the shape is checked here (a date is a date, a number a
 * number, an enum one of its labels); what the value may be is the API's validation, after.
 */
export function parseCell(col: ImportColumn, raw: CellValue): Parsed {
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return col.required ? bad('is required') : ok(null);
  switch (col.type) {
    case 'text':
    case 'list': {
      let text: string;
      if (typeof raw === 'number') {
        // 18-digit ID numbers typed as numbers have lost their last digits in Excel already.
        if (!Number.isSafeInteger(raw)) return bad('is a number with more digits than Excel keeps: format the column as text and type it again');
        text = String(raw);
      } else if (raw instanceof Date) text = dayOf(raw);
      else text = String(raw).trim();
      if (col.type === 'text') return ok(text);
      return ok(text.split(/[,，、;；\s]+/).filter(Boolean));
    }
    case 'integer': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^[+-]?\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
      return Number.isSafeInteger(n) ? ok(n) : bad('must be a whole number');
    }
    case 'date': {
      if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? bad('is not a valid date') : ok(dayOf(raw));
      if (typeof raw === 'number') {
        const d = serialDay(raw);
        return d ? ok(d) : bad('must be a date such as 2025-06-30');
      }
      const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(String(raw).trim());
      const day = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : '';
      return isCalendarDate(day) ? ok(day) : bad('must be a date such as 2025-06-30');
    }
    case 'boolean': {
      const t = String(raw).trim().toLowerCase();
      if (typeof raw === 'boolean') return ok(raw);
      if (TRUE.has(t)) return ok(true);
      if (FALSE.has(t)) return ok(false);
      return bad('must be 是 or 否');
    }
    case 'enum': {
      const t = String(raw).trim();
      const values = col.values ?? {};
      if (t in values) return ok(values[t]);
      const byValue = Object.values(values).find((v) => v.toLowerCase() === t.toLowerCase());
      if (byValue) return ok(byValue);
      return bad(`must be one of ${Object.keys(values).join('、')}`);
    }
  }
}

/** What a cell showed, for a problem report (never personal data: callers mask those columns). */
export function shown(raw: CellValue): string | null {
  if (raw === null) return null;
  if (raw instanceof Date) return dayOf(raw);
  return String(raw).slice(0, 100);
}
