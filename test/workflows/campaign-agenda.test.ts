/**
 * The campaign run's pure scheduling core: which obligations a run opens on a day, where each
 * stands, and the agenda of next rungs it keeps sorted instead of rescanning every occurrence.
 */
import { describe, expect, it } from 'vitest';
import type { CampaignDefinition } from '../../definitions/campaign.schema';
import { loadCampaignDefinitions, repositoryOfficialCalendar } from '../../definitions/load';
import { campaignCalendar } from '../../definitions/run-calendar';
import type { CampaignRunState } from '../../workflows/campaign.messages';
import { CONCURRENT_RUNGS, CampaignAgenda, ladderSubjects, rungsDueTogether, type AgendaEntry } from '../../workflows/campaign-agenda';
import { applyLedger, applyToObligation, ledgerRefusals, occurrenceKey, occurrenceStatus, openThrough } from '../../workflows/campaign-obligations';
import { firstDateAfter, planCampaign } from '../../workflows/campaign-plan';

const seeds = loadCampaignDefinitions(new URL('../../definitions/campaigns', import.meta.url).pathname);
const jizhou = seeds.definitions.get('jizhou-2024-root-cause') as CampaignDefinition;
const plan = planCampaign(jizhou, campaignCalendar(repositoryOfficialCalendar(), jizhou));
const run = { timeZone: 'Asia/Shanghai', clockOffsetMs: 0 };
const at0900 = (date: string): number => Date.parse(`${date}T09:00:00+08:00`);

function stateOn(day: string, adoptedOn: string | null): CampaignRunState {
  const state: CampaignRunState = { definition: jizhou, processedThrough: day, occurrences: {}, milestones: {}, escalationLog: [], log: [], clockOffsetMs: 0, adoptedOn, generation: 2 };
  openThrough(state, plan, day);
  return state;
}

describe('campaign scheduling core', () => {
  it('finds the next calendar date after a day by binary search', () => {
    expect(firstDateAfter(plan.calendarDates, null)).toBe(plan.calendarDates[0]);
    expect(firstDateAfter(plan.calendarDates, '2026-11-23')).toBe('2026-12-01'); // the December report and the annual report open
    expect(firstDateAfter(plan.calendarDates, plan.calendarDates.at(-1)!)).toBeUndefined();
  });

  it('opens every occurrence per owing unit; what fell due before the adoption is marked and gets no ladder', () => {
    const state = stateOn('2026-11-23', '2026-11-23');
    const q3 = state.occurrences[occurrenceKey('quarterly-report:2026-Q3', 'towns')]!;
    expect(q3).toMatchObject({ dueOn: '2026-09-30', beforeAdoption: true });
    expect(occurrenceStatus(q3, run, Date.parse('2026-11-23T10:00:00+08:00'))).toBe('before-adoption');
    expect(ladderSubjects(state, plan).filter((s) => s.base < '2026-11-23')).toEqual([]);
    // Simulated from the start, the same day finds the report late and on its ladder.
    const simulated = stateOn('2026-11-23', null);
    expect(occurrenceStatus(simulated.occurrences[occurrenceKey('quarterly-report:2026-Q3', 'towns')]!, run, Date.parse('2026-11-23T10:00:00+08:00'))).toBe('late');
  });

  it('keeps the next rungs sorted, ties in opening order, and refreshes one obligation when it changes', () => {
    const state = stateOn('2026-12-26', null);
    const agenda = new CampaignAgenda(state, plan);
    const first = agenda.first()!;
    // Every report of 2024–2026 not submitted: the oldest rung still to take comes first.
    expect(first).toMatchObject({ key: occurrenceKey('quarterly-report:2024-Q2', 'towns'), stepIndex: 0, step: { action: 'reminder' } });
    const record = state.occurrences[first.key]!;
    record.machine = applyToObligation(record.machine, { type: 'SUBMITTED', on: '2026-12-26' }).machine;
    agenda.refresh(first.key);
    expect(agenda.first()).toMatchObject({ key: occurrenceKey('quarterly-report:2024-Q2', 'departments'), at: first.at });
  });

  it('imports a ledger all or nothing; an item imported as overdue climbs from the import day, passing over earlier rungs', () => {
    const state = stateOn('2026-11-23', '2026-11-23');
    const entries = [{ kind: 'duty-occurrence' as const, occurrenceId: 'quarterly-report:2026-Q3', unitId: 'towns', overdue: true }];
    expect(ledgerRefusals(state, plan, [...entries, { kind: 'milestone', milestoneId: 'nothing', confirmedOn: '2026-01-01' }], '2026-11-23')).toEqual([
      '第 2 行：本行动没有编号为“nothing”的节点',
    ]);
    expect(ledgerRefusals(state, plan, entries, '2026-11-23')).toEqual([]);
    applyLedger(state, plan, entries, { by: '区安委办', today: '2026-11-23' });
    const agenda = new CampaignAgenda(state, plan);
    // Reminder three working days before 11-23 is passed over (never sent late); 通报 the next working day.
    expect(agenda.first()).toMatchObject({ key: occurrenceKey('quarterly-report:2026-Q3', 'towns'), stepIndex: 0, skip: true });
    const record = state.occurrences[agenda.first()!.key]!;
    record.machine = applyToObligation(record.machine, { type: 'ESCALATION.STEP_SKIPPED', stepIndex: 0 }).machine;
    agenda.refresh(occurrenceKey('quarterly-report:2026-Q3', 'towns'));
    expect(agenda.first()).toMatchObject({ stepIndex: 1, skip: false, at: at0900('2026-11-24'), step: { action: 'notice' } });
  });

  it('takes the rungs due together from the front of the agenda: at most CONCURRENT_RUNGS, up to the first not yet due or taken alone', () => {
    const step = Object.values(jizhou.escalationLadders)[0]!.steps[0]!;
    const instant = at0900('2026-12-28');
    const entry = (i: number, fields: Partial<AgendaEntry> = {}): AgendaEntry => ({ key: `k${i}`, rank: i, stepIndex: 0, step, at: instant, skip: false, ...fields });
    const keys = (batch: AgendaEntry[]) => batch.map((e) => e.key);
    const clustered = Array.from({ length: 120 }, (_, i) => entry(i));
    expect(keys(rungsDueTogether(clustered, instant, () => false))).toEqual(keys(clustered.slice(0, CONCURRENT_RUNGS)));
    expect(rungsDueTogether(clustered, instant - 1, () => false)).toEqual([]);
    // A rung passed over takes no activity: it goes with the batch without counting towards the bound.
    const withSkips = [entry(0, { skip: true, at: instant + 1 }), ...clustered.slice(1, CONCURRENT_RUNGS + 2)];
    expect(keys(rungsDueTogether(withSkips, instant, () => false))).toEqual(keys(withSkips.slice(0, CONCURRENT_RUNGS + 1)));
    // The batch ends before a rung due later, and before one taken alone (collected by sector).
    const mixed = [entry(0), entry(1), entry(2, { at: instant + 1 }), entry(3)];
    expect(keys(rungsDueTogether(mixed, instant, () => false))).toEqual(['k0', 'k1']);
    expect(keys(rungsDueTogether(mixed, instant + 1, (e) => e.key === 'k1'))).toEqual(['k0']);
    // A copy: taking the rungs refreshes the agenda under it.
    expect(rungsDueTogether(mixed, instant, () => false)).not.toBe(mixed);
  });
});
