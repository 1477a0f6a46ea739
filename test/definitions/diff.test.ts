// `plan --diff`, the API's diff-from-parent and the diagrams' marks: what a derived plan changes.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { campaignCalendar, changedItems, diffFromParent, formatChange, resolveTimeline, toMermaidGantt } from '../../definitions';
import { loadCampaignDirectory, repositoryOfficialCalendar } from '../../definitions/load';

const dir = fileURLToPath(new URL('../../definitions/campaigns', import.meta.url));
const results = loadCampaignDirectory(dir);
const yangquan = results.get(`${dir}/002a-yangquan-hrss-spring.yaml`);

describe('a derived plan against its parent', () => {
  it('carries its parent as validated, and lists what it changes by path, list items by id', () => {
    if (!yangquan?.ok || !yangquan.parent) throw new Error('002a did not load with its parent');
    expect(yangquan.parent.id).toBe('shanxi-hrss-2024-spring');
    const changes = diffFromParent(yangquan.parent, yangquan.definition);
    expect(changes.map((c) => [c.change, c.path])).toEqual(
      expect.arrayContaining([
        ['changed', 'span.start'],
        ['changed', 'phases[self-inspection].start'],
        ['changed', 'duties[inspection-report].reportTo'],
        ['added', 'organisation.units[county-bureaus]'],
      ]),
    );
    expect(changes.some((c) => c.path === 'id' || c.path === 'version' || c.path === 'extends')).toBe(false);
    expect(formatChange(changes.find((c) => c.path === 'duties[inspection-report].reportTo')!)).toBe('修改  duties[inspection-report].reportTo  provincial-hrss → yangquan-hrss');
  });

  it('marks in the Gantt chart the phases it changes', () => {
    if (!yangquan?.ok || !yangquan.parent) throw new Error('002a did not load with its parent');
    const marks = changedItems(diffFromParent(yangquan.parent, yangquan.definition));
    expect([...marks.changed]).toEqual(expect.arrayContaining(['phases:self-inspection', 'duties:inspection-report']));
    const timeline = resolveTimeline(yangquan.definition, campaignCalendar(repositoryOfficialCalendar(), yangquan.definition));
    const gantt = toMermaidGantt(timeline, 't', marks);
    expect(gantt).toContain('自查阶段（本级修改） :crit, self-inspection, 2024-02-06, 2024-03-01');
    expect(gantt).toContain('  主管部门核查阶段 :verification');
  });

  it('a standalone plan has no parent', () => {
    const shanxi = results.get(`${dir}/002-shanxi-hrss-spring.yaml`);
    expect(shanxi?.ok && shanxi.parent).toBe(undefined);
  });
});
