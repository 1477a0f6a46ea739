/**
 * Whom a ladder step addresses when its audience lies on the unit tree or the sectors: the unit's
 * parent (逐级约谈: its head is summoned), its sector's supervising department (行业主管部门), or a
 * unit named by id. The other audiences (责任单位, 主管部门, 全体单位 …) need no look-up and keep
 * their old meaning. Pure and zod-free: the workflows resolve the addressees before an activity
 * writes the document, so the record names who is summoned.
 */
import type { CampaignDefinition } from './campaign.schema';
import type { EscalationStep } from './escalation.schema';
import { parentUnit, sectorDepartment, sectorOf, unitRef, unitsById, type UnitRef } from './unit-tree';
import type { Sector } from './unit.schema';
import { Audience, EscalationActionName, StepCollection, type StepAudience } from './vocabulary';

type Organised = Pick<CampaignDefinition, 'jurisdiction' | 'organisation' | 'sectors'>;

/** The units a step's audience and (for an interview) its interviewee resolve to, where they are units. */
export interface StepAddressees {
  audience?: UnitRef;
  interviewee?: UnitRef;
}

/** A unit-valued audience's unit, for an item of `unitId` (in `sectorId`, else the unit's own sector). */
export function audienceUnit(def: Organised, audience: StepAudience, unitId: string, sectorId?: string): UnitRef | undefined {
  if (typeof audience === 'object') return unitRef(def, audience.unit);
  switch (audience) {
    case Audience.parentUnit:
    case Audience.parentUnitHead:
      return parentUnit(def, unitId);
    case Audience.sectorDepartment:
      return sectorDepartment(def, sectorId ?? unitsById(def).get(unitId)?.sector);
    default:
      return undefined;
  }
}

/**
 * The addressees of one step for one item, or undefined when none is a unit on the tree (every
 * ladder written before the tree existed), so such steps are taken exactly as before.
 */
export function stepAddressees(def: Organised, step: EscalationStep, unitId: string, sectorId?: string): StepAddressees | undefined {
  const audience = audienceUnit(def, step.audience, unitId, sectorId);
  const interviewee = step.action === EscalationActionName.interview ? audienceUnit(def, step.interviewee, unitId, sectorId) : undefined;
  if (!audience && !interviewee) return undefined;
  return { ...(audience ? { audience } : {}), ...(interviewee ? { interviewee } : {}) };
}

/** The audiences of a step written as `{ unit }`, with the field each is in: checkCampaign checks they exist. */
export function namedAudienceUnits(step: EscalationStep): Array<{ field: 'audience' | 'interviewee'; unit: string }> {
  const fields: Array<['audience' | 'interviewee', StepAudience]> = [['audience', step.audience]];
  if (step.action === EscalationActionName.interview) fields.push(['interviewee', step.interviewee]);
  return fields.flatMap(([field, audience]) => (typeof audience === 'object' ? [{ field, unit: audience.unit }] : []));
}

/** The one action a collected step gathers an item into: the whole campaign run's, or its sector's. */
export interface Collection {
  /** `campaign`, or `sector:<id>`: items reaching the step at the same instant with the same key share one action. */
  key: string;
  /** Set when collected by sector: the documents are titled by it (行业集中约谈). */
  sector?: Pick<Sector, 'id' | 'name'>;
}

/**
 * The collection a step gathers an item into, given the item's sector, or undefined when the step
 * is taken for each item alone: not collected, or collected by sector for an item without one.
 */
export function collectionOf(step: EscalationStep, sector: Pick<Sector, 'id' | 'name'> | undefined): Collection | undefined {
  if (step.collectBy === StepCollection.campaign) return { key: StepCollection.campaign };
  if (step.collectBy !== StepCollection.sector || !sector) return undefined;
  return { key: `${StepCollection.sector}:${sector.id}`, sector: { id: sector.id, name: sector.name } };
}

/** The sector of a unit on the unit tree, if it names one the campaign declares. */
export function unitSector(def: Organised, unitId: string): Sector | undefined {
  return sectorOf(def, unitsById(def).get(unitId)?.sector);
}

const ON_THE_TREE: ReadonlySet<StepAudience> = new Set([Audience.parentUnit, Audience.parentUnitHead, Audience.sectorDepartment]);

/** Whether any ladder step addresses a unit on the tree (so a hazard run needs the units to resolve it). */
export function addressesUnitTree(def: Pick<CampaignDefinition, 'escalationLadders'>): boolean {
  const onTree = (audience: StepAudience) => typeof audience === 'object' || ON_THE_TREE.has(audience);
  return Object.values(def.escalationLadders).some((ladder) =>
    ladder.steps.some((step) => onTree(step.audience) || (step.action === EscalationActionName.interview && onTree(step.interviewee))),
  );
}
