/**
 * How the outside (the API, operators, tests) talks to a hazard run: its input, the updates that
 * move it through the closed loop, and the query that shows it. The server imports this file.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { RunCalendar } from '../definitions/calendar-year.schema';
import type { CalendarOverrides } from '../definitions/calendar.schema';
import type { EscalationLadder } from '../definitions/escalation.schema';
import type { CampaignDefinition } from '../definitions/campaign.schema';
import type { HazardPolicy } from '../definitions/hazard-policy.schema';
import type { CampaignRef } from '../activities/escalation.types';
import type { EscalationLogEntry } from './escalation';
import type { StateValue } from 'xstate';
import type { Simulation } from './campaign-clock';
import type { EngineGeneration } from './engine-generation';
import type { HazardStatus } from './hazard.contract';
import type { HazardContext } from './hazard.machine';

export const DiscoveryChannel = {
  selfInspection: 'self-inspection',
  enforcementInspection: 'enforcement-inspection',
  publicReport: 'public-report',
} as const;
export type DiscoveryChannel = (typeof DiscoveryChannel)[keyof typeof DiscoveryChannel];

export const DISCOVERY_CHANNEL_LABELS: Record<DiscoveryChannel, string> = {
  'self-inspection': '自查',
  'enforcement-inspection': '执法检查',
  'public-report': '群众举报',
};

/** A hazard as registered in the ledger (台账): what, where, who is responsible, how it was found. */
export interface HazardRegistration {
  hazardId: string;
  level: string;
  description: string;
  location: string;
  unitId: string;
  unitName: string;
  unitHead?: string;
  /** The sector (行业领域) it lies in, an id of the campaign's `sectors`. */
  sector?: string;
  responsiblePerson: string;
  discoveredThrough: DiscoveryChannel;
  /** The rectification measure (整改措施) planned for it: what the 制度措施清单 lists. */
  measure?: string;
  /** Defaults to the day the run starts (Beijing time). */
  registeredOn?: string;
  /** An explicit deadline; otherwise the campaign's hazard policy sets it. */
  dueOn?: string;
  /** The API request that registered it, so an operator can go from the call to the run. */
  requestId?: string;
}

/** The parts of the pinned campaign definition a hazard run needs. */
export interface HazardCampaignRules {
  campaign: CampaignRef;
  /** Absent for a campaign without hazards (no `hazardPolicy`): no hazard can be registered under it. */
  hazardPolicy?: HazardPolicy;
  escalationLadders: Record<string, EscalationLadder>;
  /** The campaign's own calendar corrections, as runs of engine 0.1 received them (with no calendar of their own). */
  calendar?: CalendarOverrides;
  /** The working-day calendar the campaign run carries: the hazard's time limit and ladder are counted on it (since engine 0.2). */
  runCalendar?: RunCalendar;
  /** The campaign's sectors (行业领域), which a hazard may name; absent when it declares none. */
  sectors?: Array<{ id: string; name: string }>;
  /** The unit tree and sectors, when a ladder addresses them (上级单位, 行业主管部门, a named unit). */
  units?: Pick<CampaignDefinition, 'jurisdiction' | 'organisation' | 'sectors'>;
}

/** One accepted event of the hazard's life, for "what happened, when, by whom, and why". */
export interface HazardHistoryEntry {
  at: string;
  event: string;
  by?: string;
  detail?: string;
  requestId?: string;
}

export interface HazardRunState {
  machine: { value: StateValue; context: HazardContext };
  escalationLog: EscalationLogEntry[];
  history: HazardHistoryEntry[];
  registeredOn: string;
  closedOn: string | null;
  clockOffsetMs: number;
  /** Counts every change of what the view shows; carried over continue-as-new (absent in runs before it was kept). */
  revision?: number;
  /** The rules the run follows (engine-generation.ts); absent in runs of engine 0.1. */
  generation?: EngineGeneration;
  /** The calendar of the last calendar update, when one replaced the rules' own. */
  calendar?: RunCalendar;
}

export interface HazardWorkflowInput {
  rules: HazardCampaignRules;
  hazard: HazardRegistration;
  /** Run on shifted dates (a rehearsal); see campaign-clock.ts. */
  simulation?: Simulation;
  /** Set only by continue-as-new: the state the previous run ended with. */
  carriedOver?: HazardRunState;
}

/**
 * What a query shows an operator. The run also publishes it in its memo (`HAZARD_VIEW_MEMO_KEY`)
 * at every change, so the API can serve a hazard without querying (and so replaying) its run.
 */
export interface HazardView {
  hazard: HazardRegistration;
  campaignId: string;
  jurisdiction: string;
  /** Grows with every change; a reader keeps the view with the highest. */
  revision: number;
  status: HazardStatus;
  statusLabel: string;
  dueOn: string;
  deadlines: string[];
  overdue: boolean;
  underListedSupervision: boolean;
  escalationStage: string | null;
  nextEscalation: { stepIndex: number; action: string; actionLabel: string; at: string } | null;
  /** The hazard's ladder on calendar dates: rungs taken (their planned day), passed over, still to come, or no longer needed. */
  ladder: LadderRung[];
  reinspectionDueOn: string | null;
  extensionRequest: HazardContext['extensionRequest'];
  escalationLog: EscalationLogEntry[];
  history: HazardHistoryEntry[];
  registeredOn: string;
  closedOn: string | null;
  /** The campaign's time zone and the run's clock shift: what `overdue` is judged by. */
  timeZone: string;
  clockOffsetMs: number;
}

export const LadderRungState = { taken: 'taken', passedOver: 'passed-over', upcoming: 'upcoming', notNeeded: 'not-needed' } as const;
export type LadderRungState = (typeof LadderRungState)[keyof typeof LadderRungState];

export interface LadderRung {
  stepIndex: number;
  action: string;
  actionLabel: string;
  /** The day it was (or is) planned for. */
  on: string;
  state: LadderRungState;
}

/** The memo key under which a hazard run keeps its current view. */
export const HAZARD_VIEW_MEMO_KEY = 'hazardView';

interface Requested {
  /** The API request id, recorded in the run's history. */
  requestId?: string;
}

export const submitRectificationUpdate = defineUpdate<HazardView, [{ evidence: string[]; note?: string; by: string } & Requested]>(
  'submitRectification',
);
export const verifyRectificationUpdate = defineUpdate<HazardView, [{ passed: boolean; verifier: string; reason?: string } & Requested]>(
  'verifyRectification',
);
export const requestExtensionUpdate = defineUpdate<HazardView, [{ requestedDueOn: string; reason: string; by: string } & Requested]>(
  'requestExtension',
);
export const decideExtensionUpdate = defineUpdate<HazardView, [{ approved: boolean; approver: string; reason?: string } & Requested]>(
  'decideExtension',
);
export const recordReinspectionUpdate = defineUpdate<
  HazardView,
  [{ passed: boolean; inspector: string; reason?: string; newDueOn?: string } & Requested]
>('recordReinspection');

/**
 * Replaces the hazard's working-day calendar (a campaign's calendar update reaching its hazards):
 * a time limit the policy set and that is still to come is counted again, and every rung not yet
 * taken; the history says what moved.
 */
export const applyHazardCalendarUpdate = defineUpdate<HazardView, [{ calendar: RunCalendar; by: string; reason?: string } & Requested]>('applyHazardCalendar');

export const hazardViewQuery = defineQuery<HazardView>('hazardView');
