// The compiled phase machine, exercised only through xstate's pure initialTransition/transition.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { compileCampaignMachine, createCalendar, resolveTimeline, type CampaignMachine } from '../../definitions';
import { loadCampaignFile } from '../../definitions/load';

function compile(file: string): CampaignMachine {
  const result = loadCampaignFile(fileURLToPath(new URL(`../../definitions/campaigns/${file}`, import.meta.url)));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return compileCampaignMachine(result.definition, resolveTimeline(result.definition, createCalendar()));
}

const day = (date: string) => ({ type: 'CALENDAR.DAY' as const, date });
const actionsOf = (actions: ReadonlyArray<{ type: string; params?: unknown }>) =>
  actions.filter((a) => !a.type.startsWith('xstate.')).map((a) => (a.params ? [a.type, a.params] : [a.type]));

describe('campaign machine', () => {
  const machine = compile('000-tianjin-technical-schools.yaml');

  it('starts pending with plain-JSON context', () => {
    const [snapshot, actions] = initialTransition(machine);
    expect(snapshot.value).toBe('pending');
    expect(snapshot.context).toEqual({ campaignId: 'tianjin-hrss-2020-technical-schools', version: 1, today: null, phaseIndex: -1 });
    expect(actions).toEqual([]);
  });

  it('moves through the phases in order, returning only the actions the workflow must run', () => {
    let [snapshot] = initialTransition(machine);
    const steps: Array<[string, unknown, unknown]> = [];
    for (const date of ['2020-07-16', '2020-07-17', '2020-07-31', '2020-08-01', '2021-01-01', '2022-01-01', '2023-01-01']) {
      const [next, actions] = transition(machine, snapshot, day(date));
      steps.push([date, next.value, actionsOf(actions)]);
      snapshot = next;
    }
    expect(steps).toEqual([
      ['2020-07-16', 'pending', []],
      ['2020-07-17', 'mobilisation', [['enterPhase', { phaseId: 'mobilisation' }]]],
      ['2020-07-31', 'mobilisation', []],
      ['2020-08-01', 'screening', [['enterPhase', { phaseId: 'screening' }]]],
      ['2021-01-01', 'tackling', [['enterPhase', { phaseId: 'tackling' }]]],
      ['2022-01-01', 'consolidation', [['enterPhase', { phaseId: 'consolidation' }]]],
      ['2023-01-01', 'completed', [['completeCampaign']]],
    ]);
    expect(snapshot.status).toBe('done');
  });

  it('skips phases when a date jumps several, and never moves backwards', () => {
    const [start] = initialTransition(machine);
    const [jumped, actions] = transition(machine, start, day('2021-06-30'));
    expect(jumped.value).toBe('tackling');
    expect(actionsOf(actions)).toContainEqual(['enterPhase', { phaseId: 'tackling' }]);
    const [back] = transition(machine, jumped, day('2020-08-15'));
    expect(back.value).toBe('tackling');
    expect(back.context).toMatchObject({ today: '2020-08-15', phaseIndex: 2 });
  });

  it('hands over overlapping phases on the day after the first ends (003: 3月—4月, then 4月—12月)', () => {
    const jizhou = compile('003-jizhou-root-cause.yaml');
    let [snapshot] = initialTransition(jizhou);
    const seen = ['2024-03-01', '2024-04-15', '2024-05-01'].map((date) => {
      [snapshot] = transition(jizhou, snapshot, day(date));
      return snapshot.value;
    });
    expect(seen).toEqual(['mobilisation', 'mobilisation', 'foundation']);
  });

  it('survives a JSON round trip of its snapshot', () => {
    const [first] = transition(machine, initialTransition(machine)[0], day('2020-09-01'));
    const persisted = JSON.parse(JSON.stringify(machine.getPersistedSnapshot(first)));
    const restored = machine.resolveState(persisted);
    const [next] = transition(machine, restored, day('2021-02-01'));
    expect(next.value).toBe('tackling');
    expect(next.context).toEqual({ campaignId: 'tianjin-hrss-2020-technical-schools', version: 1, today: '2021-02-01', phaseIndex: 2 });
  });

  it('is deterministic: compiling twice gives the same transitions', () => {
    const again = compile('000-tianjin-technical-schools.yaml');
    const run = (m: CampaignMachine) => transition(m, initialTransition(m)[0], day('2022-05-05'))[0].value;
    expect(run(again)).toBe(run(machine));
  });
});
