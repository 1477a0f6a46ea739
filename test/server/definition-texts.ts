/**
 * Campaign definitions for the API tests, dated around today (Beijing time) so that a run started
 * on the dev server's real clock is in its first phase, with this month's report open, last
 * month's due before the run took the campaign over, and a milestone due in ten days.
 */
import { stringify } from 'yaml';
import { epochMsToLocalDate, plusDays } from '../../definitions/local-date';

export const today = (): string => epochMsToLocalDate(Date.now(), 'Asia/Shanghai');

export interface TestDefinitionOptions {
  id: string;
  version?: number;
  jurisdiction?: string;
  title?: string;
}

export function testDefinition({ id, version = 1, jurisdiction = 'CN/tianjin', title = '接口测试专项整治行动' }: TestDefinitionOptions) {
  const start = plusDays(today(), -45);
  const end = plusDays(today(), 300);
  return {
    id,
    version,
    kind: 'custom',
    title: { zh: `${title}（第${version}版）` },
    authority: { name: '市安委会', level: 'city' },
    jurisdiction,
    span: { start, end },
    phases: [
      { id: 'self-inspection', name: { zh: '自查自纠' }, start, end: plusDays(today(), 60) },
      { id: 'consolidation', name: { zh: '巩固提升' }, start: plusDays(today(), 61), end },
    ],
    milestones: [{ id: 'plan-filed', title: { zh: '实施方案报备' }, due: plusDays(today(), 10), owners: ['office'] }],
    duties: [
      {
        id: 'monthly-report',
        title: { zh: '月度报告' },
        kind: 'report',
        cadence: { kind: 'monthly', opens: { period: 'same', day: 1 }, due: { period: 'same', day: -1 } },
        owedBy: ['school-7', 'school-8'],
        reportTo: 'office',
        ladder: 'overdue',
      },
    ],
    hazardPolicy: {
      levels: {
        major: { name: { zh: '重大事故隐患' }, deadline: { kind: 'within', days: 30 }, listedSupervision: true, ladder: 'overdue' },
        ordinary: { name: { zh: '一般隐患' }, deadline: { kind: 'within', days: 7 }, ladder: 'overdue' },
      },
    },
    escalationLadders: {
      overdue: {
        name: { zh: '逾期督促' },
        steps: [{ action: 'reminder', offset: { days: 1 }, audience: 'responsible-unit', template: '{{unit}}：{{item}}应于{{dueOn}}前完成。' }],
      },
    },
    organisation: {
      leadingGroup: { name: '领导小组', office: '市安委办' },
      units: [
        { id: 'school-7', name: '第七技工学校' },
        { id: 'school-8', name: '第八技工学校' },
        { id: 'office', name: '市安委办' },
      ],
    },
  };
}

export const testDefinitionYaml = (options: TestDefinitionOptions): string => stringify(testDefinition(options));

/** A derived plan: a district's own version of a city plan, overriding only its title and jurisdiction. */
export const derivedDefinitionYaml = (options: { id: string; parent: string; jurisdiction: string }): string =>
  stringify({ id: options.id, version: 1, extends: options.parent, title: { zh: '区级细化方案' }, jurisdiction: options.jurisdiction });

/** Two mistakes a clerk makes: a month that does not exist (line 14) and an unknown deadline kind (line 18). */
export const BROKEN_YAML = `id: broken
version: 1
kind: custom
title: { zh: 有错误的示例 }
authority: { name: 某区安委会, level: district }
jurisdiction: CN/tianjin
span:
  start: 2024-03-01
  end: 2024-12-31
phases:
  - id: only
    name: { zh: 唯一阶段 }
    start: 2024-03-01
    end: { kind: month, month: 2024-13 }
hazardPolicy:
  levels:
    major: { name: { zh: 重大事故隐患 }, deadline: { kind: immediate } }
    ordinary: { name: { zh: 一般隐患 }, deadline: { kind: sometime } }
`;
