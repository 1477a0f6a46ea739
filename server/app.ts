/**
 * buildApp(): the fastify control plane without `listen`, so tests drive it with `inject` and
 * process entries decide where it listens.
 */
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import type { TemporalSettings } from '../temporal.config';
import type { Store } from '../store';
import type { OfficialYear } from '../definitions/calendar-year.schema';
import { authPlugin } from './plugins/auth.plugin';
import { consolePlugin, CONSOLE_PREFIX } from './plugins/console.plugin';
import { problemJsonPlugin, replyWithProblem } from './plugins/problem-json.plugin';
import { rateLimitPlugin } from './plugins/rate-limit.plugin';
import type { RateLimitSettings } from './rate-limits';
import { requestIdOf, requestLogPlugin } from './plugins/request-log.plugin';
import { securityHeadersPlugin } from './plugins/security-headers.plugin';
import { createPageTokens } from './page-tokens';
import { assertParamsWithin } from './route-params';
import { WORKFLOW_ID_MAX_LENGTH } from './schemas/run.schema';
import { temporalPlugin } from './plugins/temporal.plugin';
import type { HazardViewsSettings } from './hazard-views';
import { hazardViewsPlugin } from './plugins/hazard-views.plugin';
import { storePlugin } from './plugins/store.plugin';
import { officialCalendarPlugin } from './plugins/official-calendar.plugin';
import { healthRoutes } from './routes/health.routes';
import { calendarsRoutes } from './routes/calendars.routes';
import { campaignsRoutes } from './routes/campaigns.routes';
import { definitionPreviewRoutes } from './routes/definition-preview.routes';
import { definitionsRoutes } from './routes/definitions.routes';
import { eventsRoutes } from './routes/events.routes';
import { exposureRoutes } from './routes/exposure.routes';
import { hazardsRoutes } from './routes/hazards.routes';
import { meRoutes } from './routes/me.routes';
import { runsRoutes } from './routes/runs.routes';
import { escalationsRoutes } from './routes/escalations.routes';
import { exportsRoutes } from './routes/exports.routes';
import { statisticsRoutes } from './routes/statistics.routes';
import { vocabularyRoutes } from './routes/vocabulary.routes';

export interface AppDependencies {
  temporalClient: Client;
  temporalSettings: TemporalSettings;
  logger: FastifyBaseLogger;
  /** Signs and verifies the API's bearer tokens (server/auth/token-secret.ts). */
  tokenSecret: string;
  /** The hazard read model's bounds (server/hazard-views.ts); defaults suit a district's campaigns. */
  hazardViews?: Partial<HazardViewsSettings>;
  /** The record and reporting store (PostgreSQL); without it the routes that read it answer 503. */
  store?: Store;
  /** The built web console (console/dist), served at /console; without it /console answers 503. */
  consoleDir?: string;
  /** Requests per minute per token or client, and failed authentications per client (defaults: server/config.ts). */
  rateLimit?: Partial<RateLimitSettings>;
  /** The State Council's calendars (definitions/calendars/, loaded by bin/start.ts): working days and the missing-year warnings of definitions. */
  officialCalendar: readonly OfficialYear[];
}

export async function buildApp(deps: AppDependencies) {
  const app = Fastify({
    loggerInstance: deps.logger,
    // A caller's x-request-id is kept when it is short and safe (else one is made) and returned,
    // and routes pass it into the runs they start or change, so an operator can go from an API
    // call to the run.
    requestIdHeader: false,
    genReqId: requestIdOf,
    // One line per request, written when it is answered (plugins/request-log.plugin.ts), instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // Ids in URLs are routed up to the longest any schema allows; longer is a 414 problem+json.
    routerOptions: { maxParamLength: WORKFLOW_ID_MAX_LENGTH },
    // Errors the router raises before a route is found (a malformed or over-long URL) are problem+json too.
    frameworkErrors: replyWithProblem,
  }).withTypeProvider<ZodTypeProvider>();
  app.addHook('onRoute', (route) => assertParamsWithin(route, WORKFLOW_ID_MAX_LENGTH));
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(requestLogPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(problemJsonPlugin);
  await app.register(rateLimitPlugin, deps.rateLimit ?? {});

  await app.register(swagger, {
    openapi: {
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      info: {
        title: 'Campaign engine API (专项整治行动引擎)',
        description: 'Definitions, campaigns, hazards and runs of safety-rectification campaigns; escalation records, statistics and ledger exports.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(authPlugin, { secret: deps.tokenSecret });
  await app.register(temporalPlugin, { client: deps.temporalClient, settings: deps.temporalSettings });
  await app.register(hazardViewsPlugin, deps.hazardViews ?? {});
  await app.register(storePlugin, { store: deps.store });
  await app.register(healthRoutes);
  await app.register(meRoutes);
  await app.register(vocabularyRoutes);
  await app.register(officialCalendarPlugin, { years: deps.officialCalendar });
  await app.register(definitionsRoutes);
  await app.register(definitionPreviewRoutes);
  await app.register(campaignsRoutes);
  await app.register(eventsRoutes);
  await app.register(calendarsRoutes);
  await app.register(hazardsRoutes, { pageTokens: createPageTokens(deps.tokenSecret) });
  await app.register(runsRoutes);
  await app.register(exposureRoutes);
  await app.register(escalationsRoutes);
  await app.register(statisticsRoutes);
  await app.register(exportsRoutes);
  await app.register(consolePlugin, { prefix: CONSOLE_PREFIX, consoleDir: deps.consoleDir });
  return app;
}
