// The CLI as a clerk runs it: a separate process, exit codes and what is printed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = (...args: string[]) => {
  const result = spawnSync('npx', ['tsx', 'bin/campaign.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('campaign CLI', { timeout: 30_000 }, () => {
  it('validate: lists every problem with file:line:column and exits 1, without a stack trace', () => {
    const { code, stdout, stderr } = run('validate', 'test/definitions/fixtures/broken.yaml', 'definitions/campaigns/003-jizhou-root-cause.yaml');
    expect(code).toBe(1);
    expect(stdout).toContain('✓ definitions/campaigns/003-jizhou-root-cause.yaml');
    expect(stderr).toContain('✗ test/definitions/fixtures/broken.yaml：发现 2 个问题');
    expect(stderr).toContain('test/definitions/fixtures/broken.yaml:14:32  phases[0].end.month  月份应写成 YYYY-MM，例如 2024-03  [invalid-format]');
    expect(stderr).toContain('test/definitions/fixtures/broken.yaml:18:55  hazardPolicy.levels.ordinary.deadline.kind  “kind”的取值 "sometime" 无效，可选：immediate、within、end-of-year、by。  [invalid-kind]');
    expect(stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  });

  it('validate: a missing file is one sentence', () => {
    const { code, stderr } = run('validate', 'nowhere.yaml');
    expect(code).toBe(1);
    expect(stderr).toContain('nowhere.yaml  (整个文件)  无法读取文件：文件不存在。  [file-unreadable]');
  });

  it('plan: prints the timeline as a table', () => {
    const { code, stdout } = run('plan', 'definitions/campaigns/000-tianjin-technical-schools.yaml');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^日期\s+类型\s+事项\s+编号$/m);
    expect(stdout).toMatch(/^2020-10-10\s+职责截止\s+报送上季度工作动态信息（2020年第3季度）截止\s+quarterly-report:2020-Q3$/m);
    expect(stdout).toMatch(/^2021-01-01\s+阶段开始\s+集中攻坚 开始\s+tackling$/m);
    expect(stdout).toContain('  overdue-hazard  隐患逾期未整改督促：通报（+1 工作日） → 约谈（+10 工作日） → 警示（+15 工作日） → 曝光（+20 工作日） → 追责问责（+30 工作日）');
  });

  it('diagram: prints a Mermaid state diagram and a Gantt chart of the phases', () => {
    const { code, stdout } = run('diagram', 'definitions/campaigns/003-jizhou-root-cause.yaml');
    expect(code).toBe(0);
    expect(stdout).toContain('stateDiagram-v2');
    expect(stdout).toContain('  mobilisation --> foundation: 2024-05-01');
    expect(stdout).toContain('  consolidation --> completed: 2027-01-01');
    expect(stdout).toContain('gantt');
    expect(stdout).toContain('  夯实基础阶段 :foundation, 2024-04-01, 2025-01-01');
  });

  it('prints usage and exits 2 for an unknown command', () => {
    const { code, stderr } = run('publish');
    expect(code).toBe(2);
    expect(stderr).toContain('用法 / usage');
  });
});
