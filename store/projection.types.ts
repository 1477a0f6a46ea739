/**
 * What the reporting projection keeps of a run: a snapshot mapped from the run's own view
 * (workflows/records.contract.ts maps it, inside the run and in the rebuild), stamped with the
 * run's revision so that an older snapshot never overwrites a newer one. Types only: the workflows
 * reach them through activities/projection.types.ts with `import type`.
 */
import type { MilestoneView, OccurrenceView } from '../workflows/campaign.messages';
import type { HazardRegistration } from '../workflows/hazard.messages';

/** One escalation step a run took or tried, from its escalation log. */
export interface EscalationStepFact {
  itemKind: 'hazard' | 'duty-occurrence' | 'milestone';
  itemId: string;
  unitId: string;
  ladderId: string;
  stepIndex: number;
  /** The escalation action (`notice`, `interview` …). */
  action: string;
  /** ISO instants. */
  plannedAt: string;
  performedAt: string | null;
  /** The day it was taken, on the campaign's calendar (`YYYY-MM-DD`): what period statistics count by. */
  performedOn: string | null;
  outcome: 'delivered' | 'already-delivered' | 'collected' | 'failed';
  recordId: string | null;
}

/** A hazard (隐患) as the 问题隐患清单 and 制度措施清单 and the statistics need it. Dates are `YYYY-MM-DD` on the campaign's calendar. */
export interface HazardSnapshot extends Pick<HazardRegistration, 'hazardId' | 'level' | 'description' | 'location' | 'unitId' | 'unitName' | 'responsiblePerson'> {
  /** The hazard run's workflow id (the hazard ref). */
  workflowId: string;
  /** The run's revision of its view: grows with every change. */
  revision: number;
  campaignRunId: string;
  campaignId: string;
  jurisdiction: string;
  timeZone: string;
  unitHead: string | null;
  discoveredThrough: string;
  /** The rectification measure (整改措施) given at registration, if any. */
  measure: string | null;
  status: string;
  registeredOn: string;
  /** The time limit it was registered with, and the current one (after extensions and reopenings). */
  firstDueOn: string;
  dueOn: string;
  /** The rectification that stands (submitted and not sent back): when, by whom, what was done. */
  rectification: { on: string; by: string | null; detail: string | null } | null;
  /** The verification that passed (审核验收) for the rectification that stands. */
  verification: { on: string; by: string | null } | null;
  /** 销号 day; null while it is open. */
  closedOn: string | null;
  /** ISO instant from which it counts as overdue while still being rectified (the run's one overdue rule); null when not being rectified. */
  overdueFrom: string | null;
  escalationStage: string | null;
  underListedSupervision: boolean;
  escalationSteps: EscalationStepFact[];
}

/** One duty occurrence owed by one unit, as the campaign view shows it. */
export interface DutyOccurrenceFact
  extends Pick<OccurrenceView, 'occurrenceId' | 'dutyId' | 'dutyTitle' | 'periodLabel' | 'unitId' | 'unitName' | 'opensOn' | 'dueOn' | 'submittedOn' | 'escalationStage'> {
  /** ISO instant from which it is late if still not submitted (the engine's overdue rule); null when it fell due before the run took the campaign over (never late). */
  lateFrom: string | null;
}

export interface MilestoneFact extends Pick<MilestoneView, 'milestoneId' | 'title' | 'dueOn'> {
  state: string;
}

/** A campaign run: its occurrences per unit, its milestones and its duty escalations. */
export interface CampaignSnapshot {
  workflowId: string;
  revision: number;
  campaignRunId: string;
  campaignId: string;
  version: number;
  title: string;
  jurisdiction: string;
  status: string;
  currentPhaseId: string | null;
  timeZone: string;
  occurrences: DutyOccurrenceFact[];
  milestones: MilestoneFact[];
  escalationSteps: EscalationStepFact[];
}

/** Whether a snapshot was written (false: the projection already held a newer revision). */
export interface ProjectionOutcome {
  applied: boolean;
}
