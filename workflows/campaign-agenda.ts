/**
 * What is due next under a campaign run: the next rung of every obligation still open (duty
 * occurrences per unit, milestones per owner), kept sorted by when it falls due, so a wake-up reads
 * the front instead of rescanning every occurrence. The agenda is rebuilt from the run's state
 * when the run starts (and after a migration) and refreshed for each obligation that changes. Pure.
 */
import type { EscalationLadder } from '../definitions/escalation.schema';
import type { CampaignRunState, ObligationMachine } from './campaign.messages';
import { occurrenceKey } from './campaign-obligations';
import { milestoneLadder, occurrenceLadder, type CampaignPlan } from './campaign-plan';
import { overdueInstant } from './deadline.contract';
import type { EngineGeneration } from './engine-generation';
import { nextEscalation, type NextRung } from './escalation';

/** One obligation with a ladder, as the agenda schedules it. */
export interface LadderSubject {
  key: string;
  kind: 'duty-occurrence' | 'milestone';
  /** The occurrence id or the milestone id. */
  itemId: string;
  unitId: string;
  ladderId: string;
  ladder: EscalationLadder;
  /** The day the ladder counts from: the due date, or the day an overdue item came under the engine. */
  base: string;
  /** No rung planned before this day is taken (the run's adoption day, or the import day). */
  notBefore?: string;
  /** The due date the obligation turns overdue after (its own, whatever its ladder counts from). */
  dueOn: string;
  /** The time of day it is due on `dueOn`: its duty's `dueTime`, or an event duty's due hours after the event. */
  dueTime?: string;
  machine: ObligationMachine;
}

export interface AgendaEntry extends NextRung {
  key: string;
  /** Ties at one instant go in the order the obligations were opened (as runs of engine 0.1 took them). */
  rank: number;
}

/** Every open obligation with a ladder whose rungs may still be taken. */
export function ladderSubjects(state: CampaignRunState, plan: CampaignPlan): LadderSubject[] {
  const subjects: LadderSubject[] = [];
  for (const record of Object.values(state.occurrences)) {
    const subject = occurrenceSubject(state, plan, occurrenceKey(record.occurrenceId, record.unitId));
    if (subject) subjects.push(subject);
  }
  for (const milestoneId of Object.keys(state.milestones ?? {})) {
    for (const owner of Object.keys(state.milestones![milestoneId]!.owners)) {
      const subject = milestoneSubject(state, plan, milestoneKey(milestoneId, owner));
      if (subject) subjects.push(subject);
    }
  }
  return subjects;
}

export const milestoneKey = (milestoneId: string, unitId: string): string => `milestone:${milestoneId}@${unitId}`;

/** The escalation a rung's base and cut-off follow: the item's own, or the adoption of the run. */
function escalationWindow(record: { dueOn: string; escalateFrom?: string; beforeAdoption?: boolean }, adoptedOn: string | null | undefined) {
  if (record.beforeAdoption && !record.escalateFrom) return undefined;
  const notBefore = record.escalateFrom ?? adoptedOn ?? undefined;
  return { base: record.escalateFrom ?? record.dueOn, ...(notBefore ? { notBefore } : {}) };
}

function occurrenceSubject(state: CampaignRunState, plan: CampaignPlan, key: string): LadderSubject | undefined {
  const record = state.occurrences[key];
  if (!record || record.machine.value === 'submitted') return undefined;
  const found = occurrenceLadder(plan, record.occurrenceId, record.dutyId);
  const window = escalationWindow(record, state.adoptedOn);
  if (!found || !window) return undefined;
  const dueTime = record.dueTime ? { dueTime: record.dueTime } : {};
  return { key, kind: 'duty-occurrence', itemId: record.occurrenceId, unitId: record.unitId, dueOn: record.dueOn, ...dueTime, ...found, ...window, machine: record.machine };
}

function milestoneSubject(state: CampaignRunState, plan: CampaignPlan, key: string): LadderSubject | undefined {
  const [, milestoneId, unitId] = /^milestone:(.+)@([^@]+)$/.exec(key) ?? [];
  const record = milestoneId ? state.milestones?.[milestoneId] : undefined;
  const machine = unitId ? record?.owners[unitId] : undefined;
  if (!record || !machine || record.confirmation || machine.value === 'submitted') return undefined;
  const found = milestoneLadder(plan, record.milestoneId);
  const window = escalationWindow(record, state.adoptedOn);
  if (!found || !window) return undefined;
  return { key, kind: 'milestone', itemId: record.milestoneId, unitId: unitId!, dueOn: record.dueOn, ...found, ...window, machine };
}

/** The subject behind an agenda key, as the state now has it (undefined once closed or without a ladder). */
export function subjectOf(state: CampaignRunState, plan: CampaignPlan, key: string): LadderSubject | undefined {
  return key.startsWith('milestone:') ? milestoneSubject(state, plan, key) : occurrenceSubject(state, plan, key);
}

