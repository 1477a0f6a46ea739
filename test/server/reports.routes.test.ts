/**
 * The reporting routes through app.inject on a real database: statistics within the caller's
 * jurisdiction (and a unit's own unit), the ledgers and statistics as real .xlsx (read back with
 * exceljs) and as CSV with a BOM, the escalation register, and the campaign view's counts query.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { campaign, escalationRecord, hazard, RUN, step } from '../store/fixtures';
import { bearer, buildOfflineApp, people, type TestApp } from './api-app';

let database: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  const { projection, records } = database.store;
  await projection.projectCampaign(campaign());
  await projection.projectHazard(
    hazard('JZ-001', { description: '=HYPERLINK("http://x")配电室堵塞, "东侧"', escalationStage: 'notice', escalationSteps: [step({ itemId: 'JZ-001' })] }),
  );
  await projection.projectHazard(
    hazard('JZ-002', {
      unitId: 'school-8',
      unitName: '第八中学',
      status: 'closed',
      overdueFrom: null,
      rectification: { on: '2026-02-10', by: '王主任', detail: '已更换灭火器' },
      verification: { on: '2026-02-12', by: '区应急局 张科长' },
      closedOn: '2026-02-12',
    }),
  );
  await projection.projectHazard(hazard('BH-001', { workflowId: 'hazard:other@CN.tianjin.binhai:BH-001', campaignRunId: 'other@CN.tianjin.binhai', jurisdiction: 'CN/tianjin/binhai' }));
  await records.create(escalationRecord(`hazard:${RUN}:JZ-001/1/step-0`, { item: { ...escalationRecord('x').item, unitId: 'school-7' } }));
  await records.create(escalationRecord(`hazard:${RUN}:JZ-002/1/step-0`, { item: { ...escalationRecord('x').item, unitId: 'school-8' } }));
  app = await buildOfflineApp({ store: database.store });
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

const get = (principal: Parameters<typeof bearer>[1] | undefined, url: string) =>
  app.inject({ method: 'GET', url, headers: principal ? bearer(app, principal) : {} });

describe('GET /statistics/hazards and /statistics/duties', () => {
  it('per unit within the caller’s jurisdiction', async () => {
    const response = await get(people.jizhouOperator, '/statistics/hazards?by=unit');
    expect(response.statusCode, response.body).toBe(200);
    const { rows } = response.json() as { rows: Array<Record<string, unknown>> };
    expect(rows.map((r) => [r.unitId, r.registered, r.closed, r.rectificationRate, r.escalations])).toEqual([
      ['school-7', 1, 0, 0, { notice: 1 }],
      ['school-8', 1, 1, 1, {}],
    ]);
    const city = (await get(people.tianjinOperator, '/statistics/hazards?by=campaign')).json() as { rows: Array<{ campaignRunId: string }> };
    expect(city.rows.map((r) => r.campaignRunId)).toEqual([RUN, 'other@CN.tianjin.binhai']);
  });

  it('a unit sees its own unit only, and may not ask for another', async () => {
    const unit = { ...people.school7, jurisdiction: 'CN/tianjin/jizhou' };
    expect((await get(unit, '/statistics/hazards?by=unit')).json().rows.map((r: { unitId: string }) => r.unitId)).toEqual(['school-7']);
    expect((await get(unit, '/statistics/hazards?unit=school-8')).statusCode).toBe(403);
  });

  it('refuses a run outside the caller’s jurisdiction, a bad period and a missing token', async () => {
    expect((await get(people.chongqingOperator, `/statistics/hazards?campaign=${RUN}`)).statusCode).toBe(403);
    const bad = await get(people.jizhouOperator, '/statistics/hazards?period=week');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0].path).toBe('querystring/period');
    expect((await get(undefined, '/statistics/duties')).statusCode).toBe(401);
    expect((await get(people.jizhouOperator, '/statistics/duties?by=unit&period=quarter')).statusCode).toBe(200);
  });
});

async function workbook(body: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}
const values = (row: ExcelJS.Row): unknown[] => (row.values as unknown[]).slice(1);

describe('GET /exports/…', () => {
  it('问题隐患清单 as a real .xlsx with Chinese headers and one row per hazard in scope', async () => {
    const response = await get(people.jizhouOperator, `/exports/hazard-ledger.xlsx?campaign=${RUN}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="hazard-ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('问题隐患清单.xlsx')}`);
    const sheet = await workbook(response.rawPayload);
    expect(sheet.name).toBe('问题隐患清单');
    expect(values(sheet.getRow(1))).toEqual([
      '序号', '隐患编号', '专项行动', '责任单位', '隐患等级', '隐患描述', '隐患位置', '发现方式', '责任人', '登记日期', '整改期限', '整改状态', '是否逾期', '逾期天数', '督办措施', '挂牌督办', '销号日期',
    ]);
    expect(sheet.rowCount).toBe(3);
    expect(values(sheet.getRow(2)).slice(0, 8)).toEqual([1, 'JZ-001', '治本攻坚三年行动', '第七中学', '一般隐患', '=HYPERLINK("http://x")配电室堵塞, "东侧"', '教学楼一层', '自查']);
    expect(values(sheet.getRow(2)).slice(11, 16)).toEqual(['整改中', '是', expect.any(Number), '通报', '否']);
    expect(values(sheet.getRow(3))[11]).toBe('已销号');
  });

  it('制度措施清单 with measure, responsibility, time limit, completion and verification', async () => {
    const sheet = await workbook((await get(people.jizhouOperator, '/exports/measures.xlsx?unit=school-8')).rawPayload);
    expect(sheet.name).toBe('制度措施清单');
    expect(values(sheet.getRow(1))).toEqual(['序号', '隐患编号', '隐患描述', '整改措施', '责任单位', '单位主要负责人', '责任人', '整改时限', '完成情况', '完成日期', '整改说明', '验收情况', '验收日期', '验收人']);
    expect(values(sheet.getRow(2))).toEqual([1, 'JZ-002', '配电室消防通道堵塞', '清理通道杂物，设置禁止堆放标识', '第八中学', '王校长', '李主任', '2026-02-20', '已完成', '2026-02-10', '已更换灭火器', '验收通过', '2026-02-12', '区应急局 张科长']);
    expect(sheet.rowCount).toBe(2);
  });

  it('the ledger as CSV: UTF-8 with a BOM, quoted fields, formulas written as text', async () => {
    const response = await get(people.jizhouOperator, '/exports/hazard-ledger.csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = response.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('序号,隐患编号,专项行动,责任单位,隐患等级,隐患描述,隐患位置,发现方式,责任人,登记日期,整改期限,整改状态,是否逾期,逾期天数,督办措施,挂牌督办,销号日期');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://x"")配电室堵塞, ""东侧""",`);
  });

  it('the statistics as .xlsx, with a column per rung taken and 整改率 as a percentage', async () => {
    const sheet = await workbook((await get(people.jizhouOperator, '/exports/hazard-statistics.xlsx?by=unit')).rawPayload);
    expect(sheet.name).toBe('隐患整改统计');
    expect(values(sheet.getRow(1))).toEqual(['专项行动', '单位编号', '单位名称', '统计期', '登记隐患', '已整改', '已验收', '已销号', '逾期未改', '整改率', '逾期天数合计', '最长逾期天数', '通报']);
    expect(values(sheet.getRow(3)).slice(1, 10)).toEqual(['school-8', '第八中学', '全部', 1, 1, 1, 1, 0, 1]);
    expect(sheet.getRow(3).getCell(10).numFmt).toBe('0.0%');
    const csv = (await get(people.jizhouOperator, '/exports/duty-statistics.csv?by=unit')).body;
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('专项行动,单位编号,单位名称,统计期,按时报送,逾期报送,未报送,待报送,启用前到期');
  });

  it('exports nothing outside the caller’s jurisdiction', async () => {
    expect((await get(people.chongqingOperator, `/exports/measures.csv?campaign=${RUN}`)).statusCode).toBe(403);
    const lines = (await get(people.chongqingOperator, '/exports/measures.csv')).body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1);
  });
});

describe('GET /escalations', () => {
  it('lists the records of the caller’s jurisdiction and unit, and one with its document', async () => {
    const operator = (await get(people.jizhouOperator, `/escalations?campaign=${RUN}&action=notice`)).json() as { items: Array<{ id: string; item: { unitId: string } }> };
    expect(operator.items.map((r) => r.item.unitId).sort()).toEqual(['school-7', 'school-8']);
    const unit = { ...people.school7, jurisdiction: 'CN/tianjin/jizhou' };
    const own = (await get(unit, '/escalations')).json() as { items: Array<{ id: string; item: { unitId: string } }> };
    expect(own.items.map((r) => r.item.unitId)).toEqual(['school-7']);
    const other = operator.items.find((r) => r.item.unitId === 'school-8')!;
    expect((await get(unit, `/escalations/${other.id}`)).statusCode).toBe(403);
    expect((await get(people.jizhouOperator, `/escalations/${other.id}`)).json()).toMatchObject({ id: other.id, message: '通报正文' });
    expect((await get(people.chongqingOperator, '/escalations')).json().items).toEqual([]);
    expect((await get(people.jizhouOperator, '/escalations?nextPageToken=bm9wZQ')).statusCode).toBe(400);
  });
});
