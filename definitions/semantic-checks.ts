import type { OfficialYear } from './calendar-year.schema';
import type { CampaignDefinition } from './campaign.schema';
import { createDateResolver } from './date-rule';
import { CadenceKind, ESCALATION_ACTION_LABELS, EscalationActionName, StepCollection, TEMPLATE_PLACEHOLDERS, type EscalationAction } from './vocabulary';
import { formatPath, IssueCode, type DocumentPath, type SemanticIssue } from './issue-code';
import { dateParts, type LocalDate } from './local-date';
import type { Calendar } from './calendar';
import { definitionCalendar, missingCalendarYears, type TimelineDeadline } from './run-calendar';
import { dutyOccurrences, resolveTimeline } from './timeline';
import { checkUnitTree, sectorOf } from './unit-tree';
import { namedAudienceUnits } from './audience';
import { checkEvents } from './event';

const PLACEHOLDER = /\{\{\s*([^}\s]+)\s*\}\}/g;

/** Measures only for what is already overdue: a ladder may not take them before the due date. */
const NEVER_BEFORE_DUE: ReadonlySet<EscalationAction> = new Set([EscalationActionName.listedSupervision, EscalationActionName.publicExposure]);

/**
 * Cross-field checks of a definition that already matches the schema: references exist, ids are
 * unique, dates resolve (on the official calendar, `officialYears`) and are in order, templates use
 * known placeholders, ladders take 挂牌督办 and 曝光 only once an item is due. Returns structured
 * issues with a path; wording happens at the edge.
 */
