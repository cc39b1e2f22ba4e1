import ExcelJS from 'exceljs';
import type { Importer } from './types.js';

/**
 * An empty list to fill in: the header row the importer reads (required columns marked *, ID
 * and phone columns formatted as text so Excel keeps every digit) and a second sheet saying
 * what each column takes. Only the first sheet is read back.
 */
export async function writeTemplate(importer: Importer, path: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(importer.titleZh.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = importer.columns.map((c) => ({ key: c.field, width: Math.max(12, c.header.length * 2 + 6), style: c.type === 'text' ? { numFmt: '@' } : c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {} }));
  const header = ws.addRow(importer.columns.map((c) => `${c.header}${c.required ? '*' : ''}`));
  header.font = { bold: true };
  header.commit();
  ws.commit();
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 24 }, { width: 10 }, { width: 60 }];
  help.addRow(['列', '必填', '填写内容']).commit();
  for (const c of importer.columns) {
    const what = c.type === 'enum' ? `以下之一：${Object.keys(c.values ?? {}).join('、')}` : c.type === 'date' ? '日期，如 2025-06-30' : c.type === 'integer' ? '整数' : c.type === 'boolean' ? '是 / 否' : c.type === 'list' ? '多项以顿号分隔' : '文本';
    help.addRow([c.header, c.required ? '是' : '', [what, c.note].filter(Boolean).join('；')]).commit();
  }
  help.commit();
  await wb.commit();
}
