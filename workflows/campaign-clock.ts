/**
 * The clock a run reads: Temporal's time, optionally shifted by a fixed offset.
 *
 * A live run uses Temporal's time as it is. A simulation (a rehearsal of a campaign on its real
 * dates, e.g. replaying the 2020–2022 three-year action, or a dry run of next year's plan) starts
 * with `simulation.startAt`: the run then reads Temporal's time shifted so that its start falls on
 * that instant. Timers are still Temporal timers of the same length, so a simulation runs in the
 * same way as a live run, and under the time-skipping server it runs years in seconds.
 */
export type Simulation = SimulationStart & {
  /**
   * Rehearse taking the campaign over on that day, as a live run does: what fell due before it is
   * not escalated. Without it, a simulation plays the whole campaign from `startAt` on.
   */
  adopt?: boolean;
};

/**
 * Where a simulated run's clock stands: the instant it shows when the run starts, or (for runs that
 * join a simulated timeline already running, e.g. items registered one after another into one
 * rehearsal, which must all reach the same simulated instant together) the shift itself.
 */
export type SimulationStart =
  | {
      /** ISO instant the run's clock shows when it starts, e.g. `2020-07-01T00:00:00+08:00`. */
      startAt: string;
    }
  | {
      /** Milliseconds the run's clock is ahead of Temporal's (negative: behind). */
      clockOffsetMs: number;
    };

/** The shift a simulation asks for, from workflow time at the run's start. */
function simulatedOffsetMs(simulation: Simulation): number {
  return 'clockOffsetMs' in simulation ? simulation.clockOffsetMs : Date.parse(simulation.startAt) - Date.now();
}

const SECOND_MS = 1000;

export interface CampaignClock {
  /** Milliseconds added to Temporal's time; carried over continue-as-new. */
  offsetMs: number;
  now(): number;
  /**
   * Milliseconds from now until the instant `at` on this clock is reached in Temporal's time, at the
   * whole second at or after it (never negative) — the rounding of the one overdue rule
   * (deadline.contract.ts), so that a simulated run whose offset has milliseconds does not take a
   * rung up to a second before the API calls the item overdue. A live run's instants are whole
   * seconds already.
   */
  until(at: number): number;
}

/** Deterministic: derived from workflow time at the first run's start, then carried over. */
export function createCampaignClock(options: { simulation?: Simulation; carriedOffsetMs?: number }): CampaignClock {
  const offsetMs = options.carriedOffsetMs ?? (options.simulation ? simulatedOffsetMs(options.simulation) : 0);
  if (!Number.isFinite(offsetMs)) throw new TypeError(`simulation does not fix the run's clock: ${JSON.stringify(options.simulation)}`);
  const now = (): number => Date.now() + offsetMs;
  return { offsetMs, now, until: (at) => Math.max(Math.ceil((at - offsetMs) / SECOND_MS) * SECOND_MS - Date.now(), 0) };
}
