import { assign, setup, type StateValue } from 'xstate';
import type { CampaignDefinition } from './campaign.schema';
import type { LocalDate } from './local-date';
import type { ResolvedPhase, Timeline } from './timeline.schema';

/**
 * Where a phase stands on a date. A phase is current from its start through its end, so a campaign
 * can be in two phases at once where they overlap (003: 动员部署 3月—4月 and 夯实基础 4月—12月).
 */
export const PhaseState = { upcoming: 'upcoming', current: 'current', done: 'done' } as const;
export type PhaseState = (typeof PhaseState)[keyof typeof PhaseState];

/** The machine's parallel regions: the phases (one region each, inside `phases`) and the campaign's own completion. */
export const MachineRegion = { phases: 'phases', campaign: 'campaign' } as const;

/** The campaign region: running until the day after its span, then completed (final). */
export const CampaignState = { running: 'running', completed: 'completed' } as const;
export type CampaignState = (typeof CampaignState)[keyof typeof CampaignState];

/** A snapshot's value: `{ phases: { <phase id>: upcoming | current | done, … }, campaign: running | completed }`. */
export type CampaignMachineValue = { phases: Record<string, PhaseState>; campaign: CampaignState };

export type CampaignMachineContext = {
  campaignId: string;
  version: number;
  /** The last date the machine was told about; null before the first event. */
  today: LocalDate | null;
};

export type CalendarDayEvent = { type: 'CALENDAR.DAY'; date: LocalDate };

/**
 * The state of one phase on a date: upcoming before its start, current from its start through its
 * end, done after. The one rule of phases: `plan`, the diagrams and the machine all follow it.
 */
export function phaseStateOn(phase: Pick<ResolvedPhase, 'start' | 'end'>, date: LocalDate): PhaseState {
  if (date < phase.start) return PhaseState.upcoming;
  return date <= phase.end ? PhaseState.current : PhaseState.done;
}

/**
 * Every phase of a timeline with its state on `date`, in timeline order, for views.
 * @example phaseStatesOn(jizhou, '2024-04-15').filter((p) => p.state === 'current').map((p) => p.id) // ['mobilisation', 'foundation']
 */
export function phaseStatesOn(timeline: Pick<Timeline, 'phases'>, date: LocalDate): Array<ResolvedPhase & { state: PhaseState }> {
  return timeline.phases.map((phase) => ({ ...phase, state: phaseStateOn(phase, date) }));
}

/** The phase states a machine snapshot's value holds, by phase id. */
export function phaseStatesOf(value: StateValue): Readonly<Record<string, PhaseState>> {
  const phases = typeof value === 'object' ? value[MachineRegion.phases] : undefined;
  return typeof phases === 'object' ? (phases as Record<string, PhaseState>) : {};
}

/**
 * Compiles a campaign to an xstate v5 parallel machine: one region per phase (upcoming → current →
 * done) and the campaign's own region (running → completed), all final once the span is over.
 * Drive it with `{ type: 'CALENDAR.DAY', date }` on each of `timeline.checkpoints` (any other date
 * is harmless); a date that jumps over a phase takes it straight to done. It never moves backwards.
 * The returned actions are for the caller to run: `enterPhase` and `leavePhase` (params
 * `{ phaseId }`), `completeCampaign`.
 * @example const [snapshot, actions] = transition(machine, initialTransition(machine)[0], { type: 'CALENDAR.DAY', date: '2024-04-01' })
 */
export function compileCampaignMachine(def: CampaignDefinition, timeline: Timeline) {
  const day = (date: LocalDate) => ({ date });
  const phaseRegion = (phase: ResolvedPhase) => {
    const phaseId = { phaseId: phase.id };
    const leave = { guard: { type: 'past' as const, params: day(phase.end) }, target: PhaseState.done };
    return {
      initial: PhaseState.upcoming,
      states: {
        [PhaseState.upcoming]: {
          on: {
            'CALENDAR.DAY': [
              { ...leave, actions: { type: 'recordDay' as const } },
              { guard: { type: 'reached' as const, params: day(phase.start) }, target: PhaseState.current, actions: { type: 'recordDay' as const } },
            ],
          },
        },
        [PhaseState.current]: {
          entry: { type: 'enterPhase' as const, params: phaseId },
          on: { 'CALENDAR.DAY': { ...leave, actions: [{ type: 'recordDay' as const }, { type: 'leavePhase' as const, params: phaseId }] } },
        },
        [PhaseState.done]: { type: 'final' as const },
      },
    };
  };

  return setup({
    types: {
      context: {} as CampaignMachineContext,
      events: {} as CalendarDayEvent,
    },
    actions: {
      // No implementation on purpose: the machine only decides; the workflow runs these.
      enterPhase: (_, _params: { phaseId: string }) => {},
      leavePhase: (_, _params: { phaseId: string }) => {},
      completeCampaign: () => {},
      recordDay: assign(({ event }) => ({ today: event.date })),
    },
    guards: {
      past: ({ event }, params: { date: LocalDate }) => event.date > params.date,
      reached: ({ event }, params: { date: LocalDate }) => event.date >= params.date,
    },
  }).createMachine({
    id: def.id,
    type: 'parallel',
    context: { campaignId: def.id, version: def.version, today: null },
    // Taken whenever no region moves on a day; a region that moves records the day itself.
    on: { 'CALENDAR.DAY': { actions: { type: 'recordDay' } } },
    states: {
      [MachineRegion.phases]: {
        type: 'parallel',
        states: Object.fromEntries(timeline.phases.map((phase) => [phase.id, phaseRegion(phase)])),
      },
      [MachineRegion.campaign]: {
        initial: CampaignState.running,
        states: {
          [CampaignState.running]: {
            on: {
              'CALENDAR.DAY': {
                guard: { type: 'past', params: day(timeline.span.end) },
                target: CampaignState.completed,
                actions: { type: 'recordDay' },
              },
            },
          },
          [CampaignState.completed]: { type: 'final', entry: { type: 'completeCampaign' } },
        },
      },
    },
  });
}

export type CampaignMachine = ReturnType<typeof compileCampaignMachine>;
