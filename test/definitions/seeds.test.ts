// The four seed notices as definitions: their timelines must say what the texts say.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { campaignCalendar, resolveTimeline, unitJurisdiction, type CampaignDefinition, type DefinitionIssue, type Timeline } from '../../definitions';
import { loadCampaignDirectory, repositoryOfficialCalendar } from '../../definitions/load';
import { jizhouSelfAssessmentWarning } from './seed-warnings';

const dir = fileURLToPath(new URL('../../definitions/campaigns', import.meta.url));
const results = loadCampaignDirectory(dir);

function seed(file: string): { definition: CampaignDefinition; timeline: Timeline; warnings: DefinitionIssue[] } {
  const result = results.get(`${dir}/${file}`);
  if (!result?.ok) throw new Error(`${file} did not load: ${JSON.stringify(result)}`);
  const { definition, warnings } = result;
  return { definition, warnings, timeline: resolveTimeline(definition, campaignCalendar(repositoryOfficialCalendar(), definition)) };
}

const dues = (timeline: Timeline, dutyId: string) => timeline.occurrences.filter((o) => o.dutyId === dutyId).map((o) => o.dueOn);
const phaseRanges = (timeline: Timeline) => timeline.phases.map((p) => [p.id, p.start, p.end]);
const milestone = (timeline: Timeline, id: string) => timeline.milestones.find((m) => m.milestoneId === id)?.dueOn;

