/**
 * Registers the engine's custom search attributes on a Temporal server that lacks them: a
 * production cluster on first start, or the time-skipping test server. The embedded dev server
 * gets them from its start-up flags, so there this finds nothing to add.
 */
import type { OperatorService } from '@temporalio/client';
// A CommonJS package: Node's ESM loader sees only its default export.
import proto from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../temporal.config';

const GRPC_UNIMPLEMENTED = 12;

async function registered(operatorService: OperatorService, namespace: string): Promise<Set<string>> {
  try {
    const existing = await operatorService.listSearchAttributes({ namespace });
    return new Set(Object.keys(existing.customAttributes));
  } catch (error) {
    // The time-skipping test server can add search attributes but not list them.
    if ((error as { code?: number }).code === GRPC_UNIMPLEMENTED) return new Set();
    throw error;
  }
}

/** Adds whichever of the engine's search attributes the namespace lacks; returns their names. */
export async function registerSearchAttributes(operatorService: OperatorService, namespace: string): Promise<string[]> {
  const existing = await registered(operatorService, namespace);
  const missing = Object.entries(SEARCH_ATTRIBUTES).filter(([name]) => !existing.has(name));
  if (missing.length === 0) return [];
  await operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map(([name, type]) => [name, proto.temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${type}`]]),
    ),
  });
  return missing.map(([name]) => name);
}
