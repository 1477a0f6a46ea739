// `extends` through an in-memory parent lookup (as an API would use it) and through a directory.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCampaignText, parseSource, type CampaignSource } from '../../definitions';
import { loadCampaignDirectory, loadCampaignFile, repositoryOfficialCalendar } from '../../definitions/load';

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
      issues: [{ file: 'x.yaml', path: 'extends', line: 3, column: 10, code: 'unknown-parent', message: '找不到 extends 指定的上级方案“nowhere”。请把上级方案文件放在同一目录或用 --path <目录> 指定的目录中，或先发布上级方案。', severity: 'error' }],
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

describe('extends: removing inherited keys, locating mistakes, finding parents', () => {
  const dir = fileURLToPath(new URL('./fixtures/search-path', import.meta.url));
  const countyPlan = source(readFileSync(`${dir}/parents/county-plan.yaml`, 'utf8'), 'county-plan.yaml');
  const lookup = (id: string) => (id === 'county-plan' ? countyPlan : undefined);
  const child = (duty: string) => `id: town-plan\nversion: 1\nextends: county-plan\njurisdiction: CN/test/county/town\nduties:\n${duty}`;
  const parse = (text: string) => parseCampaignText(text, { file: 'town.yaml', format: 'yaml', lookupParent: lookup, officialCalendar });

  it('`null` removes an inherited key: the quarterly report moves to the 5th of the last month without restating `opens`', () => {
    const result = parse(child('  - { id: quarterly-report, cadence: { kind: quarterly, opens: null, due: { period: same, month: 3, day: 5 } } }\n'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.duties[1]?.cadence).toEqual({ kind: 'quarterly', opens: { period: 'same', month: 1, day: 1 }, due: { period: 'same', month: 3, day: 5 } });
  });

  it('without `null`, the inherited `opens` is reported in the parent’s file, at its own line, saying the child inherits it', () => {
    const result = parse(child('  - { id: quarterly-report, cadence: { kind: quarterly, due: { period: same, month: 3, day: 5 } } }\n'));
    expect(!result.ok && result.issues).toEqual([
      expect.objectContaining({
        file: 'county-plan.yaml',
        path: 'duties[1].cadence.opens',
        line: 19,
        code: 'duty-opens-after-due',
        message: expect.stringContaining('此项写在上级方案文件 county-plan.yaml 中，本方案继承了它；可在本方案中改写，或写 null 删除可省略的项'),
      }),
    ]);
  });

  it('a mistake in the child’s item is located in the child at the child’s own index (it lists only the duties it changes)', () => {
    const result = parse(child('  - { id: quarterly-report, reportTo: nobody }\n'));
    expect(!result.ok && result.issues.map((i) => [i.file, i.path, i.line, i.code])).toEqual([['town.yaml', 'duties[0].reportTo', 6, 'unknown-unit']]);
  });

  it('`null` on a required key is refused at the `null`, in Chinese', () => {
    const result = parse(child('  - { id: quarterly-report, cadence: { kind: quarterly, due: null } }\n'));
    expect(!result.ok && result.issues).toEqual([
      expect.objectContaining({ file: 'town.yaml', path: 'duties[0].cadence.due', line: 6, code: 'required-key-removed', message: '“due”是必填项，不能写 null 删除；null 只用于删除可以省略的继承项（如周期规则的 opens）。' }),
    ]);
  });

  it('finds the parent in a search path (the CLI’s --path), and says where it looked when it cannot', () => {
    const found = loadCampaignFile(`${dir}/children/town-plan.yaml`, { searchPath: [`${dir}/parents`] });
    expect(found.ok).toBe(true);
    const missing = loadCampaignFile(`${dir}/children/town-plan.yaml`, { searchPath: [`${dir}/nowhere`] });
    expect(!missing.ok && missing.issues).toEqual([
      expect.objectContaining({
        code: 'unknown-parent',
        line: 3,
        message: `找不到 extends 指定的上级方案“county-plan”。已查找：同一目录 ${dir}/children；--path ${dir}/nowhere。请把上级方案文件放在同一目录或用 --path <目录> 指定的目录中，或先发布上级方案。`,
      }),
    ]);
  });
});
