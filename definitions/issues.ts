import { z } from 'zod';
import { formatPath, IssueCode, severityOf, type DocumentPath, type SemanticIssue } from './issue-code';
import type { DefinitionIssue } from './issue.schema';
import type { CampaignSource } from './source';

type Params = Record<string, string | number>;

const SEMANTIC_MESSAGES: Partial<Record<IssueCode, (p: Params) => string>> = {
  [IssueCode.duplicateId]: (p) => `编号“${p.id}”重复，已在 ${p.first} 用过；同一类内编号不能相同。`,
  [IssueCode.unknownPhase]: (p) => `找不到编号为“${p.id}”的阶段，请检查 phases 中的编号。`,
  [IssueCode.unknownMilestone]: (p) => `找不到编号为“${p.id}”的节点，请检查 milestones 中的编号。`,
  [IssueCode.unknownLadder]: (p) => `找不到编号为“${p.id}”的督促阶梯，请检查 escalationLadders 中的编号。`,
  [IssueCode.unknownUnit]: (p) => `找不到编号为“${p.id}”的单位，请在 organisation 的 units 或 leadDepartments 中登记。`,
  [IssueCode.dateRuleCycle]: (p) => `日期规则互相引用，无法算出日期：${p.chain}。`,
  [IssueCode.spanReversed]: (p) => `行动结束日期 ${p.end} 早于开始日期 ${p.start}。`,
  [IssueCode.phaseNotPositive]: (p) => `阶段“${p.name}”的结束日期 ${p.end} 早于开始日期 ${p.start}。`,
  [IssueCode.phaseOutsideSpan]: (p) => `阶段“${p.name}”（${p.start} 至 ${p.end}）超出了行动起止时间（${p.spanStart} 至 ${p.spanEnd}）。`,
  [IssueCode.phaseOrder]: (p) => `阶段“${p.name}”排在“${p.previous}”之后，却${p.which === 'start' ? '开始' : '结束'}得更早（${p.date} 早于 ${p.previousDate}）；请按时间顺序排列阶段。`,
  [IssueCode.milestoneOutsideSpan]: (p) => `节点“${p.title}”的日期 ${p.due} 不在行动起止时间（${p.spanStart} 至 ${p.spanEnd}）内。`,
  [IssueCode.dutyWindowReversed]: (p) => `职责“${p.title}”的截止期间 ${p.until} 早于起始期间 ${p.from}。`,
  [IssueCode.dutyWithoutOccurrence]: (p) => `职责“${p.title}”在 ${p.from} 至 ${p.until} 之间一次也不会发生，请检查周期规则。`,
  [IssueCode.dutyOpensAfterDue]: (p) => `职责“${p.title}”（${p.period}）的开始日期 ${p.opensOn} 晚于截止日期 ${p.dueOn}。`,
  [IssueCode.windowReversed]: (p) => `活动“${p.title}”的结束日期 ${p.to} 早于开始日期 ${p.from}。`,
  [IssueCode.windowOutsideSpan]: (p) => `活动“${p.title}”（${p.from} 至 ${p.to}）超出了行动起止时间（${p.spanStart} 至 ${p.spanEnd}）。`,
  [IssueCode.unknownPlaceholder]: (p) => `消息模板中的占位符“{{${p.name}}}”无法识别；可用的有：${p.known}。`,
  [IssueCode.ladderStepOrder]: (p) => `督促步骤应按时间先后排列：第 ${p.step} 步（到期后 ${p.days} 天）早于上一步（到期后 ${p.previousDays} 天）。`,
  [IssueCode.ladderStepBeforeDue]: (p) => `第 ${p.step} 步“${p.action}”写在到期前 ${p.days} 天：${p.action}只针对已经逾期的事项，不能早于到期日；请把天数改为 0 或正数。`,
  [IssueCode.calendarConflict]: (p) => `${p.date} 同时写在 workingDays（工作日）和 holidays（休息日）中，只能写在一处。`,
  [IssueCode.unknownParentUnit]: (p) => `单位“${p.unit}”的上级单位“${p.id}”不存在，请在 organisation 的 units 或 leadDepartments 中登记，或改正 parent。`,
  [IssueCode.unitCycle]: (p) => `单位的上下级关系形成循环：${p.chain}；一个单位不能是自己的上级。`,
  [IssueCode.collectWithoutSectors]: (p) =>
    `第 ${p.step} 步按行业领域集中（collectBy: sector），但本行动没有声明 sectors，也没有单位写明所属行业领域；请在 sectors 中声明行业领域并在单位上写明 sector，或删除 collectBy。`,
  [IssueCode.unknownSector]: (p) => `找不到编号为“${p.id}”的行业领域，请在 sectors 中登记。`,
  [IssueCode.sectorWithoutUnits]: (p) => `职责由行业领域“${p.id}”的各单位承担，但没有单位写明属于该行业领域；请在单位上写明 sector: ${p.id}。`,
  [IssueCode.unknownParent]: (p) =>
    `找不到 extends 指定的上级方案“${p.id}”。${p.searched ? `已查找：${p.searched}。` : ''}请把上级方案文件放在同一目录或用 --path <目录> 指定的目录中，或先发布上级方案。`,
  [IssueCode.requiredKeyRemoved]: (p) => `${p.field}是必填项，不能写 null 删除；null 只用于删除可以省略的继承项（如周期规则的 opens）。`,
  [IssueCode.extendsCycle]: (p) => `方案之间互相继承，形成循环：${p.chain}。`,
  [IssueCode.jurisdictionOutsideParent]: (p) => `辖区 ${p.jurisdiction} 不在上级方案“${p.parent}”的辖区 ${p.parentJurisdiction} 之内。`,
  [IssueCode.duplicateCampaign]: (p) => `行动编号“${p.id}”已在文件 ${p.other} 中使用。`,
  [IssueCode.fileUnreadable]: (p) => `无法读取文件：${p.reason}。`,
  [IssueCode.fileTooLarge]: (p) => `文件有 ${p.size}，超过定义文件的上限 ${p.limit}（一份行动方案或一年的节假日安排通常只有几 KB 到几十 KB），文件没有读取；请检查是否选错了文件。`,
  [IssueCode.notUtf8]: (p) => `文件不是 UTF-8 编码，看起来是 ${p.encoding}，中文会变成乱码，文件没有读取。请用编辑器“另存为”UTF-8 编码（如记事本：另存为 → 编码选 UTF-8）后重新提交。`,
  [IssueCode.yamlAliasLimit]: (p) => `YAML 格式错误，文件无法读取：别名“*${p.alias}”层层引用，展开后内容过多（疑似“别名炸弹”）；请直接写出内容，不要用 & 和 * 反复引用。`,
  [IssueCode.calendarFileName]: (p) => `年度日历的文件名应是年份，如 2027.yaml；这里是“${p.name}”。`,
  [IssueCode.calendarYearMismatch]: (p) => `year 写的是 ${p.year}，与文件名 ${p.name} 的年份 ${p.fileYear} 不一致。`,
  [IssueCode.duplicateCalendarYear]: (p) => `${p.year} 年的日历已在文件 ${p.other} 中，同一年只能有一份。`,
  [IssueCode.calendarDateOutsideYear]: (p) => `${p.date} 不在 ${p.year} 年内：年度日历只写当年的日期（元旦假期及其调休可以从上一年 12 月 25 日起）。`,
  [IssueCode.holidayPeriodReversed]: (p) => `假期“${p.name}”的结束日期 ${p.to} 早于开始日期 ${p.from}。`,
  [IssueCode.holidayPeriodOrder]: (p) =>
    `假期“${p.name}”（${p.from} 起）${p.which === 'overlap' ? '与' : '排在'}前一个假期“${p.previous}”（${p.previousFrom} 至 ${p.previousTo}）${p.which === 'overlap' ? '重叠' : '之后，却开始得更早'}；请按时间先后排列假期，互不重叠。`,
  [IssueCode.workingDayNotWeekend]: (p) => `调休上班日 ${p.date} 是${p.weekday}，本来就是工作日；workingDays 只写调休上班的星期六或星期日。`,
  [IssueCode.workingDayInHoliday]: (p) => `调休上班日 ${p.date} 在假期“${p.name}”（${p.from} 至 ${p.to}）之内，不能既放假又上班。`,
  [IssueCode.calendarYearMissing]: (p) =>
    `行动期间的 ${p.year} 年还没有国务院公布的节假日安排（definitions/calendars/ 中没有 ${p.year}.yaml）：该年暂按周一至周五上班、元旦、劳动节和国庆节的法定日期放假计算，春节、清明节、端午节、中秋节的假期和调休无法预知。通知公布后请添加 ${p.year}.yaml。`,
  [IssueCode.deadlineInMissingYear]: (p) =>
    `“${p.title}”的截止日期 ${p.dates} 在 ${p.year} 年，该年还没有国务院公布的节假日安排，这些日期是按周一至周五和固定日期的法定节日推算的，通知公布后可能变化。`,
  [IssueCode.holidayPeriodsUnknown]: (p) =>
    `职责“${p.title}”按节假日放假期间安排，但 ${p.years} 年还没有国务院公布的节假日安排，这些年份的放假时段无法确定，暂不安排；通知公布并添加 definitions/calendars/<年份>.yaml 后（运行中的行动须更新日历）才会安排。`,
};

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  object: '一组字段（字段名: 值）',
  array: '列表（每项以“- ”开头）',
};

