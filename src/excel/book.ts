import ExcelJS from 'exceljs';
import { execute, parse, validate, type GraphQLSchema } from 'graphql';
import { isAppError } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import type { Classification, ExportBook, ExportCellType, ExportColumn, ExportSheet } from './types.js';

/**
 * An export being written: exceljs' streaming WorkbookWriter (each row is committed and released
 * as it is added) and the GraphQL API run as the requester, so an export holds exactly what the
 * same person would read through POST /graphql — the same roles, row scope and personal-data rule.
 */
const NUM_FMT: Partial<Record<ExportCellType, string>> = {
  integer: '#,##0',
  decimal: '#,##0.00',
  percent: '0.00%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  // Money is kept in integer fen; the cell holds yuan and shows it as such.
  money: '"¥"#,##0.00',
};
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** A value as the cell type wants it: fen → yuan, a calendar day → a date cell, an instant → Shanghai wall time, a fraction → a percent cell. */
export function cellValue(type: ExportCellType | undefined, v: unknown): unknown {
  if (v === null || v === undefined || v === '') return null;
  switch (type) {
    case 'money':
      return Number(v) / 100;
    case 'percent': // a fraction, 0.9953 → 99.53%
    case 'integer':
    case 'decimal':
      return Number(v);
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(v));
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : String(v);
    }
    case 'datetime': {
      const t = new Date(String(v)).getTime();
      // Excel cells have no time zone: show the Shanghai clock time.
      return Number.isNaN(t) ? String(v) : new Date(t + SHANGHAI_OFFSET_MS);
    }
    default:
      return Array.isArray(v) ? v.join('、') : v;
  }
}

export class Book implements ExportBook {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheets: { ws: ExcelJS.Worksheet; header: () => void }[] = [];

  constructor(
    path: string,
    private readonly ctx: RequestContext,
    private readonly schema: GraphQLSchema,
    private readonly title: string,
    private readonly classification: Classification | null,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
    const wb = this.workbook as unknown as Record<string, unknown>;
    wb.creator = `talent-schemes (${ctx.tenant.key})`;
    wb.created = ctx.clock.now();
    wb.title = title;
    if (classification) {
      // Also in the document's properties, which travel with the file whatever is done to its sheets.
      wb.subject = classification.notice;
      wb.keywords = classification.mark;
      wb.category = classification.mark;
      wb.description = classification.notice;
    }
  }

  sheet(name: string, columns: readonly ExportColumn[]): ExportSheet {
    const c = this.classification;
    const ws = this.workbook.addWorksheet(name.slice(0, 31), {
      headerFooter: c ? { oddHeader: `&C&"-,Bold"&12${c.mark}  ${c.notice}`, oddFooter: `&L${c.mark}&R&P / &N` } : { oddFooter: '&R&P / &N' },
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.columns = columns.map((col) => ({ key: col.key, width: col.width ?? Math.max(10, col.header.length * 2 + 4), style: NUM_FMT[col.type ?? 'text'] ? { numFmt: NUM_FMT[col.type ?? 'text'] } : {} }));
    let headerWritten = false;
    const writeBanner = (text: string, red: boolean) => {
      const row = ws.addRow([text]);
      row.font = { bold: true, color: red ? { argb: 'FFC00000' } : undefined, size: red ? 12 : 14 };
      ws.mergeCells(row.number, 1, row.number, Math.max(1, columns.length));
      row.commit();
    };
    if (c) writeBanner(`【${c.mark}】${c.notice}`, true);
    const header = () => {
      if (headerWritten) return;
      headerWritten = true;
      const row = ws.addRow(columns.map((col) => col.header));
      row.font = { bold: true };
      row.eachCell((cell) => {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
        cell.border = { bottom: { style: 'thin' } };
      });
      row.commit();
    };
    this.sheets.push({ ws, header });
    return {
      banner: (text) => {
        if (headerWritten) throw new Error('a banner goes above the header');
        writeBanner(text, false);
      },
      add: (values) => {
        header();
        ws.addRow(columns.map((col) => cellValue(col.type, values[col.key]))).commit();
      },
    };
  }

  async query<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    const doc = parse(document);
    const invalid = validate(this.schema, doc);
    if (invalid.length) throw new Error(`export query is invalid: ${invalid[0]!.message}`);
    const result = await execute({ schema: this.schema, document: doc, contextValue: this.ctx, variableValues: variables });
    if (result.errors?.length) {
      const e = result.errors[0]!;
      throw isAppError(e.originalError) ? e.originalError : e;
    }
    return result.data as T;
  }

  async *pages<T>(document: string, variables: Record<string, unknown>, connection: (data: any) => { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } }): AsyncGenerator<T> {
    let after: string | null = null;
    for (;;) {
      const page = connection(await this.query(document, { ...variables, first: 500, after }));
      for (const n of page.nodes) yield n;
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
      after = page.pageInfo.endCursor;
      this.ctx.em.clear();
    }
  }

  async finish(): Promise<void> {
    // An empty list still gets its header row.
    for (const { ws, header } of this.sheets) {
      header();
      ws.commit();
    }
    await this.workbook.commit();
  }
}
