/**
 * The console's files at /console: hashed assets cached for good (and sent compressed), index.html
 * revalidated, any other page path answered with index.html for the console's router, a missing
 * asset a 404, and a clear 503 when the console was never built.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOfflineApp, type TestApp } from './api-app';

const INDEX = '<!doctype html><html lang="zh-CN"><body><div id="app"></div><script type="module" src="/console/assets/index-abc123.js"></script></body></html>';
const SCRIPT = `console.log(${JSON.stringify('控制台'.repeat(400))});`;

describe('the console at /console', () => {
  let app: TestApp;
  let unbuilt: TestApp;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets/index-abc123.js'), SCRIPT);
    writeFileSync(join(dir, 'assets/index-abc123.js.gz'), gzipSync(SCRIPT));
    app = await buildOfflineApp({ consoleDir: dir });
    unbuilt = await buildOfflineApp({ consoleDir: join(dir, 'nothing-here') });
  });
  afterAll(async () => {
    await app?.close();
    await unbuilt?.close();
  });

  it('sends /console to /console/, where index.html is revalidated on every load', async () => {
    const bare = await app.inject({ method: 'GET', url: '/console' });
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/console/');
    const index = await app.inject({ method: 'GET', url: '/console/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body).toBe(INDEX);
  });

  it('answers a page the console routes in the browser with index.html', async () => {
    for (const url of ['/console/campaigns', `/console/hazards/${encodeURIComponent('hazard:x@CN.test:H-1')}`, '/console/definitions/x/versions/2?tab=plan']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toBe(INDEX);
    }
  });

  it('caches hashed assets for a year and sends the compressed copy to a browser that accepts it', async () => {
    const plain = await app.inject({ method: 'GET', url: '/console/assets/index-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toBe(SCRIPT);
    const gzipped = await app.inject({ method: 'GET', url: '/console/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(Number(gzipped.headers['content-length'])).toBeLessThan(SCRIPT.length / 10);
  });

  it('answers a missing asset with a 404 problem, not with the page', async () => {
    const response = await app.inject({ method: 'GET', url: '/console/assets/index-gone.js' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('says how to build the console when it was not built', async () => {
    for (const url of ['/console', '/console/', '/console/campaigns']) {
      const response = await unbuilt.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().title).toContain('控制台尚未构建');
      expect(response.json().detail).toContain('scripts/install.sh');
    }
  });
});
