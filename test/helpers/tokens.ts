/** Bearer tokens for an API running in another process (the main job), signed as `npm run token` signs them. */
import Fastify from 'fastify';
import type { Principal } from '../../server/auth/principal.schema';
import { authPlugin } from '../../server/plugins/auth.plugin';
import { rateLimitPlugin } from '../../server/plugins/rate-limit.plugin';

export async function tokenSigner(secret: string): Promise<(principal: Principal) => { authorization: string }> {
  const signer = Fastify();
  await signer.register(rateLimitPlugin);
  await signer.register(authPlugin, { secret });
  await signer.ready();
  return (principal) => ({ authorization: `Bearer ${signer.signToken(principal)}` });
}
