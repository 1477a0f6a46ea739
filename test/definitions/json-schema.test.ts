import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calendarYearJsonSchemaText, campaignJsonSchemaText } from '../../definitions';

describe('exported JSON Schema', () => {
  it('matches what the zod schema generates now (run `npm run schema:generate` if this fails)', () => {
    const committed = readFileSync(new URL('../../definitions/campaign.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(campaignJsonSchemaText());
  });

  it('the calendar year schema matches too (run `npm run schema:generate` if this fails)', () => {
    const committed = readFileSync(new URL('../../definitions/calendar-year.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(calendarYearJsonSchemaText());
    const schema = JSON.parse(committed) as { required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(['year', 'source', 'holidays']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('offers both shapes: a standalone campaign and one that extends a parent', () => {
    const schema = JSON.parse(campaignJsonSchemaText()) as { anyOf: Array<{ required?: string[] }>; definitions: Record<string, unknown> };
    expect(schema.anyOf.map((s) => s.required)).toEqual([
      ['id', 'version', 'kind', 'title', 'authority', 'jurisdiction', 'span', 'phases'],
      ['id', 'version', 'extends'],
    ]);
    expect(Object.keys(schema.definitions)).toEqual(expect.arrayContaining(['DateRule', 'Cadence', 'EscalationStep', 'LocalDate']));
  });
});
