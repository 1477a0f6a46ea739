import { z } from 'zod';

/** Environment variables of the activities, parsed once when the worker starts. The database is the process entry's (store/config.ts). */
export const ActivityEnvironment = z.object({
  ESCALATION_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: 'ESCALATION_WEBHOOK_URL must be an http(s) URL, e.g. https://notify.example.gov.cn/escalations' })
    .optional()
    .meta({ description: 'Where escalation steps are POSTed; unset: they are written to the log' }),
});

export interface ActivityConfig {
  /** Absent: the log channel. */
  webhookUrl?: string;
}

/**
 * Reads the activities' settings, failing fast with every problem named. Empty strings count as unset.
 * @example parseActivityConfig({}) // {} — log channel
 */
export function parseActivityConfig(env: Record<string, string | undefined>): ActivityConfig {
  const present = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const parsed = ActivityEnvironment.safeParse({ ESCALATION_WEBHOOK_URL: present(env.ESCALATION_WEBHOOK_URL) });
  if (!parsed.success) {
    throw new Error(`activity configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data.ESCALATION_WEBHOOK_URL ? { webhookUrl: parsed.data.ESCALATION_WEBHOOK_URL } : {};
}
