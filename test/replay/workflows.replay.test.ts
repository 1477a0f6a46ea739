/** Replays every committed history against today's workflow code: a non-deterministic change fails here. */
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engineBundle } from '../helpers/engine-worker';
import { historiesDir } from '../helpers/histories';

const files = readdirSync(historiesDir).filter((name) => name.endsWith('.json'));

describe('replaying committed workflow histories', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(new URL(file, historiesDir), 'utf8')));
    await expect(Worker.runReplayHistory({ workflowBundle: await engineBundle() }, history, file)).resolves.toBeUndefined();
  });
});
