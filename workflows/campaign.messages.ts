/**
 * How the outside talks to a campaign run: its input, the duty submission and migration updates,
 * and the query an operator reads. The server imports this file.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { StateValue } from 'xstate';
import type { CampaignDefinition } from '../definitions/campaign.schema';
import type { Simulation } from './campaign-clock';
import type { EscalationLogEntry } from './escalation';
import type { OccurrenceContext, OccurrenceStatus } from './duty-occurrence.machine';

/** One duty occurrence owed by one unit, as the run tracks it. */
export interface OccurrenceRecord {
  occurrenceId: string;
  dutyId: string;
  unitId: string;
  opensOn: string;
  dueOn: string;
  machine: { value: StateValue; context: OccurrenceContext };
}

/** A line of the run's log: phase changes, openings, submissions, milestones, migrations. */
export interface CampaignLogEntry {
  at: string;
  event: string;
  detail: string;
  requestId?: string;
}

export interface CampaignRunState {
  definition: CampaignDefinition;
  machine: { value: StateValue; context: unknown };
  /** Last local date already fed to the phase machine and used to open occurrences. */
  processedThrough: string | null;
  /** Keyed by `${occurrenceId}@${unitId}`. */
  occurrences: Record<string, OccurrenceRecord>;
  escalationLog: EscalationLogEntry[];
  log: CampaignLogEntry[];
  clockOffsetMs: number;
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
  carriedOver?: CampaignRunState;
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
  status: OccurrenceStatus;
  statusLabel: string;
  submittedOn: string | null;
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
  phases: Array<{ id: string; name: string; start: string; end: string; state: 'done' | 'current' | 'upcoming' }>;
  milestones: Array<{ milestoneId: string; title: string; dueOn: string; state: 'done' | 'upcoming' }>;
  /** Occurrences opened so far, per unit, with done/open/late. */
  occurrences: OccurrenceView[];
  counts: { open: number; late: number; submitted: number; upcoming: number };
  escalationLog: EscalationLogEntry[];
  log: CampaignLogEntry[];
}

export const submitDutyUpdate = defineUpdate<OccurrenceView, [{ occurrenceId: string; unitId: string; by: string; note?: string; requestId?: string }]>(
  'submitDuty',
);

/** Moves the run to a newer version of its definition; recorded in the run's log. */
export const migrateCampaignUpdate = defineUpdate<CampaignView, [{ definition: CampaignDefinition; by: string; reason?: string; requestId?: string }]>(
  'migrateCampaign',
);

export const campaignViewQuery = defineQuery<CampaignView>('campaignView');
/** The pinned definition the run executes, for starting hazard runs under the same rules. */
export const campaignDefinitionQuery = defineQuery<CampaignDefinition>('campaignDefinition');
