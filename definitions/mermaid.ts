import { CampaignState, PhaseState } from './campaign.machine';
import { plusDays } from './local-date';
import type { Timeline } from './timeline.schema';

const quote = (text: string) => text.replace(/["#;:]/g, ' ');

/** Mermaid state ids: phase ids with `_` for `-` (ids never contain `_`, so they stay distinct). */
const phaseState = (phaseId: string, state?: string) => ['phase', phaseId.replace(/-/g, '_'), ...(state ? [state] : [])].join('_');

const PHASE_STATE_LABELS: Record<PhaseState, string> = { upcoming: '未开始', current: '进行中', done: '已结束' };

/**
 * The phase machine as a Mermaid `stateDiagram-v2`: one concurrent region per phase (未开始 →
 * 进行中 → 已结束) and one for the campaign's completion, each transition labelled with the date it
 * fires — so overlapping phases show as two regions that are 进行中 on the same days.
 */
export function toMermaidStateDiagram(timeline: Timeline, marks?: ChangeMarks): string {
  const phaseRegions = timeline.phases.map((phase) => {
    const states = [PhaseState.upcoming, PhaseState.current, PhaseState.done];
    const [upcoming, current, done] = states.map((state) => phaseState(phase.id, state));
    return [
      // A composite state takes its label from a `id : label` line (a quoted label before `{` is not parsed).
      `    state ${phaseState(phase.id)} {`,
      ...states.map((state) => `      state "${PHASE_STATE_LABELS[state]}" as ${phaseState(phase.id, state)}`),
      `      [*] --> ${upcoming}`,
      `      ${upcoming} --> ${current}: ${phase.start}`,
      `      ${current} --> ${done}: ${plusDays(phase.end, 1)}`,
      `      ${done} --> [*]`,
      '    }',
      `    ${phaseState(phase.id)} : ${marked(`phases:${phase.id}`, quote(phase.name), marks).label} ${phase.start} → ${phase.end}`,
    ];
  });
  const completion = [
    '    state campaign_end {',
    `      state "进行中" as campaign_${CampaignState.running}`,
    `      state "已完成" as campaign_${CampaignState.completed}`,
    `      [*] --> campaign_${CampaignState.running}`,
    `      campaign_${CampaignState.running} --> campaign_${CampaignState.completed}: ${plusDays(timeline.span.end, 1)}`,
    `      campaign_${CampaignState.completed} --> [*]`,
    '    }',
    `    campaign_end : 行动 ${timeline.span.start} → ${timeline.span.end}`,
  ];
  return [
    'stateDiagram-v2',
    '  [*] --> campaign',
    '  state campaign {',
    ...[...phaseRegions, completion].flatMap((region, i) => (i === 0 ? region : ['    --', ...region])),
    '  }',
    '  campaign : 各阶段并行（阶段可以重叠）',
    '  campaign --> [*]',
  ].join('\n');
}

/** What a derived plan adds or changes (keys `phases:<id>`, `milestones:<id>`, `windows:<id>`; see diff.ts `changedItems`), to mark in a diagram. */
export type ChangeMarks = { added: ReadonlySet<string>; changed: ReadonlySet<string> };

/** A label marked as added or changed by the derived plan; Gantt bars also get Mermaid's `crit` tag. */
function marked(key: string, label: string, marks?: ChangeMarks): { label: string; tag: string } {
  if (marks?.added.has(key)) return { label: `${label}（本级新增）`, tag: 'crit, ' };
  if (marks?.changed.has(key)) return { label: `${label}（本级修改）`, tag: 'crit, ' };
  return { label, tag: '' };
}

/**
 * Phases, activity windows (活动时段) and milestones as a Mermaid `gantt` chart (end dates are
 * inclusive, so bars end the day after); for a derived plan, what it adds or changes is marked.
 */
export function toMermaidGantt(timeline: Timeline, title: string, marks?: ChangeMarks): string {
  const phase = (p: Timeline['phases'][number]) => marked(`phases:${p.id}`, quote(p.name), marks);
  const window = (w: Timeline['windows'][number]) => marked(`windows:${w.windowId}`, quote(w.title), marks);
  const milestone = (m: Timeline['milestones'][number]) => marked(`milestones:${m.milestoneId}`, quote(m.title), marks);
  return [
    'gantt',
    `  title ${quote(title)}`,
    '  dateFormat YYYY-MM-DD',
    '  axisFormat %Y-%m',
    '  section 阶段',
    ...timeline.phases.map((p) => `  ${phase(p).label} :${phase(p).tag}${p.id}, ${p.start}, ${plusDays(p.end, 1)}`),
    ...(timeline.windows.length > 0 ? ['  section 活动'] : []),
    ...timeline.windows.map((w) => `  ${window(w).label} :${window(w).tag}window-${w.windowId}, ${w.from}, ${plusDays(w.to, 1)}`),
    ...(timeline.milestones.length > 0 ? ['  section 节点'] : []),
    ...timeline.milestones.map((m) => `  ${milestone(m).label} :${milestone(m).tag}milestone, ${m.milestoneId}, ${m.dueOn}, 0d`),
  ].join('\n');
}

/** Both diagrams of a timeline: the phase state diagram and the Gantt chart. */
export function toMermaidDiagrams(timeline: Timeline, title: string, marks?: ChangeMarks): { stateDiagram: string; gantt: string } {
  return { stateDiagram: toMermaidStateDiagram(timeline, marks), gantt: toMermaidGantt(timeline, title, marks) };
}
