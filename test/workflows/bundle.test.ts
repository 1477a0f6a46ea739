/**
 * The engine's workflow bundle stays lean: every cached run evaluates its modules again, so zod
 * (and every schema object built with it) must not be in it, and xstate comes in its production build.
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
});
