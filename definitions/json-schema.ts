import { z } from 'zod';
import { OfficialYear } from './calendar-year.schema';
import { CampaignFile } from './campaign.schema';

const jsonSchemaOf = (schema: z.ZodType, file: string): Record<string, unknown> => ({
  ...z.toJSONSchema(schema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }),
  $id: `https://campaign-engine.local/definitions/${file}`,
});

const textOf = (schema: Record<string, unknown>): string => `${JSON.stringify(schema, null, 2)}\n`;

/** The JSON Schema of a campaign file (standalone or `extends`), for editors and API clients. */
export function campaignJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(CampaignFile, 'campaign.schema.json');
}

/** The schema file's text exactly as `npm run schema:generate` writes it. */
export function campaignJsonSchemaText(): string {
  return textOf(campaignJsonSchema());
}

/** The JSON Schema of an official calendar file (`calendars/<year>.yaml`). */
export function calendarYearJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(OfficialYear, 'calendar-year.schema.json');
}

/** `calendar-year.schema.json` exactly as `npm run schema:generate` writes it. */
export function calendarYearJsonSchemaText(): string {
  return textOf(calendarYearJsonSchema());
}
