/** Which of two views of a hazard the API keeps: the later state, never an older read over a newer one. */
import { describe, expect, it } from 'vitest';
import { isNewer } from '../../server/hazard-views';
import type { HazardView } from '../../workflows/hazard.messages';

const view = (registeredAt: string, revision: number): HazardView =>
  ({ revision, history: [{ at: registeredAt, event: 'registered' }] }) as unknown as HazardView;

describe('isNewer', () => {
  it('prefers the higher revision of the same hazard run chain', () => {
    expect(isNewer(view('2026-03-01T08:00:00.000Z', 5), view('2026-03-01T08:00:00.000Z', 4))).toBe(true);
    expect(isNewer(view('2026-03-01T08:00:00.000Z', 4), view('2026-03-01T08:00:00.000Z', 5))).toBe(false);
    expect(isNewer(view('2026-03-01T08:00:00.000Z', 5), view('2026-03-01T08:00:00.000Z', 5))).toBe(false);
  });

  it('prefers a ledger number registered again (a new chain, counting from 0) over the old chain', () => {
    expect(isNewer(view('2026-04-01T08:00:00.000Z', 0), view('2026-03-01T08:00:00.000Z', 9))).toBe(true);
    expect(isNewer(view('2026-03-01T08:00:00.000Z', 9), view('2026-04-01T08:00:00.000Z', 0))).toBe(false);
  });
});
