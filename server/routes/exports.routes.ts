/**
 * /exports: the ledgers and statistics as files, within the caller's jurisdiction — 问题隐患清单,
 * 制度措施清单, 隐患整改统计 and 报送统计, each as `.xlsx` (a real workbook) and `.csv` (UTF-8 with
 * BOM), named in Chinese for the person who saves them.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../auth/principal.schema';
import { dutyStatisticsTable, hazardLedgerTable, hazardStatisticsTable, measuresTable } from '../report-sheets';
import { reportScope } from '../report-scope';
import { ReportScopeQuery, StatisticsQuery } from '../schemas/report.schema';
import { csvText, xlsxBuffer, type Table } from '../spreadsheets';

const FORMATS = {
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', render: (table: Table) => xlsxBuffer([table]) },
  csv: { contentType: 'text/csv; charset=utf-8', render: async (table: Table) => Buffer.from(csvText(table), 'utf8') },
} as const;

/** One export: its path, its file name, what it covers, and how its table is read. */
interface ExportSpec<Query extends z.ZodType> {
  path: string;
  fileName: string;
  summary: string;
  querystring: Query;
  table(request: FastifyRequest, query: z.infer<Query>): Promise<Table>;
}

const spec = <Query extends z.ZodType>(s: ExportSpec<Query>): ExportSpec<Query> => s;

/** `attachment` with an ASCII fallback name and the Chinese one (RFC 6266 / 5987). */
const disposition = (asciiName: string, name: string): string => `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const exportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ledger = (request: FastifyRequest, query: ReportScopeQuery) =>
    app.store().ledgers.hazards(reportScope(app, request, query), { from: query.from, to: query.to }, new Date());
  const statistics = (request: FastifyRequest, query: StatisticsQuery) => ({ scope: reportScope(app, request, query), by: query.by, period: query.period, from: query.from, to: query.to });

  const exports = [
    spec({
      path: 'hazard-ledger',
      fileName: '问题隐患清单',
      summary: '问题隐患清单: every hazard with its unit, level, location, time limit, status, overdue days and escalation',
      querystring: ReportScopeQuery,
      table: async (request, query) => hazardLedgerTable(await ledger(request, query)),
    }),
    spec({
      path: 'measures',
      fileName: '制度措施清单',
      summary: '制度措施清单: per hazard the measure, responsible unit and person, time limit, completion and verification',
      querystring: ReportScopeQuery,
      table: async (request, query) => measuresTable(await ledger(request, query)),
    }),
    spec({
      path: 'hazard-statistics',
      fileName: '隐患整改统计',
      summary: 'Hazard statistics (as GET /statistics/hazards) as a sheet',
      querystring: StatisticsQuery,
      table: async (request, query) => hazardStatisticsTable(await app.store().statistics.hazards(statistics(request, query), new Date())),
    }),
    spec({
      path: 'duty-statistics',
      fileName: '报送统计',
      summary: 'Duty statistics (as GET /statistics/duties) as a sheet',
      querystring: StatisticsQuery,
      table: async (request, query) => dutyStatisticsTable(await app.store().statistics.duties(statistics(request, query), new Date())),
    }),
  ];

  for (const exported of exports) {
    for (const [extension, format] of Object.entries(FORMATS)) {
      app.get(
        `/exports/${exported.path}.${extension}`,
        {
          onRequest: app.requireRole(Role.operator, Role.unit),
          schema: {
            summary: `${exported.summary} (.${extension})`,
            description: `Answers the file: ${format.contentType}, as an attachment named ${exported.fileName}.${extension}.`,
            tags: ['exports'],
            security: [{ bearer: [] }],
            querystring: exported.querystring,
          },
        },
        async (request, reply) => {
          // The route's querystring schema has parsed the query into this export's own query type.
          const body = await format.render(await exported.table(request, request.query as never));
          return reply
            .type(format.contentType)
            .header('content-disposition', disposition(`${exported.path}.${extension}`, `${exported.fileName}.${extension}`))
            .send(body);
        },
      );
    }
  }
};
