/**
 * The public exposure list (曝光台), no token needed: every 曝光 step the engine has carried out,
 * as JSON and as a plain HTML page. It is read from the records the escalation activities keep
 * (the activities' record store, read side only), which hold exactly what was published.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../definitions/common.schema';
import { createFileRecordStore } from '../../activities/records/file-record.store';
import { listPublicExposures, type PublicExposure } from '../../activities/records/public-exposures';
import { httpError } from '../http-error';

export const ExposureEntry = z.object({
  campaignId: z.string(),
  campaign: z.string().describe('campaign title'),
  unit: z.string().describe('responsible unit (责任单位)'),
  item: z.string().describe('what is overdue'),
  dueOn: z.string().describe('the missed deadline, YYYY-MM-DD'),
  exposedAt: z.string().describe('when it was published (ISO instant)'),
  channel: z.string(),
  text: z.string().describe('the published text'),
});

export const ExposureList = z.object({ items: z.array(ExposureEntry) });

const ExposureQuery = z.strictObject({ campaign: Id.optional().describe('a campaign (definition) id') });

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

const exposedOn = (iso: string): string => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function exposurePage(entries: PublicExposure[]): string {
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

export const exposureRoutes: FastifyPluginAsyncZod<{ recordsDir?: string }> = async (app, options) => {
  const store = options.recordsDir ? createFileRecordStore(options.recordsDir) : undefined;
  const exposures = (campaignId: string | undefined): Promise<PublicExposure[]> => {
    // Without the activities' records folder there is nothing true to publish; say so rather than show an empty list.
    if (!store) throw httpError(503, 'The exposure list is not configured (no records folder)');
    return listPublicExposures(store, campaignId ? { campaignId } : {});
  };

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
};
