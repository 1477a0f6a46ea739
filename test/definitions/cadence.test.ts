// Cadences beyond the seeds': weekly (每周汇总，次周一上午上报), several due days in one duty
// (每月10日和25日前), a time of day (12:00), and duties tied to the official holiday periods.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignCalendar, parseCampaignText, resolveTimeline, toMermaidGantt, windowStateOn, type OfficialYear, type ParseResult, type Timeline } from '../../definitions';
import { isoWeekday } from '../../definitions/cadence';
import { repositoryOfficialCalendar } from '../../definitions/load';

const officialCalendar = repositoryOfficialCalendar();
const minimal = readFileSync(new URL('./fixtures/minimal.yaml', import.meta.url), 'utf8');
const QUARTERLY = `    cadence:
      kind: quarterly
      opens: { period: next, day: 1 }
      due: { period: next, month: 1, day: 10 }
`;

/** The minimal fixture with its duty's cadence (and extra duty lines) replaced, over 2026 (or the span given). */
function withCadence(cadence: string, extra = '', span = 'span:\n  start: 2026-01-01\n  end: { kind: year, year: 2026 }\n'): string {
  return minimal
    .replace(QUARTERLY, `    cadence: ${cadence}\n${extra}`)
    .replace(/span:\n {2}start: 2024-03-01\n {2}end: \{ kind: year, year: 2024 \}\n/, span)
    .replace(/2024-03/g, '2026-03')
    .replace(/2024-06/g, '2026-06')
    .replace('year: 2024 }\nmilestones', 'year: 2026 }\nmilestones')
    .replace(/kind: year, year: 2024 \}/g, 'kind: year, year: 2026 }');
}

function parse(text: string, years: readonly OfficialYear[] = officialCalendar): ParseResult {
  return parseCampaignText(text, { file: 'cadence.yaml', format: 'yaml', officialCalendar: years });
}

function timelineOf(text: string, years: readonly OfficialYear[] = officialCalendar): Timeline {
  const result = parse(text, years);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
  return resolveTimeline(result.definition, campaignCalendar(years, result.definition));
}

