// Writes definitions/campaign.schema.json from the zod schema; a test fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { campaignJsonSchemaText } from '../definitions/json-schema';

const target = fileURLToPath(new URL('../definitions/campaign.schema.json', import.meta.url));
writeFileSync(target, campaignJsonSchemaText());
console.log(`wrote ${target}`);
