import { describe, expect, it } from 'vitest';
import { devServerSearchAttributeArgs, SEARCH_ATTRIBUTES, TEMPORAL_DEFAULTS, temporalSettings, WORKFLOW_TYPES } from '../temporal.config';

describe('temporalSettings', () => {
  it('uses the embedded defaults when the environment says nothing', () => {
    expect(temporalSettings({})).toEqual({
      address: TEMPORAL_DEFAULTS.address,
      namespace: 'default',
      taskQueue: 'campaign-engine',
      devServerDbFile: 'data/temporal/dev-server.sqlite',
      devServerUiPort: 8233,
      maxCachedWorkflows: 1000,
      embeddedDevServer: true,
      webUiUrl: 'http://127.0.0.1:8233',
    });
  });

  it("lets every value be overridden with Temporal's own variable names", () => {
    const settings = temporalSettings({
      TEMPORAL_ADDRESS: 'temporal.prod.example:7233',
      TEMPORAL_NAMESPACE: 'safety',
      TEMPORAL_TASK_QUEUE: 'campaigns-tj',
      TEMPORAL_DEV_SERVER_DB_FILE: '/var/lib/engine/t.sqlite',
      TEMPORAL_DEV_SERVER_UI_PORT: '9000',
      TEMPORAL_WEB_UI_URL: 'https://temporal-ui.example',
      TEMPORAL_MAX_CACHED_WORKFLOWS: '2000',
    });
    expect(settings).toMatchObject({
      address: 'temporal.prod.example:7233',
      namespace: 'safety',
      taskQueue: 'campaigns-tj',
      devServerDbFile: '/var/lib/engine/t.sqlite',
      devServerUiPort: 9000,
      webUiUrl: 'https://temporal-ui.example',
      maxCachedWorkflows: 2000,
    });
  });

  it('starts an embedded dev server only for a loopback address, unless switched off', () => {
    expect(temporalSettings({ TEMPORAL_ADDRESS: '127.0.0.1:17233' }).embeddedDevServer).toBe(true);
    expect(temporalSettings({ TEMPORAL_ADDRESS: 'localhost:7233' }).embeddedDevServer).toBe(true);
    expect(temporalSettings({ TEMPORAL_ADDRESS: 'temporal.prod.example:7233' }).embeddedDevServer).toBe(false);
    expect(temporalSettings({ TEMPORAL_DEV_SERVER: 'off' }).embeddedDevServer).toBe(false);
  });

  it.each([
    [{ TEMPORAL_DEV_SERVER_UI_PORT: 'eighty' }, 'TEMPORAL_DEV_SERVER_UI_PORT must be a port number (1–65535), got "eighty"'],
    [{ TEMPORAL_DEV_SERVER_UI_PORT: '70000' }, 'TEMPORAL_DEV_SERVER_UI_PORT must be a port number (1–65535), got "70000"'],
    [{ TEMPORAL_ADDRESS: 'no-port' }, 'TEMPORAL_ADDRESS must look like host:port, got "no-port"'],
    [{ TEMPORAL_DEV_SERVER: 'maybe' }, 'TEMPORAL_DEV_SERVER must be "on" or "off", got "maybe"'],
    [{ TEMPORAL_MAX_CACHED_WORKFLOWS: '-1' }, 'TEMPORAL_MAX_CACHED_WORKFLOWS must be a whole number (0 or more), got "-1"'],
  ])('fails fast on %o', (env, message) => {
    expect(() => temporalSettings(env)).toThrow(message);
  });
});

describe('devServerSearchAttributeArgs', () => {
  it('registers every custom search attribute with the dev server', () => {
    const args = devServerSearchAttributeArgs();
    expect(args.filter((arg) => arg === '--search-attribute')).toHaveLength(Object.keys(SEARCH_ATTRIBUTES).length);
    expect(args).toContain('CampaignId=Keyword');
    expect(args).toContain('DueTime=Datetime');
  });
});

describe('WORKFLOW_TYPES', () => {
  it('names each workflow function the worker registers', async () => {
    const workflows = await import('../workflows');
    expect(Object.values(WORKFLOW_TYPES).sort()).toEqual(Object.keys(workflows).sort());
    for (const type of Object.values(WORKFLOW_TYPES)) expect(workflows[type].name).toBe(type);
  });
});
