/**
 * The API's bodies and answers, as the server's zod schemas define them. Imported as types only:
 * they are erased by the build (vite.config.ts refuses any server module in the bundle), and
 * vue-tsc checks every use against the schemas, so the console cannot drift from the API.
 */
import type { z } from 'zod';
import type * as campaign from '../../../server/schemas/campaign.schema';
import type * as definition from '../../../server/schemas/definition.schema';
import type * as hazard from '../../../server/schemas/hazard.schema';
import type * as me from '../../../server/schemas/me.schema';
import type * as run from '../../../server/schemas/run.schema';
import type * as vocabulary from '../../../server/schemas/vocabulary.schema';
import type * as exposure from '../../../server/schemas/exposure.schema';
import type * as report from '../../../server/schemas/report.schema';
import type * as calendar from '../../../server/schemas/calendar.schema';
import type { Problem as ServerProblem } from '../../../server/plugins/problem-json.plugin';
import type { DefinitionIssue as DefinitionIssueSchema } from '../../../definitions/issue.schema';
import type { Timeline as TimelineSchema } from '../../../definitions/timeline.schema';

export type Me = z.infer<typeof me.Me>;
export type Permission = keyof Me['may'];
export type Vocabulary = z.infer<typeof vocabulary.Vocabulary>;
export type Problem = ServerProblem;

export type CampaignList = z.infer<typeof campaign.CampaignList>;
export type CampaignListItem = z.infer<typeof campaign.CampaignListItem>;
export type CampaignDetail = z.infer<typeof campaign.CampaignDetail>;
export type CampaignView = z.infer<typeof campaign.CampaignView>;
export type OccurrenceView = z.infer<typeof campaign.OccurrenceView>;
export type MilestoneView = z.infer<typeof campaign.MilestoneView>;
export type MilestoneConfirmationBody = z.input<typeof campaign.MilestoneConfirmationBody>;
export type HazardCounts = z.infer<typeof campaign.HazardCounts>;
export type StartCampaignBody = z.input<typeof campaign.StartCampaignBody>;
export type CampaignRunRef = z.infer<typeof campaign.CampaignRunRef>;
export type DutySubmissionBody = z.input<typeof campaign.DutySubmissionBody>;
export type EscalationLogEntry = z.infer<typeof run.EscalationLogEntry>;
export type RunInspection = z.infer<typeof run.RunInspection>;
export type MigrationBody = z.input<typeof campaign.MigrationBody>;
export type LedgerImportBody = z.input<typeof campaign.LedgerImportBody>;
export type LedgerImportReport = z.infer<typeof campaign.LedgerImportReport>;
export type LedgerFileProblem = z.infer<typeof campaign.LedgerFileProblem>;
export type CalendarApplicationBody = z.input<typeof calendar.CalendarApplicationBody>;
export type CalendarApplication = z.infer<typeof calendar.CalendarApplication>;

export type HazardDetail = z.infer<typeof hazard.HazardDetail>;
export type LadderRung = HazardDetail['ladder'][number];
export type HazardListItem = z.infer<typeof hazard.HazardListItem>;
export type HazardListPage = z.infer<typeof hazard.HazardListPage>;
export type HazardListQuery = z.input<typeof hazard.HazardListQuery>;
export type HazardRegistrationBody = z.input<typeof hazard.HazardRegistrationBody>;
export type RectificationBody = z.input<typeof hazard.RectificationBody>;
export type VerificationBody = z.input<typeof hazard.VerificationBody>;
export type ExtensionRequestBody = z.input<typeof hazard.ExtensionRequestBody>;
export type ExtensionDecisionBody = z.input<typeof hazard.ExtensionDecisionBody>;
export type ReinspectionBody = z.input<typeof hazard.ReinspectionBody>;

export type DefinitionText = z.input<typeof definition.DefinitionText>;
export type DefinitionIssue = z.infer<typeof DefinitionIssueSchema>;
export type DefinitionList = z.infer<typeof definition.DefinitionList>;
export type DefinitionListItem = z.infer<typeof definition.DefinitionListItem>;
export type DefinitionVersionList = z.infer<typeof definition.DefinitionVersionList>;
export type PublishedDefinitionSummary = z.infer<typeof definition.PublishedDefinitionSummary>;
export type PublishedDefinitionDetail = z.infer<typeof definition.PublishedDefinitionDetail>;
export type DefinitionPreview = z.infer<typeof definition.DefinitionPreview>;
export type Timeline = z.infer<typeof TimelineSchema>;

export type ExposureEntry = z.infer<typeof exposure.ExposureEntry>;
export type ExposureList = z.infer<typeof exposure.ExposureList>;
export type WithdrawalBody = z.input<typeof exposure.Withdrawal>;
export type WithdrawnEntry = z.infer<typeof exposure.WithdrawnEntry>;

export type StatisticsQuery = z.input<typeof report.StatisticsQuery>;
export type ReportScopeQuery = z.input<typeof report.ReportScopeQuery>;
export type HazardStatistics = z.infer<typeof report.HazardStatistics>;
export type HazardStatisticsRow = HazardStatistics['rows'][number];
export type DutyStatistics = z.infer<typeof report.DutyStatistics>;
export type DutyStatisticsRow = DutyStatistics['rows'][number];
