/**
 * The engine's workflow bundle stays lean: every cached run evaluates its modules again, so zod
 * (and every schema object built with it) must not be in it, and xstate comes in its production build.
 * And it reads no official calendar: a run counts on the calendar it carries, so publishing a new
 * year (or upgrading a holiday package) cannot change a running campaign or its replay. The one
 * table in it is the frozen one runs of engine 0.1 were computed on.
 */
import { describe, expect, it } from 'vitest';
import { bundleComposition } from '../helpers/bundle-modules';
import { engineBundle } from '../helpers/engine-worker';

describe('the workflow bundle', () => {
  it('contains no zod and no development builds', async () => {
    const { modules, byPackage } = bundleComposition((await engineBundle()).code);
    expect(modules.length).toBeGreaterThan(20);
    expect(byPackage.map((p) => p.name)).toContain('xstate');
    expect(modules.filter((id) => /node_modules\/zod\//.test(id))).toEqual([]);
    expect(modules.filter((id) => /\.development\./.test(id))).toEqual([]);
  }, 60_000);

  it('reads no official calendar but the frozen table of engine 0.1 runs', async () => {
    const { modules } = bundleComposition((await engineBundle()).code);
    expect(modules.filter((id) => /chinese-days|definitions\/calendars\/|\.yaml$/.test(id))).toEqual([]);
    expect(modules.filter((id) => /calendar.*\.json$/.test(id))).toEqual(['./definitions/legacy-calendar.json']);
  }, 60_000);
});
