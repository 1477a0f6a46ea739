/**
 * What the reporting projection keeps of a run, mapped from the run's own view. Pure: the hazard and
 * campaign workflows call it when their view changes (and hand the snapshot to the projection
 * activities), and the rebuild (bin/records.ts) calls it on the views it reads back from Temporal,
 * so both write exactly the same rows.
 */
import type { CampaignSnapshot, EscalationStepFact, HazardSnapshot } from '../activities/projection.types';
import { campaignRunId } from '../definitions/campaign-run';
import { epochMsToLocalDate } from '../definitions/local-date';
import { OccurrenceStatus } from './campaign.contract';
import type { CampaignView } from './campaign.messages';
import { overdueInstant } from './deadline.contract';
import type { EscalationLogEntry } from './escalation';
import { OPEN_HAZARD_STATUSES, hazardOverdueFrom } from './hazard.contract';
import type { HazardView } from './hazard.messages';

const dayOf = (iso: string, timeZone: string): string => epochMsToLocalDate(Date.parse(iso), timeZone);

function escalationSteps(log: EscalationLogEntry[], itemKind: (entry: EscalationLogEntry) => EscalationStepFact['itemKind'], timeZone: string): EscalationStepFact[] {
  return log.map((entry) => ({
    itemKind: itemKind(entry),
    itemId: entry.itemId,
    unitId: entry.unitId,
    ladderId: entry.ladderId,
    stepIndex: entry.stepIndex,
    action: entry.action,
    plannedAt: entry.plannedAt,
    performedAt: entry.performedAt,
    performedOn: entry.performedAt === null ? null : dayOf(entry.performedAt, timeZone),
    outcome: entry.outcome,
    recordId: entry.recordId,
  }));
}

/**
 * The standing rectification and its verification: the last submission, if the hazard is no longer
 * being rectified (a rejection or a failed 回头看 sends it back), and a verification that passed after it.
 */
function rectificationOf(view: HazardView): Pick<HazardSnapshot, 'rectification' | 'verification'> {
  if (OPEN_HAZARD_STATUSES.includes(view.status)) return { rectification: null, verification: null };
  const submitted = view.history.findLastIndex((entry) => entry.event === 'rectification-submitted');
  if (submitted < 0) return { rectification: null, verification: null };
  const submission = view.history[submitted]!;
  const verified = view.history.slice(submitted + 1).findLast((entry) => entry.event === 'verified-and-closed');
  return {
    rectification: { on: dayOf(submission.at, view.timeZone), by: submission.by ?? null, detail: submission.detail ?? null },
    verification: verified ? { on: dayOf(verified.at, view.timeZone), by: verified.by ?? null } : null,
  };
}

/** The hazard run `workflowId` as its view shows it, at the view's revision. */
export function hazardSnapshot(workflowId: string, view: HazardView): HazardSnapshot {
  const { hazard } = view;
  const from = hazardOverdueFrom(view);
  return {
    workflowId,
    revision: view.revision,
    campaignRunId: campaignRunId(view.campaignId, view.jurisdiction),
    campaignId: view.campaignId,
    jurisdiction: view.jurisdiction,
    timeZone: view.timeZone,
    hazardId: hazard.hazardId,
    level: hazard.level,
    description: hazard.description,
    location: hazard.location,
    unitId: hazard.unitId,
    unitName: hazard.unitName,
    unitHead: hazard.unitHead ?? null,
    responsiblePerson: hazard.responsiblePerson,
    discoveredThrough: hazard.discoveredThrough,
    measure: hazard.measure ?? null,
    status: view.status,
    registeredOn: view.registeredOn,
    firstDueOn: view.deadlines[0] ?? view.dueOn,
    dueOn: view.dueOn,
    ...rectificationOf(view),
    closedOn: view.closedOn,
    overdueFrom: from === null ? null : new Date(from).toISOString(),
    escalationStage: view.escalationStage,
    underListedSupervision: view.underListedSupervision,
    escalationSteps: escalationSteps(view.escalationLog, () => 'hazard', view.timeZone),
  };
}

/**
 * A campaign view's revision: its log and its escalation log only grow, and every change the
 * projection keeps appends to one of them. The lines left behind at a continue-as-new are counted
 * (`earlierLines`), so the revision still grows across runs and is the one runs carrying whole logs had.
 */
export function campaignRevision(view: Pick<CampaignView, 'log' | 'escalationLog'> & { earlierLines?: CampaignView['earlierLines'] }): number {
  return view.log.length + view.escalationLog.length + (view.earlierLines?.log ?? 0) + (view.earlierLines?.escalationLog ?? 0);
}

/** The campaign run `workflowId` as its view shows it; `timeZone` is its definition's. */
export function campaignSnapshot(workflowId: string, view: CampaignView, timeZone: string): CampaignSnapshot {
  const run = { timeZone, clockOffsetMs: view.clockOffsetMs };
  const milestones = new Set(view.milestones.map((m) => m.milestoneId));
  return {
    workflowId,
    revision: campaignRevision(view),
    campaignRunId: campaignRunId(view.campaignId, view.jurisdiction),
    campaignId: view.campaignId,
    version: view.version,
    title: view.title,
    jurisdiction: view.jurisdiction,
    status: view.status,
    currentPhaseId: view.currentPhase?.id ?? null,
    timeZone,
    occurrences: view.occurrences.map((o) => ({
      occurrenceId: o.occurrenceId,
      dutyId: o.dutyId,
      dutyTitle: o.dutyTitle,
      periodLabel: o.periodLabel,
      unitId: o.unitId,
      unitName: o.unitName,
      opensOn: o.opensOn,
      dueOn: o.dueOn,
      submittedOn: o.submittedOn,
      // The engine's one overdue rule; never late when it fell due before the run took the campaign over.
      lateFrom: o.status === OccurrenceStatus.beforeAdoption ? null : new Date(overdueInstant(o, run)).toISOString(),
      escalationStage: o.escalationStage,
    })),
    milestones: view.milestones.map((m) => ({ milestoneId: m.milestoneId, title: m.title, dueOn: m.dueOn, state: m.state })),
    escalationSteps: escalationSteps(view.escalationLog, (entry) => (milestones.has(entry.itemId) ? 'milestone' : 'duty-occurrence'), timeZone),
  };
}
