// `extends` through an in-memory parent lookup (as an API would use it) and through a directory.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCampaignText, parseSource, type CampaignSource } from '../../definitions';
import { loadCampaignDirectory, repositoryOfficialCalendar } from '../../definitions/load';

const PARENT = `id: province-plan
version: 3
kind: spring-rectification
title: { zh: 省级方案 }
authority: { name: 省厅, level: province }
jurisdiction: CN/shanxi
span: { start: 2024-02-01, end: 2024-04-10 }
phases:
  - { id: self-inspection, name: { zh: 自查 }, start: 2024-02-01, end: 2024-02-29 }
  - { id: summary, name: { zh: 总结 }, start: 2024-03-01, end: 2024-04-10 }
hazardPolicy:
  levels:
    major: { name: { zh: 重大 }, deadline: { kind: end-of-year }, listedSupervision: true }
    ordinary: { name: { zh: 一般 }, deadline: { kind: immediate } }
escalationLadders:
  late:
    name: { zh: 逾期 }
    steps:
      - { action: reminder, offset: { days: 1 }, audience: responsible-unit, template: "请报送{{item}}" }
      - { action: notice, offset: { days: 3 }, audience: all-units, template: "通报{{unit}}" }
`;

function source(text: string, file: string): CampaignSource {
  const parsed = parseSource(text, { file, format: 'yaml' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.source;
}

const parents = new Map([['province-plan', source(PARENT, 'province.yaml')]]);
const lookupParent = (id: string) => parents.get(id);
const officialCalendar = repositoryOfficialCalendar();

describe('extends', () => {
  it('inherits everything and overrides dates, phases by id, and ladder steps wholesale', () => {
    const child = `id: city-plan
version: 1
extends: province-plan
authority: { name: 市局, level: city }
jurisdiction: CN/shanxi/yangquan
span: { start: 2024-02-06 }
phases:
  - { id: self-inspection, start: 2024-02-06 }
escalationLadders:
  late:
    steps:
      - { action: letter, offset: { days: 2, unit: working }, audience: responsible-unit, template: "函告{{unit}}" }
`;
    const result = parseCampaignText(child, { file: 'city.yaml', format: 'yaml', lookupParent, officialCalendar });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { definition } = result;
    expect(definition).toMatchObject({ id: 'city-plan', version: 1, extends: 'province-plan', kind: 'spring-rectification', title: { zh: '省级方案' }, timeZone: 'Asia/Shanghai' });
    expect(definition.span).toEqual({ start: '2024-02-06', end: '2024-04-10' });
    expect(definition.phases.map((p) => [p.id, p.start, p.end])).toEqual([['self-inspection', '2024-02-06', '2024-02-29'], ['summary', '2024-03-01', '2024-04-10']]);
    expect(definition.escalationLadders.late).toEqual({
      name: { zh: '逾期' },
      steps: [{ action: 'letter', offset: { days: 2, unit: 'working' }, audience: 'responsible-unit', template: '函告{{unit}}' }],
    });
  });

  it('reports a parent that cannot be found, and a jurisdiction outside the parent\'s', () => {
    expect(parseCampaignText('id: x\nversion: 1\nextends: nowhere\n', { file: 'x.yaml', format: 'yaml', lookupParent, officialCalendar })).toEqual({
      ok: false,
      issues: [{ file: 'x.yaml', path: 'extends', line: 3, column: 10, code: 'unknown-parent', message: '找不到 extends 指定的上级方案“nowhere”。', severity: 'error' }],
    });
    expect(parseCampaignText('id: x\nversion: 1\nextends: province-plan\njurisdiction: CN/tianjin\n', { file: 'x.yaml', format: 'yaml', lookupParent, officialCalendar })).toEqual({
      ok: false,
      issues: [{ file: 'x.yaml', path: 'jurisdiction', line: 4, column: 15, code: 'jurisdiction-outside-parent', message: '辖区 CN/tianjin 不在上级方案“province-plan”的辖区 CN/shanxi 之内。', severity: 'error' }],
    });
  });

  it('locates problems in the file that wrote them: the child for its overrides, the parent for inherited values', () => {
    const badChild = parseCampaignText('id: x\nversion: 1\nextends: province-plan\nphases:\n  - { id: summary, end: 2024-04-31 }\n', { file: 'x.yaml', format: 'yaml', lookupParent, officialCalendar });
    expect(badChild).toEqual({
      ok: false,
      issues: [{ file: 'x.yaml', path: 'phases[0].end', line: 5, column: 25, code: 'invalid', message: '“end”：这一天在日历上不存在', severity: 'error' }],
    });
    const brokenParents = new Map([['province-plan', source(PARENT.replace('kind: spring-rectification', 'kind: spring'), 'province.yaml')]]);
    const inherited = parseCampaignText('id: x\nversion: 1\nextends: province-plan\n', { file: 'x.yaml', format: 'yaml', lookupParent: (id) => brokenParents.get(id), officialCalendar });
    expect(inherited).toMatchObject({ ok: false, issues: [{ file: 'province.yaml', path: 'kind', line: 3, column: 7, code: 'invalid-value' }] });
  });

  it('detects a cycle of extends between files of a directory', () => {
    const dir = fileURLToPath(new URL('./fixtures/cycle', import.meta.url));
    const results = [...loadCampaignDirectory(dir).values()];
    expect(results).toEqual([
      { ok: false, issues: [expect.objectContaining({ code: 'extends-cycle', path: 'extends', line: 3, message: '方案之间互相继承，形成循环：cycle-a → cycle-b → cycle-a。' })] },
      { ok: false, issues: [expect.objectContaining({ code: 'extends-cycle', path: 'extends', line: 3, message: '方案之间互相继承，形成循环：cycle-b → cycle-a → cycle-b。' })] },
    ]);
  });

  it('reads JSON with line numbers too', () => {
    const json = JSON.stringify({ id: 'x', version: 1, extends: 'province-plan', span: { end: 'soon' } }, null, 2);
    expect(parseCampaignText(json, { file: 'x.json', format: 'json', lookupParent, officialCalendar })).toEqual({
      ok: false,
      issues: [{ file: 'x.json', path: 'span.end', line: 6, column: 12, code: 'invalid-format', message: '日期应写成 YYYY-MM-DD，例如 2024-02-29', severity: 'error' }],
    });
  });
});
