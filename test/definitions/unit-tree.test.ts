// The unit tree (区 → 街道 → 社区), sectors and the audiences resolved on them.
import { describe, expect, it } from 'vitest';
import { audienceUnit, stepAddressees } from '../../definitions/audience';
import type { CampaignDefinition } from '../../definitions/campaign.schema';
import type { EscalationStep } from '../../definitions/escalation.schema';
import { dutyOwers, isUnitWithin, parentUnit, sectorDepartment, unitAncestors, unitJurisdiction } from '../../definitions/unit-tree';

const def: Pick<CampaignDefinition, 'jurisdiction' | 'organisation' | 'sectors'> = {
  jurisdiction: 'CN/zhejiang/hangzhou/gongshu',
  organisation: {
    leadingGroup: { name: '区消安委', office: '区消安办' },
    leadDepartments: [{ id: 'civil-affairs', name: '区民政局', head: '李局长' }],
    units: [
      { id: 'district', name: '拱墅区人民政府', head: '区长' },
      { id: 'xiangfu-street', name: '祥符街道', parent: 'district', head: '张主任' },
      { id: 'xinhua-community', name: '新华社区', parent: 'xiangfu-street', sector: 'elderly-care' },
    ],
  },
  sectors: [{ id: 'elderly-care', name: '养老机构', department: 'civil-affairs' }],
};

const interview: EscalationStep = { action: 'interview', offset: { days: 5, unit: 'working' }, audience: 'parent-unit', interviewee: 'parent-unit-head', template: '约谈' };

describe('the unit tree', () => {
  it('gives each unit its ancestors and jurisdiction path under the campaign jurisdiction', () => {
    expect(unitAncestors(def, 'xinhua-community').map((u) => u.id)).toEqual(['xiangfu-street', 'district']);
    expect(unitJurisdiction(def, 'xinhua-community')).toBe('CN/zhejiang/hangzhou/gongshu/district/xiangfu-street/xinhua-community');
    expect(unitJurisdiction(def, 'civil-affairs')).toBe('CN/zhejiang/hangzhou/gongshu/civil-affairs');
    expect(isUnitWithin(def, 'xiangfu-street', 'xinhua-community')).toBe(true);
    expect(isUnitWithin(def, 'xinhua-community', 'xiangfu-street')).toBe(false);
  });

  it('finds the parent one level up and the department supervising a unit sector', () => {
    expect(parentUnit(def, 'xinhua-community')).toEqual({ id: 'xiangfu-street', name: '祥符街道', head: '张主任' });
    expect(parentUnit(def, 'district')).toBeUndefined();
    expect(sectorDepartment(def, 'elderly-care')).toEqual({ id: 'civil-affairs', name: '区民政局', head: '李局长', sector: 'elderly-care', sectorName: '养老机构' });
  });

  it('a duty owed by a sector is owed by every unit of it, each once, in the order written', () => {
    expect(dutyOwers(def, { owedBy: [{ sector: 'elderly-care' }] })).toEqual(['xinhua-community']);
    expect(dutyOwers(def, { owedBy: ['xiangfu-street', { sector: 'elderly-care' }, 'xinhua-community'] })).toEqual(['xiangfu-street', 'xinhua-community']);
    expect(dutyOwers(def, { owedBy: [{ sector: 'schools' }] })).toEqual([]);
  });
});

describe('audiences on the tree', () => {
  it('逐级约谈: the interview of a community goes to its street', () => {
    expect(stepAddressees(def, interview, 'xinhua-community')).toEqual({
      audience: { id: 'xiangfu-street', name: '祥符街道', head: '张主任' },
      interviewee: { id: 'xiangfu-street', name: '祥符街道', head: '张主任' },
    });
  });

  it('a sector supervising department, a named unit; the six old audiences resolve to nothing', () => {
    expect(audienceUnit(def, 'sector-department', 'xinhua-community')?.name).toBe('区民政局');
    expect(audienceUnit(def, { unit: 'district' }, 'xinhua-community')?.name).toBe('拱墅区人民政府');
    const old: EscalationStep = { action: 'interview', offset: { days: 1, unit: 'calendar' }, audience: 'responsible-unit', interviewee: 'unit-head', template: 't' };
    expect(stepAddressees(def, old, 'xinhua-community')).toBeUndefined();
  });
});
