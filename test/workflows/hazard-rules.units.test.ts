// What a hazard run receives of the unit tree: only when a ladder addresses it, so every other hazard's input stays as it was.
import { describe, expect, it } from 'vitest';
import { stepAddressees } from '../../definitions/audience';
import type { CampaignDefinition } from '../../definitions/campaign.schema';
import { loadCampaignDefinitions } from '../../definitions/load';
import { hazardRulesFor } from '../../workflows/hazard.contract';

const seeds = loadCampaignDefinitions(new URL('../../definitions/campaigns', import.meta.url).pathname);
const seed = (id: string) => seeds.definitions.get(id) as CampaignDefinition;

describe('hazard rules and the unit tree', () => {
  it('a campaign whose ladder addresses the tree gives its hazards the units: 逐级约谈 of a care home reaches its community', () => {
    const rules = hazardRulesFor(seed('gongshu-2020-fire-safety'), undefined);
    expect(rules.sectors?.map((s) => s.id)).toContain('elderly-care');
    const step = rules.escalationLadders['fire-safety-overdue']!.steps[1]!;
    expect(stepAddressees(rules.units!, step, 'daguan-care-home', 'elderly-care')?.interviewee).toEqual({ id: 'daguan-community', name: '大关社区', head: '社区书记' });
  });

  it('the seed notices 000–003 give their hazards neither units nor sectors', () => {
    for (const id of ['tianjin-hrss-2020-technical-schools', 'fuling-education-2020-three-year', 'shanxi-hrss-2024-spring', 'jizhou-2024-root-cause']) {
      const rules = hazardRulesFor(seed(id), undefined);
      expect(rules, id).not.toHaveProperty('units');
      expect(rules, id).not.toHaveProperty('sectors');
    }
  });
});
