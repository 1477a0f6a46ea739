/**
 * The engine's one overdue rule, as the workflows and the server both read it: an item due on D is
 * overdue from 00:00 of D + 1 in the campaign's zone — not at 23:59 — on the run's clock, and in
 * Temporal's time that instant less the run's clock offset, rounded up to the whole second.
 */
import { describe, expect, it } from 'vitest';
import { isOverdueAt, overdueInstant } from '../../workflows/deadline.contract';
import { hazardOverdueFrom, isHazardOverdue, isListedHazardOverdue } from '../../workflows/hazard.contract';

const live = { timeZone: 'Asia/Shanghai', clockOffsetMs: 0 };
const midnight = Date.parse('2026-11-10T16:00:00Z'); // 2026-11-11 00:00 in Beijing

describe('overdue rule', () => {
  it('turns an item due on D overdue at 00:00 of D + 1, Beijing time: not between 23:59 and midnight', () => {
    expect(overdueInstant({ dueOn: '2026-11-10' }, live)).toBe(midnight);
    expect(isOverdueAt({ dueOn: '2026-11-10' }, live, Date.parse('2026-11-10T23:59:00+08:00'))).toBe(false);
    expect(isOverdueAt({ dueOn: '2026-11-10' }, live, Date.parse('2026-11-10T23:59:59.999+08:00'))).toBe(false);
    expect(isOverdueAt({ dueOn: '2026-11-10' }, live, midnight)).toBe(true);
  });

  it('turns an item due at a time of day overdue at that instant', () => {
    expect(overdueInstant({ dueOn: '2026-11-09', dueTime: '12:00' }, live)).toBe(Date.parse('2026-11-09T12:00:00+08:00'));
  });

  it('reads a simulated run on its own clock: the instant moves back by the clock offset, to the whole second', () => {
    const simulated = { timeZone: 'Asia/Shanghai', clockOffsetMs: 86_400_000 * 365 + 1_234 };
    expect(overdueInstant({ dueOn: '2026-11-10' }, simulated)).toBe(Math.ceil((midnight - simulated.clockOffsetMs) / 1000) * 1000);
    expect(overdueInstant({ dueOn: '2026-11-10' }, simulated) % 1000).toBe(0);
  });

  it('counts a hazard overdue only while it is being rectified; the detail and the listing agree', () => {
    const rectifying = { status: 'rectifying' as const, dueOn: '2026-11-10', ...live };
    expect(hazardOverdueFrom(rectifying)).toBe(midnight);
    expect(hazardOverdueFrom({ ...rectifying, status: 'verifying' })).toBeNull();
    const listed = { status: 'rectifying', dueTime: new Date(midnight).toISOString() };
    for (const at of [midnight - 1000, midnight - 1, midnight, midnight + 1, midnight + 1000]) {
      // The listing compares whole seconds (the API rounds its clock down): it agrees with the detail at every instant.
      expect(isListedHazardOverdue(listed, Math.floor(at / 1000) * 1000)).toBe(isHazardOverdue(rectifying, at));
    }
  });
});
