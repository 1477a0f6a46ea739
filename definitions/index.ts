// The pure surface of the campaign definition language. File loading lives in ./load.
export { localDateTimeToEpochMs, epochMsToLocalDate } from './local-date';
export { LocalDate, LocalTime, YearMonth } from './local-date.schema';
export * from './vocabulary';
export { CalendarOverrides, CampaignCalendar, DayOffset } from './calendar.schema';
export { HolidayPeriod, OfficialYear, RunCalendar } from './calendar-year.schema';
export { createCalendar, addOffset, isFixedStatutoryHoliday, type Calendar } from './calendar';
export { resolveRunCalendar, campaignCalendar, definitionCalendar, missingCalendarYears, type MissingCalendarYear, type TimelineDeadline } from './run-calendar';
export { checkOfficialYear, parseCalendarYearText, validateCalendarYearSource, checkCalendarFolder, yearOfCalendarFile, type CalendarYearResult } from './calendar-year';
export { DateRule, DateRuleObject } from './date-rule.schema';
export { createDateResolver, type DateResolver } from './date-rule';
export { Cadence } from './cadence.schema';
export { Id, LocalizedText } from './common.schema';
export { EscalationLadder, EscalationStep } from './escalation.schema';
export { ladderDates, scheduleEscalation, renderTemplate, type ScheduledEscalation } from './escalation';
export { HazardPolicy, HazardLevelPolicy, HazardDeadline } from './hazard-policy.schema';
export { hazardDeadline, reinspectionDate } from './hazard-policy';
export {
  CampaignDefinition,
  CampaignOverlay,
  CampaignFile,
  Authority,
  Jurisdiction,
  Phase,
  Milestone,
  Duty,
  Unit,
  Sector,
  Organisation,
} from './campaign.schema';
export { unitAncestors, unitJurisdiction, isUnitWithin, parentUnit, sectorOf, sectorDepartment, unitRef, unitsById, checkUnitTree, type UnitRef } from './unit-tree';
export { Timeline, TimelineEntry, DutyOccurrence, ResolvedPhase, ResolvedMilestone, ResolvedWindow } from './timeline.schema';
export { ActivityWindow } from './window.schema';
export { windowStateOn } from './window';
export { resolveTimeline } from './timeline';
export {
  compileCampaignMachine,
  phaseStateOn,
  phaseStatesOn,
  phaseStatesOf,
  PhaseState,
  CampaignState,
  MachineRegion,
  type CampaignMachine,
  type CampaignMachineContext,
  type CampaignMachineValue,
  type CalendarDayEvent,
} from './campaign.machine';
export { DefinitionIssue } from './issue.schema';
export { IssueCode, IssueSeverity, severityOf, formatPath, type SemanticIssue, type DocumentPath } from './issue-code';
export { formatIssues } from './issues';
export { checkCampaign, checkCalendarCoverage } from './semantic-checks';
export { decodeDefinitionBytes, checkDefinitionText, checkDefinitionSize, MAX_DEFINITION_BYTES, type DecodedDefinition } from './text-input';
export { parseSource, type CampaignSource, type SourceFormat } from './source';
export { resolveExtends, mergeCampaignData, chainLookups, type ParentLookup } from './extends';
export { parseCampaignText, validateCampaignSource, type ParseResult } from './parse';
export { toMermaidStateDiagram, toMermaidGantt, toMermaidDiagrams, type ChangeMarks } from './mermaid';
export { diffFromParent, changedItems, formatChange, DEFINITION_CHANGE_LABELS, type DefinitionChange, type DefinitionChangeKind } from './diff';
export { campaignJsonSchema, campaignJsonSchemaText, calendarYearJsonSchema, calendarYearJsonSchemaText } from './json-schema';
export { audienceUnit, stepAddressees, type StepAddressees } from './audience';
export { EventType, EventTimeLimit } from './event.schema';
export { eventDeadline, eventRefusal, describeTimeLimit, checkEvents, type EventReport } from './event';
