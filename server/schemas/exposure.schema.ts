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

/** An operator's withdrawal of an entry (POST /exposure/{id}/withdrawal). */
export const Withdrawal = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .refine((reason) => !reason.includes('\u0000'), { error: '撤下原因不能包含空字符' })
    .describe('why it is withdrawn (撤下原因), e.g. 已整改销号'),
});
export const WithdrawnEntry = ExposureEntry.extend({
  jurisdiction: z.string(),
  withdrawal: z.object({ at: z.string(), by: z.string(), reason: z.string() }).nullable(),
});