describe('weekly cadence', () => {
  it('gives one occurrence per ISO week, due on a weekday of the same or the next week', () => {
    const timeline = timelineOf(withCadence('{ kind: weekly, due: { period: next, weekday: 1 } }'));
    const weeks = timeline.occurrences.map((o) => [o.period, o.opensOn, o.dueOn]);
    // 2026-01-01 is a Thursday: its week (2026-W01, 12-29…01-04) opens on the window's first day.
    expect(weeks[0]).toEqual(['2026-W01', '2026-01-01', '2026-01-05']);
    expect(weeks).toContainEqual(['2026-W07', '2026-02-09', '2026-02-16']);
    expect(weeks.at(-1)).toEqual(['2026-W53', '2026-12-28', '2027-01-04']);
    expect(timeline.occurrences).toHaveLength(53);
    expect(timeline.occurrences.every((o) => isoWeekday(o.dueOn) === 1)).toBe(true);
    expect(timeline.occurrences[6]?.periodLabel).toBe('2026年第7周（2月9日—2月15日）');
  });

  it('counts ISO weeks across a year boundary (2027-01-01 is in 2026-W53)', () => {
    expect(isoWeekday('2026-02-16')).toBe(1);
    expect(isoWeekday('2026-02-15')).toBe(7);
    const timeline = timelineOf(withCadence('{ kind: weekly, opens: { weekday: 5 }, due: { weekday: 5 } }'));
    expect(timeline.occurrences.slice(0, 2).map((o) => [o.period, o.opensOn, o.dueOn])).toEqual([
      ['2026-W01', '2026-01-02', '2026-01-02'],
      ['2026-W02', '2026-01-09', '2026-01-09'],
    ]);
  });

  it('across Spring Festival 2026, rolls the Monday deadlines in the holiday forward to the first working day when 顺延 is on', () => {
    const timeline = timelineOf(withCadence('{ kind: weekly, due: { period: next, weekday: 1 } }', '    rollForward: true\n'));
    const festival = timeline.occurrences.filter((o) => o.period >= '2026-W06' && o.period <= '2026-W09');
    expect(festival.map((o) => [o.period, o.dueOn, o.nominalDueOn])).toEqual([
      ['2026-W06', '2026-02-09', undefined],
      ['2026-W07', '2026-02-24', '2026-02-16'],
      ['2026-W08', '2026-02-24', '2026-02-23'],
      ['2026-W09', '2026-03-02', undefined],
    ]);
  });

  it('refuses a weekday outside 1…7, located in the file', () => {
    const result = parse(withCadence('{ kind: weekly, due: { period: next, weekday: 8 } }'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([expect.objectContaining({ path: 'duties[0].cadence.due.weekday', line: 28, message: expect.stringContaining('1（星期一）到 7（星期日）') })]);
  });
});

describe('several due days in one duty', () => {
  it('gives one occurrence per due day, each later one opening the day after the one before falls due', () => {
    const timeline = timelineOf(withCadence('{ kind: monthly, due: [{ day: 10 }, { day: 25 }] }'));
    expect(timeline.occurrences).toHaveLength(24);
    expect(timeline.occurrences.slice(0, 3).map((o) => [o.occurrenceId, o.periodLabel, o.opensOn, o.dueOn])).toEqual([
      ['quarterly-report:2026-01.1', '2026年1月第1次', '2026-01-01', '2026-01-10'],
      ['quarterly-report:2026-01.2', '2026年1月第2次', '2026-01-11', '2026-01-25'],
      ['quarterly-report:2026-02.1', '2026年2月第1次', '2026-02-01', '2026-02-10'],
    ]);
  });

  it('locates a mistake in the second due day', () => {
    const result = parse(withCadence('{ kind: monthly, due: [{ day: 10 }, { day: 0 }] }'));
    expect(!result.ok && result.issues.map((i) => [i.path, i.line])).toEqual([['duties[0].cadence.due[1].day', 28]]);
  });
});

describe('due time of day', () => {
  it('carries the time on every occurrence and on its due entry', () => {
    const timeline = timelineOf(withCadence('{ kind: weekly, due: { period: next, weekday: 1 } }', '    dueTime: "12:00"\n'));
    expect(timeline.occurrences[0]).toMatchObject({ dueOn: '2026-01-05', dueTime: '12:00' });
    const due = timeline.entries.find((e) => e.kind === 'duty-due' && e.ref === 'quarterly-report:2026-W01');
    expect(due).toMatchObject({ date: '2026-01-05', time: '12:00' });
  });

  it("refuses '25:00' with a located Chinese message", () => {
    const result = parse(withCadence('{ kind: weekly, due: { weekday: 1 } }', '    dueTime: "25:00"\n'));
    expect(!result.ok && result.issues).toEqual([expect.objectContaining({ path: 'duties[0].dueTime', line: 29, message: '时间应写成 HH:MM（00:00 至 23:59），例如 09:00、12:00' })]);
  });
});

describe('duties tied to the official holiday periods', () => {
  it('gives one occurrence per announced period of the named holidays, due on its last day by default opening on its first', () => {
    const timeline = timelineOf(withCadence('{ kind: holiday-period, holidays: [春节, 国庆节], due: { edge: end } }'));
    expect(timeline.occurrences.map((o) => [o.occurrenceId, o.periodLabel, o.opensOn, o.dueOn])).toEqual([
      ['quarterly-report:2026-02-15', '2026年春节假期（2月15日—2月23日）', '2026-02-15', '2026-02-23'],
      ['quarterly-report:2026-10-01', '2026年国庆节假期（10月1日—10月7日）', '2026-10-01', '2026-10-07'],
    ]);
  });

  it('can fall due the day before a period starts (节前报送), and matches merged periods such as 国庆节、中秋节', () => {
    const timeline = timelineOf(
      withCadence('{ kind: holiday-period, holidays: [中秋节], opens: { edge: start, days: -7 }, due: { edge: start, days: -1 } }', '', 'span:\n  start: 2025-01-01\n  end: { kind: year, year: 2026 }\n'),
    );
    expect(timeline.occurrences.map((o) => [o.period, o.opensOn, o.dueOn])).toEqual([
      ['2025-10-01', '2025-09-24', '2025-09-30'], // 2025: 国庆节、中秋节 10-01…10-08
      ['2026-09-25', '2026-09-18', '2026-09-24'],
    ]);
  });

  it('takes every statutory holiday when none is named', () => {
    const timeline = timelineOf(withCadence('{ kind: holiday-period, due: { edge: end } }'));
    expect(timeline.occurrences.map((o) => o.period)).toEqual(['2026-01-01', '2026-02-15', '2026-04-04', '2026-05-01', '2026-06-19', '2026-09-25', '2026-10-01']);
  });

  it('warns, as for other missing years, that a year without an official calendar has no known holiday periods', () => {
    const result = parse(withCadence('{ kind: holiday-period, holidays: [春节], due: { edge: end } }', '', 'span:\n  start: 2026-01-01\n  end: { kind: year, year: 2027 }\n'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'holiday-periods-unknown', severity: 'warning', path: 'duties[0].cadence', line: 28, message: expect.stringContaining('2027 年还没有国务院公布的节假日安排') }));
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'calendar-year-missing', path: 'span' }));
  });

  it('refuses a holiday name the State Council does not announce', () => {
    const result = parse(withCadence('{ kind: holiday-period, holidays: [圣诞节], due: { edge: end } }'));
    expect(!result.ok && result.issues.map((i) => [i.path, i.line, i.message])).toEqual([
      ['duties[0].cadence.holidays[0]', 28, expect.stringContaining('元旦、春节、清明节、劳动节、端午节、中秋节、国庆节')],
    ]);
  });
});

