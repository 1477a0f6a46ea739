/**
 * Which rules a run follows. Runs started by engine 0.1 keep its rules for as long as they live
 * (their histories must replay, and a running campaign's deadlines must not move under it); runs
 * started since follow 0.2's: the calendar they carry, no back-dated escalation, phases that may
 * overlap. Decided once when a run starts (a `patched()` marker in its history) and carried over
 * continue-as-new, so a run never changes rules half-way.
 *
 * When no run of generation 1 remains, `deprecatePatch()` the marker and remove its branches.
 */
import { patched } from '@temporalio/workflow';

export type EngineGeneration = 1 | 2;

const GENERATION_2_PATCH = 'engine-0.2';

export function engineGeneration(carriedOver: { generation?: EngineGeneration } | undefined): EngineGeneration {
  if (carriedOver) return carriedOver.generation ?? 1;
  return patched(GENERATION_2_PATCH) ? 2 : 1;
}
