/**
 * The router and the schemas agree on how long an id in a URL may be: fastify refuses a path
 * parameter longer than its `maxParamLength` before any schema sees it (a 414), so every string
 * a route's params schema allows must fit in it. Checked once per route as it is added, so a new
 * route with an unbounded or longer id fails at start-up instead of answering 414 to valid ids.
 */
import type { RouteOptions } from 'fastify';
import { z } from 'zod';

export function assertParamsWithin(route: Pick<RouteOptions, 'url' | 'schema'>, maxParamLength: number): void {
  const params = route.schema?.params;
  if (!(params instanceof z.ZodType)) return;
  const schema = z.toJSONSchema(params, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { type?: string; maxLength?: number }> };
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (property.type !== 'string') continue;
    if (property.maxLength === undefined || property.maxLength > maxParamLength) {
      throw new Error(
        `Route ${route.url}: path parameter ${name} allows ${property.maxLength ?? 'unbounded'} characters, more than the router's maxParamLength (${maxParamLength}); bound it in its schema`,
      );
    }
  }
}
