// Malformed definitions: each case edits the valid fixture `minimal.yaml` (or a year's official
// calendar, `calendar-2026.yaml`) in one place and asserts the exact issues — code, path, YAML line
// and column, and the sentence the clerk reads. Then what is refused before parsing: other
// encodings than UTF-8, alias bombs, oversize files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDefinitionBytes, parseCalendarYearText, parseCampaignText } from '../../definitions';
import { loadCampaignFile, loadOfficialCalendarDirectory, repositoryOfficialCalendar } from '../../definitions/load';

const base = readFileSync(new URL('./fixtures/minimal.yaml', import.meta.url), 'utf8');
const officialCalendar = repositoryOfficialCalendar();
const parse = (text: string) => parseCampaignText(text, { file: 'minimal.yaml', format: 'yaml', officialCalendar });
const errors = (issues: Case['issues'], file = 'minimal.yaml') => ({ ok: false, issues: issues.map((issue) => ({ file, severity: 'error', ...issue })) });

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
    name: 'a key written without its value is located at the key',
    find: 'offset: { days: 1, unit: working }',
    replace: 'offset: { days: 1, unit }',
    issues: [{ code: 'invalid-value', path: 'escalationLadders.overdue.steps[0].offset.unit', line: 50, column: 28, message: '“unit”的取值 空值 无效，可选：calendar、working。' }],
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
    name: '曝光 before the due date',
    find: 'action: reminder\n        offset: { days: 1, unit: working }',
    replace: 'action: public-exposure\n        channel: media\n        offset: { days: -1, unit: working }',
    issues: [
      { code: 'ladder-step-before-due', path: 'escalationLadders.overdue.steps[0].offset.days', line: 51, column: 25, message: '第 1 步“曝光”写在到期前 1 天：曝光只针对已经逾期的事项，不能早于到期日；请把天数改为 0 或正数。' },
    ],
  },
  {
    name: '挂牌督办 before the due date',
    find: 'action: reminder\n        offset: { days: 1, unit: working }',
    replace: 'action: listed-supervision\n        offset: { days: -3 }',
    issues: [
      { code: 'ladder-step-before-due', path: 'escalationLadders.overdue.steps[0].offset.days', line: 50, column: 25, message: '第 1 步“挂牌督办”写在到期前 3 天：挂牌督办只针对已经逾期的事项，不能早于到期日；请把天数改为 0 或正数。' },
    ],
  },
  {
    name: 'milestone with an unknown ladder',
    find: '    phase: first\n',
    replace: '    phase: first\n    ladder: overdue-x\n',
    issues: [
      { code: 'unknown-ladder', path: 'milestones[0].ladder', line: 24, column: 13, message: '找不到编号为“overdue-x”的督促阶梯，请检查 escalationLadders 中的编号。' },
    ],
  },
  {
    name: 'campaign-wide roll-forward not true or false',
    find: 'kind: custom\n',
    replace: 'kind: custom\ncalendar: { rollForward: yes }\n',
    issues: [
      { code: 'invalid-type', path: 'calendar.rollForward', line: 4, column: 26, message: '“rollForward”应为true 或 false，这里写的是"yes"。' },
    ],
  },
  {
    name: 'duty roll-forward not true or false',
    find: '    ladder: overdue\nhazardPolicy',
    replace: '    ladder: overdue\n    rollForward: 1\nhazardPolicy',
    issues: [
      { code: 'invalid-type', path: 'duties[0].rollForward', line: 35, column: 18, message: '“rollForward”应为true 或 false，这里写的是1。' },
    ],
  },
  {
    name: 'text that went through a lossy decode (U+FFFD)',
    find: '最小示例',
    replace: '最小\uFFFD示例',
    issues: [
      { code: 'not-utf8', path: '', line: 4, column: 16, message: '文件不是 UTF-8 编码，看起来是 GBK/GB18030 等非 UTF-8 编码（文件已被按错误的编码读取过，出现了“\uFFFD”），中文会变成乱码，文件没有读取。请用编辑器“另存为”UTF-8 编码（如记事本：另存为 → 编码选 UTF-8）后重新提交。' },
    ],
  },
  {
    name: 'a UTF-16 text read as UTF-8 (NUL characters)',
    find: 'id: minimal',
    replace: 'i\0d\0:\0 \0m\0',
    issues: [
      { code: 'not-utf8', path: '', line: 1, column: 2, message: '文件不是 UTF-8 编码，看起来是 UTF-16（Unicode），中文会变成乱码，文件没有读取。请用编辑器“另存为”UTF-8 编码（如记事本：另存为 → 编码选 UTF-8）后重新提交。' },
    ],
  },
  {
    name: 'a text over 1 MiB',
    find: /$/,
    replace: `# ${'填'.repeat(400_000)}\n`,
    issues: [
      { code: 'file-too-large', path: '', message: '文件有 1174 KB，超过定义文件的上限 1024 KB（一份行动方案或一年的节假日安排通常只有几 KB 到几十 KB），文件没有读取；请检查是否选错了文件。' },
    ],
  },
  {
    name: 'nesting too deep for the parser',
    find: 'kind: custom\n',
    replace: `kind: custom\nextra: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
    issues: [
      { code: 'yaml-syntax', path: '', line: 4, message: 'YAML 格式错误，文件无法读取：括号或缩进嵌套过深，请减少嵌套层数' },
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
      { code: 'unknown-parent', path: 'extends', line: 4, column: 10, message: '找不到 extends 指定的上级方案“nowhere”。请把上级方案文件放在同一目录或用 --path <目录> 指定的目录中，或先发布上级方案。' },
    ],
  },
  {
    name: 'a unit whose parent unit is not registered',
    find: '- { id: towns, name: 各乡镇 }',
    replace: '- { id: towns, name: 各乡镇, parent: county }',
    issues: [
      { code: 'unknown-parent-unit', path: 'organisation.units[0].parent', line: 60, column: 39, message: '单位“各乡镇”的上级单位“county”不存在，请在 organisation 的 units 或 leadDepartments 中登记，或改正 parent。' },
    ],
  },
  {
    name: 'units that are each other\'s parent (a cycle in the unit tree)',
    find: '- { id: towns, name: 各乡镇 }\n    - { id: office, name: 区安委办 }',
    replace: '- { id: towns, name: 各乡镇, parent: office }\n    - { id: office, name: 区安委办, parent: towns }',
    issues: [
      { code: 'unit-cycle', path: 'organisation.units[0].parent', line: 60, column: 39, message: '单位的上下级关系形成循环：各乡镇 → 区安委办 → 各乡镇；一个单位不能是自己的上级。' },
    ],
  },
  {
    name: 'a unit in a sector that is not declared',
    find: '- { id: towns, name: 各乡镇 }',
    replace: '- { id: towns, name: 各乡镇, sector: schools }',
    issues: [
      { code: 'unknown-sector', path: 'organisation.units[0].sector', line: 60, column: 39, message: '找不到编号为“schools”的行业领域，请在 sectors 中登记。' },
    ],
  },
  {
    name: 'a duty owed by a sector that is not declared',
    find: '    owedBy: [towns]',
    replace: '    owedBy: [towns, { sector: schools }]',
    issues: [
      { code: 'unknown-sector', path: 'duties[0].owedBy[1].sector', line: 32, column: 31, message: '找不到编号为“schools”的行业领域，请在 sectors 中登记。' },
    ],
  },
  {
    name: 'a duty owed by a sector no unit belongs to',
    find: /( {4}owedBy: )\[towns\]([\s\S]*?)organisation:\n/,
    replace: '$1[{ sector: schools }]$2sectors:\n  - { id: schools, name: 学校, department: office }\norganisation:\n',
    issues: [
      { code: 'sector-without-units', path: 'duties[0].owedBy[0].sector', line: 32, column: 24, message: '职责由行业领域“schools”的各单位承担，但没有单位写明属于该行业领域；请在单位上写明 sector: schools。' },
    ],
  },
  {
    name: 'a sector supervised by a department that is not registered',
    find: 'organisation:\n',
    replace: 'sectors:\n  - { id: schools, name: 学校, department: education-bureau }\norganisation:\n',
    issues: [
      { code: 'unknown-unit', path: 'sectors[0].department', line: 58, column: 42, message: '找不到编号为“education-bureau”的单位，请在 organisation 的 units 或 leadDepartments 中登记。' },
    ],
  },
  {
    name: 'a ladder step addressed to a unit that is not registered',
    find: 'audience: responsible-unit',
    replace: 'audience: { unit: fire-brigade }',
    issues: [
      { code: 'unknown-unit', path: 'escalationLadders.overdue.steps[0].audience.unit', line: 51, column: 27, message: '找不到编号为“fire-brigade”的单位，请在 organisation 的 units 或 leadDepartments 中登记。' },
    ],
  },
  {
    name: 'an event type whose duty has no time limit',
    find: 'hazardPolicy:\n',
    replace: 'events:\n  - id: accident\n    title: { zh: 生产安全事故 }\n    duty: { title: { zh: 事故书面报告 } }\nhazardPolicy:\n',
    issues: [
      { code: 'required', path: 'events[0].duty.within', line: 38, column: 11, message: '缺少必填项“within”。' },
    ],
  },
  {
    name: 'an event type with a time limit of zero hours',
    find: 'hazardPolicy:\n',
    replace: 'events:\n  - id: accident\n    title: { zh: 生产安全事故 }\n    duty: { title: { zh: 事故书面报告 }, within: { hours: 0 } }\nhazardPolicy:\n',
    issues: [
      { code: 'out-of-range', path: 'events[0].duty.within.hours', line: 38, column: 53, message: '“hours”：小时数应为正整数' },
    ],
  },
  {
    name: 'an event type reported by an unknown unit, with an unknown ladder',
    find: 'hazardPolicy:\n',
    replace: 'events:\n  - id: accident\n    title: { zh: 生产安全事故 }\n    reportedBy: [county]\n    duty: { title: { zh: 事故书面报告 }, within: { hours: 2 } }\n    ladder: accident\nhazardPolicy:\n',
    issues: [
      { code: 'unknown-unit', path: 'events[0].reportedBy[0]', line: 38, column: 18, message: '找不到编号为“county”的单位，请在 organisation 的 units 或 leadDepartments 中登记。' },
      { code: 'unknown-ladder', path: 'events[0].ladder', line: 40, column: 13, message: '找不到编号为“accident”的督促阶梯，请检查 escalationLadders 中的编号。' },
    ],
  },
  {
    name: 'a step collected by sector in a campaign without sectors',
    find: 'audience: unit-head\n',
    replace: 'audience: unit-head\n        collectBy: sector\n',
    issues: [
      { code: 'collect-without-sectors', path: 'escalationLadders.overdue.steps[1].collectBy', line: 56, column: 20, message: '第 2 步按行业领域集中（collectBy: sector），但本行动没有声明 sectors，也没有单位写明所属行业领域；请在 sectors 中声明行业领域并在单位上写明 sector，或删除 collectBy。' },
    ],
  },
  {
    name: 'a step collected in a way the language does not know',
    find: 'audience: unit-head\n',
    replace: 'audience: unit-head\n        collectBy: jurisdiction\n',
    issues: [{ code: 'invalid-value', path: 'escalationLadders.overdue.steps[1].collectBy', line: 56, column: 20, message: '“collectBy”的取值 "jurisdiction" 无效，可选：campaign、sector。' }],
  },
  {
    name: 'an audience that is neither a known value nor a unit',
    find: 'audience: responsible-unit',
    replace: 'audience: parent',
    issues: [
      { code: 'invalid-value', path: 'escalationLadders.overdue.steps[0].audience', line: 51, column: 19, message: '“audience”的取值 "parent" 无效，可选：responsible-unit、unit-head、supervising-department、all-units、leading-group-office、public、parent-unit、parent-unit-head、sector-department。' },
    ],
  },
  {
    name: 'a weekly cadence with a weekday outside 1…7',
    find: '    cadence:\n      kind: quarterly\n      opens: { period: next, day: 1 }\n      due: { period: next, month: 1, day: 10 }\n',
    replace: '    cadence: { kind: weekly, due: { period: next, weekday: 8 } }\n',
    issues: [{ code: 'out-of-range', path: 'duties[0].cadence.due.weekday', line: 28, column: 60, message: '“weekday”：星期应写成 1（星期一）到 7（星期日）的整数' }],
  },
  {
    name: 'a due time that is not a time of day',
    find: '    ladder: overdue\nhazardPolicy',
    replace: '    ladder: overdue\n    dueTime: "25:00"\nhazardPolicy',
    issues: [{ code: 'invalid-format', path: 'duties[0].dueTime', line: 35, column: 14, message: '时间应写成 HH:MM（00:00 至 23:59），例如 09:00、12:00' }],
  },
  {
    name: 'the second of several due days out of range',
    find: '    cadence:\n      kind: quarterly\n      opens: { period: next, day: 1 }\n      due: { period: next, month: 1, day: 10 }\n',
    replace: '    cadence: { kind: monthly, due: [{ day: 10 }, { day: 32 }] }\n',
    issues: [{ code: 'out-of-range', path: 'duties[0].cadence.due[1].day', line: 28, column: 57, message: '“day”：应不大于 31' }],
  },
  {
    name: 'a holiday the State Council does not announce',
    find: '    cadence:\n      kind: quarterly\n      opens: { period: next, day: 1 }\n      due: { period: next, month: 1, day: 10 }\n',
    replace: '    cadence: { kind: holiday-period, holidays: [圣诞节], due: { edge: end } }\n',
    issues: [{ code: 'invalid-value', path: 'duties[0].cadence.holidays[0]', line: 28, column: 49, message: '第 1 项的取值 "圣诞节" 无效，可选：元旦、春节、清明节、劳动节、端午节、中秋节、国庆节。' }],
  },
  {
    name: 'an activity window that ends before it starts',
    find: 'hazardPolicy:\n',
    replace: 'windows:\n  - { id: sweep, title: { zh: 集中排查 }, from: 2024-04-30, to: 2024-03-01 }\nhazardPolicy:\n',
    issues: [{ code: 'window-reversed', path: 'windows[0].to', line: 36, column: 61, message: '活动“集中排查”的结束日期 2024-03-01 早于开始日期 2024-04-30。' }],
  },
  {
    name: 'an activity window outside the span',
    find: 'hazardPolicy:\n',
    replace: 'windows:\n  - { id: sweep, title: { zh: 集中排查 }, from: 2024-11-01, to: 2025-01-31 }\nhazardPolicy:\n',
    issues: [{ code: 'window-outside-span', path: 'windows[0].to', line: 36, column: 61, message: '活动“集中排查”（2024-11-01 至 2025-01-31）超出了行动起止时间（2024-03-01 至 2024-12-31）。' }],
  },
  {
    name: 'null on a required key',
    find: '      due: { period: next, month: 1, day: 10 }\n',
    replace: '      due: null\n',
    issues: [{ code: 'required-key-removed', path: 'duties[0].cadence.due', line: 31, column: 12, message: '“due”是必填项，不能写 null 删除；null 只用于删除可以省略的继承项（如周期规则的 opens）。' }],
  },
];

describe('malformed definitions', () => {
  it('the base fixture is valid, without warnings (2024 has an official calendar)', () => {
    expect(parse(base)).toMatchObject({ ok: true, warnings: [] });
  });

  it('has at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('$name', ({ find, replace, issues }) => {
    const text = base.replace(find, replace);
    expect(text).not.toBe(base);
    expect(parse(text)).toEqual(errors(issues));
  });
});

describe('warnings: a valid definition with dates in a year that has no official calendar', () => {
  it('names the year of the span and each deadline in it, located, and still returns the definition', () => {
    const text = base.replace(/2024/g, '2027');
    const result = parse(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([
      {
        file: 'minimal.yaml', path: 'span', line: 8, column: 3, code: 'calendar-year-missing', severity: 'warning',
        message: '行动期间的 2027 年还没有国务院公布的节假日安排（definitions/calendars/ 中没有 2027.yaml）：该年暂按周一至周五上班、元旦、劳动节和国庆节的法定日期放假计算，春节、清明节、端午节、中秋节的假期和调休无法预知。通知公布后请添加 2027.yaml。',
      },
      {
        file: 'minimal.yaml', path: 'milestones[0].due', line: 22, column: 10, code: 'deadline-in-missing-year', severity: 'warning',
        message: '“动员会”的截止日期 2027-03-10 在 2027 年，该年还没有国务院公布的节假日安排，这些日期是按周一至周五和固定日期的法定节日推算的，通知公布后可能变化。',
      },
      {
        file: 'minimal.yaml', path: 'duties[0].cadence.due', line: 31, column: 12, code: 'deadline-in-missing-year', severity: 'warning',
        message: '“季度报告”的截止日期 2027-04-10、2027-07-10、2027-10-10 在 2027 年，该年还没有国务院公布的节假日安排，这些日期是按周一至周五和固定日期的法定节日推算的，通知公布后可能变化。',
      },
      {
        file: 'minimal.yaml', path: 'duties[0].cadence.due', line: 31, column: 12, code: 'deadline-in-missing-year', severity: 'warning',
        message: '“季度报告”的截止日期 2028-01-10 在 2028 年，该年还没有国务院公布的节假日安排，这些日期是按周一至周五和固定日期的法定节日推算的，通知公布后可能变化。',
      },
    ]);
  });
});

describe('files refused before parsing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'malformed-'));
  const notUtf8 = (encoding: string) =>
    `文件不是 UTF-8 编码，看起来是 ${encoding}，中文会变成乱码，文件没有读取。请用编辑器“另存为”UTF-8 编码（如记事本：另存为 → 编码选 UTF-8）后重新提交。`;

  it('a GBK-encoded file (fixtures/gbk.yaml: minimal.yaml saved as GBK), located at its first Chinese character', () => {
    const file = 'test/definitions/fixtures/gbk.yaml';
    expect(loadCampaignFile(file, { officialCalendar })).toEqual(errors([{ code: 'not-utf8', path: '', line: 4, column: 14, message: notUtf8('GBK/GB18030（中文 Windows 的默认编码）') }], file));
  });

  it('a UTF-16 file with its byte-order mark', () => {
    const file = join(dir, 'utf16.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(base, 'utf16le')]));
    expect(loadCampaignFile(file, { officialCalendar })).toEqual(errors([{ code: 'not-utf8', path: '', message: notUtf8('UTF-16（Unicode）') }], file));
  });

  it('accepts UTF-8 with a byte-order mark, columns of the first line unchanged', () => {
    const file = join(dir, 'bom.yaml');
    writeFileSync(file, `\uFEFF${base.replace('id: minimal', 'id: Minimal')}`);
    expect(loadCampaignFile(file, { officialCalendar })).toEqual(
      errors([{ code: 'invalid-format', path: 'id', line: 1, column: 5, message: '编号只能用小写字母、数字和连字符，例如 self-inspection' }], file),
    );
    expect(decodeDefinitionBytes(Buffer.from(`\uFEFF${base}`), 'bom.yaml')).toEqual({ ok: true, text: base });
  });

  it('an alias bomb (fixtures/alias-bomb.yaml), located at its first alias', () => {
    const file = 'test/definitions/fixtures/alias-bomb.yaml';
    expect(loadCampaignFile(file, { officialCalendar })).toEqual(
      errors([{ code: 'yaml-alias-limit', path: '', line: 3, column: 8, message: 'YAML 格式错误，文件无法读取：别名“*a”层层引用，展开后内容过多（疑似“别名炸弹”）；请直接写出内容，不要用 & 和 * 反复引用。' }], file),
    );
  });

  it('a 20 MiB file, without reading it', () => {
    const file = join(dir, 'big.yaml');
    writeFileSync(file, Buffer.alloc(20 * 1024 * 1024, 0x20));
    expect(loadCampaignFile(file, { officialCalendar })).toEqual(
      errors([{ code: 'file-too-large', path: '', message: '文件有 20.0 MiB，超过定义文件的上限 1024 KB（一份行动方案或一年的节假日安排通常只有几 KB 到几十 KB），文件没有读取；请检查是否选错了文件。' }], file),
    );
  });
});

describe('malformed official calendar files', () => {
  const calendar = readFileSync(new URL('./fixtures/calendar-2026.yaml', import.meta.url), 'utf8');
  const parseYear = (text: string) => parseCalendarYearText(text, { file: '2026.yaml', format: 'yaml' });
  const YEAR_CASES: Case[] = [
    {
      name: 'a 调休 day outside the year',
      find: '2026-01-04,',
      replace: '2025-01-04,',
      issues: [{ code: 'calendar-date-outside-year', path: 'workingDays[0]', line: 12, column: 15, message: '2025-01-04 不在 2026 年内：年度日历只写当年的日期（元旦假期及其调休可以从上一年 12 月 25 日起）。' }],
    },
    {
      name: 'a period that ends before it starts',
      find: '{ name: 端午节, from: 2026-06-19, to: 2026-06-21 }',
      replace: '{ name: 端午节, from: 2026-06-21, to: 2026-06-19 }',
      issues: [{ code: 'holiday-period-reversed', path: 'holidays[4].to', line: 9, column: 40, message: '假期“端午节”的结束日期 2026-06-19 早于开始日期 2026-06-21。' }],
    },
    {
      name: 'overlapping periods',
      find: '{ name: 端午节, from: 2026-06-19, to: 2026-06-21 }',
      replace: '{ name: 端午节, from: 2026-05-05, to: 2026-05-06 }',
      issues: [{ code: 'holiday-period-order', path: 'holidays[4].from', line: 9, column: 24, message: '假期“端午节”（2026-05-05 起）与前一个假期“劳动节”（2026-05-01 至 2026-05-05）重叠；请按时间先后排列假期，互不重叠。' }],
    },
    {
      name: 'periods out of order',
      find: '{ name: 端午节, from: 2026-06-19, to: 2026-06-21 }',
      replace: '{ name: 端午节, from: 2026-04-19, to: 2026-04-21 }',
      issues: [{ code: 'holiday-period-order', path: 'holidays[4].from', line: 9, column: 24, message: '假期“端午节”（2026-04-19 起）排在前一个假期“劳动节”（2026-05-01 至 2026-05-05）之后，却开始得更早；请按时间先后排列假期，互不重叠。' }],
    },
    {
      name: 'a 调休 day that is a weekday',
      find: '2026-01-04,',
      replace: '2026-01-05,',
      issues: [{ code: 'working-day-not-weekend', path: 'workingDays[0]', line: 12, column: 15, message: '调休上班日 2026-01-05 是星期一，本来就是工作日；workingDays 只写调休上班的星期六或星期日。' }],
    },
    {
      name: 'a 调休 day inside a holiday period',
      find: '2026-01-04,',
      replace: '2026-01-03,',
      issues: [{ code: 'working-day-in-holiday', path: 'workingDays[0]', line: 12, column: 15, message: '调休上班日 2026-01-03 在假期“元旦”（2026-01-01 至 2026-01-03）之内，不能既放假又上班。' }],
    },
    {
      name: 'no source',
      find: /source: .*\n/,
      replace: '',
      issues: [{ code: 'required', path: 'source', line: 2, column: 1, message: '缺少必填项“source”。' }],
    },
    {
      name: 'a period without a name',
      find: 'name: 元旦, ',
      replace: '',
      issues: [{ code: 'required', path: 'holidays[0].name', line: 5, column: 5, message: '缺少必填项“name”。' }],
    },
    {
      name: 'a year written in words',
      find: 'year: 2026',
      replace: 'year: 二〇二六',
      issues: [{ code: 'invalid-type', path: 'year', line: 2, column: 7, message: '“year”应为数字，这里写的是"二〇二六"。' }],
    },
  ];

  it('the base fixture (a copy of definitions/calendars/2026.yaml) is valid', () => {
    expect(parseYear(calendar)).toMatchObject({ ok: true, year: { year: 2026 } });
  });

  it('accepts a 元旦 period that begins in the last days of the previous December (2019: 2018-12-30 to 2019-01-01)', () => {
    expect(parseYear(calendar.replace('from: 2026-01-01, to: 2026-01-03', 'from: 2025-12-31, to: 2026-01-03'))).toMatchObject({ ok: true });
  });

  it.each(YEAR_CASES)('$name', ({ find, replace, issues }) => {
    const text = calendar.replace(find, replace);
    expect(text).not.toBe(calendar);
    expect(parseYear(text)).toEqual(errors(issues, '2026.yaml'));
  });

  it('a folder: files named after their year, one file per year', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calendars-'));
    writeFileSync(join(dir, '2026.yaml'), calendar);
    writeFileSync(join(dir, '2027.yaml'), calendar);
    writeFileSync(join(dir, 'next-year.yaml'), calendar);
    const { years, issues } = loadOfficialCalendarDirectory(dir);
    expect(years.map((y) => y.year)).toEqual([2026]);
    expect(issues).toEqual([
      { file: join(dir, '2027.yaml'), path: 'year', line: 2, column: 7, code: 'calendar-year-mismatch', severity: 'error', message: 'year 写的是 2026，与文件名 2027.yaml 的年份 2027 不一致。' },
      { file: join(dir, '2027.yaml'), path: 'year', line: 2, column: 7, code: 'duplicate-calendar-year', severity: 'error', message: '2026 年的日历已在文件 2026.yaml 中，同一年只能有一份。' },
      { file: join(dir, 'next-year.yaml'), path: '', line: 2, column: 1, code: 'calendar-file-name', severity: 'error', message: '年度日历的文件名应是年份，如 2027.yaml；这里是“next-year.yaml”。' },
      { file: join(dir, 'next-year.yaml'), path: 'year', line: 2, column: 7, code: 'duplicate-calendar-year', severity: 'error', message: '2026 年的日历已在文件 2026.yaml 中，同一年只能有一份。' },
    ]);
  });
});