describe('seed campaigns', () => {
  it('all nine files load without issues; only 003 warns, for its self-assessment in 2027', () => {
    expect([...results.values()].every((r) => r.ok)).toBe(true);
    expect(results.size).toBe(9);
    const warned = [...results].flatMap(([file, r]) => (r.ok && r.warnings.length > 0 ? [file.slice(dir.length + 1)] : []));
    expect(warned).toEqual(['003-jizhou-root-cause.yaml']);
  });

  it('000 Tianjin: four phases, quarterly reports by the 10th of each quarter\'s first month', () => {
    const { timeline } = seed('000-tianjin-technical-schools.yaml');
    expect(phaseRanges(timeline)).toEqual([
      ['mobilisation', '2020-07-17', '2020-07-31'],
      ['screening', '2020-07-17', '2020-12-31'],
      ['tackling', '2021-01-01', '2021-12-31'],
      ['consolidation', '2022-01-01', '2022-12-31'],
    ]);
    expect(dues(timeline, 'quarterly-report')).toEqual([
      '2020-10-10', '2021-01-10', '2021-04-10', '2021-07-10', '2021-10-10',
      '2022-01-10', '2022-04-10', '2022-07-10', '2022-10-10', '2023-01-10',
    ]);
    expect(timeline.occurrences.find((o) => o.occurrenceId === 'quarterly-report:2020-Q3')).toEqual({
      dutyId: 'quarterly-report', occurrenceId: 'quarterly-report:2020-Q3', period: '2020-Q3', periodLabel: '2020年第3季度',
      opensOn: '2020-10-01', dueOn: '2020-10-10', ladderId: 'overdue-report',
    });
    const sweeps = timeline.occurrences.filter((o) => o.dutyId === 'campus-hazard-sweep').map((o) => [o.opensOn, o.dueOn]);
    expect(sweeps).toEqual([['2020-09-01', '2020-10-31'], ['2021-09-01', '2021-10-31'], ['2022-09-01', '2022-10-31']]);
    expect(dues(timeline, 'emergency-drill')).toEqual(['2020-12-31', '2021-12-31', '2022-12-31']);
    expect(milestone(timeline, 'fire-hazard-sweep-2020')).toBe('2020-10-31');
    expect(milestone(timeline, 'screening-mechanism')).toBe('2021-12-31');
    expect(milestone(timeline, 'closed-loop-institutionalised')).toBe('2022-12-31');
  });

  it('001 Fuling: quarterly summaries by the 15th of the last month of Q1–Q3, annual by 15 December', () => {
    const { definition, timeline } = seed('001-fuling-education.yaml');
    expect(phaseRanges(timeline)[0]).toEqual(['mobilisation', '2020-07-01', '2020-07-10']);
    const reports = timeline.occurrences
      .filter((o) => o.dutyId === 'quarterly-summary' || o.dutyId === 'annual-summary')
      .map((o) => `${o.dueOn} ${o.period}`);
    expect(reports).toEqual([
      '2020-09-15 2020-Q3', '2020-12-15 2020',
      '2021-03-15 2021-Q1', '2021-06-15 2021-Q2', '2021-09-15 2021-Q3', '2021-12-15 2021',
      '2022-03-15 2022-Q1', '2022-06-15 2022-Q2', '2022-09-15 2022-Q3', '2022-12-15 2022',
    ]);
    expect(definition.duties[0]?.submission).toEqual(['纸质件盖学校公章后报区教委201室', '电子件传安稳办办公邮箱']);
    expect(definition.organisation?.leadingGroup.office).toBe('安稳办');
  });

  it('002 Shanxi: self-inspection to end of February, verification to end of March, report by 5 April', () => {
    const { definition, timeline } = seed('002-shanxi-hrss-spring.yaml');
    expect(timeline.span).toEqual({ start: '2024-02-01', end: '2024-04-10' });
    expect(phaseRanges(timeline)).toEqual([
      ['self-inspection', '2024-02-01', '2024-02-29'],
      ['verification', '2024-03-01', '2024-03-31'],
      ['summary', '2024-04-01', '2024-04-10'],
    ]);
    expect(dues(timeline, 'self-inspection')).toEqual(['2024-02-29']);
    expect(dues(timeline, 'verification')).toEqual(['2024-03-31']);
    expect(dues(timeline, 'inspection-report')).toEqual(['2024-04-05']);
    expect(milestone(timeline, 'fire-acceptance-certificates')).toBe('2024-02-29');
    expect(definition.hazardPolicy!.levels.major).toMatchObject({ deadline: { kind: 'end-of-year' }, listedSupervision: true });
    expect(definition.hazardPolicy!.evidence).toEqual(['有记录', '有图片', '有通报', '有整改']);
  });

  it('002a Yangquan extends the province plan, overriding start, units, reporting and the ladder', () => {
    const { definition, timeline } = seed('002a-yangquan-hrss-spring.yaml');
    const province = seed('002-shanxi-hrss-spring.yaml').definition;
    expect(definition).toMatchObject({ id: 'yangquan-hrss-2024-spring', extends: 'shanxi-hrss-2024-spring', jurisdiction: 'CN/shanxi/yangquan', kind: 'spring-rectification' });
    expect(timeline.span).toEqual({ start: '2024-02-06', end: '2024-04-10' });
    expect(phaseRanges(timeline)[0]).toEqual(['self-inspection', '2024-02-06', '2024-02-29']);
    expect(dues(timeline, 'inspection-report')).toEqual(['2024-04-05']);
    const report = definition.duties.find((d) => d.id === 'inspection-report');
    expect(report).toMatchObject({ reportTo: 'yangquan-hrss', title: { zh: '排查核查情况报送' }, ladder: 'overdue-report' });
    expect(definition.escalationLadders['overdue-report']?.steps.map((s) => [s.action, s.offset.days])).toEqual([['reminder', -2], ['reminder', 1], ['notice', 3]]);
    expect(definition.escalationLadders['unresolved-hazard']).toEqual(province.escalationLadders['unresolved-hazard']);
    expect(definition.organisation?.units.map((u) => u.id)).toEqual([
      ...province.organisation!.units.map((u) => u.id), 'yangquan-hrss', 'county-bureaus', 'hi-tech-zone', 'yangquan-senior-school',
    ]);
    expect(definition.hazardPolicy).toEqual(province.hazardPolicy);
  });

  it('003 Jizhou: phases 2024-03→04, 2024-04→12, 2025, 2026; quarterly reports in the last week of each quarter from Q2 2024', () => {
    const { definition, timeline } = seed('003-jizhou-root-cause.yaml');
    expect(phaseRanges(timeline)).toEqual([
      ['mobilisation', '2024-03-01', '2024-04-30'],
      ['foundation', '2024-04-01', '2024-12-31'],
      ['tackling', '2025-01-01', '2025-12-31'],
      ['consolidation', '2026-01-01', '2026-12-31'],
    ]);
    const quarterly = timeline.occurrences.filter((o) => o.dutyId === 'quarterly-report');
    expect(quarterly.map((o) => [o.period, o.opensOn, o.dueOn])).toEqual([
      ['2024-Q2', '2024-06-24', '2024-06-30'], ['2024-Q3', '2024-09-24', '2024-09-30'], ['2024-Q4', '2024-12-25', '2024-12-31'],
      ['2025-Q1', '2025-03-25', '2025-03-31'], ['2025-Q2', '2025-06-24', '2025-06-30'], ['2025-Q3', '2025-09-24', '2025-09-30'], ['2025-Q4', '2025-12-25', '2025-12-31'],
      ['2026-Q1', '2026-03-25', '2026-03-31'], ['2026-Q2', '2026-06-24', '2026-06-30'], ['2026-Q3', '2026-09-24', '2026-09-30'], ['2026-Q4', '2026-12-25', '2026-12-31'],
    ]);
    expect(dues(timeline, 'annual-report')).toEqual(['2024-12-31', '2025-12-31', '2026-12-31']);
    // 15 working days after 2026-12-31, with 2027-01-01 (元旦, fixed by law) off though 2027's notice is not published.
    expect(timeline.occurrences.find((o) => o.dutyId === 'self-assessment')).toMatchObject({ opensOn: '2027-01-01', dueOn: '2027-01-22', period: 'once' });
    expect(dues(timeline, 'principal-inspection-high-risk')).toHaveLength(34);
    expect(dues(timeline, 'evacuation-drill-high-risk')).toEqual(['2024-06-30', '2024-12-31', '2025-06-30', '2025-12-31', '2026-06-30', '2026-12-31']);
    expect(milestone(timeline, 'mobilisation-meeting')).toBe('2024-03-10');
    expect(milestone(timeline, 'plan-issued')).toBe('2024-04-20');
    expect(['clear-major-hazard-stock', 'curb-major-hazard-increment', 'dynamic-zero-mechanism'].map((id) => milestone(timeline, id))).toEqual(['2024-12-31', '2025-12-31', '2026-12-31']);
    expect(definition.escalationLadders['slow-major-hazard']?.steps.map((s) => s.action)).toEqual(['letter', 'notice', 'interview', 'public-exposure', 'accountability']);
  });

  it('004 Linzi 百日攻坚: three phases to 10 June; events start a duty 2 hours (accident) or 3 working days (督查发现重大隐患) after they happen', () => {
    const { definition, timeline } = seed('004-linzi-hundred-days.yaml');
    expect(phaseRanges(timeline)).toEqual([
      ['mobilisation', '2026-03-01', '2026-03-10'],
      ['tackling', '2026-03-11', '2026-05-31'],
      ['summary', '2026-06-01', '2026-06-10'],
    ]);
    expect(dues(timeline, 'summary-report')).toEqual(['2026-06-10']);
    expect(definition.events?.map((e) => [e.id, e.duty.within, e.ladder])).toEqual([
      ['major-accident', { hours: 2 }, 'accident-unreported'],
      ['major-hazard-found', { days: 3, unit: 'working' }, 'hazard-exposure'],
    ]);
    // The enterprise's parent is its town: 逐级约谈 summons the town's head.
    expect(definition.organisation?.units.find((u) => u.id === 'qilu-petrochem-park')).toMatchObject({ parent: 'jinshan-town', sector: 'petrochemical' });
  });

  it('005 Gongshu fire safety: four phases 2020-07 → 2022-12; a tree 区 → 街道 → 社区 → 养老机构; monthly self-inspection by the 25th', () => {
    const { definition, timeline } = seed('005-gongshu-fire-safety.yaml');
    expect(phaseRanges(timeline)).toEqual([
      ['mobilisation', '2020-07-01', '2020-07-31'],
      ['rectification', '2020-08-01', '2020-12-31'],
      ['tackling', '2021-01-01', '2021-12-31'],
      ['consolidation', '2022-01-01', '2022-12-31'],
    ]);
    expect(dues(timeline, 'monthly-self-inspection')).toHaveLength(30);
    expect(dues(timeline, 'monthly-self-inspection').slice(0, 2)).toEqual(['2020-07-25', '2020-08-25']);
    expect(unitJurisdiction(definition, 'daguan-care-home')).toBe('CN/zhejiang/hangzhou/gongshu/district/mishixiang-street/daguan-community/daguan-care-home');
    expect(definition.escalationLadders['fire-safety-overdue']!.steps.map((s) => [s.audience, s.collectBy])).toEqual([
      ['responsible-unit', undefined],
      ['parent-unit', undefined],
      ['sector-department', 'sector'],
    ]);
  });

  it('006 feed safety: twice-monthly progress reports, a weekly summary due next Monday 12:00 rolling past Spring Festival 2026', () => {
    const { timeline } = seed('006-feed-safety-spring.yaml');
    expect(phaseRanges(timeline)).toEqual([
      ['mobilisation', '2026-01-15', '2026-01-25'],
      ['rectification', '2026-01-26', '2026-04-10'],
      ['summary', '2026-04-11', '2026-04-30'],
    ]);
    expect(dues(timeline, 'progress-report')).toEqual(['2026-02-10', '2026-02-25', '2026-03-10', '2026-03-25', '2026-04-10']);
    // 01-26 is a Monday: weeks 2026-W05…W15, each due the next Monday at 12:00; 02-16 and 02-23 fall in 春节 (02-15…02-23) and roll to 02-24.
    const weekly = timeline.occurrences.filter((o) => o.dutyId === 'weekly-summary');
    expect(weekly.map((o) => [o.period, o.dueOn, o.nominalDueOn ?? null])).toEqual([
      ['2026-W05', '2026-02-02', null],
      ['2026-W06', '2026-02-09', null],
      ['2026-W07', '2026-02-24', '2026-02-16'],
      ['2026-W08', '2026-02-24', '2026-02-23'],
      ['2026-W09', '2026-03-02', null],
      ['2026-W10', '2026-03-09', null],
      ['2026-W11', '2026-03-16', null],
      ['2026-W12', '2026-03-23', null],
      ['2026-W13', '2026-03-30', null],
      ['2026-W14', '2026-04-07', '2026-04-06'], // 清明节 04-04…04-06
      ['2026-W15', '2026-04-13', null],
    ]);
    expect(weekly.every((o) => o.dueTime === '12:00')).toBe(true);
    expect(dues(timeline, 'final-summary')).toEqual(['2026-04-20']);
    expect(milestone(timeline, 'producers-covered')).toBe('2026-03-31');
    expect(timeline.windows.map((w) => [w.windowId, w.from, w.to])).toEqual([['pre-festival-check', '2026-01-26', '2026-02-13']]);
  });

  it('007 township fire safety: three activity windows, holiday-period duty reports, half-year summaries, no hazard policy', () => {
    const { definition, timeline } = seed('007-township-fire-safety.yaml');
    expect(definition.hazardPolicy).toBeUndefined();
    expect(timeline.windows.map((w) => [w.windowId, w.from, w.to])).toEqual([
      ['concentrated-sweep', '2026-03-01', '2026-04-30'],
      ['key-rectification', '2026-05-01', '2026-10-31'],
      ['winter-check', '2026-11-01', '2026-12-31'],
    ]);
    // The day before each period of 2026's calendar (清明 04-04, 劳动 05-01, 端午 06-19, 中秋 09-25, 国庆 10-01), opening a week before.
    expect(timeline.occurrences.filter((o) => o.dutyId === 'holiday-duty-roster').map((o) => [o.period, o.opensOn, o.dueOn])).toEqual([
      ['2026-04-04', '2026-03-28', '2026-04-03'],
      ['2026-05-01', '2026-04-24', '2026-04-30'],
      ['2026-06-19', '2026-06-12', '2026-06-18'],
      ['2026-09-25', '2026-09-18', '2026-09-24'],
      ['2026-10-01', '2026-09-24', '2026-09-30'],
    ]);
    // The day after each period, rolled to the first working day (2026-05-06, 06-22 Monday, 10-08).
    expect(dues(timeline, 'holiday-duty-report')).toEqual(['2026-04-07', '2026-05-06', '2026-06-22', '2026-09-28', '2026-10-08']);
    expect(dues(timeline, 'half-year-summary')).toEqual(['2026-06-20', '2026-12-20']);
  });

  it('timeline entries are sorted and checkpoints mark every phase change: each start, the day after each end', () => {
    const { timeline } = seed('003-jizhou-root-cause.yaml');
    const dates = timeline.entries.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(timeline.entries[0]).toMatchObject({ kind: 'campaign-start', date: '2024-03-01' });
    expect(timeline.checkpoints).toEqual(['2024-03-01', '2024-04-01', '2024-05-01', '2025-01-01', '2026-01-01', '2027-01-01']);
  });

  it('003 warns, located in the file, that its self-assessment falls in 2027, which has no official calendar yet', () => {
    const { warnings } = seed('003-jizhou-root-cause.yaml');
    expect(warnings).toEqual([jizhouSelfAssessmentWarning(`${dir}/003-jizhou-root-cause.yaml`)]);
  });
});