function valueAt(data: unknown, path: DocumentPath): unknown {
  return path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined), data);
}

function describeValue(value: unknown): string {
  if (value === null) return '空值';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'object') return '一组字段';
  return JSON.stringify(value);
}

function fieldName(path: DocumentPath): string {
  const last = path[path.length - 1];
  return typeof last === 'number' ? `第 ${last + 1} 项` : `“${last ?? '文件内容'}”`;
}

type Located = { code: IssueCode; path: DocumentPath; message: string; atKey?: boolean };

/** Turns one zod issue into clerk-readable issues; unions are narrowed to the branch the writer evidently meant. */
function explainZodIssue(issue: z.core.$ZodIssue, base: DocumentPath, data: unknown): Located[] {
  const path = [...base, ...(issue.path as Array<string | number>)];
  switch (issue.code) {
    case 'invalid_type': {
      const value = valueAt(data, path);
      if (value === undefined || value === null) {
        return [{ code: IssueCode.required, path, message: `缺少必填项${fieldName(path)}。` }];
      }
      return [{ code: IssueCode.invalidType, path, message: `${fieldName(path)}应为${TYPE_NAMES[issue.expected] ?? issue.expected}，这里写的是${describeValue(value)}。` }];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        code: IssueCode.unknownField,
        path: [...path, key],
        atKey: true,
        message: `不认识的字段“${key}”，请检查拼写或删除。`,
      }));
    case 'invalid_union': {
      // zod reports an unknown discriminator (`kind`, `action`) with these two undeclared fields.
      const discriminator = issue as typeof issue & { note?: string; options?: unknown[] };
      if (discriminator.note === 'No matching discriminator') {
        const value = valueAt(data, path);
        const options = discriminator.options?.join('、') ?? '';
        const message = value === undefined ? `缺少${fieldName(path)}，可选：${options}。` : `${fieldName(path)}的取值 ${describeValue(value)} 无效，可选：${options}。`;
        return [{ code: IssueCode.invalidKind, path, message }];
      }
      // A branch that failed only because the value has another type (e.g. a date string vs a rule object) was not meant.
      const meant = issue.errors.find((branch) => !(branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0));
      if (meant) return meant.flatMap((inner) => explainZodIssue(inner, path, data));
      if (valueAt(data, path) === undefined) return [{ code: IssueCode.required, path, message: `缺少必填项${fieldName(path)}。` }];
      return [{ code: IssueCode.invalidType, path, message: `${fieldName(path)}应写成日期（YYYY-MM-DD）或日期规则（带 kind 的一组字段），这里写的是${describeValue(valueAt(data, path))}。` }];
    }
    case 'invalid_value':
      if (valueAt(data, path) === undefined) return [{ code: IssueCode.required, path, message: `缺少必填项${fieldName(path)}，可选：${issue.values.map(String).join('、')}。` }];
      return [{ code: IssueCode.invalidValue, path, message: `${fieldName(path)}的取值 ${describeValue(valueAt(data, path))} 无效，可选：${issue.values.map(String).join('、')}。` }];
    case 'invalid_format':
      return [{ code: IssueCode.invalidFormat, path, message: issue.message }];
    case 'too_small':
    case 'too_big':
      return [{ code: IssueCode.outOfRange, path, message: `${fieldName(path)}：${issue.message}` }];
    default:
      return [{ code: IssueCode.invalid, path, message: `${fieldName(path)}：${issue.message}` }];
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const idOf = (value: unknown): string | undefined => (isPlainObject(value) && typeof value.id === 'string' ? value.id : undefined);

