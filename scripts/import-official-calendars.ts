// One-off import: writes definitions/calendars/<year>.yaml for every year the `chinese-days`
// package (a devDependency, used only here) knows. After this the files are the data: bureaus
// edit and add them by hand (definitions/README.md, "Calendars"), and nothing at run time reads the package.
//
// chinese-days names every day off and every 调休 working day. Periods are rebuilt as the notices
// announce them: consecutive days off form one period; days of one festival separated only by a
// weekend the package leaves out are one period (2011/2012/2015 端午); adjacent festivals announced
// together become one period named by both in date order (国庆节、中秋节); a 元旦 period or 调休 in
// December belongs to the next year's notice (2019 元旦: 2018-12-30 to 2019-01-01, 2018-12-29 worked).
// It also writes definitions/legacy-calendar.json from chinese-days 1.5.7 exactly as imported: the
// calendar runs of engine 0.1 computed with (they read the package at run time); it is frozen, since
// their histories must replay on it.
// The files are data bureaus maintain by hand since: an existing file is never overwritten unless
// `--overwrite` is given.
// Usage: npx tsx scripts/import-official-calendars.ts [--overwrite]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { OfficialYear, type HolidayPeriod } from '../definitions/calendar-year.schema';
import { dateParts, plusDays, toDayNumber } from '../definitions/local-date';

type DayTable = { holidays: Record<string, string>; workdays: Record<string, string> };
const PACKAGE = 'chinese-days';
const table = createRequire(import.meta.url)(`${PACKAGE}/dist/chinese-days.json`) as DayTable;
const packageVersion = (createRequire(import.meta.url)(`${PACKAGE}/package.json`) as { version: string }).version;

/** The notices' names where the package shortens them. */
const NOTICE_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** Where the package departs from the notice as published (found by its first day); each correction quotes the notice. */
const CORRECTIONS: Array<{ from: string; name?: string; to?: string; notice: string }> = [
  { from: '2015-09-03', to: '2015-09-05', notice: '9月3日至5日调休放假，共3天。9月6日（星期日）上班' },
  { from: '2020-10-01', name: '国庆节、中秋节', notice: '国庆节、中秋节：10月1日至8日放假调休，共8天' },
];

/** Document numbers checked against the published notices; other years name the notice by its title. */
const DOCUMENT_NUMBERS: Record<number, string> = { 2025: '国办发明电〔2024〕12号', 2026: '国办发明电〔2025〕7号' };
const EXTRA_NOTICES: Record<number, string> = { 2020: '国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）' };

const chineseName = (entry: string): string => {
  const name = entry.split(',')[1] ?? entry;
  return NOTICE_NAMES[name] ?? name;
};
const isWeekend = (date: string): boolean => [0, 6].includes((toDayNumber(date) + 4) % 7);
const noticeYear = (date: string, name: string): number => {
  const { year, month } = dateParts(date);
  return month === 12 && name === '元旦' ? year + 1 : year;
};

function holidayPeriods(): HolidayPeriod[] {
  const periods: Array<HolidayPeriod & { names: string[] }> = [];
  for (const date of Object.keys(table.holidays).sort()) {
    const name = chineseName(table.holidays[date]!);
    const last = periods.at(-1);
    const gap = last ? toDayNumber(date) - toDayNumber(last.to) - 1 : Infinity;
    const weekendGap = last !== undefined && gap > 0 && gap <= 2 && [...Array(gap).keys()].every((i) => isWeekend(plusDays(last.to, i + 1)));
    if (last && (gap === 0 || (weekendGap && last.names.at(-1) === name))) {
      last.to = date;
      if (!last.names.includes(name)) last.names.push(name);
    } else {
      periods.push({ name, from: date, to: date, names: [name] });
    }
  }
  return periods.map(({ names, from, to }) => {
    const fix = CORRECTIONS.find((c) => c.from === from);
    return { name: fix?.name ?? names.join('、'), from, to: fix?.to ?? to };
  });
}

function yamlOf(year: OfficialYear): string {
  const fixes = CORRECTIONS.filter((c) => year.holidays.some((p) => p.from === c.from));
  return [
    '# yaml-language-server: $schema=../calendar-year.schema.json',
    `# 由 scripts/import-official-calendars.ts 从 ${PACKAGE} ${packageVersion} 导入；放假时段按通知的写法合并、命名。`,
    ...fixes.map((c) => `# 按通知更正 ${c.from} 起的假期：${c.notice}。`),
    `year: ${year.year}`,
    `source: ${year.source}`,
    'holidays:',
    ...year.holidays.map((p) => `  - { name: ${p.name}, from: ${p.from}, to: ${p.to} }`),
    `workingDays: [${year.workingDays.join(', ')}]`,
    '',
  ].join('\n');
}

const years = new Map<number, OfficialYear>();
const yearOf = (year: number): OfficialYear => {
  let found = years.get(year);
  if (!found) {
    const title = `国务院办公厅关于${year}年部分节假日安排的通知`;
    const source = [DOCUMENT_NUMBERS[year] ? `${title}（${DOCUMENT_NUMBERS[year]}）` : title, EXTRA_NOTICES[year]].filter(Boolean).join('；');
    found = { year, source, holidays: [], workingDays: [] };
    years.set(year, found);
  }
  return found;
};
for (const period of holidayPeriods()) yearOf(noticeYear(period.to, period.name)).holidays.push(period);
for (const date of Object.keys(table.workdays).sort()) yearOf(noticeYear(date, chineseName(table.workdays[date]!))).workingDays.push(date);

/** The package version engine 0.1 read; only its table may be the frozen legacy calendar. */
const LEGACY_PACKAGE_VERSION = '1.5.7';

const overwrite = process.argv.includes('--overwrite');
const written: string[] = [];
const kept: string[] = [];
/** Writes a file unless it exists (and --overwrite was not given). */
const write = (file: string, text: string): void => {
  if (existsSync(file) && !overwrite) kept.push(file);
  else {
    writeFileSync(file, text);
    written.push(file);
  }
};

const dir = fileURLToPath(new URL('../definitions/calendars/', import.meta.url));
mkdirSync(dir, { recursive: true });
const sorted = [...years.values()].sort((a, b) => a.year - b.year);
for (const year of sorted) write(`${dir}${year.year}.yaml`, yamlOf(OfficialYear.parse(year)));
if (packageVersion === LEGACY_PACKAGE_VERSION) {
  const legacy = { source: `${PACKAGE} ${packageVersion}`, years: sorted };
  write(fileURLToPath(new URL('../definitions/legacy-calendar.json', import.meta.url)), `${JSON.stringify(legacy, null, 1)}\n`);
}
console.log(`${PACKAGE} ${packageVersion}: ${sorted.length} years (${sorted[0]?.year}–${sorted.at(-1)?.year}); wrote ${written.length} files, kept ${kept.length} existing ones${kept.length > 0 && !overwrite ? ' (--overwrite replaces them)' : ''}`);