/** The rung a subject takes next, if any; since generation 2 no measure but a reminder comes before the obligation is overdue. */
export function nextRungOf(subject: LadderSubject, plan: CampaignPlan, generation: EngineGeneration): NextRung | undefined {
  const { stepsTaken } = subject.machine.context;
  const { timeZone, escalationTime } = plan.definition;
  const overdueFrom = generation >= 2 ? overdueInstant({ dueOn: subject.dueOn, dueTime: subject.dueTime }, { timeZone, clockOffsetMs: 0 }) : undefined;
  return nextEscalation(subject.ladder, subject.base, stepsTaken, plan.calendar, { timeZone, escalationTime, notBefore: subject.notBefore, overdueFrom });
}

/**
 * At most this many rungs of one run are taken at once. Rungs due together (a clustered deadline:
 * 2,000 units owing one report) would otherwise go one activity per workflow task, some 5 a second;
 * all at once would pass Temporal's limit of pending activities per run (2,000 by default), put
 * thousands of commands in one workflow task, and take every activity slot of the worker from the
 * hazard runs that share it. 50 keeps a run's share of the worker's slots (100 by default) at half.
 */
export const CONCURRENT_RUNGS = 50;

/**
 * The rungs at the front of the agenda a run takes together: in agenda order, each due at `now`
 * (or passed over), up to `CONCURRENT_RUNGS` to take (a rung passed over takes no activity), and
 * none after a rung that must be taken alone (`takenAlone`: one collected by sector gathers others
 * of the agenda, so the batch ends before it). The agenda holds one rung per obligation, so no two
 * rungs of one obligation are ever in one batch. A copy: taking them refreshes the agenda.
 */
export function rungsDueTogether(agenda: readonly AgendaEntry[], now: number, takenAlone: (entry: AgendaEntry) => boolean): AgendaEntry[] {
  const batch: AgendaEntry[] = [];
  let toTake = 0;
  for (const entry of agenda) {
    if (!(entry.skip || entry.at <= now) || takenAlone(entry)) break;
    if (!entry.skip && toTake === CONCURRENT_RUNGS) break;
    if (!entry.skip) toTake += 1;
    batch.push(entry);
  }
  return batch;
}

const before = (a: AgendaEntry, b: AgendaEntry): boolean => a.at < b.at || (a.at === b.at && a.rank < b.rank);

/** The next rung of every open obligation, earliest first. */
export class CampaignAgenda {
  private entries: AgendaEntry[] = [];
  private readonly byKey = new Map<string, AgendaEntry>();
  private readonly ranks = new Map<string, number>();

  constructor(
    private readonly state: CampaignRunState,
    private plan: CampaignPlan,
  ) {
    this.rebuild(plan);
  }

  /** Schedules every obligation again, e.g. under a migrated plan. */
  rebuild(plan: CampaignPlan): void {
    this.plan = plan;
    this.entries = [];
    this.byKey.clear();
    this.ranks.clear();
    for (const subject of ladderSubjects(this.state, plan)) {
      this.ranks.set(subject.key, this.ranks.size);
      this.insert(subject);
    }
    this.entries.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }

  /** Schedules one obligation again after it changed (a rung taken or passed over, a submission, an import). */
  refresh(key: string): void {
    const old = this.byKey.get(key);
    if (old) {
      this.entries.splice(this.indexOf(old), 1);
      this.byKey.delete(key);
    }
    const subject = subjectOf(this.state, this.plan, key);
    if (subject) {
      const entry = this.insert(subject, false);
      if (entry) this.entries.splice(this.indexOf(entry, true), 0, entry);
    }
  }

  /** The earliest rung still to take, if any. */
  first(): AgendaEntry | undefined {
    return this.entries[0];
  }

  /** Every next rung, earliest first. */
  all(): readonly AgendaEntry[] {
    return this.entries;
  }

  private insert(subject: LadderSubject, append = true): AgendaEntry | undefined {
    const rung = nextRungOf(subject, this.plan, this.state.generation ?? 1);
    if (!rung) return undefined;
    const entry: AgendaEntry = { key: subject.key, rank: this.ranks.get(subject.key) ?? this.ranks.size, ...rung };
    this.byKey.set(entry.key, entry);
    if (append) this.entries.push(entry);
    return entry;
  }

  /** Binary search: the index of an entry, or where it belongs when `insertion`. */
  private indexOf(entry: AgendaEntry, insertion = false): number {
    let [low, high] = [0, this.entries.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (before(this.entries[middle]!, entry)) low = middle + 1;
      else high = middle;
    }
    return insertion || this.entries[low] === entry ? low : this.entries.indexOf(entry);
  }
}
