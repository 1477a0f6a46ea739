/** What the public exposure list (曝光台) shows of each entry (GET /exposure). */
import { z } from 'zod';

export const ExposureEntry = z.object({
  id: z.string().describe('the record id of the exposure step'),
  campaignId: z.string(),
  campaign: z.string().describe('campaign title'),
  unit: z.string().describe('responsible unit (责任单位)'),
  item: z.string().describe('what is overdue'),
  dueOn: z.string().describe('the missed deadline, YYYY-MM-DD'),
  exposedAt: z.string().describe('when it was published (ISO instant)'),
  channel: z.string(),
  text: z.string().describe('the published text'),
});

export const ExposureList = z.object({ items: z.array(ExposureEntry) });
