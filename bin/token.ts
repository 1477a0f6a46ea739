/**
 * Issues an API bearer token, signed with the secret the API verifies with (API_TOKEN_SECRET, or
 * the main job's data/api-token-secret), through the API's own auth plugin.
 *
 *   npm run token -- --role operator --jurisdiction CN/tianjin --sub 张三 [--unit school-7] [--days 30]
 */
import Fastify from 'fastify';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Principal } from '../server/auth/principal.schema';
import { loadTokenSecret } from '../server/auth/token-secret';
import { authPlugin } from '../server/plugins/auth.plugin';
import { rateLimitPlugin } from '../server/plugins/rate-limit.plugin';

const repositoryRoot = resolve(import.meta.dirname, '..');

const USAGE = 'usage: npm run token -- --role author|operator|unit --jurisdiction CN/tianjin --sub 张三 [--unit school-7] [--days 30]';

const Days = z.coerce.number().int().min(1).max(366);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      jurisdiction: { type: 'string' },
      sub: { type: 'string' },
      unit: { type: 'string' },
      days: { type: 'string', default: '30' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const principal = Principal.safeParse({ sub: values.sub, role: values.role, jurisdiction: values.jurisdiction, unitId: values.unit });
  const days = Days.safeParse(values.days);
  if (!principal.success || !days.success) {
    const issues = [...(principal.error?.issues ?? []), ...(days.error?.issues.map((i) => ({ ...i, path: ['days'] })) ?? [])];
    const option = (field: PropertyKey | undefined): string => (field === 'unitId' ? 'unit' : String(field ?? ''));
    throw new Error(`${issues.map((i) => `--${option(i.path[0])}: ${i.message}`).join('; ')}\n${USAGE}`);
  }
  const app = Fastify({ logger: false });
  await app.register(rateLimitPlugin);
  await app.register(authPlugin, { secret: loadTokenSecret(process.env, resolve(repositoryRoot, 'data/api-token-secret')) });
  await app.ready();
  // The token is the program's output: printed alone, so `TOKEN=$(npm run -s token -- …)` works.
  console.log(app.signToken(principal.data, `${days.data}d`));
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
