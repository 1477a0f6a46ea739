/**
 * The API's look-ups of one run (a campaign or a hazard), shared by the routes and the hazard read
 * model: describing it (404 when there is none), whether the caller may see it, its search
 * attributes as plain JSON, and its page in the Temporal Web UI.
 */
import { WorkflowNotFoundError, type WorkflowExecutionDescription, type WorkflowHandle } from '@temporalio/client';
import type { TypedSearchAttributes } from '@temporalio/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TemporalSettings } from '../temporal.config';
import { httpError } from './http-error';

export type SearchAttributeValues = Record<string, string | number | boolean | string[]>;

/** Search attributes as plain JSON (datetimes as ISO strings). */
export function searchAttributesOf(attributes: TypedSearchAttributes): SearchAttributeValues {
  return Object.fromEntries(
    attributes.getAll().map(({ key, value }) => [key.name, value instanceof Date ? value.toISOString() : (value as string | number | boolean | string[])]),
  );
}

/** The run's description, or 404 when Temporal has no run of that id. */
export async function describeRun(handle: WorkflowHandle): Promise<WorkflowExecutionDescription> {
  try {
    return await handle.describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw noRun(handle.workflowId);
    throw error;
  }
}

/** What the API answers for a run that does not exist — and for one the caller may not see. */
export const noRun = (workflowId: string): Error => httpError(404, `No run ${workflowId}`);

/**
 * 404, as for a run that does not exist, unless the run lies in the caller's jurisdiction (and,
 * for a unit, is its own). A run without a Jurisdiction attribute is visible to nobody.
 */
export function assertRunVisible(app: FastifyInstance, request: FastifyRequest, workflowId: string, attributes: SearchAttributeValues): void {
  if (!app.mayAccess(request, { jurisdiction: attributes.Jurisdiction, unitId: attributes.UnitId })) throw noRun(workflowId);
}

/** A protobuf timestamp (seconds may be a Long) in milliseconds since the epoch. */
export function timestampMs(timestamp: { seconds?: { toNumber(): number } | number | null; nanos?: number | null } | null | undefined): number | undefined {
  if (!timestamp) return undefined;
  const seconds = typeof timestamp.seconds === 'number' ? timestamp.seconds : (timestamp.seconds?.toNumber() ?? 0);
  return seconds * 1000 + Math.floor((timestamp.nanos ?? 0) / 1_000_000);
}

/** The run's page in the Temporal Web UI, for engineers; a run id names one run of the chain (its history). */
export function webUiUrl(settings: Pick<TemporalSettings, 'webUiUrl' | 'namespace'>, workflowId: string, runId?: string): string {
  const base = `${settings.webUiUrl}/namespaces/${encodeURIComponent(settings.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${runId}/history` : base;
}
