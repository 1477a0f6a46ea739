import type { Calendar } from './calendar';
import { holidayOccurrences, periodicOccurrences, weeklyOccurrences, type CadenceOccurrence } from './cadence';
import type { CampaignDefinition, Duty } from './campaign.schema';
import type { DateResolver } from './date-rule';
import { createDateResolver } from './date-rule';
import { plusDays, type LocalDate } from './local-date';
import type { Timeline, TimelineEntry } from './timeline.schema';
import { TimelineEntryKind } from './vocabulary';

/** The periods of a recurring cadence that overlap [from, until] (holiday periods: those of the official calendar). */
function recurringOccurrences(cadence: Exclude<Duty['cadence'], { kind: 'once' }>, from: LocalDate, until: LocalDate, calendar: Pick<Calendar, 'holidayPeriods'>): CadenceOccurrence[] {
  switch (cadence.kind) {
    case 'weekly':
      return weeklyOccurrences(cadence, from, until);
    case 'holiday-period':
      return holidayOccurrences(cadence, calendar.holidayPeriods(), from, until);
    default:
      return periodicOccurrences(cadence, from, until);
  }
}

/** The occurrences of one duty between its window's bounds (default: the campaign span). */
export function dutyOccurrences(
  duty: Duty,
  index: number,
  span: { start: LocalDate; end: LocalDate },
  resolver: DateResolver,
  calendar: Pick<Calendar, 'holidayPeriods'>,
): { from?: LocalDate; until?: LocalDate; occurrences: CadenceOccurrence[] } {
  const path = ['duties', index];
  const from = duty.from === undefined ? span.start : resolver.resolve(duty.from, [...path, 'from']);
  const until = duty.until === undefined ? span.end : resolver.resolve(duty.until, [...path, 'until']);
  if (from === undefined || until === undefined) return { from, until, occurrences: [] };
  const { cadence } = duty;
  if (cadence.kind !== 'once') {
    // A period that began before the window still counts, but it cannot open (or fall due) before the window does.
    const occurrences = recurringOccurrences(cadence, from, until, calendar)
      .filter((o) => o.dueOn >= from)
      .map((o) => (o.opensOn < from ? { ...o, opensOn: from } : o));
    return { from, until, occurrences };
  }
  const opensOn = cadence.opens === undefined ? from : resolver.resolve(cadence.opens, [...path, 'cadence', 'opens']);
  const dueOn = resolver.resolve(cadence.due, [...path, 'cadence', 'due']);
  if (opensOn === undefined || dueOn === undefined) return { from, until, occurrences: [] };
  return { from, until, occurrences: [{ period: 'once', periodLabel: '一次性', periodStart: from, periodEnd: until, opensOn, dueOn }] };
}

const KIND_ORDER = Object.values(TimelineEntryKind);

/** A phase is current from its start through its end: the machine enters it on the one and leaves it the day after the other. */
function machineCheckpoints(phases: Timeline['phases'], span: Timeline['span']): LocalDate[] {
  const dates = phases.flatMap((phase) => [phase.start, plusDays(phase.end, 1)]);
  return [...new Set([...dates, plusDays(span.end, 1)])].sort();
}

/** A due date and, when 顺延 moved it to the next working day, the date as written. */
function dueDate(written: LocalDate, rollForward: boolean, calendar: Calendar): { dueOn: LocalDate; nominalDueOn?: LocalDate } {
  const dueOn = rollForward ? calendar.rollForward(written) : written;
  return dueOn === written ? { dueOn } : { dueOn, nominalDueOn: written };
}

/**
 * Resolves every date of a validated definition: phases, milestones, duty occurrences and activity windows,
 * plus one sorted list of entries. Throws if a rule cannot be resolved (run the semantic checks first).
 * 顺延: a duty's due date (or, campaign-wide, a milestone's) that falls on a non-working day moves
 * to the next working day (`calendar.rollForward`, a duty's own `rollForward` winning); the written
 * date is kept as `nominalDueOn`. Date rules that refer to a milestone use its written date.
 */
