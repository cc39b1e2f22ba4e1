import ExcelJS from 'exceljs';

/** Build a real .xlsx in memory: rows of cells (first the header row, or a title row then the header). */
export async function xlsx(rows: unknown[][], opts: { sheet?: string; textColumns?: number[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? 'Sheet1');
  for (const r of rows) ws.addRow(r);
  for (const c of opts.textColumns ?? []) ws.getColumn(c).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ReadBook {
  sheets: { name: string; rows: unknown[][] }[];
  properties: Record<string, unknown>;
  /** Number formats of the cells, by sheet and "row:col". */
  formats: Map<string, string>;
  headerFooter: Record<string, unknown>;
}

/** Read a workbook back (all of it: tests read small files) as plain values. */
export async function readXlsx(data: ArrayBuffer | Buffer): Promise<ReadBook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as ArrayBuffer);
  const formats = new Map<string, string>();
  const sheets = wb.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const values = (row.values as unknown[]).slice(1);
      rows[n - 1] = values;
      row.eachCell((cell, col) => {
        if (cell.numFmt) formats.set(`${ws.name}!${n}:${col}`, cell.numFmt);
      });
    });
    return { name: ws.name, rows };
  });
  const p = wb as unknown as Record<string, unknown>;
  return {
    sheets,
    properties: { title: p.title, subject: p.subject, keywords: p.keywords, category: p.category, description: p.description },
    formats,
    headerFooter: (wb.worksheets[0]?.headerFooter ?? {}) as Record<string, unknown>,
  };
}
