import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCalendar, hazardDeadline, ladderDates, reinspectionDate, renderTemplate, scheduleEscalation, HazardPolicy, type CampaignDefinition } from '../../definitions';
import { loadCampaignFile, repositoryOfficialCalendar } from '../../definitions/load';

function load(file: string): CampaignDefinition {
  const result = loadCampaignFile(fileURLToPath(new URL(`../../definitions/campaigns/${file}`, import.meta.url)));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.definition;
}

const calendar = createCalendar({ years: repositoryOfficialCalendar() });
const jizhou = load('003-jizhou-root-cause.yaml');

describe('scheduleEscalation', () => {
  it('places each step of 003 item 10 (函告、通报、约谈、曝光) in working days across the 2026 Spring Festival', () => {
    const ladder = jizhou.escalationLadders['slow-major-hazard']!;
    const schedule = scheduleEscalation(ladder, '2026-02-13', calendar);
    expect(schedule.map((s) => [s.stepIndex, s.action, s.on, s.audience])).toEqual([
      [0, 'letter', '2026-02-14', 'responsible-unit'],
      [1, 'notice', '2026-02-27', 'all-units'],
      [2, 'interview', '2026-03-05', 'unit-head'],
      [3, 'public-exposure', '2026-03-19', 'public'],
      [4, 'accountability', '2026-04-02', 'supervising-department'],
    ]);
    expect(schedule[3]?.step).toMatchObject({ channel: 'media' });
    expect(ladderDates(ladder, '2026-02-13', calendar)).toEqual(schedule.map((s) => s.on));
  });

  it('puts a reminder before the due date when its offset is negative (重要节点督促提醒)', () => {
    const [reminder] = scheduleEscalation(jizhou.escalationLadders['overdue-report']!, '2026-02-24', calendar);
    expect(reminder).toMatchObject({ action: 'reminder', on: '2026-02-12' });
  });
});

describe('renderTemplate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(renderTemplate('{{unit}}：{{item}}应于{{ dueOn }}前报送，已逾期{{overdueDays}}天。{{other}}', { unit: '蓟州区应急局', item: '季度工作情况', dueOn: '2024-06-30', overdueDays: 3 }))
      .toBe('蓟州区应急局：季度工作情况应于2024-06-30前报送，已逾期3天。{{other}}');
  });
});

describe('hazard policy', () => {
  const shanxi = load('002-shanxi-hrss-spring.yaml').hazardPolicy!;
  const fuling = load('001-fuling-education.yaml').hazardPolicy!;

  it('computes the rectification deadline per level', () => {
    expect(hazardDeadline(jizhou.hazardPolicy!, 'major', '2024-03-10', calendar)).toBe('2024-04-09');
    expect(hazardDeadline(jizhou.hazardPolicy!, 'ordinary', '2024-03-10', calendar)).toBe('2024-03-10');
    expect(hazardDeadline(shanxi, 'major', '2024-03-10', calendar)).toBe('2024-12-31');
    expect(hazardDeadline(fuling, 'major', '2021-05-01', calendar)).toBe('2021-12-31');
    expect(hazardDeadline(fuling, 'major', '2022-03-01', calendar)).toBe('2022-03-01');
  });

  it('counts working-day limits on the official calendar', () => {
    const policy = HazardPolicy.parse({
      levels: {
        major: { name: { zh: '重大' }, deadline: { kind: 'within', days: 3, unit: 'working' } },
        ordinary: { name: { zh: '一般' }, deadline: { kind: 'immediate' } },
      },
    });
    expect(hazardDeadline(policy, 'major', '2026-02-13', calendar)).toBe('2026-02-25');
    expect(() => hazardDeadline(policy, 'minor', '2026-02-13', calendar)).toThrow(/not defined/);
  });

  it('schedules the re-inspection (回头看) when the policy asks for one', () => {
    expect(reinspectionDate(jizhou.hazardPolicy!, 'major', '2024-05-01', calendar)).toBe('2024-07-30');
    expect(reinspectionDate(jizhou.hazardPolicy!, 'ordinary', '2024-05-01', calendar)).toBeUndefined();
    expect(jizhou.hazardPolicy!.levels.major).toMatchObject({ listedSupervision: true, verificationBeforeClosing: true, ladder: 'slow-major-hazard' });
  });
});