export function checkCampaign(def: CampaignDefinition, officialYears: readonly OfficialYear[]): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  const report = (code: SemanticIssue['code'], path: DocumentPath, params: SemanticIssue['params'] = {}) => issues.push({ code, path, params });
  const calendar = definitionCalendar(officialYears, def);
  const resolver = createDateResolver(def, calendar, (issue) => issues.push(issue));

  const uniqueIds = (items: ReadonlyArray<{ id: string }>, path: (index: number) => DocumentPath) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first === undefined) seen.set(item.id, i);
      else report(IssueCode.duplicateId, [...path(i), 'id'], { id: item.id, first: formatPath(path(first)) });
    });
  };
  const units = [...(def.organisation?.leadDepartments ?? []), ...(def.organisation?.units ?? [])];
  const leadCount = def.organisation?.leadDepartments.length ?? 0;
  uniqueIds(def.phases, (i) => ['phases', i]);
  uniqueIds(def.milestones, (i) => ['milestones', i]);
  uniqueIds(def.duties, (i) => ['duties', i]);
  uniqueIds(def.windows, (i) => ['windows', i]);
  uniqueIds(units, (i) => (i < leadCount ? ['organisation', 'leadDepartments', i] : ['organisation', 'units', i - leadCount]));

  issues.push(...checkUnitTree(def), ...checkEvents(def));
  const unitIds = new Set(units.map((u) => u.id));
  const checkUnit = (id: string | undefined, path: DocumentPath) => {
    if (id !== undefined && !unitIds.has(id)) report(IssueCode.unknownUnit, path, { id });
  };
  const checkLadder = (id: string | undefined, path: DocumentPath) => {
    if (id !== undefined && !(id in def.escalationLadders)) report(IssueCode.unknownLadder, path, { id });
  };

  for (const date of def.calendar?.workingDays ?? []) {
    const index = def.calendar?.holidays.indexOf(date) ?? -1;
    if (index >= 0) report(IssueCode.calendarConflict, ['calendar', 'holidays', index], { date });
  }

  const spanStart = resolver.resolve(def.span.start, ['span', 'start']);
  const spanEnd = resolver.resolve(def.span.end, ['span', 'end']);
  const span = spanStart && spanEnd ? { start: spanStart, end: spanEnd } : undefined;
  if (span && span.end < span.start) report(IssueCode.spanReversed, ['span', 'end'], span);
  const insideSpan = (date: LocalDate) => !span || (date >= span.start && date <= span.end);
  const spanParams: Record<string, string> = span ? { spanStart: span.start, spanEnd: span.end } : {};

  let previous: { name: string; start: LocalDate; end: LocalDate } | undefined;
  def.phases.forEach((phase, i) => {
    const name = phase.name.zh;
    const start = resolver.phase(phase.id, 'start');
    const end = resolver.phase(phase.id, 'end');
    if (!start || !end) return;
    if (end < start) report(IssueCode.phaseNotPositive, ['phases', i, 'end'], { name, start, end });
    else if (!insideSpan(start) || !insideSpan(end)) report(IssueCode.phaseOutsideSpan, ['phases', i, insideSpan(start) ? 'end' : 'start'], { name, start, end, ...spanParams });
    if (previous && start < previous.start) report(IssueCode.phaseOrder, ['phases', i, 'start'], { name, previous: previous.name, which: 'start', date: start, previousDate: previous.start });
    else if (previous && end < previous.end) report(IssueCode.phaseOrder, ['phases', i, 'end'], { name, previous: previous.name, which: 'end', date: end, previousDate: previous.end });
    previous = { name, start, end };
  });

  const phaseIds = new Set(def.phases.map((p) => p.id));
  def.milestones.forEach((milestone, i) => {
    if (milestone.phase !== undefined && !phaseIds.has(milestone.phase)) report(IssueCode.unknownPhase, ['milestones', i, 'phase'], { id: milestone.phase });
    milestone.owners.forEach((owner, j) => checkUnit(owner, ['milestones', i, 'owners', j]));
    checkLadder(milestone.ladder, ['milestones', i, 'ladder']);
    const due = resolver.milestone(milestone.id);
    if (due && !insideSpan(due)) report(IssueCode.milestoneOutsideSpan, ['milestones', i, 'due'], { title: milestone.title.zh, due, ...spanParams });
  });

  def.duties.forEach((duty, i) => {
    const title = duty.title.zh;
    duty.owedBy.forEach((entry, j) => {
      if (typeof entry === 'string') return checkUnit(entry, ['duties', i, 'owedBy', j]);
      const path: DocumentPath = ['duties', i, 'owedBy', j, 'sector'];
      if (!sectorOf(def, entry.sector)) report(IssueCode.unknownSector, path, { id: entry.sector });
      else if (!units.some((unit) => unit.sector === entry.sector)) report(IssueCode.sectorWithoutUnits, path, { id: entry.sector });
    });
    checkUnit(duty.reportTo, ['duties', i, 'reportTo']);
    checkLadder(duty.ladder, ['duties', i, 'ladder']);
    if (!span) return;
    const { from, until, occurrences } = dutyOccurrences(duty, i, span, resolver, calendar);
    if (!from || !until) return;
    if (until < from) report(IssueCode.dutyWindowReversed, ['duties', i, 'until'], { title, from, until });
    else if (occurrences.length === 0 && unknownHolidayYears(duty, from, until, calendar).length === 0) report(IssueCode.dutyWithoutOccurrence, ['duties', i, 'cadence'], { title, from, until });
    const late = occurrences.find((o) => o.opensOn > o.dueOn);
    if (late) report(IssueCode.dutyOpensAfterDue, ['duties', i, 'cadence', 'opens'], { title, period: late.periodLabel, opensOn: late.opensOn, dueOn: late.dueOn });
  });

  def.windows.forEach((window, i) => {
    const title = window.title.zh;
    if (window.phase !== undefined && !phaseIds.has(window.phase)) report(IssueCode.unknownPhase, ['windows', i, 'phase'], { id: window.phase });
    window.owners.forEach((owner, j) => checkUnit(owner, ['windows', i, 'owners', j]));
    const from = resolver.resolve(window.from, ['windows', i, 'from']);
    const to = resolver.resolve(window.to, ['windows', i, 'to']);
    if (!from || !to) return;
    if (to < from) report(IssueCode.windowReversed, ['windows', i, 'to'], { title, from, to });
    else if (!insideSpan(from) || !insideSpan(to)) report(IssueCode.windowOutsideSpan, ['windows', i, insideSpan(from) ? 'to' : 'from'], { title, from, to, ...spanParams });
  });

  for (const [level, policy] of Object.entries(def.hazardPolicy?.levels ?? {})) checkLadder(policy.ladder, ['hazardPolicy', 'levels', level, 'ladder']);

  for (const [ladderId, ladder] of Object.entries(def.escalationLadders)) {
    ladder.steps.forEach((step, i) => {
      const path = ['escalationLadders', ladderId, 'steps', i];
      for (const { field, unit } of namedAudienceUnits(step)) checkUnit(unit, [...path, field, 'unit']);
      if (step.collectBy === StepCollection.sector && !def.sectors?.length && !units.some((unit) => unit.sector !== undefined)) report(IssueCode.collectWithoutSectors, [...path, 'collectBy'], { step: i + 1 });
      for (const [, name] of step.template.matchAll(PLACEHOLDER)) {
        if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name!)) report(IssueCode.unknownPlaceholder, [...path, 'template'], { name: name!, known: TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ') });
      }
      if (NEVER_BEFORE_DUE.has(step.action) && step.offset.days < 0) {
        report(IssueCode.ladderStepBeforeDue, [...path, 'offset', 'days'], { step: i + 1, action: ESCALATION_ACTION_LABELS[step.action], days: -step.offset.days });
      }
      const before = ladder.steps[i - 1];
      // Calendar and working days cannot be compared without a due date; only like units are checked.
      if (before && before.offset.unit === step.offset.unit && step.offset.days < before.offset.days) {
        report(IssueCode.ladderStepOrder, [...path, 'offset', 'days'], { step: i + 1, days: step.offset.days, previousDays: before.offset.days });
      }
    });
  }
  return issues;
}

