/**
 * What GET /me tells the console each role may do (server/auth/permissions.ts) is exactly what the
 * routes allow: every route behind a token is listed here with its permission, and each role is
 * refused (403) exactly where it lacks that permission. A request that passes the role check is
 * stopped before its handler (and so before Temporal) by a hook of this test, or by validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '../../server/auth/permissions';
import type { Principal } from '../../server/auth/principal.schema';
import { bearer, buildOfflineApp, people, type TestApp } from './api-app';

const HAZARD = encodeURIComponent('hazard:x@CN.test:H-1');

/** Each secured route: its OpenAPI path, a request to it, and its permission. */
const ROUTES: Array<{ method: 'GET' | 'POST'; path: string; url: string; body?: Record<string, never>; permission: Permission }> = [
  { method: 'GET', path: '/definitions', url: '/definitions', permission: 'readDefinitions' },
  { method: 'POST', path: '/definitions', url: '/definitions', body: {}, permission: 'publishDefinitions' },
  { method: 'POST', path: '/definitions/validate', url: '/definitions/validate', body: {}, permission: 'validateDefinitions' },
  { method: 'POST', path: '/definitions/preview', url: '/definitions/preview', body: {}, permission: 'validateDefinitions' },
  { method: 'GET', path: '/definitions/{id}/versions', url: '/definitions/x/versions', permission: 'readDefinitions' },
  { method: 'GET', path: '/definitions/{id}/versions/{version}', url: '/definitions/x/versions/0', permission: 'readDefinitions' },
  { method: 'GET', path: '/definitions/{id}/versions/{version}/timeline', url: '/definitions/x/versions/0/timeline', permission: 'readDefinitions' },
  { method: 'GET', path: '/definitions/{id}/versions/{version}/diagram', url: '/definitions/x/versions/0/diagram', permission: 'readDefinitions' },
  { method: 'GET', path: '/definitions/{id}/versions/{version}/diff-from-parent', url: '/definitions/x/versions/0/diff-from-parent', permission: 'readDefinitions' },
  { method: 'GET', path: '/campaigns', url: '/campaigns?definitionId=', permission: 'readCampaigns' },
  { method: 'POST', path: '/campaigns', url: '/campaigns', body: {}, permission: 'startCampaigns' },
  { method: 'GET', path: '/campaigns/{runId}', url: '/campaigns/not-a-run', permission: 'readCampaigns' },
  { method: 'POST', path: '/campaigns/{runId}/duties/{occurrenceId}/submissions', url: '/campaigns/x@CN.test/duties/o/submissions', body: {}, permission: 'submitDuties' },
  { method: 'POST', path: '/campaigns/{runId}/migrations', url: '/campaigns/x@CN.test/migrations', body: {}, permission: 'migrateCampaigns' },
  { method: 'GET', path: '/calendars', url: '/calendars', permission: 'readCalendars' },
  { method: 'POST', path: '/campaigns/{runId}/calendar', url: '/campaigns/x@CN.test/calendar', body: {}, permission: 'applyCalendars' },
  { method: 'POST', path: '/campaigns/{runId}/imports', url: '/campaigns/x@CN.test/imports', body: {}, permission: 'importLedgers' },
  { method: 'POST', path: '/campaigns/{runId}/milestones/{milestoneId}/confirmation', url: '/campaigns/x@CN.test/milestones/m/confirmation', body: {}, permission: 'confirmMilestones' },
  { method: 'POST', path: '/campaigns/{runId}/events', url: '/campaigns/x@CN.test/events', body: {}, permission: 'reportEvents' },
  { method: 'POST', path: '/campaigns/{runId}/hazards', url: '/campaigns/x@CN.test/hazards', body: {}, permission: 'registerHazards' },
  { method: 'GET', path: '/hazards', url: '/hazards?pageSize=0', permission: 'readHazards' },
  { method: 'GET', path: '/hazards/{hazardRef}', url: '/hazards/not-a-ref', permission: 'readHazards' },
  { method: 'POST', path: '/hazards/{hazardRef}/rectification', url: `/hazards/${HAZARD}/rectification`, body: {}, permission: 'rectifyHazards' },
  { method: 'POST', path: '/hazards/{hazardRef}/verification', url: `/hazards/${HAZARD}/verification`, body: {}, permission: 'verifyHazards' },
  { method: 'POST', path: '/hazards/{hazardRef}/extension-requests', url: `/hazards/${HAZARD}/extension-requests`, body: {}, permission: 'requestExtensions' },
  { method: 'POST', path: '/hazards/{hazardRef}/extension-decision', url: `/hazards/${HAZARD}/extension-decision`, body: {}, permission: 'decideExtensions' },
  { method: 'POST', path: '/hazards/{hazardRef}/reinspection', url: `/hazards/${HAZARD}/reinspection`, body: {}, permission: 'recordReinspections' },
  { method: 'GET', path: '/runs/{workflowId}', url: '/runs/x', permission: 'inspectRuns' },
  { method: 'GET', path: '/statistics/hazards', url: '/statistics/hazards', permission: 'readReports' },
  { method: 'GET', path: '/statistics/duties', url: '/statistics/duties', permission: 'readReports' },
  { method: 'GET', path: '/escalations', url: '/escalations', permission: 'readReports' },
  { method: 'GET', path: '/escalations/{recordId}', url: '/escalations/r-1', permission: 'readReports' },
  ...['hazard-ledger', 'hazard-statistics', 'duty-statistics', 'measures'].flatMap((sheet) =>
    ['csv', 'xlsx'].map((format) => ({ method: 'GET' as const, path: `/exports/${sheet}.${format}`, url: `/exports/${sheet}.${format}`, permission: 'readReports' as const })),
  ),
  { method: 'POST', path: '/exposure/{id}/withdrawal', url: '/exposure/r-1/withdrawal', body: {}, permission: 'withdrawExposures' },
];

/** Routes every token may call, with no permission of their own. */
const ANY_TOKEN = ['GET /me'];

const ROLES: Principal[] = [people.tianjinAuthor, people.tianjinOperator, people.school7];

describe('permissions: what /me offers is what the routes allow', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildOfflineApp();
    // Past authentication, role and validation, a request is allowed: that is all this test needs to know.
    app.addHook('preHandler', async (request, reply) => {
      if (request.principal) return reply.status(204).send();
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists every route that wants a token', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const secured = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => (operation.security ?? []).length > 0)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(secured.sort()).toEqual([...ROUTES.map((route) => `${route.method} ${route.path}`), ...ANY_TOKEN].sort());
  });

  it.each(ROUTES)('$method $path: refused exactly to the roles without $permission', async ({ method, url, body, permission }) => {
    for (const principal of ROLES) {
      const response = await app.inject({ method, url, headers: bearer(app, principal), ...(body === undefined ? {} : { payload: body }) });
      const allowed = (PERMISSIONS[permission] as readonly string[]).includes(principal.role);
      if (allowed) expect([204, 400], `${principal.role}: ${response.body}`).toContain(response.statusCode);
      else expect(response.statusCode, `${principal.role}: ${response.body}`).toBe(403);
    }
  });
});
