/** Reading a bureau's ledger (台账) from CSV or Excel: the columns by their Chinese headings, every row at fault named. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readLedgerFile } from '../../server/ledger-file';

const csv = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('ledger files', () => {
  it('reads a UTF-8 CSV (with BOM, quoted cells, CRLF) into ledger lines that keep their row numbers', async () => {
    const text = '\uFEFF类型,编号,单位,日期,处理\r\n报送,quarterly-report:2026-Q3,towns,2026-10-05,已报送\r\n报送,"quarterly-report:2026-Q3",departments,,逾期督办\r\n\r\n节点,plan-issued,,2024-04-18,已确认\r\n';
    expect(await readLedgerFile(csv(text), 'csv')).toEqual({
      ok: true,
      entries: [
        { kind: 'duty-occurrence', occurrenceId: 'quarterly-report:2026-Q3', unitId: 'towns', submittedOn: '2026-10-05', line: 2 },
        { kind: 'duty-occurrence', occurrenceId: 'quarterly-report:2026-Q3', unitId: 'departments', overdue: true, line: 3 },
        { kind: 'milestone', milestoneId: 'plan-issued', confirmedOn: '2024-04-18', line: 5 },
      ],
    });
  });

  it('names every row at fault, in Chinese, and imports nothing', async () => {
    const text = '类型,编号,单位,日期,处理\n报送,q:1,,2026-10-05,已报送\n检查,q:2,towns,,逾期督办\n报送,q:3,towns,2026/10/05,已报送\n报送,q:4,towns,,不知道\n';
    const reading = await readLedgerFile(csv(text), 'csv');
    expect(reading).toEqual({
      ok: false,
      errors: [
        '第 2 行：报送事项须写明单位编号',
        '第 3 行：类型“检查”无法识别，应为“报送”或“节点”',
        '第 4 行：日期“2026/10/05”应写成 YYYY-MM-DD，例如 2026-10-05',
        '第 5 行：处理方式“不知道”无法识别，应为“已报送”（节点为“已确认”）或“逾期督办”',
      ],
    });
    expect(await readLedgerFile(csv('编号,日期\nq:1,2026-10-05\n'), 'csv')).toEqual({ ok: false, errors: ['第 1 行（表头）缺少列：类型、处理'] });
  });

  it('refuses a CSV that is not UTF-8 (a GBK file saved by Excel) with how to fix it', async () => {
    // "类型,编号" in GBK.
    const gbk = Uint8Array.from([0xc0, 0xe0, 0xd0, 0xcd, 0x2c, 0xb1, 0xe0, 0xba, 0xc5, 0x0a]);
    const reading = await readLedgerFile(gbk, 'csv');
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.errors[0]).toContain('“另存为”“CSV UTF-8（逗号分隔）”');
  });

  it('reads the first sheet of an .xlsx workbook, Excel dates included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['类型', '编号', '单位', '日期', '处理']);
    sheet.addRow(['报送', 'quarterly-report:2026-Q3', 'towns', new Date(Date.UTC(2026, 9, 5)), '已报送']);
    sheet.addRow(['节点', 'plan-issued', null, null, '逾期督办']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await readLedgerFile(bytes, 'xlsx')).toEqual({
      ok: true,
      entries: [
        { kind: 'duty-occurrence', occurrenceId: 'quarterly-report:2026-Q3', unitId: 'towns', submittedOn: '2026-10-05', line: 2 },
        { kind: 'milestone', milestoneId: 'plan-issued', overdue: true, line: 3 },
      ],
    });
    expect(await readLedgerFile(csv('not a workbook'), 'xlsx')).toEqual({ ok: false, errors: ['无法读取该 Excel 文件：请上传 .xlsx 格式（Excel 2007 及以后版本）的台账'] });
  });
});