export function resolveTimeline(def: CampaignDefinition, calendar: Calendar): Timeline {
  const resolver = createDateResolver(def, calendar);
  const must = (date: LocalDate | undefined): LocalDate => {
    if (date === undefined) throw new Error('unresolved date in a checked definition');
    return date;
  };
  const span = { start: must(resolver.resolve(def.span.start, ['span', 'start'])), end: must(resolver.resolve(def.span.end, ['span', 'end'])) };
  const phases = def.phases.map((p) => ({ id: p.id, name: p.name.zh, start: must(resolver.phase(p.id, 'start')), end: must(resolver.phase(p.id, 'end')) }));
  const campaignRollsForward = def.calendar?.rollForward ?? false;
  const milestones = def.milestones
    .map((m) => ({
      milestoneId: m.id,
      title: m.title.zh,
      ...dueDate(must(resolver.milestone(m.id)), campaignRollsForward, calendar),
      ...(m.phase ? { phaseId: m.phase } : {}),
      ...(m.ladder ? { ladderId: m.ladder } : {}),
    }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const dutyTitles = new Map(def.duties.map((d) => [d.id, d.title.zh]));
  const occurrences = def.duties
    .flatMap((duty, i) =>
      dutyOccurrences(duty, i, span, resolver, calendar).occurrences.map((o) => ({
        dutyId: duty.id,
        occurrenceId: `${duty.id}:${o.period}`,
        period: o.period,
        periodLabel: o.periodLabel,
        opensOn: o.opensOn,
        ...dueDate(o.dueOn, duty.rollForward ?? campaignRollsForward, calendar),
        ...(duty.dueTime ? { dueTime: duty.dueTime } : {}),
        ...(duty.ladder ? { ladderId: duty.ladder } : {}),
      })),
    )
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.occurrenceId.localeCompare(b.occurrenceId));

  // A definition pinned by a run before windows existed carries none.
  const windows = (def.windows ?? [])
    .map((w, i) => ({
      windowId: w.id,
      title: w.title.zh,
      from: must(resolver.resolve(w.from, ['windows', i, 'from'])),
      to: must(resolver.resolve(w.to, ['windows', i, 'to'])),
      ...(w.phase ? { phaseId: w.phase } : {}),
      owners: w.owners,
      ...(w.audience ? { audience: w.audience } : {}),
    }))
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));

  const nominal = (item: { nominalDueOn?: LocalDate }) => (item.nominalDueOn ? { nominalDate: item.nominalDueOn } : {});
  const entries: TimelineEntry[] = [
    { date: span.start, kind: TimelineEntryKind.campaignStart, ref: def.id, label: `${def.title.zh} 开始` },
    ...phases.flatMap((p) => [
      { date: p.start, kind: TimelineEntryKind.phaseStart, ref: p.id, label: `${p.name} 开始` },
      { date: p.end, kind: TimelineEntryKind.phaseEnd, ref: p.id, label: `${p.name} 结束` },
    ]),
    ...windows.flatMap((w) => [
      { date: w.from, kind: TimelineEntryKind.windowOpens, ref: w.windowId, label: `${w.title} 开始` },
      { date: w.to, kind: TimelineEntryKind.windowCloses, ref: w.windowId, label: `${w.title} 结束` },
    ]),
    ...milestones.map((m) => ({ date: m.dueOn, kind: TimelineEntryKind.milestone, ref: m.milestoneId, label: m.title, ...nominal(m) })),
    ...occurrences.flatMap((o) => [
      { date: o.opensOn, kind: TimelineEntryKind.dutyOpens, ref: o.occurrenceId, label: `${dutyTitles.get(o.dutyId)}（${o.periodLabel}）开始` },
      { date: o.dueOn, kind: TimelineEntryKind.dutyDue, ref: o.occurrenceId, label: `${dutyTitles.get(o.dutyId)}（${o.periodLabel}）截止`, ...nominal(o), ...(o.dueTime ? { time: o.dueTime } : {}) },
    ]),
    { date: span.end, kind: TimelineEntryKind.campaignEnd, ref: def.id, label: `${def.title.zh} 结束` },
  ].sort((a, b) => a.date.localeCompare(b.date) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));

  return {
    campaignId: def.id,
    version: def.version,
    timeZone: def.timeZone,
    span,
    phases,
    milestones,
    occurrences,
    windows,
    entries,
    checkpoints: machineCheckpoints(phases, span),
  };
}
