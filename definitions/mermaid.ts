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
export function toMermaidStateDiagram(timeline: Timeline): string {
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
      `    ${phaseState(phase.id)} : ${quote(phase.name)} ${phase.start} → ${phase.end}`,
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

/** Phases, activity windows (活动时段) and milestones as a Mermaid `gantt` chart (end dates are inclusive, so bars end the day after). */
export function toMermaidGantt(timeline: Timeline, title: string): string {
  return [
    'gantt',
    `  title ${quote(title)}`,
    '  dateFormat YYYY-MM-DD',
    '  axisFormat %Y-%m',
    '  section 阶段',
    ...timeline.phases.map((p) => `  ${quote(p.name)} :${p.id}, ${p.start}, ${plusDays(p.end, 1)}`),
    ...(timeline.windows.length > 0 ? ['  section 活动'] : []),
    ...timeline.windows.map((w) => `  ${quote(w.title)} :window-${w.windowId}, ${w.from}, ${plusDays(w.to, 1)}`),
    ...(timeline.milestones.length > 0 ? ['  section 节点'] : []),
    ...timeline.milestones.map((m) => `  ${quote(m.title)} :milestone, ${m.milestoneId}, ${m.dueOn}, 0d`),
  ].join('\n');
}

/** Both diagrams of a timeline: the phase state diagram and the Gantt chart. */
export function toMermaidDiagrams(timeline: Timeline, title: string): { stateDiagram: string; gantt: string } {
  return { stateDiagram: toMermaidStateDiagram(timeline), gantt: toMermaidGantt(timeline, title) };
}
