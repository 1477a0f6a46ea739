/**
 * The duty matrix of a campaign run: for each duty, one row per unit and one column per period,
 * each cell the unit's occurrence of that period (open, late or submitted, with its rung).
 */
import type { OccurrenceView } from '../api/types';

export interface DutyPeriod {
  occurrenceId: string;
  periodLabel: string;
  dueOn: string;
}

export interface DutyMatrixRow {
  unitId: string;
  unitName: string;
  /** By occurrence id; a period the unit does not owe has no cell. */
  cells: Record<string, OccurrenceView>;
}

export interface DutyMatrix {
  dutyId: string;
  dutyTitle: string;
  periods: DutyPeriod[];
  rows: DutyMatrixRow[];
  late: number;
}

/** One matrix per duty, in the order the duties first fall due; periods by due date; units in the order the run lists them (the definition's). */
export function dutyMatrices(occurrences: readonly OccurrenceView[]): DutyMatrix[] {
  const byDuty = new Map<string, { dutyTitle: string; periods: Map<string, DutyPeriod>; rows: Map<string, DutyMatrixRow>; late: number; firstDue: string }>();
  for (const occurrence of occurrences) {
    let duty = byDuty.get(occurrence.dutyId);
    if (!duty) {
      duty = { dutyTitle: occurrence.dutyTitle, periods: new Map(), rows: new Map(), late: 0, firstDue: occurrence.dueOn };
      byDuty.set(occurrence.dutyId, duty);
    }
    if (occurrence.dueOn < duty.firstDue) duty.firstDue = occurrence.dueOn;
    duty.periods.set(occurrence.occurrenceId, { occurrenceId: occurrence.occurrenceId, periodLabel: occurrence.periodLabel, dueOn: occurrence.dueOn });
    let row = duty.rows.get(occurrence.unitId);
    if (!row) {
      row = { unitId: occurrence.unitId, unitName: occurrence.unitName, cells: {} };
      duty.rows.set(occurrence.unitId, row);
    }
    row.cells[occurrence.occurrenceId] = occurrence;
    if (occurrence.status === 'late') duty.late += 1;
  }
  return [...byDuty.entries()]
    .sort(([, a], [, b]) => a.firstDue.localeCompare(b.firstDue))
    .map(([dutyId, duty]) => ({
      dutyId,
      dutyTitle: duty.dutyTitle,
      periods: [...duty.periods.values()].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.occurrenceId.localeCompare(b.occurrenceId)),
      rows: [...duty.rows.values()],
      late: duty.late,
    }));
}
