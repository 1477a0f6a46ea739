/** An error the problem+json handler (plugins/problem-json.plugin.ts) answers with this status and message. */
export function httpError(statusCode: number, message: string): Error & { statusCode: number } {
  return Object.assign(new Error(message), { statusCode });
}
