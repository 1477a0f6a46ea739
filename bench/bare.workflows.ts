/**
 * Temporal's own floor for the shape of a hazard run (bench/ceiling.bench.ts): one timer, one
 * activity, nothing else — no xstate, no calendar, no projection. Bundled on its own (a worker of
 * its own in bench/worker.process.ts), so the ratio to it measures what the engine adds.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';

export interface BareActivities {
  bareStep(id: string): Promise<string>;
}

const { bareStep } = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });

export async function bareWorkflow(id: string, timerMs: number): Promise<string> {
  await sleep(timerMs);
  return bareStep(id);
}
