/**
 * How the outside talks to a campaign run: its input, the updates (duty submission, milestone
 * confirmation, ledger import, migration) and the queries an operator reads. The server imports
 * this file.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { StateValue } from 'xstate';
import type { RunCalendar } from '../definitions/calendar-year.schema';
import type { CampaignDefinition } from '../definitions/campaign.schema';
import type { EventReport } from '../definitions/event';
import type { MissingCalendarYear } from '../definitions/run-calendar';
import type { WindowState } from '../definitions/vocabulary';
import type { Simulation } from './campaign-clock';
import type { MilestoneState, OccurrenceStatus } from './campaign.contract';
import type { CarriedCampaignState } from './campaign-carried';
import type { EngineGeneration } from './engine-generation';
import type { EscalationLogEntry } from './escalation';
import type { OccurrenceContext } from './duty-occurrence.machine';
import type { HazardCampaignRules } from './hazard.messages';

/** One unit's obligation as its machine keeps it (open → submitted, rungs while open). */
export interface ObligationMachine {
  value: StateValue;
  context: OccurrenceContext;
}

/** One duty occurrence owed by one unit, as the run tracks it. */
export interface OccurrenceRecord {
  occurrenceId: string;
  dutyId: string;
  unitId: string;
  opensOn: string;
  dueOn: string;
  /** `HH:MM` on `dueOn` when its duty is due at a time of day, or it is an event's duty due hours after the event (absent: by the end of the day). */
  dueTime?: string;
  machine: ObligationMachine;
  /** It fell due before the run took the campaign over: nobody was asked for it through the engine, so it is never escalated unless imported as overdue. */
  beforeAdoption?: boolean;
  /** The day its ladder counts from when that is not its due date: the adoption day, for an item imported as overdue. */
  escalateFrom?: string;
  /** The event that started it (the duty of an event type), with its label for lists. */
  eventId?: string;
  label?: string;
}

/** An event reported under the run (重大事故、突发事件…): it started one duty, `occurrenceId`, for its unit. */
export interface EventRecord {
  eventId: string;
  type: string;
  unitId: string;
  sector?: string;
  occurredAt: string;
  text: string;
  reportedBy: string;
  reportedAt: string;
  occurrenceId: string;
  dueOn: string;
  dueTime?: string;
}

/** An event as the run's view shows it: with its type's title, its unit's name and where its duty stands. */
export interface EventView extends EventRecord {
  title: string;
  unitName: string;
  duty: OccurrenceView;
}

/** A milestone (节点) as the run tracks it: confirmed by an owner or an operator, and, while not, its ladder per owner. */
export interface MilestoneRecord {
  milestoneId: string;
  dueOn: string;
  confirmation: { on: string; by: string; note?: string } | null;
  beforeAdoption?: boolean;
  escalateFrom?: string;
  /** One obligation per owner unit (all closed by the confirmation); none when the milestone names no owner. */
  owners: Record<string, ObligationMachine>;
}

/** A line of the run's log: phase changes, openings, submissions, confirmations, imports, migrations. */
export interface CampaignLogEntry {
  at: string;
  event: string;
  detail: string;
  requestId?: string;
}

export interface CampaignRunState {
  definition: CampaignDefinition;
  /** Kept for runs of engine 0.1, which carried their phase machine; the phases are now derived from `processedThrough`. */
  machine?: { value: StateValue; context: unknown };
  /** Last local date already fed to the phases and used to open occurrences and milestones. */
  processedThrough: string | null;
  /** Keyed by `${occurrenceId}@${unitId}`. */
  occurrences: Record<string, OccurrenceRecord>;
  /** Keyed by milestone id; absent in runs of engine 0.1 until they reach their next day. */
  milestones?: Record<string, MilestoneRecord>;
  /** The recent lines (all of them until the run continues as new; then see campaign-carried.ts). */
  escalationLog: EscalationLogEntry[];
  log: CampaignLogEntry[];
  /** Lines before the recent ones, not carried over continue-as-new (absent: none). */
  earlierLines?: EarlierLines;
  clockOffsetMs: number;
  /** The day the engine took the campaign over (a live run's first day); null when simulated or of engine 0.1. */
  adoptedOn?: string | null;
  /** The rules the run follows (engine-generation.ts); absent in runs of engine 0.1. */
  generation?: EngineGeneration;
  /** The working-day calendar the run carries (from its input, or the last calendar update); absent in runs of engine 0.1 until one is applied. */
  calendar?: RunCalendar;
  /** How many calendar updates the run has taken. */
  calendarRevision?: number;
  /** Events reported under the run, by event id; absent until the first. */
  events?: Record<string, EventRecord>;
}

