/**
 * A hazard's escalation ladder: the day it counts from, the next rung to take, and the ladder on
 * calendar dates for the people who read the hazard. Pure: the hazard run (hazard.workflow.ts)
 * reads it from where the hazard stands whenever it wakes up, answers or publishes its view.
 */
import type { Calendar } from '../definitions/calendar';
import { scheduleEscalation } from '../definitions/escalation';
import type { EscalationLadder } from '../definitions/escalation.schema';
import { epochMsToLocalDate } from '../definitions/local-date';
import { ESCALATION_ACTION_LABELS } from '../definitions/vocabulary';
import { overdueInstant } from './deadline.contract';
import type { EngineGeneration } from './engine-generation';
import { nextEscalation, type EscalationLogEntry, type NextRung } from './escalation';
import { HazardStatus, OPEN_HAZARD_STATUSES } from './hazard.contract';
import type { HazardContext } from './hazard.machine';
import { LadderRungState, type LadderRung } from './hazard.messages';

/** The ladder a hazard climbs and what it is counted on. */
export interface HazardLadder {
  /** The ladder of the hazard's level and its id; none when the level has no ladder. */
  ladderId?: string;
  ladder?: EscalationLadder;
  /** The run's working-day calendar (replaced by a calendar update). */
  calendar: Calendar;
  generation: EngineGeneration;
  /** The campaign's time zone and the time of day its rungs are taken. */
  timeZone: string;
  escalationTime?: string;
}

/** Where the hazard stands: what its ladder is read from. */
export interface HazardStanding {
  status: HazardStatus;
  context: HazardContext;
  registeredOn: string;
}

/**
 * The day the ladder counts from: the time limit; since generation 2, a hazard registered already
 * past its time limit (an old ledger entry) is escalated from the day it was registered, and no
 * rung planned before that day is taken late.
 */
export function ladderBase(ladder: HazardLadder, registeredOn: string, dueOn: string): string {
  return ladder.generation >= 2 && registeredOn > dueOn ? registeredOn : dueOn;
}

/** The rung after `stepsTaken` rungs, counted from the hazard's current time limit; undefined past the top. */
export function rungAfter(ladder: HazardLadder, standing: HazardStanding, stepsTaken: number): NextRung | undefined {
  const { context, registeredOn } = standing;
  return nextEscalation(ladder.ladder, ladderBase(ladder, registeredOn, context.dueOn), stepsTaken, ladder.calendar, {
    timeZone: ladder.timeZone,
    escalationTime: ladder.escalationTime,
    ...(ladder.generation >= 2 ? { notBefore: registeredOn, overdueFrom: overdueInstant(context, { timeZone: ladder.timeZone, clockOffsetMs: 0 }) } : {}),
  });
}

/** The next rung to take while the hazard is being rectified (an extension requested included); none otherwise. */
export function upcomingRung(ladder: HazardLadder, standing: HazardStanding): NextRung | undefined {
  const { status } = standing;
  return status === HazardStatus.rectifying || status === HazardStatus.extensionRequested ? rungAfter(ladder, standing, standing.context.stepsTaken) : undefined;
}

/** The ladder on calendar dates, for the people who read the hazard (taken rungs on the day they were planned for). */
export function ladderOnDates(ladder: HazardLadder, standing: HazardStanding, escalationLog: readonly EscalationLogEntry[]): LadderRung[] {
  const { ladderId } = ladder;
  if (!ladder.ladder || !ladderId) return [];
  const open = OPEN_HAZARD_STATUSES.includes(standing.status);
  const base = ladderBase(ladder, standing.registeredOn, standing.context.dueOn);
  return scheduleEscalation(ladder.ladder, base, ladder.calendar).map((rung, stepIndex) => {
    const taken = escalationLog.findLast((e) => e.ladderId === ladderId && e.stepIndex === stepIndex);
    const passed = stepIndex < standing.context.stepsTaken;
    const rungState = passed ? (taken ? LadderRungState.taken : LadderRungState.passedOver) : open ? LadderRungState.upcoming : LadderRungState.notNeeded;
    return {
      stepIndex,
      action: rung.action,
      actionLabel: ESCALATION_ACTION_LABELS[rung.action],
      on: passed && taken ? epochMsToLocalDate(Date.parse(taken.plannedAt), ladder.timeZone) : rung.on,
      state: rungState,
    };
  });
}

/** A rung still to come, on its day: what a bureau reads to see what a calendar update moved. */
export interface RungToCome {
  label: string;
  on: string;
}

/** The rungs not yet taken, on their days, were the time limit `dueOn`. */
export function rungsToCome(ladder: HazardLadder, standing: HazardStanding, dueOn: string): RungToCome[] {
  if (!ladder.ladder) return [];
  return scheduleEscalation(ladder.ladder, ladderBase(ladder, standing.registeredOn, dueOn), ladder.calendar)
    .slice(standing.context.stepsTaken)
    .map((r) => ({ label: ESCALATION_ACTION_LABELS[r.action], on: r.on }));
}