/** The years of a holiday-period duty's window whose holiday periods are unknown (no official calendar). */
function unknownHolidayYears(duty: CampaignDefinition['duties'][number], from: LocalDate, until: LocalDate, calendar: Calendar): number[] {
  if (duty.cadence.kind !== CadenceKind.holidayPeriod) return [];
  const years: number[] = [];
  for (let year = dateParts(from).year; year <= dateParts(until).year; year += 1) if (!calendar.isOfficialYear(year)) years.push(year);
  return years;
}

/**
 * Warnings for a valid definition whose dates rest on assumed working days: each year of its span
 * without an official calendar, and each milestone or duty with deadlines in such a year (the span,
 * and each due date, located in the file).
 */
export function checkCalendarCoverage(def: CampaignDefinition, officialYears: readonly OfficialYear[]): SemanticIssue[] {
  // All the official years at hand: a run carries those its dates need, so it misses the same ones.
  const calendar = definitionCalendar(officialYears, def);
  const timeline = resolveTimeline(def, calendar);
  const dutyOf = new Map(timeline.occurrences.map((o) => [o.occurrenceId, o.dutyId]));
  // Where a deadline is written, and what it is called.
  const itemOf = (deadline: TimelineDeadline): { path: DocumentPath; title: string } => {
    if (deadline.kind === 'milestone') {
      const index = def.milestones.findIndex((m) => m.id === deadline.ref);
      return { path: ['milestones', index, 'due'], title: def.milestones[index]!.title.zh };
    }
    const index = def.duties.findIndex((d) => d.id === dutyOf.get(deadline.ref));
    return { path: ['duties', index, 'cadence', 'due'], title: def.duties[index]!.title.zh };
  };
  const warnings: SemanticIssue[] = [];
  const resolver = createDateResolver(def, calendar);
  def.duties.forEach((duty, i) => {
    const { from, until } = dutyOccurrences(duty, i, timeline.span, resolver, calendar);
    const years = from && until ? unknownHolidayYears(duty, from, until, calendar) : [];
    if (years.length > 0) warnings.push({ code: IssueCode.holidayPeriodsUnknown, path: ['duties', i, 'cadence'], params: { title: duty.title.zh, years: years.join('、') } });
  });
  for (const { year, inSpan, deadlines } of missingCalendarYears(timeline, calendar)) {
    if (inSpan) warnings.push({ code: IssueCode.calendarYearMissing, path: ['span'], params: { year } });
    const byItem = new Map<string, { path: DocumentPath; title: string; dates: LocalDate[] }>();
    for (const deadline of deadlines) {
      const item = itemOf(deadline);
      const key = formatPath(item.path);
      byItem.set(key, { ...item, dates: [...(byItem.get(key)?.dates ?? []), deadline.dueOn] });
    }
    for (const { path, title, dates } of byItem.values()) {
      warnings.push({ code: IssueCode.deadlineInMissingYear, path, params: { title, year, dates: dates.join('、') } });
    }
  }
  return warnings;
}
