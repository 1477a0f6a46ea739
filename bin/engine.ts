/**
 * The operators' command line: what an operator does to running campaigns, through the API (so
 * roles, jurisdictions and the runs' own checks apply exactly as in the console).
 *
 *   npm run -s engine -- ledger import <campaign run> <台账.csv|台账.xlsx>
 *   npm run -s engine -- calendar apply <campaign run>|--all [--reason …]
 *
 * Options: --api <url> (default http://127.0.0.1:$API_PORT, 3000), --token <bearer token> (or the
 * ENGINE_API_TOKEN environment variable; `npm run -s token -- --role operator …` issues one).
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `用法 / usage:
  npm run -s engine -- ledger import <行动编号> <台账.csv|台账.xlsx>   导入接管前的报送与逾期事项台账
  npm run -s engine -- calendar apply <行动编号>|--all [--reason 说明]  让运行中的行动采用最新的节假日安排
选项: --api <地址>（默认 http://127.0.0.1:3000）  --token <访问令牌>（或环境变量 ENGINE_API_TOKEN）`;

interface Api {
  base: string;
  token: string;
}

/** Calls the API; a problem+json answer is printed in the clerk's words, line by line. */
async function call(api: Api, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ ok: boolean; body: Record<string, unknown> }> {
  const response = await fetch(`${api.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${api.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    console.error(`✗ ${String(answer.title ?? response.statusText)}（HTTP ${response.status}）`);
    for (const error of (answer.errors as unknown[] | undefined) ?? []) console.error(`  ${typeof error === 'string' ? error : JSON.stringify(error)}`);
  }
  return { ok: response.ok, body: answer };
}

async function importLedger(api: Api, runId: string, file: string): Promise<number> {
  const format = { '.csv': 'csv', '.xlsx': 'xlsx' }[extname(file).toLowerCase()];
  if (!format) {
    console.error(`✗ 台账应为 .csv 或 .xlsx 文件：${file}`);
    return 1;
  }
  const content = readFileSync(file).toString('base64');
  const { ok, body } = await call(api, 'POST', `/campaigns/${encodeURIComponent(runId)}/imports`, { file: { name: basename(file), format, content } });
  if (!ok) return 1;
  console.log(`✓ 已导入 ${body.imported} 条：已报送 ${body.submitted} 条，节点已确认 ${body.confirmed} 条，按逾期自今日起督办 ${body.overdue} 条`);
  return 0;
}

interface CalendarApplication {
  campaign: { revision: number; years: number[]; movedDeadlines: Array<{ title: string; from: string; to: string }>; rescheduledRungs: number };
  hazards: { updated: number; movedDeadlines: Array<{ hazardId: string; from: string; to: string }> };
}

async function applyCalendar(api: Api, runIds: string[], reason: string | undefined): Promise<number> {
  let failed = 0;
  for (const runId of runIds) {
    const { ok, body } = await call(api, 'POST', `/campaigns/${encodeURIComponent(runId)}/calendar`, reason ? { reason } : {});
    if (!ok) {
      failed += 1;
      continue;
    }
    const { campaign, hazards } = body as unknown as CalendarApplication;
    console.log(`✓ ${runId}：采用 ${campaign.years.join('、')} 年安排（第 ${campaign.revision} 次更新），期限变更 ${campaign.movedDeadlines.length} 项，督促措施改期 ${campaign.rescheduledRungs} 项；隐患 ${hazards.updated} 个，整改期限变更 ${hazards.movedDeadlines.length} 个`);
    for (const moved of campaign.movedDeadlines) console.log(`  ${moved.title}：${moved.from} → ${moved.to}`);
    for (const moved of hazards.movedDeadlines) console.log(`  隐患 ${moved.hazardId}：${moved.from} → ${moved.to}`);
  }
  return failed > 0 ? 1 : 0;
}

/** The running campaign runs the token may see. */
async function runningCampaigns(api: Api): Promise<string[]> {
  const { ok, body } = await call(api, 'GET', '/campaigns');
  if (!ok) return [];
  return (body.campaigns as Array<{ runId: string; executionStatus: string }>).filter((c) => c.executionStatus === 'RUNNING').map((c) => c.runId);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      api: { type: 'string' },
      token: { type: 'string' },
      all: { type: 'boolean' },
      reason: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const token = values.token ?? process.env.ENGINE_API_TOKEN;
  const [group, command, ...rest] = positionals;
  const ledgerImport = group === 'ledger' && command === 'import' && rest.length === 2;
  const calendarApply = group === 'calendar' && command === 'apply' && (values.all ? rest.length === 0 : rest.length === 1);
  if (values.help || !token || !(ledgerImport || calendarApply)) {
    console.error(token || values.help ? USAGE : `缺少访问令牌：请用 --token 或环境变量 ENGINE_API_TOKEN 提供\n${USAGE}`);
    return 2;
  }
  const api = { base: values.api ?? `http://127.0.0.1:${process.env.API_PORT || 3000}`, token };
  if (ledgerImport) return importLedger(api, rest[0]!, rest[1]!);
  return applyCalendar(api, values.all ? await runningCampaigns(api) : rest, values.reason);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    // Crash handler: an operator sees one sentence, not a stack trace.
    const reason = error instanceof Error ? (error.cause instanceof Error ? `${error.message}（${error.cause.message}）` : error.message) : String(error);
    console.error(`出错了：${reason}`);
    process.exitCode = 1;
  },
);
