import type { LocalDate } from './local-date';
import type { ResolvedWindow } from './timeline.schema';
import { WindowState } from './vocabulary';

/** Where an activity window stands on a day: upcoming before its first day, open through its last, closed after. */
export function windowStateOn(window: Pick<ResolvedWindow, 'from' | 'to'>, date: LocalDate): WindowState {
  if (date < window.from) return WindowState.upcoming;
  return date <= window.to ? WindowState.open : WindowState.closed;
}
