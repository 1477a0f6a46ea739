/**
 * Tables as files a bureau opens in Excel: a real `.xlsx` (exceljs's streaming writer, one sheet
 * per table, bold frozen header row) or CSV (UTF-8 with a byte-order mark, so Excel reads the
 * Chinese correctly, CRLF lines, RFC 4180 quoting).
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';

export type Cell = string | number | null;

export interface Column {
  header: string;
  /** Characters (Excel's column width unit). */
  width: number;
  /** An Excel number format for numeric cells, e.g. `0.0%`. */
  numFmt?: string;
}

export interface Table {
  /** The sheet's name in the workbook (at most 31 characters). */
  name: string;
  columns: Column[];
  rows: Cell[][];
}

/** An .xlsx workbook of the tables, in order. */
export async function xlsxBuffer(tables: Table[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = '专项整治行动引擎';
  workbook.created = new Date();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((column, i) => ({ key: String(i), width: column.width, ...(column.numFmt ? { style: { numFmt: column.numFmt } } : {}) }));
    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for (const row of table.rows) sheet.addRow(row).commit();
    sheet.commit();
  }
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

/** Text a spreadsheet would take for a formula is written as text (a leading apostrophe), so a cell never runs. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(cell: Cell, column: Column): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return column.numFmt?.endsWith('%') ? `${(cell * 100).toFixed(1)}%` : String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One table as CSV: a byte-order mark, the header line, one line per row. */
export function csvText(table: Table): string {
  const lines = [table.columns.map((c) => csvField(c.header, c)), ...table.rows.map((row) => row.map((cell, i) => csvField(cell, table.columns[i]!)))];
  return `\uFEFF${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`;
}
