/**
 * A bureau's ledger (台账) as it keeps it, a CSV or Excel sheet, read into the lines a campaign run
 * imports when the engine takes over a campaign already under way. One row per item:
 *
 * | 类型 | 编号 | 单位 | 日期 | 处理 |
 * |---|---|---|---|---|
 * | 报送 | quarterly-report:2026-Q3 | towns | 2026-10-05 | 已报送 |
 * | 报送 | quarterly-report:2026-Q3 | departments | | 逾期督办 |
 * | 节点 | plan-issued | | 2024-04-18 | 已确认 |
 *
 * Every row at fault is named (`第 N 行`, N as the sheet numbers it); nothing is imported unless all are good.
 */
import ExcelJS from 'exceljs';
import { isRealDate } from '../definitions/local-date';
import type { LedgerEntry } from '../workflows/campaign.messages';

export const LedgerFileFormat = { csv: 'csv', xlsx: 'xlsx' } as const;
export type LedgerFileFormat = (typeof LedgerFileFormat)[keyof typeof LedgerFileFormat];

export type LedgerFileReading = { ok: true; entries: LedgerEntry[] } | { ok: false; errors: string[] };

/** The columns, by their Chinese heading (or an English one), in any order. */
const COLUMNS = {
  kind: ['类型', 'kind'],
  id: ['编号', '事项编号', 'id'],
  unitId: ['单位', '单位编号', 'unit', 'unitId'],
  date: ['日期', '报送日期', '确认日期', 'date'],
  action: ['处理', '处理方式', 'action'],
} as const;
type Column = keyof typeof COLUMNS;

const KINDS: Record<string, LedgerEntry['kind']> = { 报送: 'duty-occurrence', 职责: 'duty-occurrence', 'duty-occurrence': 'duty-occurrence', 节点: 'milestone', milestone: 'milestone' };
const DONE = ['已报送', '已确认', '已完成', 'done', 'submitted', 'confirmed'];
const OVERDUE = ['逾期督办', '按逾期督办', '逾期', 'overdue'];

/** Reads a ledger file; `bytes` as uploaded. */
export async function readLedgerFile(bytes: Uint8Array, format: LedgerFileFormat): Promise<LedgerFileReading> {
  const rows = format === LedgerFileFormat.csv ? csvRows(bytes) : await xlsxRows(bytes);
  if (!Array.isArray(rows)) return { ok: false, errors: [rows.error] };
  return ledgerOfRows(rows);
}

type Row = { line: number; cells: string[] };

function csvRows(bytes: Uint8Array): Row[] | { error: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { error: '文件不是 UTF-8 编码（Excel 默认另存的 CSV 多为 GBK 编码）：请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”，或直接上传 .xlsx 文件' };
  }
  // RFC 4180: quoted cells may hold commas, quotes ("") and line breaks.
  const rows: Row[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = (): void => {
    rows.push({ line: rowLine, cells: [...cells, cell] });
    cells = [];
    cell = '';
    line += 1;
    rowLine = line;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted || (char !== ',' && char !== '\n' && char !== '\r')) {
      if (char === '\n') line += 1;
      cell += char;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
    }
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

async function xlsxRows(bytes: Uint8Array): Promise<Row[] | { error: string }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { error: '无法读取该 Excel 文件：请上传 .xlsx 格式（Excel 2007 及以后版本）的台账' };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { error: 'Excel 文件中没有工作表' };
  const rows: Row[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push({ line, cells: values.map(cellText) });
  });
  return rows;
}

/** A cell as text; Excel dates become `YYYY-MM-DD` (a sheet's dates are calendar days, stored as UTC midnight). */
function cellText(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value && typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text);
  return value === null || value === undefined ? '' : String(value);
}

function ledgerOfRows(rows: Row[]): LedgerFileReading {
  const filled = rows.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  const [heading, ...body] = filled;
  if (!heading) return { ok: false, errors: ['台账为空：第一行应为表头（类型、编号、单位、日期、处理）'] };
  const names = heading.cells.map((cell) => cell.trim().replace(/^\uFEFF/, ''));
  const index = Object.fromEntries(
    (Object.keys(COLUMNS) as Column[]).map((column) => [column, names.findIndex((name) => (COLUMNS[column] as readonly string[]).includes(name))]),
  ) as Record<Column, number>;
  const missing = (['kind', 'id', 'action'] as const).filter((column) => index[column] < 0).map((column) => COLUMNS[column][0]);
  if (missing.length > 0) return { ok: false, errors: [`第 ${heading.line} 行（表头）缺少列：${missing.join('、')}`] };
  if (body.length === 0) return { ok: false, errors: ['台账中没有数据行'] };

  const errors: string[] = [];
  const entries: LedgerEntry[] = [];
  for (const row of body) {
    const cell = (column: Column): string => (index[column] < 0 ? '' : (row.cells[index[column]] ?? '').trim());
    const refuse = (reason: string) => errors.push(`第 ${row.line} 行：${reason}`);
    const kind = KINDS[cell('kind')];
    const action = cell('action');
    const date = cell('date');
    if (!kind) refuse(`类型“${cell('kind')}”无法识别，应为“报送”或“节点”`);
    else if (!cell('id')) refuse('缺少编号');
    else if (kind === 'duty-occurrence' && !cell('unitId')) refuse('报送事项须写明单位编号');
    else if (!DONE.includes(action) && !OVERDUE.includes(action)) refuse(`处理方式“${action}”无法识别，应为“已报送”（节点为“已确认”）或“逾期督办”`);
    else if (DONE.includes(action) && !(/^\d{4}-\d{2}-\d{2}$/.test(date) && isRealDate(date))) refuse(`日期“${date}”应写成 YYYY-MM-DD，例如 2026-10-05`);
    else {
      const done = DONE.includes(action);
      entries.push(
        kind === 'milestone'
          ? { kind, milestoneId: cell('id'), ...(done ? { confirmedOn: date } : { overdue: true }), line: row.line }
          : { kind, occurrenceId: cell('id'), unitId: cell('unitId'), ...(done ? { submittedOn: date } : { overdue: true }), line: row.line },
      );
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
}
