import { z } from 'zod';
import { CampaignFile } from './campaign.schema';

/** The JSON Schema of a campaign file (standalone or `extends`), for editors and API clients. */
export function campaignJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(CampaignFile, { io: 'input', target: 'draft-7', unrepresentable: 'any' }),
    $id: 'https://campaign-engine.local/definitions/campaign.schema.json',
  };
}

/** The schema file's text exactly as `npm run schema:generate` writes it. */
export function campaignJsonSchemaText(): string {
  return `${JSON.stringify(campaignJsonSchema(), null, 2)}\n`;
}
