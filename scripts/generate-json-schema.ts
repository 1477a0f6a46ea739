// Writes the JSON Schemas of definitions/ from their zod schemas; a test fails when a file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { calendarYearJsonSchemaText, campaignJsonSchemaText } from '../definitions/json-schema';

const targets = { 'campaign.schema.json': campaignJsonSchemaText(), 'calendar-year.schema.json': calendarYearJsonSchemaText() };
for (const [file, text] of Object.entries(targets)) {
  const target = fileURLToPath(new URL(`../definitions/${file}`, import.meta.url));
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
