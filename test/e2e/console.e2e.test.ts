/**
 * The console as its people use it, in a real Chromium, against the API on a real Temporal dev
 * server with the engine's worker, each person in their own browser and under the API's CSP:
 *
 * - an author writes a campaign with a mistake, sees it at its line, is refused on publishing,
 *   fixes it, sees its plan and diagram, and publishes it;
 * - an operator starts it and sees its phases (a chart) and its units' duties;
 * - a unit sees what it owes, submits its report, and registers a hazard whose time limit has passed;
 * - the operator finds it among the overdue, watches the 通报 (and the 曝光) appear on their own;
 * - the unit rectifies it with evidence, the operator verifies it and it is closed (销号), and
 *   confirms the campaign's milestone;
 * - the operator sees the hazard's ladder on its dates, the campaign's trend, a ledger refused
 *   with its rows at fault, the per-unit statistics with 整改率, and downloads them as Excel;
 * - a unit is not offered what operators do (migration, ledger import, calendar, withdrawal);
 *   the operator withdraws the exposed item from the public list;
 * - a second version is published; the operator reads its differences, then migrates the run;
 * - another unit sees none of it; the public exposure page shows the exposed item.
 *
 * Assertions are on what a person sees: text, rows, a chart on the page. Screenshots go to
 * data/screenshots/ (and to $CONSOLE_SCREENSHOTS, for the README's, when set).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Principal } from '../../server/auth/principal.schema';
import { builtConsoleDir, launchChromium, openBrowserFor, screenshot, signIn, type Person } from '../helpers/browser';
import { testDefinition } from '../server/definition-texts';
import { people, SHORT_LADDER_YAML, startApiEnvironment, type ApiEnvironment } from '../server/hazards.routes.fixture';

const TITLE = '控制台测试专项整治行动';
const HAZARD_ID = 'CE-2025-001';
const HAZARD = '锅炉房安全阀未校验';

/**
 * The fixture district's campaign, dated around today (this month's report open, last month's due
 * before the run took the campaign over, a milestone in ten days), with the short hazard ladder:
 * a hazard registered past its time limit gets its 通报 and 曝光 on the day, from midnight.
 */
function campaignYaml(version = 1): string {
  const definition = { ...testDefinition({ id: 'console-e2e', version, jurisdiction: 'CN/test/district', title: TITLE }), escalationTime: '00:00' };
  const shortLadder = (parse(SHORT_LADDER_YAML) as { escalationLadders: Record<string, unknown> }).escalationLadders['overdue-hazard'];
  definition.escalationLadders = { ...definition.escalationLadders, 'overdue-hazard': shortLadder } as typeof definition.escalationLadders;
  definition.hazardPolicy.levels.major = { ...definition.hazardPolicy.levels.major, listedSupervision: false, ladder: 'overdue-hazard' };
  definition.organisation.units = definition.organisation.units.map((unit) => ({ ...unit, name: unit.id === 'school-7' ? '第七中学' : unit.id === 'school-8' ? '第八中学' : unit.name }));
  return stringify(definition);
}

/** Waits until `target` shows, pressing the page's 刷新 between looks (lists read an eventually consistent index). */
async function eventuallyShown(page: Page, target: Locator, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await target.first().waitFor({ state: 'visible', timeout: 2_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.getByRole('button', { name: '刷新' }).click();
    }
  }
}

/** Chooses an option of an Element Plus select, opened by clicking the box that shows `shown` now. */
async function choose(page: Page, shown: string, option: string | RegExp): Promise<void> {
  await page.locator('.el-select__wrapper', { hasText: shown }).last().click();
  await page.getByRole('option', { name: option }).first().click();
}

