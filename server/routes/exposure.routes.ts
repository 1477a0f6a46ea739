/**
 * The public exposure list (曝光台), no token needed: every 曝光 step the engine has carried out and
 * no operator has withdrawn, as JSON and as a plain HTML page. It is read from the store's
 * `public_exposures` (PostgreSQL), which the escalation activities fill with exactly what was
 * published; an operator withdraws an entry (撤下) with a reason, within their jurisdiction.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../definitions/common.schema';
import type { PublicExposure } from '../../store';
import { Role } from '../auth/principal.schema';
import { httpError } from '../http-error';
import { ExposureEntry, ExposureList, Withdrawal, WithdrawnEntry } from '../schemas/exposure.schema';
import { RecordId } from '../schemas/report.schema';

const ExposureQuery = z.strictObject({ campaign: Id.optional().describe('a campaign (definition) id') });

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

const exposedOn = (iso: string): string => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function exposurePage(entries: Array<z.infer<typeof ExposureEntry>>): string {
  const rows = [...entries]
    .reverse()
    .map(
      (e) =>
        `<tr><td>${escapeHtml(exposedOn(e.exposedAt))}</td><td>${escapeHtml(e.campaign)}</td><td>${escapeHtml(e.unit)}</td>` +
        `<td>${escapeHtml(e.item)}</td><td>${escapeHtml(e.dueOn)}</td><td>${escapeHtml(e.text)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>安全生产曝光台</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.4em .6em;text-align:left;vertical-align:top}</style>
</head>
<body>
<h1>安全生产曝光台</h1>
<p>专项整治行动中逾期未整改、经督办仍未落实的事项，依规予以公开曝光。共 ${entries.length} 条。</p>
<table>
<thead><tr><th>曝光时间</th><th>专项行动</th><th>责任单位</th><th>事项</th><th>整改期限</th><th>曝光内容</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="6">暂无曝光事项。</td></tr>'}
</tbody>
</table>
</body>
</html>
`;
}

/** What the public sees of an entry: not who withdrew what (a published entry has no withdrawal). */
const published = ({ jurisdiction: _jurisdiction, withdrawal: _withdrawal, ...entry }: PublicExposure) => entry;

export const exposureRoutes: FastifyPluginAsyncZod = async (app) => {
  const exposures = async (campaignId: string | undefined) =>
    (await app.store().exposures.listPublished(campaignId ? { campaignId } : {})).map(published);

  app.get(
    '/exposure',
    {
      schema: {
        summary: 'The public exposure list (曝光台), oldest first; no token needed',
        tags: ['exposure'],
        querystring: ExposureQuery,
        response: { 200: ExposureList },
      },
    },
    async (request) => ({ items: await exposures(request.query.campaign) }),
  );

  app.get(
    '/exposure.html',
    {
      schema: {
        summary: 'The public exposure list as a web page (安全生产曝光台), newest first',
        tags: ['exposure'],
        querystring: ExposureQuery,
        response: { 200: z.string().describe('text/html') },
      },
    },
    async (request, reply) => reply.type('text/html; charset=utf-8').send(exposurePage(await exposures(request.query.campaign))),
  );

  app.post(
    '/exposure/:id/withdrawal',
    {
      onRequest: app.requireRole(Role.operator),
      schema: {
        summary: 'Withdraw an entry from the public exposure list (撤下), with a reason (operators, within their jurisdiction)',
        description: 'The entry leaves the public list and stays on record with who withdrew it, when and why; withdrawing it again changes nothing.',
        tags: ['exposure'],
        security: [{ bearer: [] }],
        params: z.object({ id: RecordId.describe('the entry’s id (its record id)') }),
        body: Withdrawal,
        response: { 200: WithdrawnEntry },
      },
    },
    async (request) => {
      const { exposures: store } = app.store();
      const entry = await store.get(request.params.id);
      if (!entry) throw httpError(404, `No exposure entry ${request.params.id} (没有该曝光事项)`);
      app.assertJurisdiction(request, entry.jurisdiction);
      const withdrawn = await store.withdraw(entry.id, { by: request.principal!.sub, reason: request.body.reason, at: new Date() });
      request.log.info({ exposure: entry.id, reason: request.body.reason }, 'exposure withdrawn');
      return withdrawn!;
    },
  );
};
