import { addOffset, type Calendar } from './calendar';
import type { EscalationLadder, EscalationStep } from './escalation.schema';
import type { EscalationAction } from './vocabulary';
import type { LocalDate } from './local-date';

export type ScheduledEscalation = {
  stepIndex: number;
  action: EscalationAction;
  /** The day the step is taken: the due date plus the step's offset. */
  on: LocalDate;
  audience: EscalationStep['audience'];
  template: string;
  step: EscalationStep;
};

/**
 * The calendar date of each rung of a ladder for an item due on `dueOn`, in ladder order: the due
 * date plus the rung's offset, in calendar or working days.
 * @example ladderDates(ladder, '2026-02-13', calendar) // a 3-working-day rung → '2026-02-25' (02-14 is a 调休 working Saturday)
 */
export function ladderDates(ladder: Pick<EscalationLadder, 'steps'>, dueOn: LocalDate, calendar: Calendar): LocalDate[] {
  return ladder.steps.map((step) => addOffset(calendar, dueOn, step.offset));
}

/**
 * The dates on which each step of a ladder applies to an item due on `dueOn`, in ladder order.
 * @example scheduleEscalation(ladder, '2026-02-13', calendar) // a 3-working-day step → 2026-02-25
 */
export function scheduleEscalation(ladder: EscalationLadder, dueOn: LocalDate, calendar: Calendar): ScheduledEscalation[] {
  const dates = ladderDates(ladder, dueOn, calendar);
  return ladder.steps.map((step, stepIndex) => ({
    stepIndex,
    action: step.action,
    on: dates[stepIndex]!,
    audience: step.audience,
    template: step.template,
    step,
  }));
}

/**
 * Fills `{{name}}` placeholders; a placeholder without a value is left as written so the gap is visible.
 * @example renderTemplate('{{unit}}：请于{{dueOn}}前报送', { unit: '蓟州区应急局', dueOn: '2024-06-30' })
 */
export function renderTemplate(template: string, vars: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
