/**
 * The collector of one collected action (one 通报 listing every unit that missed the same deadline,
 * one 集中约谈, one 曝光 list): started by the first item that joins it, it waits for the instant
 * and for the joins to settle, then has one document compiled and delivered for every record
 * waiting, and a supplement for any that join while it runs. It closes when none waits; a later
 * join reopens the action with a new collector (activities/collected-actions.activities.ts).
 *
 * The items' runs decided on their own that their step was due (and logged it), each on its own
 * history: the collector never decides who is named, it only gathers. Time is Temporal's.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { CollectedActionActivities, CollectedActionInput } from '../activities/collected-actions.types';
import { COLLECTED_ACTION_ACTIVITY_OPTIONS } from '../temporal.config';
import { createCampaignClock } from './campaign-clock';

/**
 * Items reach a clustered instant over the following seconds (each run's timer and task in turn);
 * the first document is compiled no sooner than this after the instant, and only once the count
 * of waiting records has stopped growing for `SETTLED_AFTER_MS`, so one document names them all.
 */
export const COMPILE_AFTER_MS = 10_000;
export const SETTLED_AFTER_MS = 5_000;

const activities = proxyActivities<CollectedActionActivities>(COLLECTED_ACTION_ACTIVITY_OPTIONS);

/** Returns once the number of records waiting for a document is the same twice `SETTLED_AFTER_MS` apart. */
async function untilJoinsSettle(key: string): Promise<void> {
  for (let seen = -1; ; ) {
    const waiting = await activities.collectedRecordsAwaiting({ key });
    if (waiting === seen) return;
    seen = waiting;
    await sleep(SETTLED_AFTER_MS);
  }
}

export async function collectedActionWorkflow(input: CollectedActionInput): Promise<{ documents: number; units: number }> {
  const { key, generation } = input;
  const clock = createCampaignClock({ carriedOffsetMs: input.clockOffsetMs });
  await sleep(clock.until(input.plannedAt) + COMPILE_AFTER_MS);
  let documents = 0;
  let units = 0;
  for (;;) {
    await untilJoinsSettle(key);
    const published = await activities.publishCollectedDocument({ key, generation, sequence: documents + 1 });
    if (published) {
      documents += 1;
      units += published.units;
    } else if (await activities.closeCollectedAction({ key, generation })) {
      return { documents, units };
    }
  }
}
