// 顺延: a due date on a non-working day moves to the next working day, campaign-wide or per duty.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignCalendar, parseCampaignText, resolveTimeline, type Timeline } from '../../definitions';
import { repositoryOfficialCalendar } from '../../definitions/load';

const base = readFileSync(new URL('./fixtures/minimal.yaml', import.meta.url), 'utf8')
  // Reports due on the 1st of the next quarter: 2024-10-01 is National Day, 2025-01-01 New Year's Day.
  .replace('due: { period: next, month: 1, day: 10 }', 'due: { period: next, month: 1, day: 1 }');
const officialCalendar = repositoryOfficialCalendar();

function timelineOf(text: string): Timeline {
  const result = parseCampaignText(text, { file: 'minimal.yaml', format: 'yaml', officialCalendar });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return resolveTimeline(result.definition, campaignCalendar(officialCalendar, result.definition));
}
const reports = (timeline: Timeline) => timeline.occurrences.map((o) => [o.period, o.dueOn, o.nominalDueOn]);

describe('holiday roll-forward (顺延)', () => {
  it('is off by default: due dates stay as written, even on a holiday', () => {
    const timeline = timelineOf(base);
    expect(reports(timeline)).toEqual([
      ['2024-Q1', '2024-04-01', undefined],
      ['2024-Q2', '2024-07-01', undefined],
      ['2024-Q3', '2024-10-01', undefined],
      ['2024-Q4', '2025-01-01', undefined],
    ]);
    expect(timeline.milestones[0]).toEqual({ milestoneId: 'kickoff', title: '动员会', dueOn: '2024-03-10', phaseId: 'first' });
  });

  it('campaign-wide, moves duty occurrences and milestones to the next working day and keeps the written date', () => {
    const timeline = timelineOf(base.replace('kind: custom\n', 'kind: custom\ncalendar: { rollForward: true }\n'));
    expect(reports(timeline)).toEqual([
      ['2024-Q1', '2024-04-01', undefined],
      ['2024-Q2', '2024-07-01', undefined],
      ['2024-Q3', '2024-10-08', '2024-10-01'],
      ['2024-Q4', '2025-01-02', '2025-01-01'],
    ]);
    // 2024-03-10 (上旬) is a Sunday.
    expect(timeline.milestones[0]).toMatchObject({ milestoneId: 'kickoff', dueOn: '2024-03-11', nominalDueOn: '2024-03-10' });
    expect(timeline.entries.filter((e) => e.nominalDate).map((e) => [e.kind, e.ref, e.date, e.nominalDate])).toEqual([
      ['milestone', 'kickoff', '2024-03-11', '2024-03-10'],
      ['duty-due', 'quarterly-report:2024-Q3', '2024-10-08', '2024-10-01'],
      ['duty-due', 'quarterly-report:2024-Q4', '2025-01-02', '2025-01-01'],
    ]);
  });

  it('per duty, overriding the campaign\'s rule either way; milestones follow only the campaign\'s', () => {
    const dutyOnly = timelineOf(base.replace('    ladder: overdue\nhazardPolicy', '    ladder: overdue\n    rollForward: true\nhazardPolicy'));
    expect(reports(dutyOnly).map(([, due]) => due)).toEqual(['2024-04-01', '2024-07-01', '2024-10-08', '2025-01-02']);
    expect(dutyOnly.milestones[0]?.dueOn).toBe('2024-03-10');
    const dutyOptsOut = timelineOf(
      base
        .replace('kind: custom\n', 'kind: custom\ncalendar: { rollForward: true }\n')
        .replace('    ladder: overdue\nhazardPolicy', '    ladder: overdue\n    rollForward: false\nhazardPolicy'),
    );
    expect(reports(dutyOptsOut).map(([, due]) => due)).toEqual(['2024-04-01', '2024-07-01', '2024-10-01', '2025-01-01']);
    expect(dutyOptsOut.milestones[0]?.dueOn).toBe('2024-03-11');
  });
});
