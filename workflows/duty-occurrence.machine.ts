/**
 * One occurrence of a recurring duty owed by one unit (e.g. 2021年第一季度工作总结 from one school):
 * open until submitted; once late, its ladder is climbed rung by rung. Pure, like the hazard machine:
 * the campaign workflow sends events and runs the returned `takeEscalationStep` actions.
 */
import { assign, setup } from 'xstate';

export const OccurrenceStatus = { open: 'open', late: 'late', submitted: 'submitted' } as const;
export type OccurrenceStatus = (typeof OccurrenceStatus)[keyof typeof OccurrenceStatus];

export const OCCURRENCE_STATUS_LABELS: Record<OccurrenceStatus, string> = {
  open: '待报送',
  late: '逾期未报',
  submitted: '已报送',
};

export interface OccurrenceContext {
  dueOn: string;
  stepsTaken: number;
  escalationStage: string | null;
  submittedOn: string | null;
}

export type OccurrenceEvent =
  | { type: 'SUBMITTED'; on: string }
  | { type: 'ESCALATION.STEP_DUE'; stepIndex: number; action: string };

export const dutyOccurrenceMachine = setup({
  types: {
    context: {} as OccurrenceContext,
    events: {} as OccurrenceEvent,
    input: {} as { dueOn: string },
  },
  actions: {
    takeEscalationStep: (_, _params: { stepIndex: number }) => {},
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
          guard: ({ context, event }) => event.stepIndex === context.stepsTaken,
          actions: [
            assign({ stepsTaken: ({ context }) => context.stepsTaken + 1, escalationStage: ({ event }) => event.action }),
            { type: 'takeEscalationStep', params: ({ event }) => ({ stepIndex: event.stepIndex }) },
          ],
        },
      },
    },
    submitted: { type: 'final' },
  },
});

/** Open or late (a late one is still open: it can be submitted, and escalation goes on until it is). */
export function occurrenceStatusOf(value: unknown, dueOn: string, today: string): OccurrenceStatus {
  if (value === 'submitted') return OccurrenceStatus.submitted;
  return today > dueOn ? OccurrenceStatus.late : OccurrenceStatus.open;
}
