import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { obtainDevServer, obtainTestServer } from '../../scripts/temporal-servers';

const quiet = (): void => {};
const emptyCache = (): string => mkdtempSync(join(tmpdir(), 'engine-cache-'));

describe('obtaining the Temporal servers', () => {
  it('prefers an explicit TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH', () => {
    const dir = emptyCache();
    const binary = join(dir, 'my-temporal');
    writeFileSync(binary, '#!/bin/sh\n');
    chmodSync(binary, 0o755);
    const env = { PATH: '', XDG_CACHE_HOME: dir, TEMPORAL_CLI_PATH: binary, TEMPORAL_TEST_SERVER_PATH: binary };
    expect(obtainDevServer(quiet, env)).toEqual({ type: 'existing-path', path: binary });
    expect(obtainTestServer(quiet, env)).toEqual({ type: 'existing-path', path: binary });
  });

  it('says which variable points nowhere', () => {
    const env = { PATH: '', XDG_CACHE_HOME: emptyCache(), TEMPORAL_CLI_PATH: '/nonexistent/temporal' };
    expect(() => obtainDevServer(quiet, env)).toThrow('TEMPORAL_CLI_PATH is set to "/nonexistent/temporal", but no file is there.');
  });

  it('finds temporal on PATH before building anything', () => {
    const dir = emptyCache();
    writeFileSync(join(dir, 'temporal'), '#!/bin/sh\n');
    expect(obtainDevServer(quiet, { PATH: dir, XDG_CACHE_HOME: emptyCache() })).toEqual({ type: 'existing-path', path: join(dir, 'temporal') });
  });

  it("falls back to the SDK's download, and says so, when neither Go nor Java can build a server", () => {
    const messages: string[] = [];
    const env = { PATH: '', XDG_CACHE_HOME: emptyCache() };
    expect(obtainDevServer((m) => messages.push(m), env)).toEqual({ type: 'cached-download' });
    expect(obtainTestServer((m) => messages.push(m), env)).toEqual({ type: 'cached-download' });
    expect(messages).toEqual([
      'Go is not installed, so the Temporal CLI cannot be built here; the SDK will try to download it.',
      'java or mvn is missing, so the time-skipping server cannot be assembled here; the SDK will try to download it.',
    ]);
  });
});
