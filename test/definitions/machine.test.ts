// The compiled phase machine, exercised only through xstate's pure initialTransition/transition.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import {
  campaignCalendar,
  compileCampaignMachine,
  phaseStatesOf,
  phaseStatesOn,
  resolveTimeline,
  toMermaidStateDiagram,
  type CampaignMachine,
  type Timeline,
} from '../../definitions';
import { loadCampaignFile, repositoryOfficialCalendar } from '../../definitions/load';
import { fromDayNumber, plusDays, toDayNumber } from '../../definitions/local-date';

function compile(path: string): { machine: CampaignMachine; timeline: Timeline } {
  const result = loadCampaignFile(fileURLToPath(new URL(path, import.meta.url)));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const timeline = resolveTimeline(result.definition, campaignCalendar(repositoryOfficialCalendar(), result.definition));
  return { machine: compileCampaignMachine(result.definition, timeline), timeline };
}
const seed = (file: string) => compile(`../../definitions/campaigns/${file}`);

const day = (date: string) => ({ type: 'CALENDAR.DAY' as const, date });
const actionsOf = (actions: ReadonlyArray<{ type: string; params?: unknown }>) =>
  actions.filter((a) => !a.type.startsWith('xstate.')).map((a) => (a.params ? [a.type, a.params] : [a.type]));

/** Feeds the machine every checkpoint up to `date` and the date itself, as a workflow does. */
function stateOn(machine: CampaignMachine, timeline: Timeline, date: string) {
  let [snapshot] = initialTransition(machine);
  for (const checkpoint of [...timeline.checkpoints.filter((c) => c < date), date]) [snapshot] = transition(machine, snapshot, day(checkpoint));
  return snapshot;
}

