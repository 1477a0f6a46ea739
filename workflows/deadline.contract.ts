/**
 * The one overdue rule of the engine, shared by the workflows (when an item turns late, what its
 * `DueTime` search attribute says) and the server (overdue lists, details and counts), so that all
 * of them agree at every instant — in live and in simulated runs.
 *
 * An item due on D is overdue from the start of D + 1 in the campaign's time zone ("due on D" means
 * by the end of D); an item due at a time of day is overdue from that instant. The instant is read
 * on the run's clock, which a simulated run shifts by `clockOffsetMs`; in Temporal's time (and the
 * API's) it is that instant minus the offset, rounded up to the whole second, so that a listing
 * that compares whole seconds (visibility) agrees with a reader that compares milliseconds.
 */
import { localDateTimeToEpochMs, plusDays } from '../definitions/local-date';

/** What the rule needs of an item: its due date and, if any, the time of day it is due. */
export interface Deadline {
  dueOn: string;
  /** `HH:MM` on the due date; absent: by the end of the day. */
  dueTime?: string;
}

/** The run an item belongs to: its time zone and how far its clock is ahead of Temporal's. */
export interface RunClock {
  timeZone: string;
  clockOffsetMs: number;
}

const SECOND_MS = 1000;

/**
 * The instant, in Temporal's time (ms since the epoch), from which an item is overdue.
 * @example overdueInstant({ dueOn: '2026-11-10' }, { timeZone: 'Asia/Shanghai', clockOffsetMs: 0 }) // 2026-11-10T16:00:00Z
 */
export function overdueInstant(deadline: Deadline, run: RunClock): number {
  const onRunClock = deadline.dueTime
    ? localDateTimeToEpochMs(deadline.dueOn, deadline.dueTime, run.timeZone)
    : localDateTimeToEpochMs(plusDays(deadline.dueOn, 1), '00:00', run.timeZone);
  return Math.ceil((onRunClock - run.clockOffsetMs) / SECOND_MS) * SECOND_MS;
}

/** Whether an item still owed is overdue at `nowMs` (Temporal's time, or the API's clock). */
export function isOverdueAt(deadline: Deadline, run: RunClock, nowMs: number): boolean {
  return nowMs >= overdueInstant(deadline, run);
}
