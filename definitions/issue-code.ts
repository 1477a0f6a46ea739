/** The codes of the problems a definition can have, and where in a document they are: zod-free, so the date resolver can report them. */

/** Path inside a document, e.g. `['phases', 2, 'end']`. */
export type DocumentPath = ReadonlyArray<string | number>;

export const IssueCode = {
  // reading the text
  yamlSyntax: 'yaml-syntax',
  fileUnreadable: 'file-unreadable',
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
  reservedId: 'reserved-id',
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
  unknownPlaceholder: 'unknown-placeholder',
  ladderStepOrder: 'ladder-step-order',
  calendarConflict: 'calendar-conflict',
  // extends
  unknownParent: 'unknown-parent',
  extendsCycle: 'extends-cycle',
  jurisdictionOutsideParent: 'jurisdiction-outside-parent',
  duplicateCampaign: 'duplicate-campaign',
} as const;
export type IssueCode = (typeof IssueCode)[keyof typeof IssueCode];

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
