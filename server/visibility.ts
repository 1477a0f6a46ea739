/**
 * Everything the API asks Temporal's visibility store: query strings (built here only, from
 * schema-checked values), the clauses that keep listings inside a caller's jurisdiction, and
 * paged listings (Temporal's page tokens as bytes; the API seals them for callers, page-tokens.ts).
 *
 * The server filters in the visibility query (so pages are not emptied after the fact) and again
 * in code where it reads a run, so a listing can never show a run outside the caller's jurisdiction.
 */
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, mapFromPayloads } from '@temporalio/common';
// A CommonJS package: Node's ESM loader sees only its default export.
import proto from '@temporalio/proto';
import { Jurisdiction } from '../definitions/campaign.schema';
import { jurisdictionsAbove } from '../definitions/jurisdiction';
import { WORKFLOW_TYPES, type WorkflowType } from '../temporal.config';
import { OPEN_HAZARD_STATUSES } from '../workflows/hazard.contract';
import { httpError } from './http-error';
import { hazardWorkflowId } from './run-ids';
import { timestampMs } from './runs';

/** A visibility-query string literal. Values are schema-checked before they get here; this keeps them so. */
export function literal(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** `WorkflowType = '…'`: runs of one of the engine's workflows. */
export function workflowTypeIs(type: WorkflowType): string {
  return `WorkflowType = ${literal(type)}`;
}

/** The schema allows no quotes or spaces, so a checked jurisdiction is safe inside a query literal. */
const checked = (jurisdiction: string): string => Jurisdiction.parse(jurisdiction);

/** `Jurisdiction` equal to this one or below it (CN/tianjin matches CN/tianjin/jizhou, not CN/tianjinx). */
export function jurisdictionAndBelowQuery(jurisdiction: string): string {
  const own = checked(jurisdiction);
  return `(Jurisdiction = '${own}' OR Jurisdiction STARTS_WITH '${own}/')`;
}

/** `Jurisdiction` this one, below it, or above it: the plans that concern a caller (a province plan concerns its cities). */
export function jurisdictionLineageQuery(jurisdiction: string): string {
  const above = jurisdictionsAbove(checked(jurisdiction));
  const clauses = [jurisdictionAndBelowQuery(jurisdiction), ...(above.length > 0 ? [`Jurisdiction IN (${above.map(literal).join(', ')})`] : [])];
  return `(${clauses.join(' OR ')})`;
}

/** One execution as a visibility listing shows it: no query of the run, no replay. */
export interface ListedExecution {
  workflowId: string;
  type: string;
  /** RUNNING, COMPLETED, CONTINUED_AS_NEW, … */
  status: string;
  startTime: string;
  memo: Record<string, unknown>;
  /** Search attributes as plain JSON (keywords as strings, datetimes as ISO strings). */
  searchAttributes: Record<string, unknown>;
}

export interface ListedPage {
  executions: ListedExecution[];
  /** Pass back for the next page; null on the last page. */
  nextPageToken: Uint8Array | null;
}

const STATUS_PREFIX = 'WORKFLOW_EXECUTION_STATUS_';
const GRPC_INVALID_ARGUMENT = 3;

/**
 * One page of a visibility query. A token Temporal refuses as invalid (one sealed before its
 * upgrade, say) is the caller's to drop (400). Memo and search attributes are decoded with the
 * client's payload converter (the engine uses no payload codec).
 */
export async function listPage(
  client: Client,
  namespace: string,
  page: { query: string; pageSize: number; nextPageToken?: Uint8Array; signal?: AbortSignal },
): Promise<ListedPage> {
  const request = () =>
    client.workflowService.listWorkflowExecutions({
      namespace,
      query: page.query,
      pageSize: page.pageSize,
      nextPageToken: page.nextPageToken,
    });
  let response;
  try {
    response = page.signal ? await client.connection.withAbortSignal(page.signal, request) : await request();
  } catch (error) {
    if (page.nextPageToken && (error as { code?: number }).code === GRPC_INVALID_ARGUMENT) throw httpError(400, 'nextPageToken is not valid');
    throw error;
  }
  const { payloadConverter } = client.options.loadedDataConverter;
  return {
    executions: response.executions.map((raw) => ({
      workflowId: raw.execution?.workflowId ?? '',
      type: raw.type?.name ?? '',
      status: (proto.temporal.api.enums.v1.WorkflowExecutionStatus[raw.status ?? 0] ?? 'UNSPECIFIED').replace(STATUS_PREFIX, ''),
      startTime: new Date(timestampMs(raw.startTime) ?? 0).toISOString(),
      memo: mapFromPayloads(payloadConverter, raw.memo?.fields) ?? {},
      searchAttributes: mapFromPayloads(defaultPayloadConverter, raw.searchAttributes?.indexedFields) ?? {},
    })),
    nextPageToken: response.nextPageToken?.length ? response.nextPageToken : null,
  };
}

/** Hazard runs, each listed once by its current run (a hazard that continued as new is not listed twice). */
export const CURRENT_HAZARD_RUNS = `${workflowTypeIs(WORKFLOW_TYPES.hazard)} AND ExecutionStatus != 'ContinuedAsNew'`;

/** What a hazard listing may be narrowed to (the route's checked query) and whose it is. */
export interface HazardListScope {
  /** The caller's jurisdiction: nothing outside it is ever listed. */
  jurisdiction: string;
  /** A unit caller's own unit, or an operator's unit filter. */
  unitId?: string;
  campaignRunId?: string;
  level?: string;
  status?: string;
  escalationStage?: string;
  overdue?: boolean;
}

/**
 * The visibility query of a hazard listing. `overdue` compares the DueTime search attribute — the
 * instant the hazard turns overdue (workflows/hazard.contract.ts) — with `now`, in whole seconds:
 * DueTime is a whole second, so this agrees with the hazard's detail at every instant.
 */
export function hazardListQuery(scope: HazardListScope, now: Date): string {
  const clauses = [CURRENT_HAZARD_RUNS, jurisdictionAndBelowQuery(scope.jurisdiction)];
  if (scope.unitId) clauses.push(`UnitId = ${literal(scope.unitId)}`);
  if (scope.campaignRunId) clauses.push(`WorkflowId STARTS_WITH ${literal(hazardWorkflowId(scope.campaignRunId, ''))}`);
  if (scope.level) clauses.push(`HazardLevel = ${literal(scope.level)}`);
  if (scope.status) clauses.push(`ItemStatus = ${literal(scope.status)}`);
  if (scope.escalationStage) clauses.push(`EscalationStage = ${literal(scope.escalationStage)}`);
  if (scope.overdue !== undefined) {
    // "DueTime <= now", asked as "DueTime < now + 1 ms" (the same for the whole-second DueTimes the
    // runs set): the dev server's SQLite visibility answers <= at equality as <, a second late.
    const [justAfter, open] = [literal(new Date(now.getTime() + 1).toISOString()), OPEN_HAZARD_STATUSES.map(literal).join(', ')];
    clauses.push(scope.overdue ? `DueTime < ${justAfter} AND ItemStatus IN (${open})` : `(DueTime >= ${justAfter} OR ItemStatus NOT IN (${open}))`);
  }
  return clauses.join(' AND ');
}
