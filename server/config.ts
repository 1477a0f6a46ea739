/** The API's own settings, parsed once at start-up from the environment; a bad value stops the process with a clear message. */
import { z } from 'zod';
import { HAZARD_VIEWS_DEFAULTS } from './hazard-views';
import { RATE_LIMIT_DEFAULTS } from './rate-limits';

export const ApiConfig = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Memory for the hazard views the API keeps (server/hazard-views.ts). */
  hazardViewCacheMb: z.coerce.number().int().min(1).default(HAZARD_VIEWS_DEFAULTS.maxMegabytes),
  /** Calls per minute per token, or per client address without one (server/plugins/rate-limit.plugin.ts). */
  rateLimitPerMinute: z.coerce.number().int().min(1).default(RATE_LIMIT_DEFAULTS.requestsPerMinute),
  /** Failed authentications per minute per client address. */
  authFailuresPerMinute: z.coerce.number().int().min(1).default(RATE_LIMIT_DEFAULTS.authFailuresPerMinute),
  /** Whether the main job publishes and starts the seed campaigns (off: a process that joins a deployment already seeded). */
  seedCampaigns: z.enum(['on', 'off']).default('on'),
});
export type ApiConfig = z.infer<typeof ApiConfig>;

/** Reads API_HOST, API_PORT, LOG_LEVEL, HAZARD_VIEW_CACHE_MB, API_RATE_LIMIT_PER_MINUTE, API_AUTH_FAILURES_PER_MINUTE and SEED_CAMPAIGNS. */
export function loadApiConfig(env: Record<string, string | undefined>): ApiConfig {
  const parsed = ApiConfig.safeParse({
    host: env.API_HOST || undefined,
    port: env.API_PORT || undefined,
    logLevel: env.LOG_LEVEL || undefined,
    hazardViewCacheMb: env.HAZARD_VIEW_CACHE_MB || undefined,
    rateLimitPerMinute: env.API_RATE_LIMIT_PER_MINUTE || undefined,
    authFailuresPerMinute: env.API_AUTH_FAILURES_PER_MINUTE || undefined,
    seedCampaigns: env.SEED_CAMPAIGNS || undefined,
  });
  if (!parsed.success) {
    const names = {
      host: 'API_HOST',
      port: 'API_PORT',
      logLevel: 'LOG_LEVEL',
      hazardViewCacheMb: 'HAZARD_VIEW_CACHE_MB',
      rateLimitPerMinute: 'API_RATE_LIMIT_PER_MINUTE',
      authFailuresPerMinute: 'API_AUTH_FAILURES_PER_MINUTE',
      seedCampaigns: 'SEED_CAMPAIGNS',
    } as const;
    const problems = parsed.error.issues.map((issue) => `${names[issue.path[0] as keyof typeof names]}: ${issue.message}`);
    throw new Error(`Invalid API configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
