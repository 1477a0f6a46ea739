// Campaign definition CLI: validate, plan (timeline table) and diagram (Mermaid).
// Usage: npm run campaign -- validate|plan|diagram <file…>
import { basename, dirname, normalize } from 'node:path';
import {
  campaignCalendar,
  describeTimeLimit,
  changedItems,
  diffFromParent,
  ESCALATION_ACTION_LABELS,
  formatChange,
  formatIssues,
  ladderDates,
  resolveTimeline,
  TIMELINE_ENTRY_LABELS,
  toMermaidGantt,
  toMermaidStateDiagram,
  type Calendar,
  type CampaignDefinition,
  type DefinitionIssue,
  type OfficialYear,
  type Timeline,
} from '../definitions';
import { loadCampaignFile, loadOfficialCalendarDirectory } from '../definitions/load';
import { sectorOf, unitAncestors, unitEntries, unitRef } from '../definitions/unit-tree';

const USAGE = `用法 / usage:
  npm run campaign -- validate [--path <目录>]… <file…>   校验行动定义文件或年度日历文件（calendars/<年份>.yaml），列出全部问题
  npm run campaign -- plan [--diff] [--path <目录>]… <file>   按日期列出全部阶段、节点、活动和职责，以及逾期督促的日期；--diff 列出相对上级方案的改动
  npm run campaign -- diagram [--path <目录>]… <file>     输出 Mermaid 状态图和甘特图（继承方案标出本级新增、修改的项）
extends 指定的上级方案在同一目录中查找，再到每个 --path 目录中查找。
行动定义按 definitions/calendars/ 中国务院公布的节假日安排计算工作日。`;

/** Options before the files: `--path <dir>` (repeatable) and `--diff`. */
type Options = { searchPath: string[]; diff: boolean };

/** Marks a date computed in a year without an official calendar. */
const ASSUMED = '*';

/** Terminal columns of a string: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  return [...text].reduce((width, char) => width + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1), 0);
}
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? ''))));
  return rows.map((row) => row.map((cell, column) => pad(cell, widths[column]!)).join('  ').trimEnd()).join('\n');
}

/** The official calendar of the repository; its problems end the command. */
function officialCalendar(): OfficialYear[] | undefined {
  const { years, issues } = loadOfficialCalendarDirectory();
  if (issues.length === 0) return years;
  console.error(`✗ definitions/calendars/ 中的年度日历有 ${issues.length} 个问题，无法计算工作日：`);
  console.error(formatIssues(issues));
  return undefined;
}

type Loaded = { definition: CampaignDefinition; parent?: CampaignDefinition; warnings: DefinitionIssue[]; timeline: Timeline; calendar: Calendar };

function load(file: string, options: Options): Loaded | undefined {
  const years = officialCalendar();
  if (!years) return undefined;
  const result = loadCampaignFile(file, { officialCalendar: years, searchPath: options.searchPath });
  if (!result.ok) {
    console.error(formatIssues(result.issues));
    return undefined;
  }
  const calendar = campaignCalendar(years, result.definition);
  const parent = result.parent ? { parent: result.parent } : {};
  return { definition: result.definition, ...parent, warnings: result.warnings, timeline: resolveTimeline(result.definition, calendar), calendar };
}

/** A derived plan says whose it is; with --diff, what it changes. */
function printParent({ definition, parent }: Loaded, diff: boolean): void {
  if (!parent) return;
  console.log(`继承上级方案：${parent.title.zh}（${parent.id} v${parent.version}）`);
  if (!diff) return console.log('');
  const changes = diffFromParent(parent, definition);
  console.log(`相对上级方案的改动（${changes.length}）：`);
  console.log(changes.length > 0 ? `${changes.map((c) => `  ${formatChange(c)}`).join('\n')}\n` : '  （无）\n');
}

const isCalendarYearFile = (file: string): boolean => basename(dirname(file)) === 'calendars';

/** A year file is validated with its folder (its name, one file per year). */
function validateCalendarYearFile(file: string): boolean {
  const issues = loadOfficialCalendarDirectory(dirname(file)).issues.filter((issue) => issue.file === normalize(file));
  if (issues.length > 0) {
    console.error(`✗ ${file}：发现 ${issues.length} 个问题`);
    console.error(formatIssues(issues));
    return false;
  }
  console.log(`✓ ${file}  年度节假日安排`);
  return true;
}

function validateCampaignFile(file: string, years: OfficialYear[], options: Options): boolean {
  const result = loadCampaignFile(file, { officialCalendar: years, searchPath: options.searchPath });
  if (!result.ok) {
    console.error(`✗ ${file}：发现 ${result.issues.length} 个问题`);
    console.error(formatIssues(result.issues));
    return false;
  }
  const { definition, warnings } = result;
  console.log(`✓ ${file}  ${definition.title.zh}（${definition.id} v${definition.version}）${warnings.length > 0 ? `，${warnings.length} 个警告` : ''}`);
  if (warnings.length > 0) console.log(formatIssues(warnings));
  return true;
}

function validate(files: string[], options: Options): number {
  const campaignFiles = files.filter((file) => !isCalendarYearFile(file));
  const years = campaignFiles.length > 0 ? officialCalendar() : [];
  if (!years) return 1;
  const valid = files.map((file) => (isCalendarYearFile(file) ? validateCalendarYearFile(file) : validateCampaignFile(file, years, options)));
  return valid.every(Boolean) ? 0 : 1;
}