/** Replaces the editor's whole text, as an author pasting a file does. */
async function pasteIntoEditor(page: Page, text: string): Promise<void> {
  await page.locator('[data-test=yaml-editor] [contenteditable=true]').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

describe('the console in a real browser', () => {
  let api: ApiEnvironment;
  let browser: Browser;
  let base = '';
  const persons: Person[] = [];
  const token = (principal: Principal): string => api.auth(principal).authorization.replace(/^Bearer /, '');
  const personAt = async (principal?: Principal): Promise<Page> => {
    const person = await openBrowserFor(browser);
    persons.push(person);
    if (principal) await signIn(person.page, base, token(principal));
    return person.page;
  };

  beforeAll(async () => {
    api = await startApiEnvironment('console-e2e', { consoleDir: builtConsoleDir() });
    base = await api.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.teardown();
  });

  it('author, operator and units through a campaign, a hazard and the public exposure page', async () => {
    const yaml = campaignYaml();
    const lines = yaml.split('\n');

    // The author: a mistake is shown at its line, publishing is refused, the fixed text is published.
    const author = await personAt(people.author);
    await author.getByText('方案发布').first().waitFor();
    await author.getByRole('button', { name: '编写新方案' }).click();
    const mistakeLine = lines.findIndex((line) => line.includes('ladder: overdue-hazard')) + 1;
    const broken = lines.map((line, index) => (index === mistakeLine - 1 ? line.replace('overdue-hazard', 'overdue-hazrd') : line)).join('\n');
    await pasteIntoEditor(author, broken);
    const issue = author.locator('[data-test=issues] li', { hasText: 'overdue-hazrd' });
    await issue.waitFor({ timeout: 15_000 });
    expect(await issue.innerText()).toContain(`第 ${mistakeLine} 行`);
    expect(await author.getByText('1 处问题').count()).toBe(1);
    await issue.getByText(`第 ${mistakeLine} 行`).click();
    await screenshot(author, 'definition-error');
    await author.getByRole('button', { name: '发布' }).click();
    await author.getByText('未发布：方案有 1 处问题').waitFor();

    await pasteIntoEditor(author, yaml);
    // Valid; a 提示 may remain (a year of its span without an official holiday calendar yet).
    await author.getByText(/^校验通过/).waitFor({ timeout: 15_000 });
    await author.getByRole('tab', { name: '甘特图' }).click();
    await author.locator('[aria-label=甘特图] svg').waitFor({ timeout: 30_000 });
    await screenshot(author, 'definition-editor');
    await author.getByRole('button', { name: '发布' }).click();
    await author.waitForURL('**/definitions/console-e2e/versions/1');
    await author.getByText(`${TITLE}（第1版）`).first().waitFor();
    // Authors run no campaigns: the menu does not offer them.
    expect(await author.getByRole('menuitem', { name: '专项行动' }).count()).toBe(0);

    // The operator starts it and sees its phases and its units' duties: this month's open, last month's due before the run began.
    const operator = await personAt(people.operator);
    await operator.getByRole('button', { name: '启动行动' }).click();
    await choose(operator, '选择已发布的方案', new RegExp(TITLE));
    await operator.getByRole('button', { name: '启动', exact: true }).click();
    await operator.waitForURL('**/campaigns/console-e2e@CN.test.district');
    await operator.getByText(TITLE).first().waitFor({ timeout: 15_000 });
    expect(await operator.locator('[aria-label=阶段甘特图] canvas').count()).toBeGreaterThan(0);
    await operator.getByRole('tab', { name: /报送矩阵/ }).click();
    const matrix = operator.locator('[data-test=duty-matrix]');
    await eventuallyShown(operator, matrix.getByText('待报送'));
    expect(await matrix.innerText()).toContain('启用前到期');
    expect(await matrix.innerText()).toMatch(/第七中学[\s\S]*第八中学|第八中学[\s\S]*第七中学/);
    await screenshot(operator, 'campaign-duties');

    // The unit sees what it owes, submits this month's report, and registers an overdue hazard.
    const school7 = await personAt(people.school7);
    await school7.waitForURL('**/duties');
    const duties = school7.locator('[data-test=my-duties]');
    await duties.getByText('待报送').first().waitFor({ timeout: 15_000 });
    await screenshot(school7, 'my-duties');
    const owedBefore = await duties.locator('tbody tr').count();
    await duties.locator('tbody tr', { hasText: '待报送' }).first().getByRole('button', { name: '报送' }).click();
    await school7.getByPlaceholder('如：已报送纸质件并发送电子件').fill('已报送纸质件，电子件已发邮箱');
    await school7.getByRole('button', { name: '确认报送' }).click();
    await school7.getByText('已报送：月度报告').waitFor();
    await expect.poll(() => duties.locator('tbody tr').count()).toBe(owedBefore - 1);

    await school7.getByRole('menuitem', { name: '隐患台账' }).click();
    await school7.getByRole('button', { name: '登记隐患' }).click();
    await choose(school7, '选择进行中的专项行动', new RegExp(TITLE));
    await school7.getByPlaceholder('如 JZ-2026-001；不填则自动编号').fill(HAZARD_ID);
    await school7.locator('textarea[name=description]').fill(HAZARD);
    await school7.locator('input[name=location]').fill('后勤楼锅炉房');
    await school7.locator('input[name=unitName]').fill('第七中学');
    await school7.locator('input[name=unitHead]').fill('王校长');
    await school7.locator('input[name=responsiblePerson]').fill('李主任');
    await school7.getByPlaceholder('不填则按本行动的隐患治理规则').fill('2025-06-30');
    await school7.keyboard.press('Enter');
    await school7.getByRole('button', { name: '登记', exact: true }).click();
    await school7.waitForURL(`**/hazards/hazard:console-e2e@CN.test.district:${HAZARD_ID}`);
    await school7.locator('[data-test=hazard-status]').waitFor();

    // The operator finds it among the overdue hazards and watches the 通报 (then the 曝光) appear.
    await operator.getByRole('menuitem', { name: '隐患台账' }).click();
    await choose(operator, '是否逾期', '已逾期');
    const row = operator.locator('[data-test=hazard-table] tbody tr', { hasText: HAZARD_ID });
    await eventuallyShown(operator, row);
    expect(await row.innerText()).toContain('逾期');
    await screenshot(operator, 'hazards');
    await row.getByRole('link', { name: HAZARD_ID }).click();
    const log = operator.locator('[data-test=escalation-log]');
    await log.getByText('通报', { exact: true }).waitFor({ timeout: 30_000 });
    await log.getByText('曝光', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await log.innerText()).toContain('第七中学');
    expect(await operator.locator('[data-test=life-line]').innerText()).toContain('限 2025-06-30 前（已逾期）');
    // Beside the life line, its ladder on calendar dates: the time limit, then the measures taken.
    const ladder = operator.locator('[data-test=ladder]');
    await ladder.getByText('已采取').first().waitFor({ timeout: 15_000 });
    expect(await ladder.innerText()).toMatch(/2025-06-30[\s\S]*整改期限[\s\S]*通报[\s\S]*已采取/);
    await screenshot(operator, 'hazard-overdue');

    // The unit rectifies with evidence; the operator verifies, and the hazard is closed.
    await school7.getByRole('button', { name: '提交整改' }).click();
    await school7.locator('input[name=evidenceText]').fill('安全阀已送检并更换，检验合格');
    await school7.locator('input[name=evidenceFile]').fill('photos/ce-001.jpg');
    await school7.getByRole('button', { name: '确定' }).click();
    await school7.locator('[data-test=hazard-status]', { hasText: '待审核验收' }).waitFor();
    // A unit may not verify its own rectification: it is not offered.
    expect(await school7.getByRole('button', { name: '审核通过，销号' }).count()).toBe(0);

    await operator.getByRole('button', { name: '审核通过，销号' }).waitFor({ timeout: 15_000 });
    await operator.getByRole('button', { name: '审核通过，销号' }).click();
    await operator.locator('textarea[name=reason]').fill('现场核查合格');
    await operator.getByRole('button', { name: '确定' }).click();
    await operator.locator('[data-test=hazard-status]', { hasText: '已销号' }).waitFor();
    expect(await operator.locator('[data-test=hazard-events]').innerText()).toContain('审核验收通过，销号');
    await screenshot(operator, 'hazard-closed');

    // Back on the campaign's page: its hazards counted by status and by the measures taken, as
    // charts; the operator confirms the milestone (节点) was reached.
    await operator.getByRole('link', { name: `${TITLE}（第1版）` }).click();
    await operator.locator('[aria-label=隐患按督办措施] canvas').waitFor({ timeout: 15_000 });
    expect(await operator.locator('[aria-label=隐患按状态] canvas').count()).toBeGreaterThan(0);
    const milestone = operator.locator('[data-test=milestones] tbody tr', { hasText: '实施方案报备' });
    await milestone.getByRole('button', { name: '确认' }).click();
    await operator.locator('textarea[name=milestoneNote]').fill('实施方案已报区安委办备案');
    await operator.getByRole('button', { name: '确认完成' }).click();
    await milestone.getByText('已确认完成').waitFor();
    await screenshot(operator, 'campaign');

    // Its course by month (整改率 and what is overdue), and a ledger refused with its rows at fault.
    await operator.getByRole('tab', { name: '整改趋势' }).click();
    await operator.locator('[aria-label=整改率与逾期事项趋势] canvas').waitFor({ timeout: 15_000 });
    await screenshot(operator, 'campaign-trend');
    await operator.getByRole('button', { name: '导入台账' }).click();
    const badLedger = '类型,编号,单位,日期,处理\n报送,monthly:2025-01,school-7,2025-02-03,已报送\n检查,x,school-7,2025-02-03,已报送\n';
    await operator.locator('[data-test=ledger-file]').setInputFiles({ name: '台账.csv', mimeType: 'text/csv', buffer: Buffer.from(badLedger, 'utf8') });
    await operator.getByRole('button', { name: '导入', exact: true }).click();
    const rowErrors = operator.locator('[data-test=ledger-errors]');
    await rowErrors.waitFor({ timeout: 15_000 });
    expect(await rowErrors.innerText()).toContain('第 3 行');
    await operator.getByRole('button', { name: '取消' }).click();

    // Every run with its days left and what is overdue in it.
    await operator.getByRole('menuitem', { name: '专项行动' }).click();
    const runRow = operator.locator('tbody tr', { hasText: TITLE });
    await runRow.getByText(/剩 \d+ 天/).waitFor({ timeout: 15_000 });
    await screenshot(operator, 'campaigns');

    // The per-unit statistics with 整改率 (the closed hazard: 100%), and the ledger as an Excel file.
    await operator.getByRole('menuitem', { name: '统计与导出' }).click();
    const statisticsRow = operator.locator('[data-test=hazard-statistics] tbody tr', { hasText: '第七中学' });
    await eventuallyShown(operator, statisticsRow.getByText('100.0%'));
    await screenshot(operator, 'statistics');
    const [download] = await Promise.all([operator.waitForEvent('download'), operator.locator('[data-test=export-hazard-ledger-xlsx]').click()]);
    expect(download.suggestedFilename()).toBe('问题隐患清单.xlsx');
    const workbook = await readFile((await download.path())!);
    expect(workbook.length).toBeGreaterThan(1000);
    expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');

    // A unit is not offered what operators do: no migration, import or calendar on the run, no withdrawal of an exposure.
    await school7.goto(`${base}/console/campaigns/console-e2e@CN.test.district`);
    await school7.getByText(TITLE).first().waitFor({ timeout: 15_000 });
    await school7.locator('[data-test=run-calendar]').waitFor();
    for (const action of ['迁移版本', '导入台账', '更新日历', '启动行动']) expect(await school7.getByRole('button', { name: action }).count()).toBe(0);

    // Another unit sees none of it, not even by its address.
    const school8 = await personAt(people.school8);
    await school8.goto(`${base}/console/hazards`);
    await school8.getByText('没有符合条件的隐患').waitFor();
    await school8.goto(`${base}/console/hazards/hazard:console-e2e@CN.test.district:${HAZARD_ID}`);
    await school8.getByText(/未找到（不存在，或不在您的辖区、不是本单位的事项）/).waitFor();
    expect(await school8.getByText(HAZARD).count()).toBe(0);

    // The public, without signing in: the exposed item on the exposure page.
    const visitor = await personAt();
    await visitor.goto(`${base}/console/exposure`);
    const exposures = visitor.locator('[data-test=exposures]');
    await exposures.getByText(HAZARD, { exact: true }).waitFor({ timeout: 15_000 });
    expect(await exposures.innerText()).toContain('第七中学');
    expect(await visitor.locator('[data-test=withdraw-exposure]').count()).toBe(0);
    await screenshot(visitor, 'exposure');
    await school7.goto(`${base}/console/exposure`);
    await school7.locator('[data-test=exposures]').getByText(HAZARD, { exact: true }).waitFor({ timeout: 15_000 });
    expect(await school7.locator('[data-test=withdraw-exposure]').count()).toBe(0);
    await operator.goto(`${base}/console/exposure`);
    // The operator withdraws it (撤下), with a reason: it leaves the public list.
    const exposedRow = operator.locator('[data-test=exposures] tbody tr', { hasText: HAZARD });
    await exposedRow.getByRole('button', { name: '撤下' }).click({ timeout: 15_000 });
    await operator.getByPlaceholder('如：已整改销号').fill('已整改销号');
    await operator.locator('.el-dialog').getByRole('button', { name: '撤下' }).click();
    await operator.getByText('已撤下').waitFor();
    await expect.poll(() => operator.locator('[data-test=exposures]').getByText(HAZARD, { exact: true }).count()).toBe(0);

    // A second version (published through the API: the author's screens are covered above); the
    // operator sees what changes before moving the run to it.
    const published = await api.app.inject({ method: 'POST', url: '/definitions', headers: api.auth(people.author), payload: { text: campaignYaml(2), format: 'yaml' } });
    expect(published.statusCode).toBe(201);
    await operator.goto(`${base}/console/campaigns/console-e2e@CN.test.district`);
    await operator.getByRole('button', { name: '迁移版本' }).click();
    await operator.getByText(/新增 [1-9]\d* 行/).waitFor({ timeout: 30_000 });
    expect(await operator.locator('.el-dialog [data-test=diff]').innerText()).toContain(`${TITLE}（第2版）`);
    await screenshot(operator, 'campaign-migration');
    await operator.getByRole('button', { name: '确认迁移' }).click();
    await operator.getByText('已迁移到第2版').waitFor({ timeout: 15_000 });
    await visitor.goto(`${base}/console/campaigns`);
    await visitor.getByRole('button', { name: '登录' }).waitFor();
    await screenshot(visitor, 'signin');

    expect(persons.flatMap((person) => person.faults)).toEqual([]);
  });
});
