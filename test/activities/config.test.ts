import { describe, expect, it } from 'vitest';
import { activityDependenciesFromEnv, parseActivityConfig } from '../../activities';
import type { Store } from '../../store';

/** The activities only hand the store on; these tests never reach it. */
const store = { records: {}, projection: {}, collectedActions: {} } as Pick<Store, 'records' | 'projection' | 'collectedActions'>;

describe('activity configuration', () => {
  it('defaults to the log channel', () => {
    expect(parseActivityConfig({})).toEqual({});
    expect(parseActivityConfig({ ESCALATION_WEBHOOK_URL: '  ' })).toEqual({});
  });

  it('takes a webhook URL', () => {
    expect(parseActivityConfig({ ESCALATION_WEBHOOK_URL: 'https://notify.example.gov.cn/escalations' })).toEqual({
      webhookUrl: 'https://notify.example.gov.cn/escalations',
    });
  });

  it('fails fast on a webhook URL that is not http(s)', () => {
    expect(() => parseActivityConfig({ ESCALATION_WEBHOOK_URL: 'notify.example.gov.cn' })).toThrow(
      'activity configuration: ESCALATION_WEBHOOK_URL: ESCALATION_WEBHOOK_URL must be an http(s) URL',
    );
    expect(() => parseActivityConfig({ ESCALATION_WEBHOOK_URL: 'ftp://example.gov.cn/x' })).toThrow('must be an http(s) URL');
  });

  it('builds the channel the environment names and says so in the start-up log', () => {
    const lines: unknown[] = [];
    const logger = { info: (...args: unknown[]) => void lines.push(args) };
    expect(activityDependenciesFromEnv({}, store, logger).channel.name).toBe('log');
    expect(activityDependenciesFromEnv({ ESCALATION_WEBHOOK_URL: 'http://127.0.0.1:8080/hook' }, store, logger).channel.name).toBe('webhook');
    expect(lines).toEqual([
      [{ channel: 'log', webhookUrl: undefined }, 'escalation activities configured'],
      [{ channel: 'webhook', webhookUrl: 'http://127.0.0.1:8080/hook' }, 'escalation activities configured'],
    ]);
  });
});
