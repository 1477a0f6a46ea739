// Campaign definition CLI: validate, plan (timeline table) and diagram (Mermaid).
// Usage: npm run campaign -- validate|plan|diagram <file…>
import { createCalendar, ESCALATION_ACTION_LABELS, formatIssues, TIMELINE_ENTRY_LABELS, resolveTimeline, toMermaidGantt, toMermaidStateDiagram, type CampaignDefinition, type Timeline } from '../definitions';
import { loadCampaignFile } from '../definitions/load';

const USAGE = `用法 / usage:
  npm run campaign -- validate <file…>   校验定义文件，列出全部问题
  npm run campaign -- plan <file>        按日期列出全部阶段、节点和职责
  npm run campaign -- diagram <file>     输出 Mermaid 状态图和甘特图`;

/** Terminal columns of a string: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  return [...text].reduce((width, char) => width + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1), 0);
}
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? ''))));
  return rows.map((row) => row.map((cell, column) => pad(cell, widths[column]!)).join('  ').trimEnd()).join('\n');
}

function load(file: string): { definition: CampaignDefinition; timeline: Timeline } | undefined {
  const result = loadCampaignFile(file);
  if (!result.ok) {
    console.error(formatIssues(result.issues));
    return undefined;
  }
  return { definition: result.definition, timeline: resolveTimeline(result.definition, createCalendar(result.definition.calendar)) };
}

function validate(files: string[]): number {
  let failed = 0;
  for (const file of files) {
    const result = loadCampaignFile(file);
    if (result.ok) {
      console.log(`✓ ${file}  ${result.definition.title.zh}（${result.definition.id} v${result.definition.version}）`);
    } else {
      failed += 1;
      console.error(`✗ ${file}：发现 ${result.issues.length} 个问题`);
      console.error(formatIssues(result.issues));
    }
  }
  return failed > 0 ? 1 : 0;
}

function plan(file: string): number {
  const loaded = load(file);
  if (!loaded) return 1;
  const { definition, timeline } = loaded;
  console.log(`${definition.title.zh}（${definition.id} v${definition.version}）  ${timeline.span.start} → ${timeline.span.end}  ${timeline.timeZone}\n`);
  console.log(table([['日期', '类型', '事项', '编号'], ...timeline.entries.map((e) => [e.date, TIMELINE_ENTRY_LABELS[e.kind], e.label, e.ref])]));
  console.log('\n督促阶梯（相对到期日）');
  for (const [id, ladder] of Object.entries(definition.escalationLadders)) {
    const steps = ladder.steps.map((s) => `${ESCALATION_ACTION_LABELS[s.action]}（${s.offset.days >= 0 ? '+' : ''}${s.offset.days} ${s.offset.unit === 'working' ? '工作日' : '天'}）`);
    console.log(`  ${id}  ${ladder.name.zh}：${steps.join(' → ')}`);
  }
  return 0;
}

function diagram(file: string): number {
  const loaded = load(file);
  if (!loaded) return 1;
  console.log('```mermaid');
  console.log(toMermaidStateDiagram(loaded.timeline));
  console.log('```\n\n```mermaid');
  console.log(toMermaidGantt(loaded.timeline, loaded.definition.title.zh));
  console.log('```');
  return 0;
}

function main(args: string[]): number {
  const [command, ...files] = args;
  if (command === 'validate' && files.length > 0) return validate(files);
  if (command === 'plan' && files.length === 1) return plan(files[0]!);
  if (command === 'diagram' && files.length === 1) return diagram(files[0]!);
  console.error(USAGE);
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  // Crash handler: a clerk sees one sentence, not a stack trace.
  console.error(`出错了：${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
