/**
 * How the store reads a projected hazard at an instant, in one place for the statistics and the
 * ledgers. Overdue is the run's own rule, projected as the instant `overdue_from`; overdue days
 * count from the time limit to the rectification, or to today on the hazard's own calendar while
 * it is still open (0 when it was on time).
 */
import { sql, type RawBuilder } from 'kysely';

/** Past its time limit and still being rectified, at `now`. */
export const hazardIsOverdue = (now: Date): RawBuilder<boolean> => sql<boolean>`coalesce(hazards.overdue_from <= ${now}, false)`;

/** Days past its time limit, at `now`. */
export const hazardOverdueDays = (now: Date): RawBuilder<number> =>
  sql<number>`greatest(0, coalesce(hazards.rectified_on, (${now}::timestamptz at time zone hazards.time_zone)::date) - hazards.due_on)`;
