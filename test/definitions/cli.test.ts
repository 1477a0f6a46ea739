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

  it('plan: the unit tree with sectors, collected steps, and each event type with its time limit', () => {
    const tree = run('plan', 'definitions/campaigns/005-gongshu-fire-safety.yaml');
    expect(tree.code).toBe(0);
    expect(tree.stdout).toContain('  daguan-care-home  拱墅区人民政府 → 米市巷街道 → 大关社区 → 大关敬老院  [养老机构，主管部门 区民政局]');
    expect(tree.stdout).toContain('督促提醒（+1 工作日） → 约谈（+3 工作日） → 约谈（+5 工作日，按行业集中）');
    const events = run('plan', 'definitions/campaigns/004-linzi-hundred-days.yaml');
    expect(events.stdout).toContain('  major-accident  较大以上生产安全事故：事故情况书面报告，事件发生后2小时内完成；逾期阶梯 accident-unreported');
  });

  it('validate: a valid campaign with a deadline in 2027 passes (exit 0) and prints the located warning', () => {
    const { code, stdout, stderr } = run('validate', 'definitions/campaigns/003-jizhou-root-cause.yaml');
    expect(code).toBe(0);
    expect(stderr).not.toContain('003-jizhou');
    expect(stdout).toContain('✓ definitions/campaigns/003-jizhou-root-cause.yaml  天津市蓟州区安全生产治本攻坚三年行动（2024—2026年）（jizhou-2024-root-cause v1），1 个警告');
    expect(stdout).toContain(
      'definitions/campaigns/003-jizhou-root-cause.yaml:121:12  duties[2].cadence.due  警告：“治本攻坚三年行动自评报告”的截止日期 2027-01-22 在 2027 年，该年还没有国务院公布的节假日安排，这些日期是按周一至周五和固定日期的法定节日推算的，通知公布后可能变化。  [deadline-in-missing-year]',
    );
  });

  it('validate: official calendar files, and a definition saved as GBK', () => {
    const calendars = run('validate', 'definitions/calendars/2026.yaml', 'definitions/calendars/2019.yaml');
    expect(calendars.code).toBe(0);
    expect(calendars.stdout).toContain('✓ definitions/calendars/2026.yaml  年度节假日安排');
    const gbk = run('validate', 'test/definitions/fixtures/gbk.yaml');
    expect(gbk.code).toBe(1);
    expect(gbk.stderr).toContain('test/definitions/fixtures/gbk.yaml:4:14  (整个文件)  文件不是 UTF-8 编码，看起来是 GBK/GB18030（中文 Windows 的默认编码），中文会变成乱码，文件没有读取。请用编辑器“另存为”UTF-8 编码（如记事本：另存为 → 编码选 UTF-8）后重新提交。  [not-utf8]');
  });

  it('plan: warnings first, dates in a year without an official calendar marked, each rung of each ladder on its date', () => {
    const { code, stdout } = run('plan', 'definitions/campaigns/003-jizhou-root-cause.yaml');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[2]).toBe('警告（1）：');
    expect(lines[3]).toContain('duties[2].cadence.due  警告：“治本攻坚三年行动自评报告”的截止日期 2027-01-22 在 2027 年');
    expect(stdout).toMatch(/^2027-01-22\*\s+职责截止\s+治本攻坚三年行动自评报告（一次性）截止\s+self-assessment:once$/m);
    expect(stdout).toContain('* 该年尚无国务院公布的节假日安排，日期按周一至周五和固定日期的法定节日推算，公布后可能变化。');
    // Due Monday 2024-09-30: reminder 3 working days before, 通报 the first working day after National Day, 约谈 10 working days after.
    expect(stdout).toMatch(/^2024-09-30\s+quarterly-report:2024-Q3\s+督促提醒 2024-09-26 → 通报 2024-10-08 → 约谈 2024-10-18$/m);
    expect(stdout).toMatch(/^2026-12-31\s+quarterly-report:2026-Q4\s+督促提醒 2026-12-28 → 通报 2027-01-04\* → 约谈 2027-01-15\*$/m);
  });

  it('plan: a due date moved by 顺延 shows the moved date and the written one', () => {
    const { code, stdout } = run('plan', 'test/definitions/fixtures/roll-forward.yaml');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^2024-10-08\s+职责截止\s+季度报告（2024年第3季度）截止（原定 2024-10-01，遇节假日顺延）\s+quarterly-report:2024-Q3$/m);
    // Rungs count from the moved date; Saturday 2024-10-12 is a 调休 working day.
    expect(stdout).toMatch(/^2024-10-08\s+quarterly-report:2024-Q3\s+督促提醒 2024-10-09 → 约谈 2024-10-14$/m);
  });

  it('diagram: one concurrent region per phase, dated transitions, and a Gantt chart', () => {
    const { code, stdout } = run('diagram', 'definitions/campaigns/003-jizhou-root-cause.yaml');
    expect(code).toBe(0);
    expect(stdout).toContain('stateDiagram-v2');
    // 003's 动员部署 (3月—4月) and 夯实基础 (4月—12月) are both 进行中 in April.
    expect(stdout).toContain('      phase_foundation_upcoming --> phase_foundation_current: 2024-04-01');
    expect(stdout).toContain('      phase_mobilisation_current --> phase_mobilisation_done: 2024-05-01');
    expect(stdout).toContain('      campaign_running --> campaign_completed: 2027-01-01');
    expect(stdout).toContain('    --\n');
    expect(stdout).toContain('gantt');
    expect(stdout).toContain('  夯实基础阶段 :foundation, 2024-04-01, 2025-01-01');
  });

  it('plan --diff and --path: a child found through the search path, what it changes, weekly due times and activity windows', () => {
    const child = 'test/definitions/fixtures/search-path/children/town-plan.yaml';
    const missing = run('plan', child);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到 extends 指定的上级方案“county-plan”。已查找：同一目录 test/definitions/fixtures/search-path/children。');
    const { code, stdout } = run('plan', '--diff', '--path', 'test/definitions/fixtures/search-path/parents', child);
    expect(code).toBe(0);
    expect(stdout).toContain('继承上级方案：县级方案（county-plan v1）');
    expect(stdout).toContain('  修改  duties[quarterly-report].cadence.due.day  10 → 5');
    const feed = run('plan', 'definitions/campaigns/006-feed-safety-spring.yaml').stdout;
    expect(feed).toMatch(/2026-02-24 12:00 +职责截止 +每周执法检查情况汇总（2026年第7周（2月9日—2月15日））截止（原定 2026-02-16，遇节假日顺延）/);
    expect(feed).toMatch(/2026-01-26 +活动开始 +春节前饲料市场集中检查 开始/);
  });

  it('prints usage and exits 2 for an unknown command', () => {
    const { code, stderr } = run('publish');
    expect(code).toBe(2);
    expect(stderr).toContain('用法 / usage');
  });
});
