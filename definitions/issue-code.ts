/** The codes of the problems a definition can have, and where in a document they are: zod-free, so the date resolver can report them. */

/** Path inside a document, e.g. `['phases', 2, 'end']`. */
export type DocumentPath = ReadonlyArray<string | number>;

export const IssueCode = {
  // reading the text
  yamlSyntax: 'yaml-syntax',
  yamlAliasLimit: 'yaml-alias-limit',
  fileUnreadable: 'file-unreadable',
  fileTooLarge: 'file-too-large',
  notUtf8: 'not-utf8',
  // shape (from the schema)
  required: 'required',
  unknownField: 'unknown-field',
  invalidType: 'invalid-type',
  invalidValue: 'invalid-value',
  invalidKind: 'invalid-kind',
  invalidFormat: 'invalid-format',
  outOfRange: 'out-of-range',
  invalid: 'invalid',
  // cross-field (semantic checks)
  duplicateId: 'duplicate-id',
  unknownPhase: 'unknown-phase',
  unknownMilestone: 'unknown-milestone',
  unknownLadder: 'unknown-ladder',
  unknownUnit: 'unknown-unit',
  dateRuleCycle: 'date-rule-cycle',
  spanReversed: 'span-reversed',
  phaseNotPositive: 'phase-not-positive',
  phaseOutsideSpan: 'phase-outside-span',
  phaseOrder: 'phase-order',
  milestoneOutsideSpan: 'milestone-outside-span',
  dutyWindowReversed: 'duty-window-reversed',
  dutyWithoutOccurrence: 'duty-without-occurrence',
  dutyOpensAfterDue: 'duty-opens-after-due',
  windowReversed: 'window-reversed',
  windowOutsideSpan: 'window-outside-span',
  unknownPlaceholder: 'unknown-placeholder',
  ladderStepOrder: 'ladder-step-order',
  ladderStepBeforeDue: 'ladder-step-before-due',
  calendarConflict: 'calendar-conflict',
  // the unit tree, sectors, audiences and events (unit-tree.ts, event.ts)
  unknownParentUnit: 'unknown-parent-unit',
  unitCycle: 'unit-cycle',
  unknownSector: 'unknown-sector',
  sectorWithoutUnits: 'sector-without-units',
  collectWithoutSectors: 'collect-without-sectors',
  // official calendar files (definitions/calendars/<year>.yaml)
  calendarFileName: 'calendar-file-name',
  calendarYearMismatch: 'calendar-year-mismatch',
  duplicateCalendarYear: 'duplicate-calendar-year',
  calendarDateOutsideYear: 'calendar-date-outside-year',
  holidayPeriodReversed: 'holiday-period-reversed',
  holidayPeriodOrder: 'holiday-period-order',
  workingDayNotWeekend: 'working-day-not-weekend',
  workingDayInHoliday: 'working-day-in-holiday',
  // warnings: the definition is valid, but some dates rest on assumptions
  calendarYearMissing: 'calendar-year-missing',
  deadlineInMissingYear: 'deadline-in-missing-year',
  holidayPeriodsUnknown: 'holiday-periods-unknown',
  // extends
  unknownParent: 'unknown-parent',
  requiredKeyRemoved: 'required-key-removed',
  extendsCycle: 'extends-cycle',
  jurisdictionOutsideParent: 'jurisdiction-outside-parent',
  duplicateCampaign: 'duplicate-campaign',
} as const;
export type IssueCode = (typeof IssueCode)[keyof typeof IssueCode];

/** An error makes a definition unusable; a warning is shown with a valid one (e.g. a year without an official calendar). */
export const IssueSeverity = { error: 'error', warning: 'warning' } as const;
export type IssueSeverity = (typeof IssueSeverity)[keyof typeof IssueSeverity];

const WARNING_CODES: ReadonlySet<IssueCode> = new Set([IssueCode.calendarYearMissing, IssueCode.deadlineInMissingYear, IssueCode.holidayPeriodsUnknown]);

/** The severity of an issue follows from its code. */
export function severityOf(code: IssueCode): IssueSeverity {
  return WARNING_CODES.has(code) ? IssueSeverity.warning : IssueSeverity.error;
}

/** A problem found by a semantic check, not yet put into words. */
export type SemanticIssue = {
  code: IssueCode;
  path: DocumentPath;
  params: Record<string, string | number>;
};

/** `['phases', 2, 'end']` → `phases[2].end`. */
export function formatPath(path: DocumentPath): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}
