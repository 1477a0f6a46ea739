/**
 * A pinned definition compiled once per version for its run: the resolved timeline, the phase
 * machine and the look-ups every wake-up and view reads, so none is rebuilt or searched linearly
 * per occurrence. Pure.
 */
import type { Calendar } from '../definitions/calendar';
import { compileCampaignMachine, type CampaignMachine } from '../definitions/campaign.machine';
import type { CampaignDefinition } from '../definitions/campaign.schema';
import type { EscalationLadder } from '../definitions/escalation.schema';
import type { EventType } from '../definitions/event.schema';
import { resolveTimeline } from '../definitions/timeline';
import { dutyOwers } from '../definitions/unit-tree';
import type { Timeline } from '../definitions/timeline.schema';

type Duty = CampaignDefinition['duties'][number];
type Milestone = CampaignDefinition['milestones'][number];

export interface CampaignPlan {
  definition: CampaignDefinition;
  calendar: Calendar;
  timeline: Timeline;
  machine: CampaignMachine;
  unitNames: ReadonlyMap<string, string>;
  duties: ReadonlyMap<string, Duty>;
  /** The units owing each duty, by duty id: those it names and the units of the sectors it names. */
  dutyOwers: ReadonlyMap<string, readonly string[]>;
  occurrences: ReadonlyMap<string, Timeline['occurrences'][number]>;
  milestones: ReadonlyMap<string, { milestone: Milestone; dueOn: string; title: string }>;
  /** The event types, by id. */
  events: ReadonlyMap<string, EventType>;
  /** Every date on which the calendar moves the campaign (phase checkpoints, milestones falling due, occurrences opening), sorted, once each. */
  calendarDates: readonly string[];
}

export function planCampaign(definition: CampaignDefinition, calendar: Calendar): CampaignPlan {
  const timeline = resolveTimeline(definition, calendar);
  const organisation = definition.organisation;
  const milestoneDue = new Map(timeline.milestones.map((m) => [m.milestoneId, m]));
  return {
    definition,
    calendar,
    timeline,
    machine: compileCampaignMachine(definition, timeline),
    unitNames: new Map([...(organisation?.leadDepartments ?? []), ...(organisation?.units ?? [])].map((unit) => [unit.id, unit.name])),
    duties: new Map(definition.duties.map((duty) => [duty.id, duty])),
    dutyOwers: new Map(definition.duties.map((duty) => [duty.id, dutyOwers(definition, duty)])),
    occurrences: new Map(timeline.occurrences.map((occurrence) => [occurrence.occurrenceId, occurrence])),
    milestones: new Map(
      definition.milestones.map((milestone) => {
        const resolved = milestoneDue.get(milestone.id)!;
        return [milestone.id, { milestone, dueOn: resolved.dueOn, title: resolved.title }];
      }),
    ),
    events: new Map((definition.events ?? []).map((event) => [event.id, event])),
    calendarDates: sortedOnce([...timeline.checkpoints, ...timeline.milestones.map((m) => m.dueOn), ...timeline.occurrences.map((o) => o.opensOn)]),
  };
}

const sortedOnce = (dates: readonly string[]): string[] => [...new Set(dates)].sort();

/** The first of sorted `dates` after `after` (null: the first of all), or undefined when none is left. */
export function firstDateAfter(dates: readonly string[], after: string | null): string | undefined {
  // Binary search: a three-year campaign has hundreds of dates and the run asks at every wake-up.
  let [low, high] = [0, dates.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (after === null || dates[middle]! > after) high = middle;
    else low = middle + 1;
  }
  return dates[low];
}

export const unitName = (plan: CampaignPlan, unitId: string): string => plan.unitNames.get(unitId) ?? unitId;

/** The ladder a duty occurrence climbs when late, if its duty names one. */
export function occurrenceLadder(plan: CampaignPlan, occurrenceId: string, dutyId: string): { ladderId: string; ladder: EscalationLadder } | undefined {
  const ladderId = plan.occurrences.get(occurrenceId)?.ladderId ?? plan.duties.get(dutyId)?.ladder ?? eventTypeOfDuty(plan, dutyId)?.ladder;
  const ladder = ladderId ? plan.definition.escalationLadders[ladderId] : undefined;
  return ladderId && ladder ? { ladderId, ladder } : undefined;
}

/** The duty id of an event type's duty (one per type; its occurrences are the events). */
export const eventDutyId = (typeId: string): string => `event:${typeId}`;

/** The event type whose duty `dutyId` is, if it is one. */
export function eventTypeOfDuty(plan: CampaignPlan, dutyId: string): EventType | undefined {
  return dutyId.startsWith('event:') ? plan.events.get(dutyId.slice('event:'.length)) : undefined;
}

/** The ladder a milestone climbs while not confirmed, if it names one. */
export function milestoneLadder(plan: CampaignPlan, milestoneId: string): { ladderId: string; ladder: EscalationLadder } | undefined {
  const ladderId = (plan.milestones.get(milestoneId)?.milestone as { ladder?: string } | undefined)?.ladder;
  const ladder = ladderId ? plan.definition.escalationLadders[ladderId] : undefined;
  return ladderId && ladder ? { ladderId, ladder } : undefined;
}
