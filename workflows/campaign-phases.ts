/**
 * The campaign's phases on the run's days: the compiled phase machine (definitions/campaign.machine.ts)
 * fed the timeline's checkpoint dates. The machine's state is derived from the last day the run
 * has processed rather than carried, so a migration, a continue-as-new or a run of an older engine
 * all rebuild it the same way. Pure.
 */
import { initialTransition, transition } from 'xstate';
import { phaseStatesOf, PhaseState } from '../definitions/campaign.machine';
import type { CampaignPlan } from './campaign-plan';

export type PhaseSnapshot = ReturnType<typeof initialTransition<CampaignPlan['machine']>>[0];

/** What a day changed: the phases entered and whether the campaign completed. */
export interface PhaseChange {
  snapshot: PhaseSnapshot;
  entered: string[];
  completed: boolean;
}

/** Feeds the machine one day; only checkpoint dates change it, any other date is harmless. */
export function advancePhases(plan: CampaignPlan, snapshot: PhaseSnapshot, date: string): PhaseChange {
  const [next, actions] = transition(plan.machine, snapshot, { type: 'CALENDAR.DAY', date });
  const entered = actions.flatMap((action) => (action.type === 'enterPhase' ? [(action.params as { phaseId: string }).phaseId] : []));
  return { snapshot: next, entered, completed: actions.some((action) => action.type === 'completeCampaign') };
}

/** The machine as it stands once every checkpoint up to `through` (none when null) has passed. */
export function phasesThrough(plan: CampaignPlan, through: string | null): PhaseSnapshot {
  let [snapshot] = initialTransition(plan.machine);
  for (const checkpoint of plan.timeline.checkpoints) {
    if (through === null || checkpoint > through) break;
    snapshot = advancePhases(plan, snapshot, checkpoint).snapshot;
  }
  return snapshot;
}

/** Each phase as done, current or upcoming, as the machine holds it (phases may overlap). */
export function phaseStates(plan: CampaignPlan, snapshot: PhaseSnapshot): Array<CampaignPlan['timeline']['phases'][number] & { state: PhaseState }> {
  const states = phaseStatesOf(snapshot.value);
  return plan.timeline.phases.map((p) => ({ ...p, state: states[p.id] ?? PhaseState.upcoming }));
}

/** The phase the campaign is in, if any: where phases overlap, the one begun last. */
export function currentPhase(plan: CampaignPlan, snapshot: PhaseSnapshot): CampaignPlan['timeline']['phases'][number] | undefined {
  const phase = phaseStates(plan, snapshot).filter((p) => p.state === PhaseState.current).at(-1);
  return phase && { id: phase.id, name: phase.name, start: phase.start, end: phase.end };
}
