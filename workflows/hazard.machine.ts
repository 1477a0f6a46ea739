/**
 * The closed loop of one hazard (隐患), as an xstate machine: 登记 → 整改 → 审核验收 → 销号, with
 * rejection back to rectification, extension requests, listed supervision (挂牌督办) for major
 * hazards and a re-inspection (回头看) that may reopen a closed hazard.
 *
 * Pure: the workflow feeds it events through `transition()` and carries out the actions it
 * returns (escalation steps, listed supervision) as activities. Its context is plain JSON so the
 * snapshot survives continue-as-new and answers queries.
 */
import { assign, setup } from 'xstate';
import { HazardStatus } from './hazard.contract';

export interface HazardMachineInput {
  dueOn: string;
  listedSupervision: boolean;
  verificationBeforeClosing: boolean;
  reinspection: boolean;
}

export interface HazardContext {
  dueOn: string;
  /** Every deadline the hazard has had, the first one included (extensions and reopenings add). */
  deadlines: string[];
  listedSupervision: boolean;
  underListedSupervision: boolean;
  verificationBeforeClosing: boolean;
  reinspection: boolean;
  /** How many rungs of the ladder have been taken; the next one is `ladder.steps[stepsTaken]`. */
  stepsTaken: number;
  /** The most severe measure taken so far (an escalation action), or null. */
  escalationStage: string | null;
  /** The pending extension request, if any. */
  extensionRequest: { requestedDueOn: string; reason: string } | null;
  rejections: number;
  reopenings: number;
}

export type HazardEvent =
  | { type: 'RECTIFICATION.SUBMITTED'; evidence: string[]; note?: string }
  | { type: 'VERIFICATION.PASSED'; verifier: string }
  | { type: 'VERIFICATION.REJECTED'; verifier: string; reason: string }
  | { type: 'EXTENSION.REQUESTED'; requestedDueOn: string; reason: string }
  | { type: 'EXTENSION.APPROVED'; approver: string }
  | { type: 'EXTENSION.DENIED'; approver: string; reason: string }
  | { type: 'REINSPECTION.PASSED'; inspector: string }
  | { type: 'REINSPECTION.FAILED'; inspector: string; reason: string; newDueOn: string }
  | { type: 'ESCALATION.STEP_DUE'; stepIndex: number; action: string }
  | { type: 'ESCALATION.STEP_SKIPPED'; stepIndex: number }
  | { type: 'DEADLINE.RECOMPUTED'; dueOn: string };