/**
 * How many lines of each log came before the ones a run holds: left behind at a continue-as-new.
 * An earlier escalation line's document is in the records store and its step in the reporting
 * projection; an earlier line of the run's log is in the earlier run's history.
 */
export interface EarlierLines {
  escalationLog: number;
  log: number;
}

export interface CampaignWorkflowInput {
  /** The pinned definition: this exact version runs until an explicit migration. */
  definition: CampaignDefinition;
  /** The API request that started the run. */
  requestId?: string;
  /** Run on shifted dates (a rehearsal of past or future dates); see campaign-clock.ts. */
  simulation?: Simulation;
  /** History length at which the run continues as new (default 10,000 events). */
  continueAsNewAfterEvents?: number;
  /** The working-day calendar the run carries (definitions/run-calendar.ts resolveRunCalendar): required since engine 0.2. */
  calendar?: RunCalendar;
  /** The state of the run it continues (campaign-carried.ts). */
  carriedOver?: CarriedCampaignState;
}

export interface OccurrenceView {
  occurrenceId: string;
  dutyId: string;
  dutyTitle: string;
  periodLabel: string;
  unitId: string;
  unitName: string;
  opensOn: string;
  dueOn: string;
  /** `HH:MM` on the due date, when the duty names a time of day; absent: by the end of the day. */
  dueTime?: string;
  status: OccurrenceStatus;
  statusLabel: string;
  submittedOn: string | null;
  escalationStage: string | null;
  /** Set when its ladder counts from another day than its due date (an item imported as overdue). */
  escalateFrom: string | null;
}

/** An activity window (活动时段) of the campaign and where it stands on the run's day; nothing is owed, nothing escalates. */
export interface WindowView {
  windowId: string;
  title: string;
  from: string;
  to: string;
  state: WindowState;
  stateLabel: string;
  owners: Array<{ unitId: string; unitName: string }>;
  audience: string | null;
}

export interface MilestoneView {
  milestoneId: string;
  title: string;
  dueOn: string;
  state: MilestoneState;
  stateLabel: string;
  owners: Array<{ unitId: string; unitName: string }>;
  confirmedOn: string | null;
  confirmedBy: string | null;
  note: string | null;
  escalationStage: string | null;
}

export interface CampaignView {
  campaignId: string;
  version: number;
  title: string;
  jurisdiction: string;
  status: 'pending' | 'running' | 'completed';
  currentPhase: { id: string; name: string; start: string; end: string } | null;
  today: string;
  /** Milliseconds the run's clock is ahead of Temporal's (0 unless simulated). */
  clockOffsetMs: number;
  /** The day the engine took the campaign over: what fell due before it is shown as such, never escalated. Null when simulated. */
  adoptedOn: string | null;
  phases: Array<{ id: string; name: string; start: string; end: string; state: 'done' | 'current' | 'upcoming' }>;
  /** Activity windows (活动时段): upcoming, open or closed on the run's day. */
  windows: WindowView[];
  milestones: MilestoneView[];
  /** Occurrences opened so far, per unit. */
  occurrences: OccurrenceView[];
  counts: { open: number; late: number; submitted: number; beforeAdoption: number; upcoming: number };
  /** The official years the run's calendar holds, and the years its dates fall in that have none (working days assumed there). */
  calendar: { years: number[]; revision: number; missingYears: MissingCalendarYear[] };
  /** Events reported under the run, oldest first (absent in views of runs that never took one). */
  events?: EventView[];
  /** The recent escalation steps, with their documents (every step since the run last continued as new, and up to 100 before). */
  escalationLog: EscalationLogEntry[];
  log: CampaignLogEntry[];
  /** Lines of each log before those shown: every step is in the records store (`GET /escalations`) and the statistics. */
  earlierLines: EarlierLines;
}

