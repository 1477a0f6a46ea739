/**
 * Global setup of the `temporal` test project: obtains both real Temporal servers once (building
 * or assembling them on a fresh machine) and hands their paths to the test files. A server that
 * cannot be obtained fails the run with the reason; no test is skipped silently.
 */
import type { TestProject } from 'vitest/node';
import { obtainDevServer, obtainTestServer, type ServerExecutable } from '../../scripts/temporal-servers';

declare module 'vitest' {
  export interface ProvidedContext {
    devServerExecutable: ServerExecutable;
    testServerExecutable: ServerExecutable;
  }
}

export default function setup(project: TestProject): void {
  project.provide('devServerExecutable', obtainDevServer());
  project.provide('testServerExecutable', obtainTestServer());
}