function plan(file: string, options: Options): number {
  const loaded = load(file, options);
  if (!loaded) return 1;
  const { definition, warnings, timeline, calendar } = loaded;
  const shown = (date: string) => (calendar.isOfficialYear(Number(date.slice(0, 4))) ? date : `${date}${ASSUMED}`);
  console.log(`${definition.title.zh}（${definition.id} v${definition.version}）  ${timeline.span.start} → ${timeline.span.end}  ${timeline.timeZone}\n`);
  printParent(loaded, options.diff);
  if (warnings.length > 0) {
    console.log(`警告（${warnings.length}）：`);
    console.log(`${formatIssues(warnings)}\n`);
  }
  const rows = timeline.entries.map((e) => [
    e.time ? `${shown(e.date)} ${e.time}` : shown(e.date),
    TIMELINE_ENTRY_LABELS[e.kind],
    e.nominalDate ? `${e.label}（原定 ${e.nominalDate}，遇节假日顺延）` : e.label,
    e.ref,
  ]);
  console.log(table([['日期', '类型', '事项', '编号'], ...rows]));
  if (rows.some(([date]) => date!.endsWith(ASSUMED))) console.log(`\n${ASSUMED} 该年尚无国务院公布的节假日安排，日期按周一至周五和固定日期的法定节日推算，公布后可能变化。`);

  const tree = unitEntries(definition).filter(({ unit }) => unit.parent !== undefined || unit.sector !== undefined);
  if (tree.length > 0) console.log('\n单位（上下级、行业领域）');
  for (const { unit } of tree) {
    const line = [...unitAncestors(definition, unit.id).reverse(), unit].map((u) => u.name).join(' → ');
    const sector = sectorOf(definition, unit.sector);
    console.log(`  ${unit.id}  ${line}${sector ? `  [${sector.name}，主管部门 ${unitRef(definition, sector.department)?.name ?? sector.department}]` : ''}`);
  }
  if (definition.events?.length) console.log('\n事件（报告后计时）');
  for (const event of definition.events ?? []) {
    const who = event.reportedBy ? `，由 ${event.reportedBy.join('、')} 报告` : '';
    console.log(`  ${event.id}  ${event.title.zh}：${event.duty.title.zh}，事件发生后${describeTimeLimit(event.duty.within)}完成${who}${event.ladder ? `；逾期阶梯 ${event.ladder}` : ''}`);
  }
  if (Object.keys(definition.escalationLadders).length > 0) console.log('\n督促阶梯（相对到期日）');
  for (const [id, ladder] of Object.entries(definition.escalationLadders)) {
    const steps = ladder.steps.map((s) => `${ESCALATION_ACTION_LABELS[s.action]}（${s.offset.days >= 0 ? '+' : ''}${s.offset.days} ${s.offset.unit === 'working' ? '工作日' : '天'}${s.collectBy === 'sector' ? '，按行业集中' : ''}）`);
    console.log(`  ${id}  ${ladder.name.zh}：${steps.join(' → ')}`);
  }

  const laddered = [
    ...timeline.milestones.flatMap((m) => (m.ladderId ? [{ ref: m.milestoneId, dueOn: m.dueOn, ladderId: m.ladderId }] : [])),
    ...timeline.occurrences.flatMap((o) => (o.ladderId ? [{ ref: o.occurrenceId, dueOn: o.dueOn, dueTime: o.dueTime, ladderId: o.ladderId }] : [])),
  ].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.ref.localeCompare(b.ref));
  if (laddered.length > 0) {
    console.log('\n逾期督促日期（到期未完成时）');
    const ladderRows = laddered.map(({ ref, dueOn, ladderId, ...item }) => {
      const ladder = definition.escalationLadders[ladderId]!;
      const dates = ladderDates(ladder, dueOn, calendar);
      const dueTime = 'dueTime' in item && item.dueTime ? ` ${item.dueTime}` : '';
      return [`${shown(dueOn)}${dueTime}`, ref, ladder.steps.map((s, i) => `${ESCALATION_ACTION_LABELS[s.action]} ${shown(dates[i]!)}`).join(' → ')];
    });
    console.log(table([['到期日', '编号', '督促步骤及日期'], ...ladderRows]));
  }
  return 0;
}

function diagram(file: string, options: Options): number {
  const loaded = load(file, options);
  if (!loaded) return 1;
  const marks = loaded.parent ? changedItems(diffFromParent(loaded.parent, loaded.definition)) : undefined;
  console.log('```mermaid');
  console.log(toMermaidStateDiagram(loaded.timeline, marks));
  console.log('```\n\n```mermaid');
  console.log(toMermaidGantt(loaded.timeline, loaded.definition.title.zh, marks));
  console.log('```');
  return 0;
}

/** Splits `--path <dir>` (repeatable) and `--diff` from the files; undefined when `--path` lacks its folder. */
function parseOptions(args: string[]): { options: Options; files: string[] } | undefined {
  const options: Options = { searchPath: [], diff: false };
  const files: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--diff') options.diff = true;
    else if (args[i] === '--path') {
      const dir = args[(i += 1)];
      if (dir === undefined) return undefined;
      options.searchPath.push(dir);
    } else files.push(args[i]!);
  }
  return { options, files };
}

function main(args: string[]): number {
  const [command, ...rest] = args;
  const parsed = parseOptions(rest);
  const files = parsed?.files ?? [];
  if (parsed && command === 'validate' && files.length > 0) return validate(files, parsed.options);
  if (parsed && command === 'plan' && files.length === 1) return plan(files[0]!, parsed.options);
  if (parsed && command === 'diagram' && files.length === 1) return diagram(files[0]!, parsed.options);
  console.error(USAGE);
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  // Crash handler: a clerk sees one sentence, not a stack trace.
  console.error(`出错了：${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