export const hazardMachine = setup({
  types: {
    context: {} as HazardContext,
    events: {} as HazardEvent,
    input: {} as HazardMachineInput,
  },
  actions: {
    // Carried out by the workflow as activities; the machine only says when.
    placeUnderListedSupervision: () => {},
    takeEscalationStep: (_, _params: { stepIndex: number }) => {},
    replanEscalation: () => {},
  },
  guards: {
    needsVerification: ({ context }) => context.verificationBeforeClosing,
    needsReinspection: ({ context }) => context.reinspection,
    isNextStep: ({ context, event }) =>
      (event.type === 'ESCALATION.STEP_DUE' || event.type === 'ESCALATION.STEP_SKIPPED') && event.stepIndex === context.stepsTaken,
    extendsDeadline: ({ context, event }) => event.type === 'EXTENSION.REQUESTED' && event.requestedDueOn > context.dueOn,
  },
}).createMachine({
  id: 'hazard',
  context: ({ input }) => ({
    dueOn: input.dueOn,
    deadlines: [input.dueOn],
    listedSupervision: input.listedSupervision,
    underListedSupervision: input.listedSupervision,
    verificationBeforeClosing: input.verificationBeforeClosing,
    reinspection: input.reinspection,
    stepsTaken: 0,
    escalationStage: input.listedSupervision ? 'listed-supervision' : null,
    extensionRequest: null,
    rejections: 0,
    reopenings: 0,
  }),
  initial: 'registered',
  states: {
    // 登记: a transient state, so "registered" appears once and listed supervision starts with it.
    registered: {
      always: [
        { guard: ({ context }) => context.listedSupervision, target: 'rectifying', actions: 'placeUnderListedSupervision' },
        { target: 'rectifying' },
      ],
    },
    rectifying: {
      initial: 'working',
      on: {
        'ESCALATION.STEP_DUE': {
          guard: 'isNextStep',
          actions: [
            assign({
              stepsTaken: ({ context }) => context.stepsTaken + 1,
              escalationStage: ({ event }) => event.action,
            }),
            { type: 'takeEscalationStep', params: ({ event }) => ({ stepIndex: event.stepIndex }) },
          ],
        },
        // A rung planned before the hazard came under the engine is passed over, never taken late.
        'ESCALATION.STEP_SKIPPED': { guard: 'isNextStep', actions: assign({ stepsTaken: ({ context }) => context.stepsTaken + 1 }) },
        // The time limit counted again on an updated official calendar (a newly published year).
        'DEADLINE.RECOMPUTED': {
          actions: [assign(({ context, event }) => ({ dueOn: event.dueOn, deadlines: [...context.deadlines, event.dueOn] })), 'replanEscalation'],
        },
        'RECTIFICATION.SUBMITTED': [
          { guard: 'needsVerification', target: 'verifying', actions: assign({ extensionRequest: null }) },
          { guard: 'needsReinspection', target: 'awaitingReinspection', actions: assign({ extensionRequest: null }) },
          { target: 'closed', actions: assign({ extensionRequest: null }) },
        ],
      },
      states: {
        working: {
          on: {
            'EXTENSION.REQUESTED': {
              guard: 'extendsDeadline',
              target: 'extensionRequested',
              actions: assign({
                extensionRequest: ({ event }) => ({ requestedDueOn: event.requestedDueOn, reason: event.reason }),
              }),
            },
          },
        },
        extensionRequested: {
          on: {
            'EXTENSION.APPROVED': {
              target: 'working',
              actions: [
                assign(({ context }) => {
                  const dueOn = context.extensionRequest?.requestedDueOn ?? context.dueOn;
                  return { dueOn, deadlines: [...context.deadlines, dueOn], extensionRequest: null };
                }),
                'replanEscalation',
              ],
            },
            'EXTENSION.DENIED': { target: 'working', actions: assign({ extensionRequest: null }) },
          },
        },
      },
    },
    verifying: {
      on: {
        'VERIFICATION.PASSED': [{ guard: 'needsReinspection', target: 'awaitingReinspection' }, { target: 'closed' }],
        'VERIFICATION.REJECTED': {
          target: 'rectifying',
          actions: assign({ rejections: ({ context }) => context.rejections + 1 }),
        },
      },
    },
    // 销号, with a re-inspection (回头看) still to come that may reopen it.
    awaitingReinspection: {
      on: {
        'REINSPECTION.PASSED': { target: 'closed' },
        'REINSPECTION.FAILED': {
          target: 'rectifying',
          actions: [
            assign(({ context, event }) => ({
              dueOn: event.newDueOn,
              deadlines: [...context.deadlines, event.newDueOn],
              reopenings: context.reopenings + 1,
            })),
            'replanEscalation',
          ],
        },
      },
    },
    // 销号, for good.
    closed: { type: 'final' },
  },
});

/** The operator-facing status of a machine state value. */
export function hazardStatusOf(value: unknown): HazardStatus {
  if (value === 'verifying') return HazardStatus.verifying;
  if (value === 'awaitingReinspection') return HazardStatus.awaitingReinspection;
  if (value === 'closed') return HazardStatus.closed;
  if (typeof value === 'object' && value !== null && (value as Record<string, unknown>).rectifying === 'extensionRequested') {
    return HazardStatus.extensionRequested;
  }
  return HazardStatus.rectifying;
}
