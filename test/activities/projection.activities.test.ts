/** The projection activities in a real activity context, writing to a real database. */
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, createLogChannel, type HazardSnapshot } from '../../activities';
import { repositoryOfficialCalendar } from '../../definitions/load';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { campaign, hazard, RUN } from '../store/fixtures';

let database: TestDatabase;
let activities: ReturnType<typeof createActivities>;
beforeAll(async () => {
  database = await createTestDatabase();
  activities = createActivities({ channel: createLogChannel(), records: database.store.records, collectedActions: database.store.collectedActions, projection: database.store.projection, officialCalendar: repositoryOfficialCalendar() });
});
afterAll(() => database?.drop());

const inActivity = <T>(name: string, run: () => Promise<T>): Promise<T> =>
  new MockActivityEnvironment({ activityType: name }, { logger: new DefaultLogger('WARN') }).run(run);

describe('projection activities', () => {
  it('projectHazard writes the snapshot; a retry and an older revision change nothing', async () => {
    const snapshot: HazardSnapshot = hazard('A-001', { revision: 7, escalationStage: 'notice' });
    expect(await inActivity('projectHazard', () => activities.projectHazard(snapshot))).toEqual({ applied: true });
    expect(await inActivity('projectHazard', () => activities.projectHazard(snapshot))).toEqual({ applied: true });
    expect(await inActivity('projectHazard', () => activities.projectHazard({ ...snapshot, revision: 6, escalationStage: null }))).toEqual({ applied: false });

    const rows = await database.store.db.selectFrom('hazards').select(['revision', 'escalation_stage']).execute();
    expect(rows).toEqual([{ revision: 7, escalation_stage: 'notice' }]);
  });

  it('projectCampaign writes the run the statistics group by', async () => {
    expect(await inActivity('projectCampaign', () => activities.projectCampaign(campaign()))).toEqual({ applied: true });
    expect(await database.store.db.selectFrom('campaign_runs').select('campaign_run_id').execute()).toEqual([{ campaign_run_id: RUN }]);
  });
});
