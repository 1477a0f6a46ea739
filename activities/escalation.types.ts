/**
 * What a workflow hands an escalation activity and what it gets back. Types only: workflows import
 * this file with `import type`, never the activities themselves.
 */
import type { StepAddressees } from '../definitions/audience';
import type { CalendarOverrides } from '../definitions/calendar.schema';
import type { EscalationStep } from '../definitions/escalation.schema';
import type { EscalationAction } from '../definitions/vocabulary';

/** The overdue thing a step is taken against: a hazard (隐患), one occurrence of a duty (报送/检查) or a milestone (节点). */
export interface OverdueItem {
  kind: 'hazard' | 'duty-occurrence' | 'milestone';
  /** Hazard id, the duty occurrence id (e.g. `quarterly-report:2020-Q3`) or the milestone id. */
  id: string;
  /** What the item is, in words a recipient understands (e.g. "消防通道堵塞", "2020年第三季度工作总结"). */
  title: string;
  /** The responsible unit (责任单位). */
  unitId: string;
  unitName: string;
  /** The unit's head, where known: the person an interview (约谈) is held with. */
  unitHead?: string;
  /** `YYYY-MM-DD`, the deadline that was missed. */
  dueOn: string;
  hazardLevel?: string;
  location?: string;
}

export interface CampaignRef {
  id: string;
  version: string;
  title: string;
  authority: string;
  jurisdiction: string;
  timeZone: string;
  /** When on its day a rung is taken (`HH:MM`, the campaign's `escalationTime`); absent: 09:00. */
  escalationTime?: string;
  /** The campaign's corrections to the official calendar, for dates an activity proposes (约谈). */
  calendar?: CalendarOverrides;
}

/** One rung of an escalation ladder, to be taken now against one item. */
export interface EscalationStepInput {
  /**
   * `${workflowId}/${stepKey}`: the same for every attempt of this step, so a retried or replayed
   * step never reaches a recipient twice (delivery channels pass it on as `Idempotency-Key`).
   */
  idempotencyKey: string;
  workflowId: string;
  campaign: CampaignRef;
  item: OverdueItem;
  /** Position in the ladder (0-based) and the step as the definition states it. */
  stepIndex: number;
  ladderId: string;
  step: EscalationStep;
  /** ISO instant the step was planned for (workflow time). */
  plannedAt: string;
  /** Whole calendar days between the due date and the planned step. */
  overdueDays: number;
  /** The units the step's audience and interviewee resolve to on the unit tree (上级单位, 行业主管部门, a named unit); absent for the other audiences. */
  addressees?: StepAddressees;
  /**
   * A collected step (one 通报 for the run, 行业集中约谈): every item of the collection that reached
   * this step at this instant, `item` being the first. One action, one document listing them all;
   * `sector` is set when collected by sector.
   */
  collected?: { sector?: string; sectorName?: string; items: OverdueItem[] };
}

/** What happened when a step was taken; kept in the escalation log of the run. */
export interface EscalationStepOutcome {
  /** ISO instant the step was carried out (activity time). */
  performedAt: string;
  /** Delivery channel used: `log` (default) or `webhook`. */
  channel: string;
  /** Who received it, in words (e.g. "某某学校 主要负责人"). */
  recipient: string;
  /** The rendered message or document text (Chinese). */
  message: string;
  /** Id of a kept record: the 通报 document, the 约谈 record, the exposure entry… */
  recordId?: string;
  /** `delivered`, or `already-delivered` when an earlier attempt had delivered it. */
  outcome: 'delivered' | 'already-delivered';
}

/**
 * The escalation activities, one per action and named by it (the activity type in Temporal is the
 * action string, e.g. `notice`, `listed-supervision`), so a ladder step calls `activities[step.action]`.
 */
export type EscalationActivities = Record<EscalationAction, (input: EscalationStepInput) => Promise<EscalationStepOutcome>>;
