import { resolve } from 'node:path';
import { z } from 'zod';

/** Environment variables of the activities, parsed once when the worker starts. */
export const ActivityEnvironment = z.object({
  ESCALATION_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: 'ESCALATION_WEBHOOK_URL must be an http(s) URL, e.g. https://notify.example.gov.cn/escalations' })
    .optional()
    .meta({ description: 'Where escalation steps are POSTed; unset: they are written to the log' }),
  RECORDS_DIR: z.string().min(1).default('data/records').meta({ description: 'Folder of the kept records (通报, 约谈, 曝光 …), relative to the working directory' }),
});

export interface ActivityConfig {
  /** Absent: the log channel. */
  webhookUrl?: string;
  /** Absolute. */
  recordsDir: string;
}

/**
 * Reads the activities' settings, failing fast with every problem named. Empty strings count as unset.
 * @example parseActivityConfig({}) // { recordsDir: '<cwd>/data/records' } — log channel
 */
export function parseActivityConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): ActivityConfig {
  const present = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const parsed = ActivityEnvironment.safeParse({
    ESCALATION_WEBHOOK_URL: present(env.ESCALATION_WEBHOOK_URL),
    RECORDS_DIR: present(env.RECORDS_DIR),
  });
  if (!parsed.success) {
    throw new Error(`activity configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return {
    ...(parsed.data.ESCALATION_WEBHOOK_URL ? { webhookUrl: parsed.data.ESCALATION_WEBHOOK_URL } : {}),
    recordsDir: resolve(cwd, parsed.data.RECORDS_DIR),
  };
}
