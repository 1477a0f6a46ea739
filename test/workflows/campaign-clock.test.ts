import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCampaignClock } from '../../workflows/campaign-clock';
import { overdueInstant } from '../../workflows/deadline.contract';

const TEMPORAL_NOW = Date.parse('2026-12-07T00:00:00Z');

describe('a run clock', () => {
  afterEach(() => vi.useRealTimers());

  it('reads Temporal time unshifted in a live run', () => {
    vi.useFakeTimers({ now: TEMPORAL_NOW });
    expect(createCampaignClock({}).now()).toBe(TEMPORAL_NOW);
  });

  it('starts a simulation at its startAt, whenever the run starts', () => {
    vi.useFakeTimers({ now: TEMPORAL_NOW });
    const clock = createCampaignClock({ simulation: { startAt: '2030-06-28T12:00:00+08:00' } });
    expect(clock.now()).toBe(Date.parse('2030-06-28T12:00:00+08:00'));
  });

  it('gives runs started at different moments with the same clockOffsetMs one timeline', () => {
    const offset = Date.parse('2030-06-29T00:00:00+08:00') - TEMPORAL_NOW;
    vi.useFakeTimers({ now: TEMPORAL_NOW - 90_000 });
    const early = createCampaignClock({ simulation: { clockOffsetMs: offset } });
    vi.setSystemTime(TEMPORAL_NOW - 5_000);
    const late = createCampaignClock({ simulation: { clockOffsetMs: offset } });
    vi.setSystemTime(TEMPORAL_NOW);
    expect(early.now()).toBe(Date.parse('2030-06-29T00:00:00+08:00'));
    expect(late.now()).toBe(early.now());
  });

  it('keeps the offset carried over continue-as-new rather than the simulation', () => {
    vi.useFakeTimers({ now: TEMPORAL_NOW });
    expect(createCampaignClock({ simulation: { clockOffsetMs: 5 }, carriedOffsetMs: 7 }).offsetMs).toBe(7);
  });

  it('reaches an instant of the run clock at the whole second of Temporal time at or after it, as the overdue rule counts', () => {
    vi.useFakeTimers({ now: TEMPORAL_NOW });
    // The run's midnight of 2030-06-30 falls 4.4 s from now in Temporal's time: an offset with milliseconds.
    const midnight = Date.parse('2030-07-01T00:00:00Z');
    const offsetMs = midnight - (TEMPORAL_NOW + 4_400);
    const clock = createCampaignClock({ simulation: { clockOffsetMs: offsetMs } });
    expect(clock.until(midnight)).toBe(5_000);
    expect(overdueInstant({ dueOn: '2030-06-30' }, { timeZone: 'UTC', clockOffsetMs: offsetMs })).toBe(TEMPORAL_NOW + 5_000);
    // A live run's instants are whole seconds: nothing moves.
    expect(createCampaignClock({}).until(TEMPORAL_NOW + 5_000)).toBe(5_000);
    expect(clock.until(midnight - 60_000)).toBe(0);
  });

  it('refuses a simulation whose start is not an instant', () => {
    expect(() => createCampaignClock({ simulation: { startAt: 'next Tuesday' } })).toThrow(/does not fix the run's clock/);
  });
});
