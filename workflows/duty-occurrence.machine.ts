/**
 * One obligation of one unit under a campaign: a duty occurrence it owes (e.g. 2021年第一季度工作总结
 * from one school) or a milestone (节点) it must reach. Open until submitted (or confirmed); once
 * late, its ladder is climbed rung by rung. Pure, like the hazard machine: the campaign workflow
 * sends events and runs the returned `takeEscalationStep` actions.
 */
import { assign, setup } from 'xstate';

export interface OccurrenceContext {
  dueOn: string;
  stepsTaken: number;
  escalationStage: string | null;
  submittedOn: string | null;
}

export type OccurrenceEvent =
  | { type: 'SUBMITTED'; on: string }
  | { type: 'ESCALATION.STEP_DUE'; stepIndex: number; action: string }
  | { type: 'ESCALATION.STEP_SKIPPED'; stepIndex: number };

export const dutyOccurrenceMachine = setup({
  types: {
    context: {} as OccurrenceContext,
    events: {} as OccurrenceEvent,
    input: {} as { dueOn: string },
  },
  actions: {
    takeEscalationStep: (_, _params: { stepIndex: number }) => {},
  },
  guards: {
    isNextStep: ({ context, event }) => 'stepIndex' in event && event.stepIndex === context.stepsTaken,
  },
}).createMachine({
  id: 'duty-occurrence',
  context: ({ input }) => ({ dueOn: input.dueOn, stepsTaken: 0, escalationStage: null, submittedOn: null }),
  initial: 'open',
  states: {
    open: {
      on: {
        SUBMITTED: { target: 'submitted', actions: assign({ submittedOn: ({ event }) => event.on }) },
        'ESCALATION.STEP_DUE': {
          guard: 'isNextStep',
          actions: [
            assign({ stepsTaken: ({ context }) => context.stepsTaken + 1, escalationStage: ({ event }) => event.action }),
            { type: 'takeEscalationStep', params: ({ event }) => ({ stepIndex: event.stepIndex }) },
          ],
        },
        // A rung planned before the campaign came under the engine is passed over, never taken late.
        'ESCALATION.STEP_SKIPPED': { guard: 'isNextStep', actions: assign({ stepsTaken: ({ context }) => context.stepsTaken + 1 }) },
      },
    },
    submitted: { type: 'final' },
  },
});
