/**
 * The units of a campaign as a tree (区 → 镇(街道) → 村(社区)) with their sectors (行业领域): who is
 * a unit's parent, what its jurisdiction path is, which department supervises its sector, and the
 * checks that make the tree sound (parents and sectors exist, no unit is its own ancestor). Pure
 * and zod-free: the workflows resolve whom a ladder step addresses with it.
 */
import type { CampaignDefinition } from './campaign.schema';
import { formatPath, IssueCode, type DocumentPath, type SemanticIssue } from './issue-code';
import { isWithinJurisdiction } from './jurisdiction';
import type { Sector, Unit } from './unit.schema';

type Organised = Pick<CampaignDefinition, 'jurisdiction' | 'organisation' | 'sectors'>;

/** A unit as a document or a record names it: its id, name and head (主要负责人), if known. */
export interface UnitRef {
  id: string;
  name: string;
  head?: string;
}

/** Every unit of a definition, lead departments first, each with where it is written. */
export function unitEntries(def: Organised): Array<{ unit: Unit; path: DocumentPath }> {
  const lead = (def.organisation?.leadDepartments ?? []).map((unit, i) => ({ unit, path: ['organisation', 'leadDepartments', i] as DocumentPath }));
  const units = (def.organisation?.units ?? []).map((unit, i) => ({ unit, path: ['organisation', 'units', i] as DocumentPath }));
  return [...lead, ...units];
}

/**
 * The units that owe a duty: those it names, and every unit of each sector it names
 * (`owedBy: [{ sector: care-homes }]`, 各养老机构), in the order written, each once.
 */
export function dutyOwers(def: Organised, duty: Pick<CampaignDefinition['duties'][number], 'owedBy'>): string[] {
  const owers = new Set<string>();
  for (const entry of duty.owedBy) {
    if (typeof entry === 'string') owers.add(entry);
    else for (const { unit } of unitEntries(def)) if (unit.sector === entry.sector) owers.add(unit.id);
  }
  return [...owers];
}

/** The units of a definition by id (the first one written wins a duplicate id, which checkCampaign reports). */
export function unitsById(def: Organised): ReadonlyMap<string, Unit> {
  const byId = new Map<string, Unit>();
  for (const { unit } of unitEntries(def)) if (!byId.has(unit.id)) byId.set(unit.id, unit);
  return byId;
}

const refOf = (unit: Unit): UnitRef => ({ id: unit.id, name: unit.name, ...(unit.head ? { head: unit.head } : {}) });

/**
 * A unit's ancestors, nearest first; stops at an unknown parent or a cycle (which checkUnitTree reports).
 * @example unitAncestors(def, 'xinhua-community') // [jiefang-street, district-office]
 */
export function unitAncestors(def: Organised, unitId: string): Unit[] {
  const byId = unitsById(def);
  const ancestors: Unit[] = [];
  const seen = new Set([unitId]);
  for (let parent = byId.get(unitId)?.parent; parent !== undefined && !seen.has(parent) && byId.has(parent); parent = byId.get(parent)?.parent) {
    seen.add(parent);
    ancestors.push(byId.get(parent)!);
  }
  return ancestors;
}

/**
 * A unit's jurisdiction path: the campaign's jurisdiction, then the unit's ancestors from the top
 * down, then the unit, so the jurisdiction helpers answer "is this unit within that one".
 * @example unitJurisdiction(def, 'xinhua-community') // 'CN/zhejiang/hangzhou/gongshu/district-office/jiefang-street/xinhua-community'
 */
export function unitJurisdiction(def: Organised, unitId: string): string {
  const line = [...unitAncestors(def, unitId).reverse().map((unit) => unit.id), unitId];
  return [def.jurisdiction, ...line].join('/');
}

/** Whether `unitId` is `outerId` itself or lies below it in the tree. */
export function isUnitWithin(def: Organised, outerId: string, unitId: string): boolean {
  return isWithinJurisdiction(unitJurisdiction(def, outerId), unitJurisdiction(def, unitId));
}

/** The unit one level up, if the unit names one that exists. */
export function parentUnit(def: Organised, unitId: string): UnitRef | undefined {
  const parent = unitAncestors(def, unitId)[0];
  return parent ? refOf(parent) : undefined;
}

/** A sector by id. */
export function sectorOf(def: Organised, sectorId: string | undefined): Sector | undefined {
  return sectorId === undefined ? undefined : def.sectors?.find((sector) => sector.id === sectorId);
}

/** A unit by id, as documents name it. */
export function unitRef(def: Organised, unitId: string): UnitRef | undefined {
  const unit = unitsById(def).get(unitId);
  return unit ? refOf(unit) : undefined;
}

/** The department supervising a sector (行业主管部门), as documents name it. */
export function sectorDepartment(def: Organised, sectorId: string | undefined): (UnitRef & { sector: string; sectorName: string }) | undefined {
  const sector = sectorOf(def, sectorId);
  const department = sector ? unitRef(def, sector.department) : undefined;
  return sector && department ? { ...department, sector: sector.id, sectorName: sector.name } : undefined;
}

/**
 * The checks of the unit tree and the sectors: every parent and sector named exists, no unit is its
 * own ancestor (reported once per cycle, at the first unit of it in the file), sector ids are unique
 * and each names a known department.
 */
export function checkUnitTree(def: Organised): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  const report = (code: SemanticIssue['code'], path: DocumentPath, params: SemanticIssue['params']) => issues.push({ code, path, params });
  const byId = unitsById(def);
  const sectorIds = new Set<string>();
  (def.sectors ?? []).forEach((sector, i) => {
    const first = (def.sectors ?? []).findIndex((s) => s.id === sector.id);
    if (first !== i) report(IssueCode.duplicateId, ['sectors', i, 'id'], { id: sector.id, first: formatPath(['sectors', first]) });
    sectorIds.add(sector.id);
    if (!byId.has(sector.department)) report(IssueCode.unknownUnit, ['sectors', i, 'department'], { id: sector.department });
  });
  const inCycle = new Set<string>();
  for (const { unit, path } of unitEntries(def)) {
    if (unit.sector !== undefined && !sectorIds.has(unit.sector)) report(IssueCode.unknownSector, [...path, 'sector'], { id: unit.sector });
    if (unit.parent === undefined) continue;
    if (!byId.has(unit.parent)) {
      report(IssueCode.unknownParentUnit, [...path, 'parent'], { id: unit.parent, unit: unit.name });
      continue;
    }
    const chain = [unit.id, ...unitAncestors(def, unit.id).map((u) => u.id)];
    const last = byId.get(chain[chain.length - 1]!)!;
    if (last.parent !== unit.id || inCycle.has(unit.id)) continue;
    chain.forEach((id) => inCycle.add(id));
    report(IssueCode.unitCycle, [...path, 'parent'], { chain: [...chain, unit.id].map((id) => byId.get(id)!.name).join(' → ') });
  }
  return issues;
}
