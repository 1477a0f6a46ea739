/**
 * What a hazard run's state becomes, decided apart from Temporal: the state a registration starts
 * with, the day a hazard counts as closed, and what a calendar update changes. Pure: the hazard run
 * (hazard.workflow.ts) applies the results, feeds its machine and records the history.
 */
import type { Calendar } from '../definitions/calendar';
import type { RunCalendar } from '../definitions/calendar-year.schema';
import { hazardDeadline } from '../definitions/hazard-policy';
import type { HazardLevelPolicy, HazardPolicy } from '../definitions/hazard-policy.schema';
import { initialTransition } from 'xstate';
import type { EngineGeneration } from './engine-generation';
import { HazardStatus, OPEN_HAZARD_STATUSES } from './hazard.contract';
import { hazardMachine } from './hazard.machine';
import { DISCOVERY_CHANNEL_LABELS, type HazardRegistration, type HazardRunState } from './hazard.messages';
import { rungsToCome, type HazardLadder, type HazardStanding } from './hazard-ladder';

/** An action the hazard machine returns, for the run to carry out. */
export type MachineAction = { type: string; params?: unknown };

/** A hazard run's state with its revision, which counts every change of what the view shows. */
export type RevisedHazardState = HazardRunState & { revision: number };

/** The moment a run starts, on its clock. */
export interface StartedAt {
  /** The run's local day. */
  today: string;
  /** The instant, ISO. */
  iso: string;
  clockOffsetMs: number;
}

/**
 * The state a hazard starts with when it is registered, and the machine's first actions (挂牌督办
 * of a major hazard): its time limit is the registration's, else the policy's counted on `calendar`
 * from the day it was registered (the run's first day unless the ledger says otherwise).
 */
export function startingState(
  hazard: HazardRegistration,
  policy: { hazardPolicy: HazardPolicy; levelPolicy: HazardLevelPolicy },
  calendar: Calendar,
  generation: EngineGeneration,
  at: StartedAt,
): { state: RevisedHazardState; actions: MachineAction[] } {
  const { hazardPolicy, levelPolicy } = policy;
  const registeredOn = hazard.registeredOn ?? at.today;
  const dueOn = hazard.dueOn ?? hazardDeadline(hazardPolicy, hazard.level, registeredOn, calendar);
  const [initial, actions] = initialTransition(hazardMachine, {
    dueOn,
    listedSupervision: levelPolicy.listedSupervision,
    verificationBeforeClosing: levelPolicy.verificationBeforeClosing,
    reinspection: levelPolicy.reinspectAfter !== undefined,
  });
  const state: RevisedHazardState = {
    machine: { value: initial.value, context: initial.context },
    escalationLog: [],
    history: [
      {
        at: at.iso,
        event: 'registered',
        by: hazard.responsiblePerson,
        detail: `${DISCOVERY_CHANNEL_LABELS[hazard.discoveredThrough]}发现：${hazard.description}（${hazard.location}），限${dueOn}前整改`,
        requestId: hazard.requestId,
      },
    ],
    registeredOn,
    closedOn: null,
    clockOffsetMs: at.clockOffsetMs,
    revision: 0,
    generation,
  };
  return { state, actions };
}

/**
 * The day the hazard counts as closed after a change of status: the day it was first closed (销号,
 * or closed awaiting 回头看), kept while it stays closed; none again once 回头看 reopens it.
 */
export function closedOnAfter(before: HazardStatus, after: HazardStatus, closedOn: string | null, today: string): string | null {
  if (after !== before && (after === HazardStatus.closed || after === HazardStatus.awaitingReinspection)) return closedOn ?? today;
  if (after === HazardStatus.rectifying && before === HazardStatus.awaitingReinspection) return null;
  return closedOn;
}

/** What a calendar update changes: the time limit, and the history line that tells a bureau what moved. */
export interface CalendarChange {
  dueOn: string;
  detail: string;
}

/**
 * A calendar update of a hazard, `before` and `after` the ladder counted on the new calendar: a
 * time limit the policy set, never extended and still to come, is counted again on the new
 * calendar; the rungs still to come move with it (or with the calendar alone).
 */
export function calendarChange(
  ladders: { before: HazardLadder; after: HazardLadder },
  standing: HazardStanding,
  facts: { hazard: HazardRegistration; hazardPolicy: HazardPolicy; today: string },
  update: { calendar: RunCalendar; reason?: string },
): CalendarChange {
  const { context } = standing;
  const before = { dueOn: context.dueOn, rungs: rungsToCome(ladders.before, standing, context.dueOn) };
  const recounted = OPEN_HAZARD_STATUSES.includes(standing.status) && facts.hazard.dueOn === undefined && context.deadlines.length === 1 && context.dueOn >= facts.today;
  const dueOn = recounted ? hazardDeadline(facts.hazardPolicy, facts.hazard.level, standing.registeredOn, ladders.after.calendar) : before.dueOn;
  const moves = [
    ...(dueOn !== before.dueOn ? [`整改期限由${before.dueOn}改为${dueOn}`] : []),
    ...rungsToCome(ladders.after, standing, dueOn).flatMap((rung, i) =>
      before.rungs[i] && before.rungs[i].on !== rung.on ? [`${rung.label}由${before.rungs[i].on}改为${rung.on}`] : [],
    ),
  ];
  const years = update.calendar.years.map((y) => y.year).join('、');
  return { dueOn, detail: `工作日日历更新为${years}年官方安排：${moves.join('；') || '期限和督促安排不变'}${update.reason ? `。${update.reason}` : ''}` };
}