describe('activity windows (活动时段)', () => {
  const windows = (entries: string) => withCadence('{ kind: weekly, due: { period: next, weekday: 1 } }').replace('hazardPolicy:', `windows:\n${entries}hazardPolicy:`);
  const sweep = '  - { id: sweep, title: { zh: 集中排查 }, from: { kind: month, month: 2026-03, edge: start }, to: { kind: month, month: 2026-04 }, owners: [towns], audience: 辖区内各类生产经营单位 }\n';

  it('resolves from/to date rules, lists them on the timeline and in the Gantt chart', () => {
    const timeline = timelineOf(windows(sweep));
    expect(timeline.windows).toEqual([{ windowId: 'sweep', title: '集中排查', from: '2026-03-01', to: '2026-04-30', owners: ['towns'], audience: '辖区内各类生产经营单位' }]);
    expect(timeline.entries.filter((e) => e.ref === 'sweep').map((e) => [e.date, e.kind])).toEqual([
      ['2026-03-01', 'window-opens'],
      ['2026-04-30', 'window-closes'],
    ]);
    expect(toMermaidGantt(timeline, 't')).toContain('  section 活动\n  集中排查 :window-sweep, 2026-03-01, 2026-05-01');
  });

  it('is upcoming before its first day, open through its last, closed after', () => {
    const [window] = timelineOf(windows(sweep)).windows;
    expect(['2026-02-28', '2026-03-01', '2026-04-30', '2026-05-01'].map((day) => windowStateOn(window!, day))).toEqual(['upcoming', 'open', 'open', 'closed']);
  });

  it('refuses a window that ends before it starts, and an unknown owner, located in the file', () => {
    const result = parse(windows('  - { id: sweep, title: { zh: 集中排查 }, from: 2026-04-30, to: 2026-03-01, owners: [villages] }\n'));
    expect(!result.ok && result.issues.map((i) => [i.code, i.path, i.line, i.message])).toEqual([
      ['unknown-unit', 'windows[0].owners[0]', 33, expect.stringContaining('villages')],
      ['window-reversed', 'windows[0].to', 33, '活动“集中排查”的结束日期 2026-03-01 早于开始日期 2026-04-30。'],
    ]);
  });
});