/**
 * The path, in one file's own data, of a path in the merged definition: a derived file lists only
 * the items it changes, so list items with an `id` are found by id. Undefined when the file does
 * not have the item.
 */
function pathInSource(path: DocumentPath, merged: unknown, own: unknown): DocumentPath | undefined {
  const translated: Array<string | number> = [];
  let [inMerged, inOwn] = [merged, own];
  for (const segment of path) {
    let ownSegment = segment;
    if (typeof segment === 'number' && Array.isArray(inMerged) && Array.isArray(inOwn)) {
      const id = idOf(inMerged[segment]);
      ownSegment = id === undefined ? segment : inOwn.findIndex((item) => idOf(item) === id);
      if (ownSegment < 0) return undefined;
    }
    translated.push(ownSegment);
    inMerged = (inMerged as Record<string | number, unknown> | undefined)?.[segment];
    inOwn = inOwn !== null && typeof inOwn === 'object' ? (inOwn as Record<string | number, unknown>)[ownSegment] : undefined;
  }
  return translated;
}

type Location = Pick<DefinitionIssue, 'file' | 'line' | 'column'> & { path: DocumentPath; inherited: boolean };

/**
 * Finds the file that writes a path and where: the first source (the file itself, then its parent,
 * grandparent…) that writes it, with the path as that file has it. `merged`: the merged data whose
 * paths the issue names (needed when a derived file lists fewer items than the merge).
 */