interface Requested {
  /** The API request id, recorded in the run's log. */
  requestId?: string;
}

export const submitDutyUpdate = defineUpdate<OccurrenceView, [{ occurrenceId: string; unitId: string; by: string; note?: string } & Requested]>(
  'submitDuty',
);

/** A milestone's owner (`unitId`, for a unit's caller) or an operator (no unit) confirms it was reached. */
export const confirmMilestoneUpdate = defineUpdate<MilestoneView, [{ milestoneId: string; by: string; unitId?: string; note?: string } & Requested]>(
  'confirmMilestone',
);

/**
 * One line of a ledger imported when a campaign is taken over mid-way: a unit submitted an
 * occurrence (on a day before today), a milestone was confirmed, or an item that fell due before
 * the takeover is to be treated as overdue from the takeover on (its ladder counting from that day).
 */
export type LedgerEntry =
  | { kind: 'duty-occurrence'; occurrenceId: string; unitId: string; submittedOn?: string; overdue?: boolean; line?: number }
  | { kind: 'milestone'; milestoneId: string; confirmedOn?: string; overdue?: boolean; line?: number };

export interface LedgerImportReport {
  imported: number;
  submitted: number;
  confirmed: number;
  overdue: number;
}

/** Applies a whole ledger or, when any line cannot be applied, none of it (the refusal names every such line). */
export const importLedgerUpdate = defineUpdate<LedgerImportReport, [{ entries: LedgerEntry[]; by: string; source?: string } & Requested]>(
  'importLedger',
);

/** A deadline a calendar update moved. */
export interface MovedDeadline {
  kind: 'duty-occurrence' | 'milestone';
  ref: string;
  title: string;
  from: string;
  to: string;
}

export interface CalendarUpdateReport {
  revision: number;
  years: number[];
  movedDeadlines: MovedDeadline[];
  /** Rungs still to come that now fall on another day. */
  rescheduledRungs: number;
}

/**
 * Replaces the run's working-day calendar (a newly published year, a correction): every deadline
 * still to come and every rung not yet taken is computed again on it, and the log says which moved.
 */
export const applyCalendarUpdate = defineUpdate<CalendarUpdateReport, [{ calendar: RunCalendar; by: string; reason?: string } & Requested]>('applyCalendar');

/** Moves the run to a newer version of its definition; recorded in the run's log. */
export const migrateCampaignUpdate = defineUpdate<CampaignView, [{ definition: CampaignDefinition; by: string; reason?: string } & Requested]>(
  'migrateCampaign',
);

/**
 * An event reported by a unit (`reporterUnit`, for itself) or an operator: starts its type's duty
 * for the unit, due the type's time limit after `occurredAt`, and that duty's ladder. Refused (with
 * an ApplicationFailure of type INVALID_EVENT, see campaign.contract.ts) for an unknown type, unit
 * or sector, a reporter the type does not allow, or a time ahead of now.
 */
export const reportEventUpdate = defineUpdate<EventView, [EventReport & { by: string; reporterUnit?: string } & Requested]>('reportEvent');

export const campaignViewQuery = defineQuery<CampaignView>('campaignView');
/** The pinned definition the run executes. */
export const campaignDefinitionQuery = defineQuery<CampaignDefinition>('campaignDefinition');
/** What a hazard registered under the run follows: its version's policy and ladders, and the run's calendar. */
export const hazardRulesQuery = defineQuery<HazardCampaignRules>('hazardRules');
