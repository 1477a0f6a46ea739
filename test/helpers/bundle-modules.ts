/**
 * What the engine's workflow bundle is made of: the bytes of code each package (or folder of the
 * project) contributes, read from webpack's module markers. Used by the bundle test and the
 * scale benchmark.
 */
export interface BundleComposition {
  /** Bytes of code without the inline source map. */
  codeBytes: number;
  /** Module ids as webpack names them, e.g. `./node_modules/xstate/dist/xstate.esm.js`. */
  modules: string[];
  /** Bytes per package (`xstate`, `@temporalio/workflow`) or project folder (`./workflows`), largest first. */
  byPackage: Array<{ name: string; bytes: number }>;
}

function packageOf(moduleId: string): string {
  const [, inside] = moduleId.split(/node_modules\//).slice(-2);
  if (inside === undefined) return moduleId.split('/').slice(0, 2).join('/');
  return inside.split('/').slice(0, inside.startsWith('@') ? 2 : 1).join('/');
}

export function bundleComposition(bundleCode: string): BundleComposition {
  const code = bundleCode.replace(/\/\/# sourceMappingURL=.*$/m, '');
  const markers = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"$/gm)].map((m) => ({ id: m[1]!, at: m.index }));
  const sizes = new Map<string, number>();
  markers.forEach((marker, i) => {
    const name = packageOf(marker.id);
    sizes.set(name, (sizes.get(name) ?? 0) + (markers[i + 1]?.at ?? code.length) - marker.at);
  });
  return {
    codeBytes: code.length,
    modules: markers.map((m) => m.id),
    byPackage: [...sizes].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
  };
}
