/**
 * The exports as bureaus hand them in, column by column with their Chinese headers:
 * 问题隐患清单 (the problem list), 制度措施清单 (measures and responsibilities per hazard), and the
 * hazard and duty statistics. Each is a `Table` (server/spreadsheets.ts) for .xlsx and CSV alike.
 */
import { ESCALATION_ACTION_LABELS, EscalationActionName, type EscalationAction } from '../definitions/vocabulary';
import type { DutyStatisticsRow, HazardLedgerRow, HazardStatisticsRow, ReportKey } from '../store';
import { HAZARD_STATUS_LABELS, type HazardStatus } from '../workflows/hazard.contract';
import { DISCOVERY_CHANNEL_LABELS, type DiscoveryChannel } from '../workflows/hazard.messages';
import type { Cell, Column, Table } from './spreadsheets';

/** The levels every hazard policy has (definitions/hazard-policy.schema.ts); other levels show by their id. */
const LEVEL_LABELS: Record<string, string> = { major: '重大事故隐患', ordinary: '一般隐患' };

const label = <K extends string>(labels: Record<K, string>, key: string | null): string => (key === null ? '' : (labels[key as K] ?? key));
const yesNo = (value: boolean): string => (value ? '是' : '否');

/** A sheet of `rows`, each column named with how its cell is read from a row. */
function table<R>(name: string, columns: Array<Column & { cell: (row: R, index: number) => Cell }>, rows: R[]): Table {
  return { name, columns: columns.map(({ cell: _cell, ...column }) => column), rows: rows.map((row, i) => columns.map((c) => c.cell(row, i))) };
}

export function hazardLedgerTable(rows: HazardLedgerRow[]): Table {
  return table<HazardLedgerRow>(
    '问题隐患清单',
    [
      { header: '序号', width: 6, cell: (_, i) => i + 1 },
      { header: '隐患编号', width: 16, cell: (r) => r.hazardId },
      { header: '专项行动', width: 30, cell: (r) => r.campaignTitle ?? r.campaignRunId },
      { header: '责任单位', width: 20, cell: (r) => r.unitName },
      { header: '隐患等级', width: 12, cell: (r) => label(LEVEL_LABELS, r.level) },
      { header: '隐患描述', width: 40, cell: (r) => r.description },
      { header: '隐患位置', width: 24, cell: (r) => r.location },
      { header: '发现方式', width: 10, cell: (r) => label<DiscoveryChannel>(DISCOVERY_CHANNEL_LABELS, r.discoveredThrough) },
      { header: '责任人', width: 10, cell: (r) => r.responsiblePerson },
      { header: '登记日期', width: 12, cell: (r) => r.registeredOn },
      { header: '整改期限', width: 12, cell: (r) => r.dueOn },
      { header: '整改状态', width: 16, cell: (r) => label<HazardStatus>(HAZARD_STATUS_LABELS, r.status) },
      { header: '是否逾期', width: 8, cell: (r) => yesNo(r.overdue) },
      { header: '逾期天数', width: 8, cell: (r) => r.overdueDays },
      { header: '督办措施', width: 12, cell: (r) => label<EscalationAction>(ESCALATION_ACTION_LABELS, r.escalationStage) },
      { header: '挂牌督办', width: 8, cell: (r) => yesNo(r.underListedSupervision) },
      { header: '销号日期', width: 12, cell: (r) => r.closedOn },
    ],
    rows,
  );
}

function completion(row: HazardLedgerRow): string {
  if (row.rectifiedOn !== null) return '已完成';
  return row.overdue ? '逾期未完成' : '整改中';
}

function verification(row: HazardLedgerRow): string {
  if (row.verifiedOn !== null) return '验收通过';
  return row.rectifiedOn !== null ? '待验收' : '';
}

export function measuresTable(rows: HazardLedgerRow[]): Table {
  return table<HazardLedgerRow>(
    '制度措施清单',
    [
      { header: '序号', width: 6, cell: (_, i) => i + 1 },
      { header: '隐患编号', width: 16, cell: (r) => r.hazardId },
      { header: '隐患描述', width: 36, cell: (r) => r.description },
      { header: '整改措施', width: 40, cell: (r) => r.measure },
      { header: '责任单位', width: 20, cell: (r) => r.unitName },
      { header: '单位主要负责人', width: 14, cell: (r) => r.unitHead },
      { header: '责任人', width: 10, cell: (r) => r.responsiblePerson },
      { header: '整改时限', width: 12, cell: (r) => r.dueOn },
      { header: '完成情况', width: 12, cell: completion },
      { header: '完成日期', width: 12, cell: (r) => r.rectifiedOn },
      { header: '整改说明', width: 40, cell: (r) => r.rectification },
      { header: '验收情况', width: 10, cell: verification },
      { header: '验收日期', width: 12, cell: (r) => r.verifiedOn },
      { header: '验收人', width: 16, cell: (r) => r.verifiedBy },
    ],
    rows,
  );
}

/** The key columns of a statistics row: the campaign run or the unit, and the period. */
function keyColumns<R extends ReportKey>(): Array<Column & { cell: (row: R) => Cell }> {
  return [
    { header: '专项行动', width: 30, cell: (r) => r.campaignRunId },
    { header: '单位编号', width: 16, cell: (r) => r.unitId },
    { header: '单位名称', width: 20, cell: (r) => r.unitName },
    { header: '统计期', width: 10, cell: (r) => r.period ?? '全部' },
  ];
}

/** One column per escalation action any row has, in the order of the ladder's severity. */
function escalationColumns<R extends { escalations: Record<string, number> }>(rows: R[]): Array<Column & { cell: (row: R) => Cell }> {
  const taken = new Set(rows.flatMap((r) => Object.keys(r.escalations)));
  return Object.values(EscalationActionName)
    .filter((action) => taken.has(action))
    .map((action) => ({ header: ESCALATION_ACTION_LABELS[action], width: 10, cell: (r: R) => r.escalations[action] ?? 0 }));
}

export function hazardStatisticsTable(rows: HazardStatisticsRow[]): Table {
  return table<HazardStatisticsRow>(
    '隐患整改统计',
    [
      ...keyColumns<HazardStatisticsRow>(),
      { header: '登记隐患', width: 10, cell: (r) => r.registered },
      { header: '已整改', width: 10, cell: (r) => r.rectified },
      { header: '已验收', width: 10, cell: (r) => r.verified },
      { header: '已销号', width: 10, cell: (r) => r.closed },
      { header: '逾期未改', width: 10, cell: (r) => r.overdue },
      { header: '整改率', width: 10, numFmt: '0.0%', cell: (r) => r.rectificationRate },
      { header: '逾期天数合计', width: 12, cell: (r) => r.overdueDays.total },
      { header: '最长逾期天数', width: 12, cell: (r) => r.overdueDays.max },
      ...escalationColumns(rows),
    ],
    rows,
  );
}

export function dutyStatisticsTable(rows: DutyStatisticsRow[]): Table {
  return table<DutyStatisticsRow>(
    '报送统计',
    [
      ...keyColumns<DutyStatisticsRow>(),
      { header: '按时报送', width: 10, cell: (r) => r.onTime },
      { header: '逾期报送', width: 10, cell: (r) => r.late },
      { header: '未报送', width: 10, cell: (r) => r.missing },
      { header: '待报送', width: 10, cell: (r) => r.open },
      { header: '启用前到期', width: 12, cell: (r) => r.beforeAdoption },
      ...escalationColumns(rows),
    ],
    rows,
  );
}
