// The pure surface of the campaign definition language. File loading lives in ./load.
export { localDateTimeToEpochMs, epochMsToLocalDate } from './local-date';
export { LocalDate, LocalTime, YearMonth } from './local-date.schema';
export * from './vocabulary';
export { CalendarOverrides, DayOffset } from './calendar.schema';
export { createCalendar, addOffset, type Calendar } from './calendar';
export { DateRule, DateRuleObject } from './date-rule.schema';
export { createDateResolver, type DateResolver } from './date-rule';
export { Cadence } from './cadence.schema';
export { Id, LocalizedText } from './common.schema';
export { EscalationLadder, EscalationStep } from './escalation.schema';
export { scheduleEscalation, renderTemplate, type ScheduledEscalation } from './escalation';
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
  Organisation,
} from './campaign.schema';
export { Timeline, TimelineEntry, DutyOccurrence, ResolvedPhase, ResolvedMilestone } from './timeline.schema';
export { resolveTimeline } from './timeline';
export {
  compileCampaignMachine,
  phaseIndexOn,
  MachineState,
  type CampaignMachine,
  type CampaignMachineContext,
  type CalendarDayEvent,
} from './campaign.machine';
export { DefinitionIssue } from './issue.schema';
export { IssueCode, formatPath, type SemanticIssue, type DocumentPath } from './issue-code';
export { formatIssues } from './issues';
export { checkCampaign } from './semantic-checks';
export { parseSource, type CampaignSource, type SourceFormat } from './source';
export { resolveExtends, mergeCampaignData, type ParentLookup } from './extends';
export { parseCampaignText, validateCampaignSource, type ParseResult } from './parse';
export { toMermaidStateDiagram, toMermaidGantt } from './mermaid';
export { campaignJsonSchema, campaignJsonSchemaText } from './json-schema';
