import { assign, setup } from 'xstate';
import type { CampaignDefinition } from './campaign.schema';
import type { LocalDate } from './local-date';
import type { Timeline } from './timeline.schema';

export const MachineState = { pending: 'pending', completed: 'completed' } as const;

export type CampaignMachineContext = {
  campaignId: string;
  version: number;
  /** The last date the machine was told about; null before the first event. */
  today: LocalDate | null;
  /** Index into the timeline's phases; -1 before the first phase, phases.length once completed. */
  phaseIndex: number;
};

export type CalendarDayEvent = { type: 'CALENDAR.DAY'; date: LocalDate };

/**
 * Which phase a date belongs to: a phase is left only once it has ended and the next has begun,
 * so overlapping months ("3月—4月" then "4月—12月") hand over on the day after the first ends.
 */
export function phaseIndexOn(phases: Timeline['phases'], spanEnd: LocalDate, date: LocalDate): number {
  const first = phases[0];
  if (!first || date < first.start) return -1;
  if (date > spanEnd) return phases.length;
  let index = 0;
  for (let next = phases[1]; next && phases[index]!.end < date && next.start <= date; next = phases[index + 1]) index += 1;
  return index;
}

/**
 * Compiles a campaign to an xstate v5 machine: `pending` → each phase in order → `completed` (final).
 * Drive it with `{ type: 'CALENDAR.DAY', date }` on each of `timeline.checkpoints` (any other date is
 * harmless); a jump over several phases lands directly in the right one. It never moves backwards.
 * The returned actions `enterPhase` (params `{ phaseId }`) and `completeCampaign` are for the caller to run.
 * @example const [snapshot] = transition(machine, initialTransition(machine)[0], { type: 'CALENDAR.DAY', date: '2021-03-01' })
 */
export function compileCampaignMachine(def: CampaignDefinition, timeline: Timeline) {
  const { phases } = timeline;
  const targetOf = (date: LocalDate) => phaseIndexOn(phases, timeline.span.end, date);

  return setup({
    types: {
      context: {} as CampaignMachineContext,
      events: {} as CalendarDayEvent,
    },
    actions: {
      // No implementation on purpose: the machine only decides; the workflow runs these.
      enterPhase: (_, _params: { phaseId: string }) => {},
      completeCampaign: () => {},
      recordDay: assign(({ event }) => ({ today: event.date })),
      moveTo: assign((_, params: { phaseIndex: number }) => ({ phaseIndex: params.phaseIndex })),
    },
    guards: {
      reaches: ({ context, event }, params: { phaseIndex: number }) =>
        params.phaseIndex > context.phaseIndex && targetOf(event.date) === params.phaseIndex,
    },
  }).createMachine({
    id: def.id,
    context: { campaignId: def.id, version: def.version, today: null, phaseIndex: -1 },
    initial: MachineState.pending,
    on: {
      'CALENDAR.DAY': [
        ...[...phases.map((p) => p.id), MachineState.completed].map((target, phaseIndex) => ({
          guard: { type: 'reaches' as const, params: { phaseIndex } },
          target: `.${target}`,
          actions: [{ type: 'recordDay' as const }, { type: 'moveTo' as const, params: { phaseIndex } }],
        })),
        { actions: { type: 'recordDay' as const } },
      ],
    },
    states: {
      [MachineState.pending]: {},
      ...Object.fromEntries(phases.map((p) => [p.id, { entry: { type: 'enterPhase' as const, params: { phaseId: p.id } } }])),
      [MachineState.completed]: { type: 'final' as const, entry: { type: 'completeCampaign' as const } },
    },
  });
}

export type CampaignMachine = ReturnType<typeof compileCampaignMachine>;
