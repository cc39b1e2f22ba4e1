import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { normaliseHeader, type CellValue } from './cells.js';
import type { ImportColumn } from './types.js';

/**
 * Reads the first worksheet of an `.xlsx` as a stream (exceljs' WorkbookReader): one row at a
 * time, never the whole workbook in memory, so a 10,000-row list costs what one row costs (plus
 * the shared-strings table the format requires).
 */
export interface SheetRow {
  number: number;
  /** Cells by 1-based column index. */
  cells: CellValue[];
}

/** Where each expected column is, found in the header row. */
export interface HeaderMap {
  sheet: string;
  row: number;
  /** Column index (1-based) of each import column, by field. */
  index: Map<string, number>;
}

function plain(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
  if ('result' in o) return plain(o.result);
  if ('text' in o) return plain(o.text);
  if ('error' in o) return String(o.error);
  return String(v);
}

export async function* readSheet(input: Readable): AsyncGenerator<{ sheet: string; row: SheetRow }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  for await (const worksheet of reader) {
    const name = (worksheet as unknown as { name?: string }).name ?? 'Sheet1';
    for await (const row of worksheet) {
      const values = row.values as unknown[];
      const cells: CellValue[] = [];
      for (let i = 1; i < values.length; i++) cells[i] = plain(values[i]);
      yield { sheet: name, row: { number: row.number, cells } };
    }
    // Only the first worksheet is the list; the others (instructions, notes) are not read.
    input.destroy();
    return;
  }
}

/** The header row: the first of the first ten rows that has every required column's header. */
export function findHeader(sheet: string, row: SheetRow, columns: readonly ImportColumn[]): HeaderMap | null {
  const byText = new Map<string, number>();
  row.cells.forEach((c, i) => {
    if (typeof c === 'string' && c.trim()) byText.set(normaliseHeader(c), i);
  });
  const index = new Map<string, number>();
  for (const col of columns) {
    const at = [col.header, ...(col.aliases ?? [])].map((h) => byText.get(normaliseHeader(h))).find((i) => i !== undefined);
    if (at !== undefined) index.set(col.field, at);
  }
  if (columns.some((c) => c.required && !index.has(c.field))) return null;
  return { sheet, row: row.number, index };
}
