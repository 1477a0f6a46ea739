// bin/token.ts as an operator runs it: a separate process whose token the API accepts.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinitionYaml } from './definition-texts';
import { buildOfflineApp, TOKEN_SECRET, type TestApp } from './api-app';

const root = fileURLToPath(new URL('../../', import.meta.url));
const issue = (...args: string[]) => {
  const result = spawnSync('npx', ['tsx', 'bin/token.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, API_TOKEN_SECRET: TOKEN_SECRET } });
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
};

describe('npm run token', { timeout: 30_000 }, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildOfflineApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('prints a token alone, carrying the role, jurisdiction, unit and expiry asked for, that the API accepts', async () => {
    const { code, stdout } = issue('--role', 'unit', '--jurisdiction', 'CN/tianjin/jizhou', '--sub', '张三', '--unit', 'school-7', '--days', '2');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(Buffer.from(stdout.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ sub: '张三', role: 'unit', jurisdiction: 'CN/tianjin/jizhou', unitId: 'school-7' });
    expect(claims.exp - claims.iat).toBe(2 * 86_400);

    const response = await app.inject({
      method: 'POST',
      url: '/definitions/validate',
      headers: { authorization: `Bearer ${stdout}` },
      payload: { text: testDefinitionYaml({ id: 'token-check' }) },
    });
    expect(response.statusCode).toBe(200);
  });

  it('refuses a bad role, jurisdiction or a unit token without its unit, naming the option', () => {
    const bad = issue('--role', 'boss', '--jurisdiction', 'tianjin', '--sub', 'x');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--role');
    expect(bad.stderr).toContain('--jurisdiction');
    expect(bad.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    expect(issue('--role', 'unit', '--jurisdiction', 'CN/tianjin', '--sub', 'x').stderr).toContain('--unit: a unit token must name its unitId');
  });
});
