/** How much one client may ask of the API (enforced by plugins/rate-limit.plugin.ts; set by server/config.ts). */
export interface RateLimitSettings {
  /** Calls per minute per token (or per client address without one). */
  requestsPerMinute: number;
  /** Failed authentications per minute per client address. */
  authFailuresPerMinute: number;
}

/** Twenty calls a second per token: far above what a person at a console makes, low enough to stop a loop. */
export const RATE_LIMIT_DEFAULTS: RateLimitSettings = { requestsPerMinute: 1200, authFailuresPerMinute: 20 };
