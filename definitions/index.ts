// The pure surface of the campaign definition language. File loading lives in ./load.
export { LocalDate, LocalTime, YearMonth, localDateTimeToEpochMs, epochMsToLocalDate } from './local-date';
export { CalendarOverrides, DayOffset, DayUnit } from './calendar.schema';
export { createCalendar, addOffset, type Calendar } from './calendar';
export { DateRule, DateRuleObject, DateRuleKind, Dekad, Edge } from './date-rule.schema';
export { createDateResolver, type DateResolver } from './date-rule';
export { Cadence, CadenceKind, AnchorPeriod } from './cadence.schema';
export { Id, LocalizedText } from './common.schema';
export {
  EscalationLadder,
  EscalationStep,
  EscalationActionName,
  ESCALATION_ACTION_LABELS,
  Audience,
  TEMPLATE_PLACEHOLDERS,
  type EscalationAction,
} from './escalation.schema';
export { scheduleEscalation, renderTemplate, type ScheduledEscalation } from './escalation';
export { HazardPolicy, HazardLevelPolicy, HazardDeadline, HazardDeadlineKind, HazardLevel } from './hazard-policy.schema';
export { hazardDeadline, reinspectionDate } from './hazard-policy';
export {
  CampaignDefinition,
  CampaignOverlay,
  CampaignFile,
  CampaignKind,
  AuthorityLevel,
  Authority,
  Jurisdiction,
  Phase,
  Milestone,
  Duty,
  DutyKind,
  Unit,
  Organisation,
} from './campaign.schema';
export { Timeline, TimelineEntry, TimelineEntryKind, DutyOccurrence, ResolvedPhase, ResolvedMilestone } from './timeline.schema';
export { resolveTimeline } from './timeline';
export {
  compileCampaignMachine,
  phaseIndexOn,
  MachineState,
  type CampaignMachine,
  type CampaignMachineContext,
  type CalendarDayEvent,
} from './campaign.machine';
export { DefinitionIssue, IssueCode, formatPath, type SemanticIssue, type DocumentPath } from './issue.schema';
export { formatIssues } from './issues';
export { checkCampaign } from './semantic-checks';
export { parseSource, type CampaignSource, type SourceFormat } from './source';
export { resolveExtends, mergeCampaignData, type ParentLookup } from './extends';
export { parseCampaignText, validateCampaignSource, type ParseResult } from './parse';
export { toMermaidStateDiagram, toMermaidGantt, toMermaidDiagrams } from './mermaid';
export { campaignJsonSchema, campaignJsonSchemaText } from './json-schema';
