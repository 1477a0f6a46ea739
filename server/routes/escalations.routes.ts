/**
 * /escalations: the escalation register — every step the engine took (通报, 约谈, 挂牌督办, 曝光 …)
 * with the text or document it sent and when it was delivered, read from the record store
 * (PostgreSQL) the escalation activities write, within the caller's jurisdiction. "Who was 通报'd
 * this quarter" is `?action=notice&from=…&before=…`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseCampaignRunId } from '../../definitions/campaign-run';
import { EscalationRecord } from '../../store';
import { Role } from '../auth/principal.schema';
import { httpError } from '../http-error';
import { EscalationRecordQuery, RecordParams } from '../schemas/report.schema';

const tags = ['escalations'];
const security = [{ bearer: [] }];

/** Page tokens carry where the previous page ended: its last record's planned instant and id. */
const pageToken = {
  of: (record: EscalationRecord): string => Buffer.from(JSON.stringify([record.plannedAt, record.id])).toString('base64url'),
  parse(token: string): { plannedAt: string; recordId: string } {
    try {
      const [plannedAt, recordId] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown[];
      if (typeof plannedAt === 'string' && !Number.isNaN(Date.parse(plannedAt)) && typeof recordId === 'string') return { plannedAt, recordId };
    } catch {
      // reported below
    }
    throw httpError(400, 'nextPageToken is not valid');
  },
};

export const escalationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/escalations',
    {
      onRequest: app.requireRole(Role.operator, Role.unit),
      schema: {
        summary: 'Escalation records in your jurisdiction, newest first: what was sent to whom, and when it was delivered',
        tags,
        security,
        querystring: EscalationRecordQuery,
        response: { 200: z.object({ items: z.array(EscalationRecord), nextPageToken: z.string().nullable() }) },
      },
    },
    async (request) => {
      const query = request.query;
      const principal = request.principal!;
      const run = query.campaign !== undefined ? parseCampaignRunId(query.campaign) : undefined;
      if (run) app.assertJurisdiction(request, run.jurisdiction);
      if (query.unit !== undefined) app.assertUnit(request, query.unit);
      const unitId = principal.role === Role.unit ? principal.unitId : query.unit;
      const items = await app.store().records.list({
        jurisdiction: principal.jurisdiction,
        ...(run ? { campaignId: run.definitionId, runJurisdiction: run.jurisdiction } : {}),
        ...(unitId !== undefined ? { unitId } : {}),
        ...(query.action !== undefined ? { action: query.action } : {}),
        ...(query.item !== undefined ? { workflowId: query.item } : {}),
        ...(query.from !== undefined ? { plannedFrom: new Date(query.from) } : {}),
        ...(query.before !== undefined ? { plannedBefore: new Date(query.before) } : {}),
        ...(query.nextPageToken !== undefined ? { after: pageToken.parse(query.nextPageToken) } : {}),
        limit: query.pageSize,
      });
      return { items, nextPageToken: items.length === query.pageSize ? pageToken.of(items.at(-1)!) : null };
    },
  );

  app.get(
    '/escalations/:recordId',
    {
      onRequest: app.requireRole(Role.operator, Role.unit),
      schema: {
        summary: 'One escalation record with its document (the 通报 text, the 约谈 proposal, the 曝光 entry …)',
        tags,
        security,
        params: RecordParams,
        response: { 200: EscalationRecord },
      },
    },
    async (request) => {
      const record = await app.store().records.get(request.params.recordId);
      if (!record) throw httpError(404, `No escalation record ${request.params.recordId} (没有该督办记录)`);
      app.assertJurisdiction(request, record.campaign.jurisdiction);
      app.assertUnit(request, record.item.unitId);
      return record;
    },
  );
};
