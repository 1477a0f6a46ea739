// An event's duty under a calendar update: a limit in working days is counted again, one in hours stays.
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../definitions/calendar';
import type { CampaignDefinition } from '../../definitions/campaign.schema';
import { loadCampaignDefinitions, repositoryOfficialCalendar } from '../../definitions/load';
import type { CampaignRunState, EventRecord, OccurrenceRecord } from '../../workflows/campaign.messages';
import { eventDutyDueOn } from '../../workflows/campaign-obligations';
import { planCampaign } from '../../workflows/campaign-plan';

const seeds = loadCampaignDefinitions(new URL('../../definitions/campaigns', import.meta.url).pathname);
const linzi = seeds.definitions.get('linzi-2026-hundred-days') as CampaignDefinition;

const event = (eventId: string, type: string, occurredAt: string, dueOn: string): EventRecord => ({
  eventId, type, unitId: 'jinshan-town', occurredAt, text: '督查发现', reportedBy: '区安委办', reportedAt: occurredAt, occurrenceId: `event:${eventId}`, dueOn,
});

describe('eventDutyDueOn', () => {
  it('counts a limit in working days on the new calendar (04-07 made a day off); a limit in hours, or a calendar occurrence, is not an event duty to move', () => {
    const calendar = createCalendar({ years: repositoryOfficialCalendar(), overrides: { workingDays: [], holidays: ['2026-04-07'] } });
    const plan = planCampaign(linzi, calendar);
    const state = {
      events: {
        'major-hazard-found-1': event('major-hazard-found-1', 'major-hazard-found', '2026-04-02T16:00:00+08:00', '2026-04-08'),
        'major-accident-1': event('major-accident-1', 'major-accident', '2026-04-07T09:30:00+08:00', '2026-04-07'),
      },
    } as Partial<CampaignRunState> as CampaignRunState;
    const record = (eventId?: string) => ({ occurrenceId: 'summary-report:once', ...(eventId ? { eventId } : {}) }) as OccurrenceRecord;
    expect(eventDutyDueOn(state, plan, record('major-hazard-found-1'))).toBe('2026-04-09');
    expect(eventDutyDueOn(state, plan, record('major-accident-1'))).toBe('2026-04-07');
    expect(eventDutyDueOn(state, plan, record())).toBeUndefined();
  });
});