function locate(path: DocumentPath, sources: readonly CampaignSource[], atKey = false, merged?: unknown): Location {
  const [first] = sources;
  if (!first) return { file: '', path, inherited: false };
  const hits = sources.flatMap((source, index) => {
    const own = sources.length > 1 && merged !== undefined ? pathInSource(path, merged, source.data) : path;
    return own ? [{ source, index, own, ...source.locate(own, { key: atKey }) }] : [];
  });
  const hit = hits.find((h) => h.exact) ?? { source: first, index: 0, own: path, ...first.locate(path, { key: atKey }) };
  return { file: hit.source.file, line: hit.position?.line, column: hit.position?.column, path: hit.own, inherited: hit.index > 0 };
}

function build(located: Located, sources: readonly CampaignSource[], merged?: unknown): DefinitionIssue {
  const { code, message } = located;
  const { path, inherited, ...where } = locate(located.path, sources, located.atKey, merged);
  // The file being checked inherits this from a parent: say so, and how to change it here.
  const hint = inherited ? `（此项写在上级方案文件 ${where.file} 中，本方案继承了它；可在本方案中改写，或写 null 删除可省略的项）` : '';
  return { ...where, path: formatPath(path), code, message: `${message}${hint}`, severity: severityOf(code) };
}

/** A required key a derived file removed with `null`: said as such, at the `null`. */
function removedRequiredKey(located: Located, sources: readonly CampaignSource[], merged: unknown): Located | undefined {
  if (located.code !== IssueCode.required && located.code !== IssueCode.invalidType) return undefined;
  const removed = sources.some((source) => {
    const own = pathInSource(located.path, merged, source.data);
    return own !== undefined && valueAt(source.data, own) === null;
  });
  return removed ? { ...located, code: IssueCode.requiredKeyRemoved, message: SEMANTIC_MESSAGES[IssueCode.requiredKeyRemoved]!({ field: fieldName(located.path) }) } : undefined;
}

const zhCN = z.locales.zhCN();

/**
 * zod's error map for campaign texts: plain sentences for limits, zod's Chinese locale for the rest.
 * Messages written on a schema (e.g. the date format) take precedence over both.
 */
export function clerkErrorMap(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'too_big' && issue.origin === 'number') return `应不大于 ${issue.maximum}`;
  if (issue.code === 'too_small' && issue.origin === 'number') return issue.inclusive ? `应不小于 ${issue.minimum}` : `应大于 ${issue.minimum}`;
  if (issue.code === 'too_small' && issue.origin === 'array') return `至少要有 ${issue.minimum} 项`;
  if (issue.code === 'too_small' && issue.origin === 'string') return '不能为空';
  const fallback = zhCN.localeError(issue);
  return typeof fallback === 'string' ? fallback : fallback?.message;
}

/** Schema errors → located, worded issues. */
export function zodIssuesToDefinitionIssues(issues: readonly z.core.$ZodIssue[], data: unknown, sources: readonly CampaignSource[]): DefinitionIssue[] {
  return issues
    .flatMap((issue) => explainZodIssue(issue, [], data))
    .map((located) => build(removedRequiredKey(located, sources, data) ?? located, sources, data));
}

/** Puts a semantic issue into words and locates it (`merged`: the merged definition its path is in, for a derived file). */
export function semanticToDefinitionIssue(issue: SemanticIssue, sources: readonly CampaignSource[], merged?: unknown): DefinitionIssue {
  const render = SEMANTIC_MESSAGES[issue.code];
  return build({ code: issue.code, path: issue.path, message: render ? render(issue.params) : issue.code }, sources, merged);
}

/** One line per issue: `file:line:column  path  message  [code]`, warnings marked `警告：`, ready for a terminal. */
export function formatIssues(issues: readonly DefinitionIssue[]): string {
  return issues
    .map((issue) => {
      const where = [issue.file, issue.line, issue.column].filter((part) => part !== undefined && part !== '').join(':');
      const severity = issue.severity === 'warning' ? '警告：' : '';
      return `${where}  ${issue.path || '(整个文件)'}  ${severity}${issue.message}  [${issue.code}]`;
    })
    .join('\n');
}
