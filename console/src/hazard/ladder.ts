/**
 * A hazard's escalation ladder on calendar dates, as the hazard page draws it beside the life line:
 * each rung on the day it was or is planned for, and what became of it.
 */
import type { LadderRung } from '../api/types';

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const RUNG_STATES: Record<LadderRung['state'], { label: string; tag: TagType; dot: TagType }> = {
  taken: { label: '已采取', tag: 'danger', dot: 'danger' },
  'passed-over': { label: '启用前已过，未采取', tag: 'info', dot: 'info' },
  upcoming: { label: '待执行', tag: 'warning', dot: 'warning' },
  'not-needed': { label: '无需执行', tag: 'success', dot: 'success' },
};

export interface LadderLine {
  /** The day of the line (YYYY-MM-DD). */
  on: string;
  title: string;
  label: string;
  tag: TagType;
  dot: TagType;
}

/**
 * The time limit and then each rung on its day (ties in ladder order), with what became of it: the
 * ladder counts from the time limit, so it heads the line.
 */
export function ladderLines(ladder: readonly LadderRung[], dueOn: string): LadderLine[] {
  const rungs = [...ladder]
    .sort((a, b) => a.on.localeCompare(b.on) || a.stepIndex - b.stepIndex)
    .map((rung) => ({ on: rung.on, title: rung.actionLabel, ...RUNG_STATES[rung.state] }));
  return [{ on: dueOn, title: '整改期限', label: '期限', tag: 'primary', dot: 'primary' }, ...rungs];
}
