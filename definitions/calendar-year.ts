/**
 * Validating the official calendar files (`definitions/calendars/<year>.yaml`) with the campaign
 * files' machinery: the same parser, the same zod error map, the same located Chinese issues.
 */
import { OfficialYear } from './calendar-year.schema';
import { IssueCode, type SemanticIssue } from './issue-code';
import type { DefinitionIssue } from './issue.schema';
import { clerkErrorMap, semanticToDefinitionIssue, zodIssuesToDefinitionIssues } from './issues';
import { makeDate, toDayNumber, type LocalDate } from './local-date';
import { parseSource, type CampaignSource, type SourceFormat } from './source';

export type CalendarYearResult = { ok: true; year: OfficialYear } | { ok: false; issues: DefinitionIssue[] };

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const weekdayOf = (date: LocalDate): number => (toDayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday

/**
 * Checks one year's calendar: every date lies in the year (a 元旦 period and its 调休 may begin on
 * the previous 12-25 or later), each period runs forwards, periods are in order and do not overlap,
 * and 调休 working days are weekend days outside every period.
 */
export function checkOfficialYear(calendar: OfficialYear): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  const { year } = calendar;
  const [first, last] = [makeDate(year - 1, 12, 25), makeDate(year, 12, 31)];
  const inYear = (date: LocalDate, path: SemanticIssue['path']) => {
    if (date < first || date > last) issues.push({ code: IssueCode.calendarDateOutsideYear, path, params: { date, year } });
  };
  calendar.holidays.forEach((period, i) => {
    const path = ['holidays', i];
    inYear(period.from, [...path, 'from']);
    inYear(period.to, [...path, 'to']);
    if (period.to < period.from) issues.push({ code: IssueCode.holidayPeriodReversed, path: [...path, 'to'], params: { ...period } });
    const previous = calendar.holidays[i - 1];
    if (previous && period.from <= previous.to) {
      const which = period.from < previous.from ? 'order' : 'overlap';
      const params = { ...period, which, previous: previous.name, previousFrom: previous.from, previousTo: previous.to };
      issues.push({ code: IssueCode.holidayPeriodOrder, path: [...path, 'from'], params });
    }
  });
  calendar.workingDays.forEach((date, i) => {
    const path = ['workingDays', i];
    inYear(date, path);
    const weekday = weekdayOf(date);
    if (weekday !== 0 && weekday !== 6) issues.push({ code: IssueCode.workingDayNotWeekend, path, params: { date, weekday: WEEKDAYS[weekday]! } });
    const period = calendar.holidays.find((p) => p.from <= date && date <= p.to);
    if (period) issues.push({ code: IssueCode.workingDayInHoliday, path, params: { date, ...period } });
  });
  return issues;
}

/** Validates a parsed year file: the schema, then {@link checkOfficialYear}. */
export function validateCalendarYearSource(source: CampaignSource): CalendarYearResult {
  const parsed = OfficialYear.safeParse(source.data, { error: clerkErrorMap });
  if (!parsed.success) return { ok: false, issues: zodIssuesToDefinitionIssues(parsed.error.issues, source.data, [source]) };
  const issues = checkOfficialYear(parsed.data);
  if (issues.length > 0) return { ok: false, issues: issues.map((issue) => semanticToDefinitionIssue(issue, [source])) };
  return { ok: true, year: parsed.data };
}

/**
 * Parses and validates one year's official calendar written as YAML or JSON.
 * @example parseCalendarYearText(text, { file: '2027.yaml', format: 'yaml' })
 */
export function parseCalendarYearText(text: string, options: { file: string; format: SourceFormat }): CalendarYearResult {
  const parsed = parseSource(text, options);
  return parsed.ok ? validateCalendarYearSource(parsed.source) : parsed;
}

/** `2027.yaml` → 2027; a name that is not a year → undefined. */
export function yearOfCalendarFile(file: string): number | undefined {
  const match = /(?:^|[\\/])(\d{4})\.(?:ya?ml|json)$/.exec(file);
  return match ? Number(match[1]) : undefined;
}

/**
 * The folder's rules over its valid year files: each is named after its year, and no year twice.
 * @returns per file, the issues it has (files without issues are absent)
 */
export function checkCalendarFolder(files: ReadonlyArray<{ source: CampaignSource; year: OfficialYear }>): Map<string, DefinitionIssue[]> {
  const issues = new Map<string, DefinitionIssue[]>();
  const add = (source: CampaignSource, issue: SemanticIssue) => issues.set(source.file, [...(issues.get(source.file) ?? []), semanticToDefinitionIssue(issue, [source])]);
  const seen = new Map<number, string>();
  for (const { source, year } of files) {
    const name = source.file.split(/[\\/]/).at(-1) ?? source.file;
    const fileYear = yearOfCalendarFile(source.file);
    if (fileYear === undefined) add(source, { code: IssueCode.calendarFileName, path: [], params: { name } });
    else if (fileYear !== year.year) add(source, { code: IssueCode.calendarYearMismatch, path: ['year'], params: { year: year.year, name, fileYear } });
    const other = seen.get(year.year);
    if (other !== undefined) add(source, { code: IssueCode.duplicateCalendarYear, path: ['year'], params: { year: year.year, other } });
    else seen.set(year.year, name);
  }
  return issues;
}
