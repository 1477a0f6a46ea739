/**
 * Committed workflow histories, replayed in CI so that a change to workflow code that would break
 * running campaigns (non-determinism) fails the build. `RECORD_HISTORIES=1 npm test` rewrites them
 * from the workflow tests' runs; do that only on purpose, when a change is meant to be incompatible
 * (and then guard the old path with patched(), and keep the old histories under another name, as
 * `*.before-view-in-memo.json` are kept, so that runs started before the change still replay).
 */
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { WorkflowHandle } from '@temporalio/client';
import { writeFileSync } from 'node:fs';

export const historiesDir = new URL('../replay/histories/', import.meta.url);

export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await handle.fetchHistory();
  writeFileSync(new URL(`${name}.json`, historiesDir), historyToJSON(history));
}