describe('campaign machine', () => {
  const { machine } = seed('000-tianjin-technical-schools.yaml');

  it('starts with every phase upcoming and the campaign running, with plain-JSON context', () => {
    const [snapshot, actions] = initialTransition(machine);
    expect(snapshot.value).toEqual({
      phases: { mobilisation: 'upcoming', screening: 'upcoming', tackling: 'upcoming', consolidation: 'upcoming' },
      campaign: 'running',
    });
    expect(snapshot.context).toEqual({ campaignId: 'tianjin-hrss-2020-technical-schools', version: 1, today: null });
    expect(actions).toEqual([]);
  });

  it('enters each phase on its start and leaves it the day after its end, returning only the actions the workflow runs', () => {
    let [snapshot] = initialTransition(machine);
    const steps: Array<[string, unknown]> = [];
    for (const date of ['2020-07-16', '2020-07-17', '2020-07-31', '2020-08-01', '2021-01-01', '2022-01-01', '2023-01-01']) {
      const [next, actions] = transition(machine, snapshot, day(date));
      steps.push([date, actionsOf(actions)]);
      snapshot = next;
    }
    // 000: 动员部署 (07-17 → 07-31) and 排查整治 (07-17 → 12-31) start on the same day.
    expect(steps).toEqual([
      ['2020-07-16', []],
      ['2020-07-17', [['enterPhase', { phaseId: 'mobilisation' }], ['enterPhase', { phaseId: 'screening' }]]],
      ['2020-07-31', []],
      ['2020-08-01', [['leavePhase', { phaseId: 'mobilisation' }]]],
      ['2021-01-01', [['leavePhase', { phaseId: 'screening' }], ['enterPhase', { phaseId: 'tackling' }]]],
      ['2022-01-01', [['leavePhase', { phaseId: 'tackling' }], ['enterPhase', { phaseId: 'consolidation' }]]],
      ['2023-01-01', [['leavePhase', { phaseId: 'consolidation' }], ['completeCampaign']]],
    ]);
    expect(snapshot.status).toBe('done');
    expect(snapshot.context.today).toBe('2023-01-01');
  });

  it('is in two phases at once where they overlap (003: 3月—4月, then 4月—12月)', () => {
    const jizhou = seed('003-jizhou-root-cause.yaml');
    let [snapshot] = initialTransition(jizhou.machine);
    const current = ['2024-03-01', '2024-04-01', '2024-04-15', '2024-05-01'].map((date) => {
      [snapshot] = transition(jizhou.machine, snapshot, day(date));
      return Object.entries(phaseStatesOf(snapshot.value)).filter(([, state]) => state === 'current').map(([id]) => id);
    });
    expect(current).toEqual([['mobilisation'], ['mobilisation', 'foundation'], ['mobilisation', 'foundation'], ['foundation']]);
  });

  it('takes a phase a date jumps over straight to done, without entering it, and never moves backwards', () => {
    const [start] = initialTransition(machine);
    const [jumped, actions] = transition(machine, start, day('2021-06-30'));
    expect(phaseStatesOf(jumped.value)).toEqual({ mobilisation: 'done', screening: 'done', tackling: 'current', consolidation: 'upcoming' });
    expect(actionsOf(actions)).toEqual([['enterPhase', { phaseId: 'tackling' }]]);
    const [back, none] = transition(machine, jumped, day('2020-08-15'));
    expect(back.value).toEqual(jumped.value);
    expect(actionsOf(none)).toEqual([]);
    expect(back.context).toMatchObject({ today: '2020-08-15' });
  });

  it('agrees with phaseStatesOn (plan and views) on every day around every checkpoint of every seed', () => {
    for (const file of ['000-tianjin-technical-schools.yaml', '001-fuling-education.yaml', '002-shanxi-hrss-spring.yaml', '002a-yangquan-hrss-spring.yaml', '003-jizhou-root-cause.yaml']) {
      const compiled = seed(file);
      const dates = compiled.timeline.checkpoints.flatMap((c) => [plusDays(c, -1), c, plusDays(c, 1)]);
      for (const date of dates) {
        const expected = Object.fromEntries(phaseStatesOn(compiled.timeline, date).map((p) => [p.id, p.state]));
        expect([file, date, phaseStatesOf(stateOn(compiled.machine, compiled.timeline, date).value)]).toEqual([file, date, expected]);
      }
    }
  });

  it('survives a JSON round trip of its snapshot', () => {
    const [first] = transition(machine, initialTransition(machine)[0], day('2020-09-01'));
    const persisted = JSON.parse(JSON.stringify(machine.getPersistedSnapshot(first)));
    const restored = machine.resolveState(persisted);
    const [next, actions] = transition(machine, restored, day('2021-02-01'));
    expect(phaseStatesOf(next.value)).toEqual({ mobilisation: 'done', screening: 'done', tackling: 'current', consolidation: 'upcoming' });
    expect(actionsOf(actions)).toEqual([['leavePhase', { phaseId: 'screening' }], ['enterPhase', { phaseId: 'tackling' }]]);
    expect(next.context).toEqual({ campaignId: 'tianjin-hrss-2020-technical-schools', version: 1, today: '2021-02-01' });
  });

  it('is deterministic: compiling twice gives the same transitions', () => {
    const again = seed('000-tianjin-technical-schools.yaml').machine;
    const run = (m: CampaignMachine) => transition(m, initialTransition(m)[0], day('2022-05-05'))[0].value;
    expect(run(again)).toEqual(run(machine));
  });
});

describe('overlapping phases, one meaning everywhere (issue 9: 2020-05-01 while the previous ends 2020-05-31)', () => {
  const { machine, timeline } = compile('./fixtures/overlapping-phases.yaml');

  it('plan, diagram and machine all start 排查整治 on 05-01, alongside 动员部署 until 05-31', () => {
    expect(timeline.entries.filter((e) => e.kind === 'phase-start').map((e) => [e.ref, e.date])).toEqual([['mobilisation', '2020-04-01'], ['screening', '2020-05-01']]);
    expect(toMermaidStateDiagram(timeline)).toContain('      phase_screening_upcoming --> phase_screening_current: 2020-05-01');
    expect(toMermaidStateDiagram(timeline)).toContain('      phase_mobilisation_current --> phase_mobilisation_done: 2020-06-01');
    for (let d = toDayNumber('2020-03-30'); d <= toDayNumber('2021-01-02'); d += 1) {
      const date = fromDayNumber(d);
      const expected = Object.fromEntries(phaseStatesOn(timeline, date).map((p) => [p.id, p.state]));
      expect([date, phaseStatesOf(stateOn(machine, timeline, date).value)]).toEqual([date, expected]);
    }
    expect(phaseStatesOf(stateOn(machine, timeline, '2020-05-15').value)).toEqual({ mobilisation: 'current', screening: 'current' });
  });
});
