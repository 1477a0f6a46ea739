/**
 * Which rules a run follows. Runs started by engine 0.1 keep its rules for as long as they live
 * (their histories must replay, and a running campaign's deadlines must not move under it); runs
 * started since follow 0.2's: the calendar they carry, no back-dated escalation, no measure but a
 * reminder before an item is overdue. Decided once when a run starts (a `patched()` marker in its
 * history) and carried over continue-as-new, so a run never changes rules half-way.
 *
 * When no run of generation 1 remains, `deprecatePatch()` the marker and remove its branches
 * (and definitions/legacy-calendar.json with them).
 */
import { ApplicationFailure, patched } from '@temporalio/workflow';
import { createCalendar, type Calendar } from '../definitions/calendar';
import type { RunCalendar } from '../definitions/calendar-year.schema';
import type { CalendarOverrides } from '../definitions/calendar.schema';
import { LEGACY_OFFICIAL_YEARS } from '../definitions/legacy-calendar';

export type EngineGeneration = 1 | 2;

const GENERATION_2_PATCH = 'engine-0.2';

export function engineGeneration(carriedOver: { generation?: EngineGeneration } | undefined): EngineGeneration {
  if (carriedOver) return carriedOver.generation ?? 1;
  return patched(GENERATION_2_PATCH) ? 2 : 1;
}

/**
 * The working-day calendar of a run: the one it carries (resolved when it started, replaced only by
 * an explicit calendar update); a run of engine 0.1 carries none and keeps the table it read then.
 */
export function runCalendarOf(carried: RunCalendar | undefined, generation: EngineGeneration, legacyOverrides?: CalendarOverrides): Calendar {
  if (carried) return createCalendar(carried);
  if (generation === 1) return createCalendar({ years: LEGACY_OFFICIAL_YEARS, ...(legacyOverrides ? { overrides: legacyOverrides } : {}) });
  throw ApplicationFailure.nonRetryable('启动行动或登记隐患时未携带工作日日历（calendar），无法推算期限', 'CalendarMissing');
}
