import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activityDependenciesFromEnv, parseActivityConfig } from '../../activities';

describe('activity configuration', () => {
  it('defaults to the log channel and data/records under the working directory', () => {
    expect(parseActivityConfig({}, '/srv/engine')).toEqual({ recordsDir: '/srv/engine/data/records' });
    expect(parseActivityConfig({ ESCALATION_WEBHOOK_URL: '  ', RECORDS_DIR: '' }, '/srv/engine')).toEqual({ recordsDir: '/srv/engine/data/records' });
  });

  it('takes a webhook URL and a records folder', () => {
    expect(parseActivityConfig({ ESCALATION_WEBHOOK_URL: 'https://notify.example.gov.cn/escalations', RECORDS_DIR: '/var/lib/engine/records' })).toEqual({
      webhookUrl: 'https://notify.example.gov.cn/escalations',
      recordsDir: '/var/lib/engine/records',
    });
  });

  it('fails fast on a webhook URL that is not http(s)', () => {
    expect(() => parseActivityConfig({ ESCALATION_WEBHOOK_URL: 'notify.example.gov.cn' })).toThrow(
      'activity configuration: ESCALATION_WEBHOOK_URL: ESCALATION_WEBHOOK_URL must be an http(s) URL',
    );
    expect(() => parseActivityConfig({ ESCALATION_WEBHOOK_URL: 'ftp://example.gov.cn/x' })).toThrow('must be an http(s) URL');
  });

  it('builds the channel the environment names and says so in the start-up log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'activity-config-'));
    try {
      const lines: unknown[] = [];
      const logger = { info: (...args: unknown[]) => void lines.push(args) };
      expect(activityDependenciesFromEnv({ RECORDS_DIR: dir }, logger).channel.name).toBe('log');
      expect(activityDependenciesFromEnv({ RECORDS_DIR: dir, ESCALATION_WEBHOOK_URL: 'http://127.0.0.1:8080/hook' }, logger).channel.name).toBe('webhook');
      expect(lines).toEqual([
        [{ channel: 'log', webhookUrl: undefined, recordsDir: resolve(dir) }, 'escalation activities configured'],
        [{ channel: 'webhook', webhookUrl: 'http://127.0.0.1:8080/hook', recordsDir: resolve(dir) }, 'escalation activities configured'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
