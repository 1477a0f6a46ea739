import { MachineState } from './campaign.machine';
import { plusDays } from './local-date';
import type { Timeline } from './timeline.schema';

const quote = (text: string) => text.replace(/["#;:]/g, ' ');

/** The phase machine as a Mermaid `stateDiagram-v2`, each transition labelled with the date it fires. */
export function toMermaidStateDiagram(timeline: Timeline): string {
  const [pending, ...entered] = [MachineState.pending, ...timeline.phases.map((p) => p.id), MachineState.completed];
  const lines = [
    'stateDiagram-v2',
    `  state "未开始" as ${MachineState.pending}`,
    ...timeline.phases.map((p) => `  state "${quote(p.name)} ${p.start} → ${p.end}" as ${p.id}`),
    `  state "已完成" as ${MachineState.completed}`,
    `  [*] --> ${pending}`,
    ...entered.map((state, i) => `  ${i === 0 ? pending : entered[i - 1]} --> ${state}: ${timeline.checkpoints[i] ?? ''}`),
    `  ${MachineState.completed} --> [*]`,
  ];
  return lines.join('\n');
}

/** Phases and milestones as a Mermaid `gantt` chart (end dates are inclusive, so bars end the day after). */
export function toMermaidGantt(timeline: Timeline, title: string): string {
  return [
    'gantt',
    `  title ${quote(title)}`,
    '  dateFormat YYYY-MM-DD',
    '  axisFormat %Y-%m',
    '  section 阶段',
    ...timeline.phases.map((p) => `  ${quote(p.name)} :${p.id}, ${p.start}, ${plusDays(p.end, 1)}`),
    ...(timeline.milestones.length > 0 ? ['  section 节点'] : []),
    ...timeline.milestones.map((m) => `  ${quote(m.title)} :milestone, ${m.milestoneId}, ${m.dueOn}, 0d`),
  ].join('\n');
}

/** Both diagrams of a timeline: the phase state diagram and the Gantt chart. */
export function toMermaidDiagrams(timeline: Timeline, title: string): { stateDiagram: string; gantt: string } {
  return { stateDiagram: toMermaidStateDiagram(timeline), gantt: toMermaidGantt(timeline, title) };
}
