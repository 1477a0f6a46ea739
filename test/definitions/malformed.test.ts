// Malformed definitions: each case edits the valid fixture `minimal.yaml` in one place and asserts
// the exact issues — code, path, YAML line and column, and the sentence the clerk reads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCampaignText } from '../../definitions';

const base = readFileSync(new URL('./fixtures/minimal.yaml', import.meta.url), 'utf8');

type Case = {
  name: string;
  find: string | RegExp;
  replace: string;
  issues: Array<{ code: string; path: string; line?: number; column?: number; message: string }>;
};

const CASES: Case[] = [
  {
    name: 'YAML syntax: unclosed flow mapping',
    find: 'title: { zh: 最小示例 }',
    replace: 'title: { zh: 最小示例',
    issues: [
      { code: 'yaml-syntax', path: '', line: 5, column: 1, message: 'YAML 格式错误，文件无法读取：缩进不正确（Flow map in block collection must be sufficiently indented and end with a }）' },
    ],
  },
  {
    name: 'YAML syntax: duplicate key',
    find: 'version: 1\n',
    replace: 'version: 1\nversion: 2\n',
    issues: [
      { code: 'yaml-syntax', path: '', line: 3, column: 1, message: 'YAML 格式错误，文件无法读取：同一层级中字段名重复（Map keys must be unique）' },
    ],
  },
  {
    name: 'missing id',
    find: 'id: minimal\n',
    replace: '',
    issues: [
      { code: 'required', path: 'id', line: 1, column: 1, message: '缺少必填项“id”。' },
    ],
  },
  {
    name: 'id with capitals',
    find: 'id: minimal',
    replace: 'id: Minimal',
    issues: [
      { code: 'invalid-format', path: 'id', line: 1, column: 5, message: '编号只能用小写字母、数字和连字符，例如 self-inspection' },
    ],
  },
  {
    name: 'version zero',
    find: 'version: 1',
    replace: 'version: 0',
    issues: [
      { code: 'out-of-range', path: 'version', line: 2, column: 10, message: '“version”：版本号必须是正整数' },
    ],
  },
  {
    name: 'version as text',
    find: 'version: 1',
    replace: 'version: v1',
    issues: [
      { code: 'invalid-type', path: 'version', line: 2, column: 10, message: '“version”应为数字，这里写的是"v1"。' },
    ],
  },
  {
    name: 'unknown campaign kind',
    find: 'kind: custom',
    replace: 'kind: festival',
    issues: [
      { code: 'invalid-value', path: 'kind', line: 3, column: 7, message: '“kind”的取值 "festival" 无效，可选：three-year-action、spring-rectification、root-cause-tackling、custom。' },
    ],
  },
  {
    name: 'title without Chinese',
    find: 'title: { zh: 最小示例 }',
    replace: 'title: { en: Minimal }',
    issues: [
      { code: 'required', path: 'title.zh', line: 4, column: 8, message: '缺少必填项“zh”。' },
    ],
  },
  {
    name: 'unknown top-level field',
    find: 'kind: custom\n',
    replace: 'kind: custom\ncolour: red\n',
    issues: [
      { code: 'unknown-field', path: 'colour', line: 4, column: 1, message: '不认识的字段“colour”，请检查拼写或删除。' },
    ],
  },
  {
    name: 'jurisdiction not a path',
    find: 'jurisdiction: CN/test/district',
    replace: 'jurisdiction: tianjin',
    issues: [
      { code: 'invalid-format', path: 'jurisdiction', line: 6, column: 15, message: '辖区应写成以 CN 开头、用 / 分级的小写拼音，例如 CN/tianjin/jizhou' },
    ],
  },
  {
    name: 'unknown time zone',
    find: 'kind: custom\n',
    replace: 'kind: custom\ntimeZone: Mars/Base\n',
    issues: [
      { code: 'invalid', path: 'timeZone', line: 4, column: 11, message: '“timeZone”：时区无效，应为如 Asia/Shanghai 的 IANA 时区' },
    ],
  },
  {
    name: 'date that does not exist',
    find: 'start: 2024-03-01',
    replace: 'start: 2024-02-30',
    issues: [
      { code: 'invalid', path: 'span.start', line: 8, column: 10, message: '“start”：这一天在日历上不存在' },
    ],
  },
  {
    name: 'date with slashes',
    find: 'start: 2024-03-01',
    replace: 'start: 2024/03/01',
    issues: [
      { code: 'invalid-format', path: 'span.start', line: 8, column: 10, message: '日期应写成 YYYY-MM-DD，例如 2024-02-29' },
    ],
  },
  {
    name: 'unknown date-rule kind',
    find: 'end: { kind: year, year: 2024 }\nphases',
    replace: 'end: { kind: quarter, year: 2024 }\nphases',
    issues: [
      { code: 'invalid-kind', path: 'span.end.kind', line: 9, column: 16, message: '“kind”的取值 "quarter" 无效，可选：date、month、year、dekad、phase、milestone。' },
    ],
  },
  {
    name: 'unknown dekad',
    find: 'dekad: early',
    replace: 'dekad: first',
    issues: [
      { code: 'invalid-value', path: 'milestones[0].due.dekad', line: 22, column: 48, message: '“dekad”的取值 "first" 无效，可选：early、mid、late。' },
    ],
  },
  {
    name: 'month out of range',
    find: 'end: { kind: month, month: 2024-06 }',
    replace: 'end: { kind: month, month: 2024-13 }',
    issues: [
      { code: 'invalid-format', path: 'phases[0].end.month', line: 14, column: 32, message: '月份应写成 YYYY-MM，例如 2024-03' },
    ],
  },
  {
    name: 'date rule of the wrong type',
    find: 'end: { kind: month, month: 2024-06 }',
    replace: 'end: 20240630',
    issues: [
      { code: 'invalid-type', path: 'phases[0].end', line: 14, column: 10, message: '“end”应写成日期（YYYY-MM-DD）或日期规则（带 kind 的一组字段），这里写的是20240630。' },
    ],
  },
  {
    name: 'phase ends before it starts',
    find: 'end: { kind: year, year: 2024 }\nmilestones',
    replace: 'end: 2024-05-01\nmilestones',
    issues: [
      { code: 'phase-not-positive', path: 'phases[1].end', line: 18, column: 10, message: '阶段“第二阶段”的结束日期 2024-05-01 早于开始日期 2024-07-01。' },
      { code: 'phase-order', path: 'phases[1].end', line: 18, column: 10, message: '阶段“第二阶段”排在“第一阶段”之后，却结束得更早（2024-05-01 早于 2024-06-30）；请按时间顺序排列阶段。' },
    ],
  },
  {
    name: 'phase outside the span',
    find: 'end: { kind: year, year: 2024 }\nmilestones',
    replace: 'end: { kind: year, year: 2025 }\nmilestones',
    issues: [
      { code: 'phase-outside-span', path: 'phases[1].end', line: 18, column: 10, message: '阶段“第二阶段”（2024-07-01 至 2025-12-31）超出了行动起止时间（2024-03-01 至 2024-12-31）。' },
    ],
  },
  {
    name: 'phases out of order',
    find: 'start: { kind: phase, phase: first, edge: end, offset: { days: 1 } }\n    end: { kind: year, year: 2024 }',
    replace: 'start: 2024-03-01\n    end: 2024-05-31',
    issues: [
      { code: 'phase-order', path: 'phases[1].end', line: 18, column: 10, message: '阶段“第二阶段”排在“第一阶段”之后，却结束得更早（2024-05-31 早于 2024-06-30）；请按时间顺序排列阶段。' },
    ],
  },
  {
    name: 'reference to an unknown phase',
    find: 'phase: first, edge: end',
    replace: 'phase: frist, edge: end',
    issues: [
      { code: 'unknown-phase', path: 'phases[1].start.phase', line: 17, column: 34, message: '找不到编号为“frist”的阶段，请检查 phases 中的编号。' },
    ],
  },
  {
    name: 'milestone in an unknown phase',
    find: '    phase: first\n',
    replace: '    phase: third\n',
    issues: [
      { code: 'unknown-phase', path: 'milestones[0].phase', line: 23, column: 12, message: '找不到编号为“third”的阶段，请检查 phases 中的编号。' },
    ],
  },
  {
    name: 'date rules in a cycle',
    find: 'end: { kind: month, month: 2024-06 }',
    replace: 'end: { kind: phase, phase: second, edge: start }',
    issues: [
      { code: 'date-rule-cycle', path: 'phases[0].end', line: 14, column: 10, message: '日期规则互相引用，无法算出日期：phases.first.end → phases.second.start → phases.first.end。' },
    ],
  },
  {
    name: 'duty with an unknown ladder',
    find: '    ladder: overdue\nhazardPolicy',
    replace: '    ladder: overdue-x\nhazardPolicy',
    issues: [
      { code: 'unknown-ladder', path: 'duties[0].ladder', line: 34, column: 13, message: '找不到编号为“overdue-x”的督促阶梯，请检查 escalationLadders 中的编号。' },
    ],
  },
  {
    name: 'hazard level with an unknown ladder',
    find: '      listedSupervision: true\n      ladder: overdue',
    replace: '      listedSupervision: true\n      ladder: slow',
    issues: [
      { code: 'unknown-ladder', path: 'hazardPolicy.levels.major.ladder', line: 41, column: 15, message: '找不到编号为“slow”的督促阶梯，请检查 escalationLadders 中的编号。' },
    ],
  },
  {
    name: 'duty owed by an unknown unit',
    find: 'owedBy: [towns]',
    replace: 'owedBy: [villages]',
    issues: [
      { code: 'unknown-unit', path: 'duties[0].owedBy[0]', line: 32, column: 14, message: '找不到编号为“villages”的单位，请在 organisation 的 units 或 leadDepartments 中登记。' },
    ],
  },
  {
    name: 'duplicate phase id',
    find: '  - id: second',
    replace: '  - id: first',
    issues: [
      { code: 'duplicate-id', path: 'phases[1].id', line: 15, column: 9, message: '编号“first”重复，已在 phases[0] 用过；同一类内编号不能相同。' },
    ],
  },
  {
    name: 'reserved phase id',
    find: '  - id: second',
    replace: '  - id: completed',
    issues: [
      { code: 'reserved-id', path: 'phases[1].id', line: 15, column: 9, message: '阶段编号“completed”是系统保留字，请换一个编号。' },
    ],
  },
  {
    name: 'unknown template placeholder',
    find: '约谈{{unit}}主要负责人。',
    replace: '约谈{{unitt}}主要负责人。',
    issues: [
      { code: 'unknown-placeholder', path: 'escalationLadders.overdue.steps[1].template', line: 56, column: 19, message: '消息模板中的占位符“{{unitt}}”无法识别；可用的有：{{unit}} {{item}} {{dueOn}} {{overdueDays}} {{campaign}} {{authority}}。' },
    ],
  },
  {
    name: 'ladder steps out of order',
    find: 'offset: { days: 5, unit: working }',
    replace: 'offset: { days: 0, unit: working }',
    issues: [
      { code: 'ladder-step-order', path: 'escalationLadders.overdue.steps[1].offset.days', line: 54, column: 25, message: '督促步骤应按时间先后排列：第 2 步（到期后 0 天）早于上一步（到期后 1 天）。' },
    ],
  },
  {
    name: 'unknown escalation action',
    find: 'action: interview',
    replace: 'action: scold',
    issues: [
      { code: 'invalid-kind', path: 'escalationLadders.overdue.steps[1].action', line: 53, column: 17, message: '“action”的取值 "scold" 无效，可选：reminder、letter、notice、warning、accountability、suspend-enrolment、revoke-licence、interview、listed-supervision、public-exposure。' },
    ],
  },
  {
    name: 'public exposure without a channel',
    find: 'action: interview',
    replace: 'action: public-exposure',
    issues: [
      { code: 'required', path: 'escalationLadders.overdue.steps[1].channel', line: 53, column: 9, message: '缺少必填项“channel”，可选：media、government-website、briefing。' },
    ],
  },
  {
    name: 'hazard policy without ordinary level',
    find: '    ordinary:\n      name: { zh: 一般隐患 }\n      deadline: { kind: immediate }\n',
    replace: '',
    issues: [
      { code: 'required', path: 'hazardPolicy.levels.ordinary', line: 37, column: 5, message: '缺少必填项“ordinary”。' },
    ],
  },
  {
    name: 'hazard time limit of zero days',
    find: 'deadline: { kind: within, days: 30 }',
    replace: 'deadline: { kind: within, days: 0 }',
    issues: [
      { code: 'out-of-range', path: 'hazardPolicy.levels.major.deadline.days', line: 39, column: 39, message: '“days”：期限天数必须大于 0' },
    ],
  },
  {
    name: 'cadence day zero',
    find: 'due: { period: next, month: 1, day: 10 }',
    replace: 'due: { period: next, month: 1, day: 0 }',
    issues: [
      { code: 'invalid', path: 'duties[0].cadence.due.day', line: 31, column: 43, message: '“day”：日不能为 0：正数从月初数（1 为 1 日），负数从月底倒数（-1 为最后一天）' },
    ],
  },
  {
    name: 'cadence month beyond the quarter',
    find: 'due: { period: next, month: 1, day: 10 }',
    replace: 'due: { period: next, month: 4, day: 10 }',
    issues: [
      { code: 'out-of-range', path: 'duties[0].cadence.due.month', line: 31, column: 35, message: '“month”：应不大于 3' },
    ],
  },
  {
    name: 'duty that never occurs',
    find: '    cadence:\n      kind: quarterly\n',
    replace: '    from: 2024-04-01\n    cadence:\n      kind: quarterly\n      quarters: [1]\n',
    issues: [
      { code: 'duty-without-occurrence', path: 'duties[0].cadence', line: 30, column: 7, message: '职责“季度报告”在 2024-04-01 至 2024-12-31 之间一次也不会发生，请检查周期规则。' },
    ],
  },
  {
    name: 'duty window reversed',
    find: '    cadence:\n      kind: quarterly\n',
    replace: '    from: 2024-10-01\n    until: 2024-05-01\n    cadence:\n      kind: quarterly\n',
    issues: [
      { code: 'duty-window-reversed', path: 'duties[0].until', line: 29, column: 12, message: '职责“季度报告”的截止期间 2024-05-01 早于起始期间 2024-10-01。' },
    ],
  },
  {
    name: 'duty opens after it is due',
    find: 'opens: { period: next, day: 1 }',
    replace: 'opens: { period: next, month: 2, day: 1 }',
    issues: [
      { code: 'duty-opens-after-due', path: 'duties[0].cadence.opens', line: 30, column: 14, message: '职责“季度报告”（2024年第1季度）的开始日期 2024-05-01 晚于截止日期 2024-04-10。' },
    ],
  },
  {
    name: 'milestone outside the span',
    find: 'due: { kind: dekad, month: 2024-03, dekad: early }',
    replace: 'due: 2025-03-01',
    issues: [
      { code: 'milestone-outside-span', path: 'milestones[0].due', line: 22, column: 10, message: '节点“动员会”的日期 2025-03-01 不在行动起止时间（2024-03-01 至 2024-12-31）内。' },
    ],
  },
  {
    name: 'reference to an unknown milestone',
    find: 'due: { kind: dekad, month: 2024-03, dekad: early }',
    replace: 'due: { kind: milestone, milestone: kick-off }',
    issues: [
      { code: 'unknown-milestone', path: 'milestones[0].due.milestone', line: 22, column: 40, message: '找不到编号为“kick-off”的节点，请检查 milestones 中的编号。' },
    ],
  },
  {
    name: 'calendar override both working and holiday',
    find: 'kind: custom\n',
    replace: 'kind: custom\ncalendar: { workingDays: [2024-10-12], holidays: [2024-10-12] }\n',
    issues: [
      { code: 'calendar-conflict', path: 'calendar.holidays[0]', line: 4, column: 51, message: '2024-10-12 同时写在 workingDays（工作日）和 holidays（休息日）中，只能写在一处。' },
    ],
  },
  {
    name: 'no phases',
    find: /phases:\n[\s\S]*?milestones:/,
    replace: 'phases: []\nmilestones:',
    issues: [
      { code: 'out-of-range', path: 'phases', line: 10, column: 9, message: '“phases”：至少要有一个阶段' },
    ],
  },
  {
    name: 'extends a parent that cannot be found',
    find: 'kind: custom\n',
    replace: 'kind: custom\nextends: nowhere\n',
    issues: [
      { code: 'unknown-parent', path: 'extends', line: 4, column: 10, message: '找不到 extends 指定的上级方案“nowhere”。' },
    ],
  },
];

describe('malformed definitions', () => {
  it('the base fixture is valid', () => {
    expect(parseCampaignText(base, { file: 'minimal.yaml', format: 'yaml' })).toMatchObject({ ok: true });
  });

  it('has at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('$name', ({ find, replace, issues }) => {
    const text = base.replace(find, replace);
    expect(text).not.toBe(base);
    const result = parseCampaignText(text, { file: 'minimal.yaml', format: 'yaml' });
    expect(result).toEqual({ ok: false, issues: issues.map((issue) => ({ file: 'minimal.yaml', ...issue })) });
  });
});
